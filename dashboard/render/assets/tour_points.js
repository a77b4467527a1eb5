  // A long tour: every stop drawn by one canvas layer in one pass, instead of one Leaflet object
  // per stop (thousands of those were slow to build and restyle). It plugs into
  // Leaflet's canvas renderer, which pans, zooms and redraws it like any other path.
  /* global map, data, ids, roles, ns, role, radius, circleStyle, tripColor, tripDash, tipHtml, popHtml, popupOptions, selectNow, reportClick */
  /* exported manyView */
  var TourPoints = L.Path.extend({
    options: {interactive: true, bubblingMouseEvents: false},

    initialize: function (renderer) {
      L.setOptions(this, {renderer: renderer});
      this._x = new Float64Array(ids.length);
      this._y = new Float64Array(ids.length);
      this._hit = -1;
      this.selected = -1;
      this.dim = new Uint8Array(ids.length);
      this.phase = new Uint8Array(ids.length);  // the playback's (tour_playback.js): 1 not reached yet
    },
    _shown: function (i) { return this.phase[i] !== 1 || i === this.selected; },

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
        if (!this._shown(i)) { continue; }
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

  // Each style's circle is drawn once, on a small canvas of its own, and stamped at every stop:
  // a copy of a few pixels each. Filling one path of thousands of circles instead was several
  // times slower in a browser without a GPU (Chromium's software rasteriser), on every restyle.
  var stamps = {};
  // ``later``: only planned so far, or within its month: hollow and dashed.
  function stamp(i, sel, dim, later) {
    var key = roles.charAt(i) + (sel ? "s" : (dim ? "d" : "n")) + (later ? "p" : "");
    if (stamps[key]) { return stamps[key]; }
    var style = circleStyle(role(i), sel, dim), r = radius(i);
    if (later) { style.fillOpacity = 0.15; style.dashArray = "3 3"; }
    var half = r + Math.ceil(style.weight / 2) + 1, ratio = window.devicePixelRatio || 1;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = Math.ceil(2 * half * ratio);
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    ctx.arc(half, half, r, 0, Math.PI * 2);
    ctx.globalAlpha = style.fillOpacity;
    ctx.fillStyle = style.fillColor;
    ctx.fill();
    ctx.globalAlpha = style.opacity;
    ctx.lineWidth = style.weight;
    ctx.strokeStyle = style.color;
    ctx.setLineDash(style.dashArray ? [3, 3] : []);
    ctx.stroke();
    return (stamps[key] = {canvas: canvas, half: half});
  }

  L.Canvas.include({
    // Dimmed stops first, then the others, the selected one last, so the ones in view sit on top.
    _drawTourPoints: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var ctx = this._ctx, box = this._bounds, drawn = 0;
      [1, 0, 2].forEach(function (pass) {  // 1: dimmed, 0: normal, 2: selected
        for (var i = 0; i < ids.length; i++) {
          var sel = i === layer.selected, x = layer._x[i], y = layer._y[i];
          if ((sel ? 2 : layer.dim[i]) !== pass || !layer._shown(i)) { continue; }
          if (x < box.min.x - 10 || x > box.max.x + 10 || y < box.min.y - 10 || y > box.max.y + 10) { continue; }
          var s = stamp(i, sel, layer.dim[i] === 1, layer.phase[i] > 0);
          ctx.drawImage(s.canvas, x - s.half, y - s.half, 2 * s.half, 2 * s.half);
          drawn++;
        }
      });
      layer.drawn = drawn;
    }
  });

  function manyView() {
    // The route has a canvas of its own, under the stops': a restyle redraws the stops only.
    // (Sharing one, every restyle also stroked the whole route again.)
    // One line per trip (separate trips are not joined), all on that canvas.
    var routeCanvas = L.canvas({padding: 0.5});
    function line(segment, phase) {
      return segment.filter(function (i) { return !phase || !phase[i]; }).map(function (i) { return [data.lat[i], data.lng[i]]; });
    }
    var lines = data.route.map(function (segment, k) {
      return L.polyline(line(segment), {color: tripColor(k), dashArray: tripDash(k), weight: 2, opacity: 0.6, interactive: false,
        renderer: routeCanvas}).addTo(map);
    });
    var renderer = L.canvas({padding: 0.5});
    var points = new TourPoints(renderer).addTo(map);
    var tip = L.tooltip({direction: "auto", offset: [8, 0]}), shown = -1;
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
      L.popup(popupOptions({offset: [0, -radius(e.tourIndex)]}))
        .setLatLng(e.latlng).setContent(popHtml(e.tourIndex)).openOn(map);
      selectNow(e.tourIndex);
      reportClick();
    });
    ns.points = points;
    return {
      restyle: function (selected, dim) { points.selected = selected; points.dim = dim; points.redraw(); },
      // Each trip's line runs through the stops reached so far.
      play: function (phase) {
        points.phase = phase;
        points.redraw();
        data.route.forEach(function (segment, k) { lines[k].setLatLngs(line(segment, phase)); });
      }
    };
  }
