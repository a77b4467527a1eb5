// The route map's layer script, built by dashboard.render.maps.TourLayer: the body of a function that
// tour_layer.js.j2 wraps and gives its inputs (map, data, tiles, stFoliumGlobal, landAttribution, and F:
// the payload's record fields by name, from dashboard/render/schema.py).
// Each /* part.js */ mark below is replaced by that file of this folder; the globals and exported
// comments name what this file and its parts use from and give to one another (eslint.config.js).
// All text in the payload is pre-escaped HTML.
/* global map, data, tiles, stFoliumGlobal, F, manyView, fewView */
/* exported words, plain, tipHtml, popHtml, popupOptions, selectNow, radius, circleStyle, tripColor, tripDash, reportClick, afterPaint */
  var c = data.colors, ids = data.ids, roles = data.roles, words = data.words;
  var index = {};
  ids.forEach(function (id, i) { index[id] = i; });
  // What the page's scripts share, and its own tests and benchmarks read: one object on window, its
  // members named in dashboard/render/schema.py (MEMBERS).
  var ns = window.tourDashboard = window.tourDashboard || {};
  ns.map = map;
  // What the first view does not need (the land, the playback control) waits
  // for the browser's idle time after the stops' first paint: the stops are what a reader came for.
  function afterPaint(work) {
    requestAnimationFrame(function () {
      if (window.requestIdleCallback) { window.requestIdleCallback(work, {timeout: 300}); } else { setTimeout(work, 0); }
    });
  }

/* land_rings.js */

/* spread.js */

