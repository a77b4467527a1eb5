// Names each chart for screen readers: a figure labelled by the bold name at the start of the
// caption kept with it in its "chart-" container, and described by the caption's summary.
// Streamlit redraws the page without reloading it, so it watches for new charts and tables.
(function () {
  var ns = window.tourDashboard = window.tourDashboard || {};
  if (ns.chartNames) { return; }
  var count = 0;
  function name() {
    document.querySelectorAll('[class*="st-key-chart-"]').forEach(function (box) {
      var chart = box.querySelector('[data-testid="stPlotlyChart"]');
      var caption = box.querySelector('[data-testid="stCaptionContainer"]');
      var title = caption && caption.querySelector("strong");
      if (!chart || !title) { return; }
      if (!caption.id) { caption.id = "tour-chart-summary-" + (++count); }
      if (!title.id) { title.id = caption.id + "-name"; }
      chart.setAttribute("role", "figure");
      chart.setAttribute("aria-labelledby", title.id);
      chart.setAttribute("aria-describedby", caption.id);
    });
  }
  // A table wider than the screen scrolls sideways: it takes a Tab stop, so keys can scroll it.
  function scrollers() {
    document.querySelectorAll('[data-testid="stMarkdownContainer"] table').forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) { table.tabIndex = 0; } else { table.removeAttribute("tabindex"); }
    });
  }
  window.addEventListener("resize", scrollers);
  // The story page: ← and → press its Previous and Next buttons, unless a field, a list or a
  // slider has the keys (they move its own value there) or a modifier is held (browser history).
  document.addEventListener("keydown", function (event) {
    var which = {ArrowLeft: "story_prev", ArrowRight: "story_next"}[event.key];
    var target = event.target;
    if (!which || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) { return; }
    if (target && target.closest && target.closest('input, textarea, select, [contenteditable="true"], [role="slider"], [role="combobox"], [role="listbox"], [role="radiogroup"], [role="tablist"]')) { return; }
    var button = document.querySelector(".st-key-" + which + " button");
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
  var queued = false;
  ns.chartNames = new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; name(); scrollers(); });
  });
  ns.chartNames.observe(document.body, {childList: true, subtree: true});
  name();
  scrollers();
})();
