  // A long tour: every stop drawn by one canvas layer in one pass, instead of one Leaflet object
  // per stop (10,000 of those took most of a second to build and restyle). It plugs into
  // Leaflet's canvas renderer, which pans, zooms and redraws it like any other path.
  var TourPoints = L.Path.extend({
    options: {interactive: true, bubblingMouseEvents: false},

    initialize: function (renderer) {
      L.setOptions(this, {renderer: renderer});
      this._x = new Float64Array(ids.length);
      this._y = new Float64Array(ids.length);
      this._hit = -1;
      this.selected = -1;
      this.dim = new Uint8Array(ids.length);
    },

    _project: function () {
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (var i = 0; i < ids.length; i++) {
        var p = this._map.latLngToLayerPoint([data.lat[i], data.lng[i]]);
        this._x[i] = p.x; this._y[i] = p.y;
        minX = Math.min(minX, p.x); minY = Math.min(minY, p.y);
        maxX = Math.max(maxX, p.x); maxY = Math.max(maxY, p.y);
      }
      this._pxBounds = ids.length ? L.bounds([minX - 12, minY - 12], [maxX + 12, maxY + 12]) : null;
    },

    _update: function () { if (this._map) { this._updatePath(); } },
    _updatePath: function () { this._renderer._drawTourPoints(this); },
    _empty: function () { return !ids.length; },

    // The stop under the mouse: the nearest one within its radius (plus a little slack).
    _containsPoint: function (p) {
      var best = -1, bestD = Infinity;
      for (var i = 0; i < ids.length; i++) {
        var dx = this._x[i] - p.x, dy = this._y[i] - p.y, d = dx * dx + dy * dy, r = radius(i) + 3;
        if (d <= r * r && d < bestD) { best = i; bestD = d; }
      }
      this._hit = best;
      return best >= 0;
    },

    // Events carry the stop's own position, as a marker's would: st_folium reports that point
    // to the app, which finds the stop by it.
    fire: function (type, event, propagate) {
      if (event && event.latlng && this._hit >= 0) {
        event.latlng = L.latLng(data.lat[this._hit], data.lng[this._hit]);
        event.tourIndex = this._hit;
      }
      return L.Path.prototype.fire.call(this, type, event, propagate);
    },

    redraw: function () { if (this._renderer) { this._renderer._requestRedraw(this); } return this; }
  });

  L.Canvas.include({
    // Dimmed stops first, then the others, the selected one last: one canvas path per style.
    _drawTourPoints: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var ctx = this._ctx, box = this._bounds, drawn = 0;
      var inView = function (i) {
        return layer._x[i] > box.min.x - 10 && layer._x[i] < box.max.x + 10 &&
          layer._y[i] > box.min.y - 10 && layer._y[i] < box.max.y + 10;
      };
      ["o", "v", "d"].forEach(function (code) {
        [1, 0, 2].forEach(function (pass) {  // 1: dimmed, 0: normal, 2: selected
          var style = null;
          ctx.beginPath();
          for (var i = 0; i < ids.length; i++) {
            var sel = i === layer.selected, kind = sel ? 2 : layer.dim[i];
            if (roles.charAt(i) !== code || kind !== pass || !inView(i)) { continue; }
            var r = radius(i);
            ctx.moveTo(layer._x[i] + r, layer._y[i]);
            ctx.arc(layer._x[i], layer._y[i], r, 0, Math.PI * 2);
            style = style || circleStyle(role(i), sel, layer.dim[i] === 1);
            drawn++;
          }
          if (!style) { return; }
          ctx.globalAlpha = style.fillOpacity;
          ctx.fillStyle = style.fillColor;
          ctx.fill();
          ctx.globalAlpha = style.opacity;
          ctx.lineWidth = style.weight;
          ctx.strokeStyle = style.color;
          ctx.setLineDash(style.dashArray ? [3, 3] : []);
          ctx.stroke();
        });
      });
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
      layer.drawn = drawn;
    }
  });

  function manyView() {
    var renderer = L.canvas({padding: 0.5});
    if (data.route.length > 1) {
      var line = data.route.map(function (i) { return [data.lat[i], data.lng[i]]; });
      L.polyline(line, {color: c.leg, weight: 2, opacity: 0.6, interactive: false, renderer: renderer}).addTo(map);
    }
    var points = new TourPoints(renderer).addTo(map);
    var tip = L.tooltip({direction: "right", offset: [8, 0]}), shown = -1;
    points.on("mousemove", function (e) {
      if (e.tourIndex === undefined || e.tourIndex === shown) { return; }
      shown = e.tourIndex;
      tip.setLatLng(e.latlng).setContent(tipHtml(shown));
      map.openTooltip(tip);
    });
    points.on("mouseout", function () { shown = -1; map.closeTooltip(tip); });
    points.on("click", function (e) {
      if (e.tourIndex === undefined) { return; }
      map.closeTooltip(tip);
      L.popup({maxWidth: 360, offset: [0, -radius(e.tourIndex)]})
        .setLatLng(e.latlng).setContent(popHtml(e.tourIndex)).openOn(map);
      reportClick();
    });
    window.tourPoints = points;
    return {
      restyle: function (selected, dim) { points.selected = selected; points.dim = dim; points.redraw(); }
    };
  }