/* tour_land.js */

  // The view: the whole route, fitted with room for the controls (more at the bottom: the attribution
  // and the scale sit there, two lines on a phone). What the map fitted itself (the route, a story's
  // stop) it fits again when its frame changes size (the app lays the frame out after the map is
  // drawn), until the reader moves the map; the legend is then placed for the view as drawn.
  var byMap = 0, readerMoved = false, framed = null;
  var shownSelected = null;  // the stop last brought into view (applyState)
  function auto(move) { byMap++; try { move(); } finally { byMap--; } }
  map.on("movestart zoomstart", function () { if (!byMap) { readerMoved = true; } });
  var FIT = {paddingTopLeft: [30, 30], paddingBottomRight: [30, 60], maxZoom: 9};
  function frame(target, fly) {
    framed = target;
    readerMoved = false;  // the app asked for this view: it is the map's again
    // A frame not laid out yet has no room inside the fit's padding, and a fit to no room is the
    // closest zoom at the route's middle: every stop out of view. It waits for the frame's size (below).
    var room = map.getSize().subtract(L.point(FIT.paddingTopLeft)).subtract(L.point(FIT.paddingBottomRight));
    if (room.x <= 0 || room.y <= 0) { return; }
    auto(function () {
      if (target.bounds && fly) { map.flyToBounds(target.bounds, L.extend({duration: 1}, FIT)); }
      else if (target.bounds) { map.fitBounds(target.bounds, L.extend({animate: false}, FIT)); }
      else if (fly) { map.flyTo(target.at, target.zoom, {duration: 1}); }
      else { map.setView(target.at, target.zoom, {animate: false}); }
    });
  }
  // The whole route (``fly``: an animated flight), or a stop at a zoom: for the story's steps.
  ns.frameRoute = function (fly) { if (data.bounds) { frame({bounds: data.bounds}, fly); } };
  ns.frameStop = function (i, zoom, fly) { frame({at: [data.lat[i], data.lng[i]], zoom: zoom}, fly); };
  map.on("resize", function () { if (framed && !readerMoved) { frame(framed, false); } });
  // Leaflet hears only the window's size; the map's own box can change without it (a frame laid out
  // after the map is drawn), and a size it never heard of would keep the first, unframed view. Its
  // "moveend" waits, as for the window's, so a box growing over several frames is placed for once.
  if (window.ResizeObserver) {
    new ResizeObserver(function () { map.invalidateSize({debounceMoveend: true}); }).observe(map.getContainer());
  }
  // The view first, then the tiles and the stops: each is drawn once, at the final zoom.
  ns.frameRoute(false);
  if (tiles) { L.tileLayer(tiles.url, {attribution: tiles.attribution, maxZoom: 19}).addTo(map); }

  // Tooltip and popup texts: one JSON string, parsed when the first one opens.
  var texts = null;
  function text(i) { texts = texts || JSON.parse(data.texts); return texts[i]; }
  // Escaped text to plain text; parsed in an inert template, so nothing in it could ever load or run.
  function plain(html) { var d = document.createElement("template"); d.innerHTML = html; return d.content.textContent; }
  // A stop's texts are a record of the payload's schema (dashboard/render/schema.py): read by name.
  var P = F.point, R = F.row;
  function tipHtml(i) { var d = text(i); return "<b>" + d[P.title] + "</b>" + d[P.suffix]; }
  function cited(list, table) {
    return list.map(function (id) { return table[id] || ""; }).filter(Boolean);
  }
  function row(d, name) {
    var hit = d[P.rows].filter(function (r) { return r[R.label] === F.label[name]; })[0];
    return hit ? hit[R.value] : "";
  }
  // A popup is a short card that fits inside the map: the stop, its dates, whom he met, one key
  // quote and the sources by outlet; "more" shows the whole record (the app's stop panel, or, on a
  // page of its own, the full table inside the card, which scrolls).
  function popHtml(i) {
    var d = text(i), when = d[P.when], met = row(d, "met");
    var short = cited(d[P.sources], data.sourceNames).filter(function (name, k, all) { return all.indexOf(name) === k; });
    var html = '<div class="tour-popup" data-i="' + i + '"><h4>' + d[P.title] + "</h4>";
    if (when) { html += '<p class="tour-when">' + when + "</p>"; }
    if (met) { html += '<p><span class="tour-k">' + data.labels[F.label.met] + ":</span> " + met + "</p>"; }
    if (d[P.quote]) { html += "<blockquote>\u201c" + d[P.quote] + "\u201d<br><small>" + d[P.cite] + "</small></blockquote>"; }
    if (short.length) { html += '<p class="tour-sources"><span class="tour-k">' + data.labels[F.label.sources] + ":</span> " + short.join(", ") + "</p>"; }
    html += '<button type="button" class="tour-more" aria-expanded="false">' + words.more + "</button>";
    return html + '<div class="tour-record" hidden></div></div>';
  }
  // The whole record: every row of the stop and each source in full (title, outlet, date, link).
  function recordHtml(i) {
    var d = text(i);
    var rows = d[P.rows].map(function (r) { return "<tr><th>" + data.labels[r[R.label]] + "</th><td>" + r[R.value] + "</td></tr>"; });
    var full = cited(d[P.sources], data.sources);
    if (full.length) {
      rows.push("<tr><th>" + data.labels[F.label.sources] + '</th><td class="tour-sources">' + full.join("<br>") + "</td></tr>");
    }
    return "<table>" + rows.join("") + "</table>";
  }
  // The card's size, for the map as it is now: never wider or taller than the map (its content
  // scrolls), so its name, dates and people are always in reach, on a phone too.
  // Its height is capped by the stylesheet (--tour-card-max, set here), so that "more" can grow the
  // card in place and its content scrolls.
  function popupOptions(extra) {
    var size = map.getSize();
    map.getContainer().style.setProperty("--tour-card-max", Math.max(120, size.y - 96) + "px");
    return L.extend({maxWidth: Math.max(160, Math.min(320, size.x - 64)), minWidth: Math.min(200, size.x - 64),
      autoPanPadding: [12, 12], className: "tour-card"}, extra || {});
  }

  function role(i) { var r = roles.charAt(i); return r === F.role.origin ? "origin" : (r === F.role.discussed ? "discussed" : "visit"); }
  function radius(i) { var r = role(i); return r === "origin" ? 8 : (r === "discussed" ? 7 : 6); }
  function circleStyle(kind, sel, dim) {
    var discussed = kind === "discussed";
    return {
      color: sel ? c.selected : (discussed ? c.discussed : (kind === "origin" ? c.origin : c.visit)),
      fillColor: discussed ? "#ffffff" : (kind === "origin" ? c.origin : c.visit),
      weight: sel ? 5 : 3,
      fillOpacity: dim ? 0.2 : 0.9,
      opacity: dim ? 0.35 : 1,
      dashArray: discussed ? "3 3" : null
    };
  }
  function tripColor(k) { return data.tripColors[k % data.tripColors.length]; }
  function tripDash(k) { return data.tripDashes[k % data.tripDashes.length]; }

