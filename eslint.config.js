// ESLint for the dashboard's browser scripts (dashboard/**/*.js), run by .ci/run: `npx eslint dashboard`.
//
// The scripts are plain ES2017 scripts, not modules: browsers run them as <script> elements, Leaflet
// (L) among the page's globals. The route map's layer is one function assembled from several files
// (dashboard/render/maps.py puts each part into dashboard/render/assets/tour_layer.js at its mark, and
// tour_layer.js.j2 wraps the whole in a function that declares its inputs). Each file is linted on
// its own: a `/* global ... */` comment at its top names what it uses from the layer's other files,
// and `/* exported ... */` what it gives them, so a misspelt or forgotten name still fails here.
// The .j2 templates are not JavaScript: they only wrap these files and hold JSON (see maps.py).
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {ignores: ["node_modules/**", "**/.venv/**"]},
  js.configs.recommended,
  {
    files: ["dashboard/**/*.js"],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: "script",
      globals: {...globals.browser, L: "readonly"},
    },
    linterOptions: {reportUnusedDisableDirectives: "error"},
    rules: {
      "eqeqeq": ["error", "always"],
      "no-unused-vars": ["error", {caughtErrors: "none"}],  // a catch that only means "not here"
      "no-implicit-globals": "off",  // the layer's files share one function's scope (see above)
      "no-shadow": "error",
      "no-use-before-define": ["error", {functions: false, variables: true}],
      "no-var": "off",  // ES5-style var throughout, as Leaflet's own examples
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: {sourceType: "commonjs", globals: globals.node},
  },
];
