  // A short tour: a numbered DOM marker per visit, a circle for the others, an arrow per leg. Legs of
  // separate trips are told apart by colour and dash; there is no leg between two trips.
  /* global map, data, ids, roles, ns, F, spreadOffsets, role, radius, circleStyle, tripColor, tripDash, tipHtml, popHtml, popupOptions, selectNow, reportClick */
  /* exported fewView */
  function fewView() {
    var markers = {}, leaders = {}, legLayers = [];
    // What each stop shows: the selection and the filters (tourApplyState), and the playback's phase
    // (tour_playback.js; 0 as now, 1 not reached yet, 2 only planned so far, 3 within its month).
    var now = {selected: -1, dim: new Uint8Array(ids.length), phase: new Uint8Array(ids.length)};
    function hidden(i) { return now.phase[i] === 1 && i !== now.selected ? "hidden" : ""; }
    function numberIcon(i) {
      return L.divIcon({
        className: "tour-icon", iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -14], tooltipAnchor: [14, 0],
        html: '<div class="tour-num" data-place="' + ids[i] + '">' + data.n[i] + "</div>"
      });
    }
    data.legs.forEach(function (leg) {
      var color = tripColor(leg.trip);
      var line = L.polyline([leg.a, leg.b], {color: color, weight: 3, opacity: 0.8, dashArray: tripDash(leg.trip), interactive: false})
        .addTo(map);
      var arrow = L.marker(leg.a, {interactive: false, keyboard: false, icon: L.divIcon({
        className: "tour-arrow-icon", iconSize: [18, 18], iconAnchor: [9, 9],
        html: '<div class="tour-arrow" style="color: ' + color + "; transform: rotate(" + leg.deg + 'deg)">&#10148;</div>'
      })}).addTo(map);
      legLayers.push({line: line, arrow: arrow, leg: leg});
    });
    ids.forEach(function (id, i) {
      var marker;
      if (roles.charAt(i) === F.role.visit && data.n[i]) {
        marker = L.marker([data.lat[i], data.lng[i]], {icon: numberIcon(i), title: "", riseOnHover: true});
      } else {
        var style = circleStyle(role(i), false, false);
        style.radius = radius(i);
        marker = L.circleMarker([data.lat[i], data.lng[i]], style);
      }
      // "auto": the tooltip opens on the side of the stop that faces the map's middle, inside the map.
      marker.bindTooltip(function () { return tipHtml(i); }, {direction: "auto"})
        .bindPopup(function () { return popHtml(i); }, popupOptions())
        .on("click", function () { selectNow(i); reportClick(); }).addTo(map);
      markers[id] = marker;
    });
    ns.markers = markers;
    // A card never outgrows the map: its size follows the map's.
    map.on("resize", function () {
      ids.forEach(function (id) { L.setOptions(markers[id].getPopup(), popupOptions()); });
    });

    // Numbered stops that would cover one another at this zoom are spread apart (spread.js); only
    // the icon moves (its margins): the marker, its place and its click do not.
    var GAP = 30;  // px: icons are 28 px wide
    function place(i, dx, dy) {
      var icon = markers[ids[i]]._icon;
      icon.style.marginLeft = (dx - 14) + "px";
      icon.style.marginTop = (dy - 14) + "px";
      var from = L.latLng(data.lat[i], data.lng[i]);
      if (!dx && !dy) {
        if (leaders[i]) { map.removeLayer(leaders[i]); delete leaders[i]; }
        return;
      }
      var to = map.layerPointToLatLng(map.latLngToLayerPoint(from).add([dx, dy]));
      if (leaders[i]) { leaders[i].setLatLngs([from, to]); return; }
      leaders[i] = L.polyline([from, to], {color: "#333", weight: 1.5, opacity: 0.8, interactive: false}).addTo(map);
      leaders[i]._path.style.visibility = hidden(i);
    }
    function spread() {
      var items = ids.map(function (id, i) {
        return markers[id]._icon ? {i: i, n: data.n[i], p: map.latLngToLayerPoint([data.lat[i], data.lng[i]])} : null;
      }).filter(Boolean);
      var offsets = spreadOffsets(items, GAP);
      Object.keys(offsets).forEach(function (i) { place(Number(i), offsets[i][0], offsets[i][1]); });
      ns.spreadAt = map.getZoom();
      routeLegs();
    }

    // A leg is straight, unless it would pass under the number of a stop it does not join: a reader
    // would take it for a leg through that stop. It is then bent, a little to one side or the other,
    // just enough to clear every such number (checked in screen pixels, at each zoom). Its arrow sits
    // halfway along it as drawn, pointing along it.
    // Each stop's mark as drawn (a number where the spread put it, or a circle), with how near a
    // leg may pass its centre: its radius and a little more.
    function marks(except) {
      var out = [];
      ids.forEach(function (id, i) {
        var m = markers[id], el = m._icon || m._path;
        if (except.indexOf(i) >= 0 || !el || el.style.visibility === "hidden") { return; }
        var p = map.latLngToLayerPoint([data.lat[i], data.lng[i]]);
        if (m._icon) { p = p.add([parseFloat(el.style.marginLeft) + 14 || 0, parseFloat(el.style.marginTop) + 14 || 0]); }
        out.push({p: p, clear: m._icon ? 16 : radius(i) + 3});
      });
      return out;
    }
    function curve(a, b, bend, k) {  // a point k (0..1) along a quadratic curve bent by ``bend`` px
      var m = a.add(b).divideBy(2), d = b.subtract(a), len = Math.max(1, a.distanceTo(b));
      var c = m.add(L.point(-d.y / len, d.x / len).multiplyBy(2 * bend));  // the control point
      return a.multiplyBy((1 - k) * (1 - k)).add(c.multiplyBy(2 * k * (1 - k))).add(b.multiplyBy(k * k));
    }
    function clears(a, b, bend, points) {
      for (var k = 1; k < 24; k++) {
        var p = curve(a, b, bend, k / 24);
        if (points.some(function (q) { return q.p.distanceTo(p) < q.clear; })) { return false; }
      }
      return true;
    }
    function routeLegs() {
      legLayers.forEach(function (item) {
        var a = map.latLngToLayerPoint(item.leg.a), b = map.latLngToLayerPoint(item.leg.b);
        var points = marks(item.leg.s), len = a.distanceTo(b), bend = 0;
        var tries = [0, 0.08, -0.08, 0.16, -0.16, 0.24, -0.24, 0.32, -0.32].map(function (f) { return f * len; });
        bend = tries.filter(function (t) { return clears(a, b, t, points); })[0] || 0;
        var path = [item.leg.a];
        if (bend) { for (var k = 1; k < 16; k++) { path.push(map.layerPointToLatLng(curve(a, b, bend, k / 16))); } }
        path.push(item.leg.b);
        item.line.setLatLngs(path);
        var mid = curve(a, b, bend, 0.5), ahead = curve(a, b, bend, 0.52);
        item.arrow.setLatLng(map.layerPointToLatLng(mid));
        var deg = Math.atan2(ahead.y - mid.y, ahead.x - mid.x) * 180 / Math.PI;
        item.arrow._icon.firstChild.style.transform = "rotate(" + deg + "deg)";
        item.bend = bend;
      });
    }
    ns.legs = legLayers;
    spread();
    map.on("zoomend", spread);

    function paint(i) {
      var marker = markers[ids[i]], sel = i === now.selected, dim = now.dim[i];
      var phase = now.phase[i] === 1 && sel ? 2 : now.phase[i];  // a stop chosen before it is reached shows hollow
      var el = marker._icon || marker._path;
      if (el) { el.style.visibility = hidden(i); }
      if (leaders[i]) { leaders[i]._path.style.visibility = hidden(i); }
      if (marker.setStyle) {
        var style = circleStyle(role(i), sel, dim);
        if (phase > 1) { style.dashArray = "4 3"; style.fillOpacity = phase === 2 ? 0 : 0.3; }
        marker.setStyle(style);
        if (sel) { marker.bringToFront(); }
      } else if (marker._icon) {
        var num = marker._icon.firstChild;
        num.classList.toggle("tour-num-sel", sel);
        num.classList.toggle("tour-dim", !!dim);
        num.classList.toggle("tour-planned", phase === 2);
        num.classList.toggle("tour-month", phase === 3);
        marker.setZIndexOffset(sel ? 1000 : 0);
      }
    }
    function paintAll() { for (var i = 0; i < ids.length; i++) { paint(i); } }

    return {
      restyle: function (selected, dim) { now.selected = selected; now.dim = dim; paintAll(); },
      // A leg shows once both its stops are reached.
      play: function (phase) {
        now.phase = phase;
        paintAll();
        legLayers.forEach(function (item) {
          var shown = !phase[item.leg.s[0]] && !phase[item.leg.s[1]] ? "" : "hidden";
          item.line._path.style.visibility = shown;
          item.arrow._icon.style.visibility = shown;
        });
      }
    };
  }
