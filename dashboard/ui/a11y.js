// Names each chart for screen readers: a figure labelled by the bold name at the start of the
// caption kept with it in its "chart-" container, and described by the caption's summary.
// Streamlit redraws the page without reloading it, so it watches for new charts.
(function () {
  if (window.tourChartNames) { return; }
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
  var queued = false;
  window.tourChartNames = new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; name(); });
  });
  window.tourChartNames.observe(document.body, {childList: true, subtree: true});
  name();
})();
