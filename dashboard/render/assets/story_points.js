// A long tour's stops in the story file (more than map_data.MANY_STOPS): one canvas layer draws every
// step's place, as the route map's tour_points.js does, instead of a DOM marker each: thousands of
// those made every step, pan and zoom of the story slow. Circles without numbers (the step's heading
// says which stop it is); the current step's circle is drawn last, larger, and named beside it.
/* exported storyPoints */
// ``map``: the Leaflet map; ``steps``: the story's steps ({at} per step, null where it has no place);
// ``go(i)``: opens step i (a circle clicked). Returns the layer: ``current`` is the step marked.
function storyPoints(map, steps, go) {
  var STYLES = {
    stop: {r: 6, fill: "#0072B2", line: "#ffffff", weight: 2},
    current: {r: 10, fill: "#E69F00", line: "#000000", weight: 3}
  };
  var shown = [];  // the index of each step drawn
  steps.forEach(function (step, i) { if (step.at) { shown.push(i); } });

  // Each style's circle drawn once on a small canvas of its own, then stamped at every stop.
  function stamp(style) {
    var half = style.r + style.weight, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = Math.ceil(2 * half * ratio);
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(half, half, style.r, 0, Math.PI * 2);
    ctx.fillStyle = style.fill;
    ctx.fill();
    ctx.lineWidth = style.weight;
    ctx.strokeStyle = style.line;
    ctx.stroke();
    return {canvas: canvas, half: half};
  }
  var stamps = {stop: stamp(STYLES.stop), current: stamp(STYLES.current)};

  var StoryPoints = L.Path.extend({
    options: {interactive: true, bubblingMouseEvents: false},

    initialize: function (renderer) {
      L.setOptions(this, {renderer: renderer});
      this.steps = shown;
      this.current = -1;
      this.drawn = 0;
      this._x = new Float64Array(shown.length);
      this._y = new Float64Array(shown.length);
      this._hit = -1;
    },

    _project: function () {
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var k = 0; k < shown.length; k++) {
        var p = this._map.latLngToLayerPoint(steps[shown[k]].at);
        this._x[k] = p.x; this._y[k] = p.y;
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
      }
      var pad = STYLES.current.r + STYLES.current.weight;
      this._pxBounds = shown.length ? L.bounds([minX - pad, minY - pad], [maxX + pad, maxY + pad]) : null;
    },

    _update: function () { if (this._map) { this._updatePath(); } },
    _updatePath: function () { this._renderer._drawStoryPoints(this); },
    _empty: function () { return !shown.length; },

    // The stop under the pointer: the nearest one within its circle (plus a little slack).
    _containsPoint: function (p) {
      var best = -1, bestD = Infinity;
      for (var k = 0; k < shown.length; k++) {
        var r = (shown[k] === this.current ? STYLES.current.r : STYLES.stop.r) + 3;
        var dx = this._x[k] - p.x, dy = this._y[k] - p.y, d = dx * dx + dy * dy;
        if (d <= r * r && d < bestD) { best = k; bestD = d; }
      }
      this._hit = best;
      return best >= 0;
    },

    redraw: function () { if (this._renderer) { this._renderer._requestRedraw(this); } return this; }
  });

  L.Canvas.include({
    // The stops in view, the current one last so that it sits on top.
    _drawStoryPoints: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var ctx = this._ctx, box = this._bounds, drawn = 0, last = -1;
      for (var k = 0; k < shown.length; k++) {
        var x = layer._x[k], y = layer._y[k];
        if (x < box.min.x - 12 || x > box.max.x + 12 || y < box.min.y - 12 || y > box.max.y + 12) { continue; }
        if (shown[k] === layer.current) { last = k; continue; }
        ctx.drawImage(stamps.stop.canvas, x - stamps.stop.half, y - stamps.stop.half);
        drawn++;
      }
      if (last >= 0) {
        var s = stamps.current;
        ctx.drawImage(s.canvas, layer._x[last] - s.half, layer._y[last] - s.half);
        drawn++;
      }
      layer.drawn = drawn;
    }
  });

  var points = new StoryPoints(L.canvas({padding: 0.5})).addTo(map);
  var headings = document.querySelectorAll(".story-step[data-step] h2");
  // The step's heading ("7. Lima") as plain text (textContent), never parsed as markup.
  function title(i) {
    var heading = headings[i];
    var label = document.createElement("span");
    label.textContent = heading ? heading.textContent : "";
    return label;
  }
  var hover = L.tooltip({direction: "top", offset: [0, -8]});
  var named = L.tooltip({permanent: true, direction: "right", offset: [12, 0], className: "story-current"});
  points.on("mousemove", function () {
    if (points._hit < 0) { return; }
    var i = shown[points._hit];
    hover.setLatLng(steps[i].at).setContent(title(i));
    map.openTooltip(hover);
  });
  points.on("mouseout", function () { map.closeTooltip(hover); });
  points.on("click", function () {
    if (points._hit >= 0) { map.closeTooltip(hover); go(shown[points._hit]); }
  });
  // Marks step i's place (none for a step without one) and names it beside its circle.
  points.mark = function (i) {
    points.current = i;
    points.redraw();
    map.closeTooltip(named);
    if (i >= 0 && steps[i].at) { named.setLatLng(steps[i].at).setContent(title(i)); map.openTooltip(named); }
  };
  return points;
}
