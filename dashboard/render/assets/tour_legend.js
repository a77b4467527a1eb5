  // The legend: a button that folds it away, in a corner of the map where it covers no stop (see
  // placeLegend). Controls sit above every pane, popups included, so it also steps aside while a
  // popup is open.
  /* global map, data, ids, ns, c, words, radius, tripColor, tripDash */
  var CORNERS = ["bottomleft", "topright", "bottomright", "topleft"];
  var legend = L.control({position: "bottomleft"});
  var legendDiv = null;
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "tour-legend");
    var swatch = {
      origin: '<span class="sw" style="background:' + c.origin + ';border-radius:50%"></span>',
      visit: data.many
        ? '<span class="sw" style="background:' + c.visit + ';border-radius:50%"></span>'
        : '<span class="sw tour-num" style="width:16px;height:16px;line-height:14px;font-size:10px;border-width:1px">1</span>',
      discussed: '<span class="sw" style="border:2px dashed ' + c.discussed + ';border-radius:50%;background:#fff"></span>',
      border_pair: '<span class="sw" style="border-top:3px dashed ' + c.pair + ';height:0;margin-top:7px"></span>',
      leg: '<span class="sw" style="border-top:3px solid ' + c.leg + ';height:0;margin-top:7px"></span>'
    };
    function tripSwatch(k) {
      var dash = tripDash(k) ? "dashed" : "solid";
      return '<span class="sw" style="border-top:3px ' + dash + " " + tripColor(k) + ';height:0;margin-top:7px"></span>';
    }
    var rows = data.legend.map(function (row) {
      var sw = row.kind === "trip" ? tripSwatch(row.trip) : swatch[row.kind];
      return '<div class="row">' + sw + "<span>" + row.label + "</span></div>";
    });
    div.innerHTML = '<button type="button" aria-expanded="true">' + data.legendTitle + "</button>" +
      '<div class="body">' + rows.join("") + "</div>";
    var button = div.firstChild, body = div.lastChild;
    button.addEventListener("click", function () { setOpen(body.hidden); });
    function setOpen(open) {
      body.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.title = open ? words.hide_legend : words.show_legend;
    }
    div.tourSetOpen = setOpen;
    setOpen(true);
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    map.on("popupopen", function () { div.classList.add("tour-legend-away"); });
    map.on("popupclose", function () { div.classList.remove("tour-legend-away"); });
    legendDiv = div;
    return div;
  };
  legend.addTo(map);

  // Where the legend goes: a corner where it covers no stop as drawn now (numbered icons where
  // the spread put them, circles, each with a few pixels to spare), checked for the final view:
  // after the first fit, after the frame's size changes, after every move. With no corner free it
  // folds to its button there; once the reader opens or folds it, it stays as they left it.
  var openSize = null, readerToggled = false;
  function drawnBoxes() {
    var origin = map.getContainer().getBoundingClientRect(), boxes = [];
    ids.forEach(function (id, i) {
      var m = ns.markers && ns.markers[id], el = m && (m._icon || m._path);
      if (el && el.style.visibility === "hidden") { return; }
      if (el) {
        var r = el.getBoundingClientRect();
        boxes.push(L.bounds([r.left - origin.left - 2, r.top - origin.top - 2], [r.right - origin.left + 2, r.bottom - origin.top + 2]));
        return;
      }
      var p = map.latLngToContainerPoint([data.lat[i], data.lng[i]]), h = radius(i) + 4;
      boxes.push(L.bounds([p.x - h, p.y - h], [p.x + h, p.y + h]));
    });
    return boxes;
  }
  // The box the legend (open, or folded) would take in ``corner``, stacked with what else is there.
  function boxIn(corner, open) {
    var size = map.getSize(), w = open ? openSize.x : legendDiv.firstChild.offsetWidth + 12;
    var h = open ? openSize.y : legendDiv.firstChild.offsetHeight + 12, before = 0;
    Array.prototype.forEach.call(map._controlCorners[corner].children, function (other) {
      if (other === legendDiv) { return; }
      before += other.offsetHeight + 10;
      w = Math.max(w, other.offsetWidth + 12);
    });
    var left = corner.indexOf("left") >= 0, top = corner.indexOf("top") >= 0;
    var y0 = top ? 0 : size.y - h - before, y1 = top ? h + before : size.y;
    return L.bounds([left ? 0 : size.x - w, y0], [left ? w : size.x, y1]);
  }
  function coveredIn(corner, open, boxes) {
    var box = boxIn(corner, open);
    return boxes.filter(function (b) { return box.intersects(b); }).length;
  }
  function placeLegend() {
    if (legendDiv.classList.contains("tour-legend-away")) { return; }
    if (!legendDiv.lastChild.hidden) { openSize = L.point(legendDiv.offsetWidth + 12, legendDiv.offsetHeight + 12); }
    if (!openSize) { return; }
    var boxes = drawnBoxes(), open = readerToggled ? !legendDiv.lastChild.hidden : true;
    var free = CORNERS.filter(function (c) { return coveredIn(c, open, boxes) === 0; });
    var best = free[0] || CORNERS.reduce(function (a, b) { return coveredIn(b, false, boxes) < coveredIn(a, false, boxes) ? b : a; });
    if (best !== legend.getPosition()) { legend.setPosition(best); }
    ns.legendCorner = best;
    if (!readerToggled) { legendDiv.tourSetOpen(free.length > 0); }
    ns.legendOpen = !legendDiv.lastChild.hidden;
  }
  legendDiv.firstChild.addEventListener("click", function () { readerToggled = true; ns.legendOpen = !legendDiv.lastChild.hidden; });
  ns.placeLegend = placeLegend;
  // Placed at once, not at idle time: with its placement deferred, a story page on a loaded machine once
  // kept it over stops (CI, 2026-12-07); the placement is cheap (docs/performance.md, the breakdown).
  placeLegend();
  // Measured in the next frame, once every handler of the move has run (Leaflet fires "moveend"
  // before "viewreset", and the markers move on the latter), and once more when the moves have
  // stopped: a frame laid out by the page around it can still be settling after the first.
  var queued = false, settle = null;
  map.on("moveend zoomend resize viewreset", function () {
    clearTimeout(settle);
    settle = setTimeout(placeLegend, 300);
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; placeLegend(); });
  });

  // The exported page carries its own key to the sources its popups cite: titles, outlets, links.
  if (data.key && Object.keys(data.sources).length) {
    var key = L.control({position: "topright"});
    key.onAdd = function () {
      var div = L.DomUtil.create("div", "tour-key");
      var items = Object.keys(data.sources).map(function (id) { return "<p>" + data.sources[id] + "</p>"; });
      div.innerHTML = '<button type="button" aria-expanded="false">' + words.sources_key + "</button>" +
        '<div class="body" hidden>' + items.join("") + "</div>";
      div.firstChild.addEventListener("click", function () {
        var body = div.lastChild;
        body.hidden = !body.hidden;
        div.firstChild.setAttribute("aria-expanded", body.hidden ? "false" : "true");
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    key.addTo(map);
  }
