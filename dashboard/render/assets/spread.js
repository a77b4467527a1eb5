// Numbered stops that would cover one another at the map's zoom are spread on a small circle around
// where they are (each then joined to its true place by a leader line): every number stays readable
// and clickable. Shared by the route map (tour_few.js) and the story file's map (story_export_map.js).
/* exported spreadOffsets */
// ``items``: [{i, p, n}] (an index, its point in pixels, its number); ``gap``: the pixels two numbers
// need. Returns each index's offset [dx, dy] in pixels, [0, 0] for a number with room of its own.
function spreadOffsets(items, gap) {
  var groups = [];
  items.forEach(function (item) {
    var near = groups.filter(function (g) {
      return g.some(function (o) { return o.p.distanceTo(item.p) < gap; });
    });
    var merged = [item];
    near.forEach(function (g) { merged = merged.concat(g); groups.splice(groups.indexOf(g), 1); });
    groups.push(merged);
  });
  var offsets = {};
  groups.forEach(function (g) {
    if (g.length === 1) { offsets[g[0].i] = [0, 0]; return; }
    var cx = 0, cy = 0;
    g.forEach(function (o) { cx += o.p.x / g.length; cy += o.p.y / g.length; });
    var r = Math.max(gap, gap * g.length / (2 * Math.sin(Math.PI / g.length)) / 2 + 4);
    g.sort(function (a, b) { return a.n - b.n; }).forEach(function (o, k) {
      var angle = -Math.PI / 2 + (2 * Math.PI * k) / g.length;
      offsets[o.i] = [Math.round(cx + r * Math.cos(angle) - o.p.x), Math.round(cy + r * Math.sin(angle) - o.p.y)];
    });
  });
  return offsets;
}
