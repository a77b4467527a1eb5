// The story page's step on the app's map (dashboard.render.story_map.StoryFocus): the body of a function
// that story_focus.js.j2 wraps and gives ``step`` ({stop, zoom}). Selects the step's stop and flies to
// it, or back to the whole route (tour_layer.js frames both); a jump for readers who ask for reduced motion.
/* global step */
var ns = window.tourDashboard || {}, map = ns.map;
if (map && ns.frameRoute) {
  ns.applyState && ns.applyState({selected: step.stop, visible: null});
  var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var data = ns.data || {}, i = data.ids ? data.ids.indexOf(step.stop) : -1;
  // The map's own framing: the stop at its zoom, or the whole route fitted with room for the
  // controls (as the map is first drawn), fitted again if the frame changes size.
  if (i >= 0) { ns.frameStop(i, step.zoom, !still); } else { ns.frameRoute(!still); }
  ns.storyStop = step.stop;
}
