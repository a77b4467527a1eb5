  // The legend: a button that folds it away, in whichever corner of the map covers the fewest
  // stops (checked again after every move). Controls sit above every pane, popups included, so
  // it also steps aside while a popup is open.
  /* global map, data, ids, ns, c, words, tripColor, tripDash */
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

  // How many stops the legend would cover in ``corner`` (its box measured where it is now).
  function coveredIn(corner) {
    var size = map.getSize(), w = legendDiv.offsetWidth + 12, h = legendDiv.offsetHeight + 12;
    // The playback control keeps its corner: there the legend would stack past it, covering both boxes.
    var play = map._controlCorners[corner].querySelector(".tour-playback");
    if (play) { w = Math.max(w, play.offsetWidth + 12); h += play.offsetHeight + 10; }
    var left = corner.indexOf("left") >= 0, top = corner.indexOf("top") >= 0;
    var box = L.bounds([left ? 0 : size.x - w, top ? 0 : size.y - h], [left ? w : size.x, top ? h : size.y]);
    var count = 0;
    ids.forEach(function (id, i) {
      if (box.contains(map.latLngToContainerPoint([data.lat[i], data.lng[i]]))) { count++; }
    });
    return count;
  }
  function placeLegend() {
    var best = CORNERS.reduce(function (a, b) { return coveredIn(b) < coveredIn(a) ? b : a; });
    if (best !== legend.getPosition()) { legend.setPosition(best); }
    ns.legendCorner = best;
    // Every corner covers a stop: fold it away; the reader can open it again.
    if (coveredIn(best) > 0 && !placeLegend.done) { legendDiv.tourSetOpen(false); }
    placeLegend.done = true;
  }
  placeLegend();
  map.on("moveend", function () { if (!legendDiv.classList.contains("tour-legend-away")) { placeLegend(); } });

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
