// The story page's step on the app's map (dashboard.render.story_map.StoryFocus): the body of a function
// that story_focus.js.j2 wraps and gives ``step`` ({stop, zoom}). Selects the step's stop and flies to
// it, or back to the whole route; a jump for readers who ask for reduced motion.
/* global step */
var ns = window.tourDashboard || {}, map = ns.map;
if (map) {
  ns.applyState && ns.applyState({selected: step.stop, visible: null});
  var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var data = ns.data || {}, i = data.ids ? data.ids.indexOf(step.stop) : -1;
  var whole = data.bounds;
  // Where the map draws the stop (its longitude moved by whole turns, like every other).
  var at = i >= 0 ? [data.lat[i], data.lng[i]] : null;
  if (at) { still ? map.setView(at, step.zoom) : map.flyTo(at, step.zoom, {duration: 1}); }
  else if (whole) { still ? map.fitBounds(whole) : map.flyToBounds(whole, {duration: 1}); }
  ns.storyStop = step.stop;
}
