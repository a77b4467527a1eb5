  // A short tour: a numbered DOM marker per visit, a circle for the others, an arrow per leg. Legs of
  // separate trips are told apart by colour and dash; there is no leg between two trips.
  /* global map, data, ids, roles, ns, F, role, radius, circleStyle, tripColor, tripDash, tipHtml, popHtml, popupOptions, selectNow, reportClick */
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
      var mid = [(leg.a[0] + leg.b[0]) / 2, (leg.a[1] + leg.b[1]) / 2];
      var arrow = L.marker(mid, {interactive: false, keyboard: false, icon: L.divIcon({
        className: "tour-arrow-icon", iconSize: [18, 18], iconAnchor: [9, 9],
        html: '<div class="tour-arrow" style="color: ' + color + "; transform: rotate(" + leg.deg + 'deg)">&#10148;</div>'
      })}).addTo(map);
      legLayers.push([line._path, arrow._icon, leg.s]);
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

    // Numbered stops that would cover one another at this zoom are spread on a small circle around
    // where they are, each joined to its true place by a leader line: every number stays readable
    // and clickable. Only the icon moves (its margins): the marker, its place and its click do not.
    var GAP = 30;  // px: icons are 28 px wide
    function groups() {
      var items = ids.map(function (id, i) {
        return markers[id]._icon ? {i: i, p: map.latLngToLayerPoint([data.lat[i], data.lng[i]])} : null;
      }).filter(Boolean);
      var out = [];
      items.forEach(function (item) {
        var near = out.filter(function (g) {
          return g.some(function (o) { return o.p.distanceTo(item.p) < GAP; });
        });
        var merged = [item];
        near.forEach(function (g) { merged = merged.concat(g); out.splice(out.indexOf(g), 1); });
        out.push(merged);
      });
      return out;
    }
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
      groups().forEach(function (g) {
        if (g.length === 1) { place(g[0].i, 0, 0); return; }
        var cx = 0, cy = 0;
        g.forEach(function (o) { cx += o.p.x / g.length; cy += o.p.y / g.length; });
        var r = Math.max(GAP, GAP * g.length / (2 * Math.sin(Math.PI / g.length)) / 2 + 4);
        g.sort(function (a, b) { return data.n[a.i] - data.n[b.i]; }).forEach(function (o, k) {
          var angle = -Math.PI / 2 + (2 * Math.PI * k) / g.length;
          place(o.i, Math.round(cx + r * Math.cos(angle) - o.p.x), Math.round(cy + r * Math.sin(angle) - o.p.y));
        });
      });
      ns.spreadAt = map.getZoom();
    }
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
        legLayers.forEach(function (leg) {
          var shown = !phase[leg[2][0]] && !phase[leg[2][1]] ? "" : "hidden";
          leg[0].style.visibility = shown;
          leg[1].style.visibility = shown;
        });
      }
    };
  }