/* tour_points.js */

  // st_folium tells the app about a click 250 ms late (it debounces every report, moves and
  // clicks alike). A click on a stop is told at once instead: once st_folium's own handler has
  // counted it, the same value it would send goes to the app now and becomes st_folium's
  // "previous" value, so its delayed report finds nothing new and sends nothing.
  var CLICK_KEYS = ["last_object_clicked", "last_object_clicked_count"];
  function reportClick() {
    setTimeout(function () {
      var g = window[stFoliumGlobal];
      if (!g || window.parent === window || g.wrap_longitude || JSON.stringify(g.returned_objects) !== JSON.stringify(CLICK_KEYS)) {
        return;  // not in st_folium, or it reports something else: leave it to st_folium
      }
      var value = {last_object_clicked: g.last_object_clicked, last_object_clicked_count: g.last_object_clicked_count};
      if (JSON.stringify(value) === JSON.stringify(g.previous_data)) { return; }
      g.previous_data = value;
      window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value, dataType: "json"}, "*");
    }, 0);
  }

  // "more" on a card: in the app, the stop is selected (already, by the click that opened it) and
  // the page brings its panel into view; on a page of its own, the card shows the whole record.
  map.on("popupopen", function (e) {
    var card = e.popup.getElement(), more = card && card.querySelector(".tour-more");
    if (!more) { return; }
    more.addEventListener("click", function () {
      var i = Number(card.querySelector(".tour-popup").getAttribute("data-i"));
      if (data.key) {
        var box = card.querySelector(".tour-record"), open = box.hidden;
        if (open && !box.firstChild) { box.innerHTML = recordHtml(i); }
        box.hidden = !open;
        more.setAttribute("aria-expanded", open ? "true" : "false");
        keepInside(card);
        return;
      }
      selectNow(i);
      reportClick();
      showPanel();
    });
  });
  // A card that grew upwards past the map's top: the map moves down under it.
  function keepInside(card) {
    var top = card.getBoundingClientRect().top - map.getContainer().getBoundingClientRect().top;
    if (top < 12) { auto(function () { map.panBy([0, top - 12], {animate: false}); }); }
  }
  // The app's stop panel, in the page around the map's frame (same origin); nothing elsewhere.
  function showPanel() {
    try {
      var panel = window.parent !== window && window.parent.document.querySelector(".st-key-stop-panel");
      if (panel) { panel.scrollIntoView({behavior: "smooth", block: "start"}); }
    } catch (err) { /* a frame of another origin: the panel is the page's to show */ }
  }

  // A click on a stop is drawn as selected at once, by the map itself, in the frame it happens in:
  // the rest of the page follows from the app's run (which applies the same state again).
  function selectNow(i) {
    if (ns.selected === ids[i]) { return; }
    shownSelected = ids[i];  // in view already: no pan, which would stop the card's own pan into view
    ns.applyState({selected: ids[i], visible: ns.visible === undefined ? null : ns.visible});
    ns.selectedAt = performance.now();
    requestAnimationFrame(function () { ns.selectionPaintedAt = performance.now(); });
  }

/* tour_few.js */

  var view = data.many ? manyView() : fewView();

  data.pairs.forEach(function (pair) {
    L.polyline([pair.a, pair.b], {color: c.pair, weight: 4, dashArray: "6 6"})
      .bindTooltip(pair.tip, {sticky: true}).addTo(map);
  });

  // Selection and filters restyle the stops in place (also called by the TourState layer). A stop
  // chosen anywhere (the sidebar, a link, the map) is brought into view.
  ns.applyState = function (state) {
    var visible = state.visible === null ? null : new Set(state.visible);
    var dim = new Uint8Array(ids.length);
    if (visible !== null) { ids.forEach(function (id, i) { dim[i] = visible.has(id) ? 0 : 1; }); }
    var selected = state.selected in index ? index[state.selected] : -1;
    ns.selected = state.selected;
    ns.visible = state.visible;
    ns.filtered = visible !== null;
    view.restyle(selected, dim);
    if (selected >= 0 && state.selected !== shownSelected) {
      auto(function () { map.panInside([data.lat[selected], data.lng[selected]], {padding: [48, 48], animate: false}); });
    }
    shownSelected = state.selected;
  };

/* tour_playback.js */

/* tour_legend.js */

/* tour_access.js */

  ns.applyState(data.state);
  // When the stops were drawn and first painted, on the page's own clock (benchmarks read these).
  ns.pointsDrawn = ids.length;
  ns.drawnAt = performance.now();
  requestAnimationFrame(function () { ns.paintedAt = performance.now(); });
  // st_folium reports the map to the app on "moveend", but starts listening only after this
  // script: tell it once more, now that the map is drawn. Its first report is what brings the
  // rest of the page (dashboard/ui/runtime.py, start_run), so it must not depend on a resize.
  setTimeout(function () { map.fire("moveend"); }, 0);
