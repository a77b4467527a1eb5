// The route map's layer script, built by dashboard.render.maps.TourLayer: the body of a function that
// tour_layer.js.j2 wraps and gives its inputs (map, data, tiles, stFoliumGlobal, landAttribution, and F:
// the payload's record fields by name, from dashboard/render/schema.py).
// Each /* part.js */ mark below is replaced by that file of this folder; the globals and exported
// comments name what this file and its parts use from and give to one another (eslint.config.js).
// All text in the payload is pre-escaped HTML.
/* global map, data, tiles, stFoliumGlobal, F, manyView, fewView */
/* exported words, plain, tipHtml, popHtml, radius, circleStyle, tripColor, tripDash, reportClick */
  var c = data.colors, ids = data.ids, roles = data.roles, words = data.words;
  var index = {};
  ids.forEach(function (id, i) { index[id] = i; });
  // What the page's scripts share, and its own tests and benchmarks read: one object on window, its
  // members named in dashboard/render/schema.py (MEMBERS).
  var ns = window.tourDashboard = window.tourDashboard || {};
  ns.map = map;

/* land_rings.js */

/* tour_land.js */

  // The view first, then the tiles and the stops: each is drawn once, at the final zoom.
  // More room at the bottom: the attribution and the scale sit there (two lines on a phone).
  if (data.bounds) { map.fitBounds(data.bounds, {paddingTopLeft: [30, 30], paddingBottomRight: [30, 60], maxZoom: 9, animate: false}); }
  if (tiles) { L.tileLayer(tiles.url, {attribution: tiles.attribution, maxZoom: 19}).addTo(map); }

  // Tooltip and popup texts: one JSON string, parsed when the first one opens.
  var texts = null;
  function text(i) { texts = texts || JSON.parse(data.texts); return texts[i]; }
  // Escaped text to plain text; parsed in an inert template, so nothing in it could ever load or run.
  function plain(html) { var d = document.createElement("template"); d.innerHTML = html; return d.content.textContent; }
  // A stop's texts are a record of the payload's schema (dashboard/render/schema.py): read by name.
  var P = F.point, R = F.row;
  function tipHtml(i) { var d = text(i); return "<b>" + d[P.title] + "</b>" + d[P.suffix]; }
  function sourcesHtml(list) {
    return list.map(function (id) { return data.sources[id] || id; }).join("<br>");
  }
  function popHtml(i) {
    var d = text(i);
    var rows = d[P.rows].map(function (r) { return "<tr><th>" + data.labels[r[R.label]] + "</th><td>" + r[R.value] + "</td></tr>"; });
    var cited = d[P.sources];
    if (cited && cited.length) {
      rows.push('<tr><th>' + data.labels[F.label.sources] + '</th><td class="tour-sources">' + sourcesHtml(cited) + "</td></tr>");
    }
    var quote = d[P.quote] ? "<blockquote>\u201c" + d[P.quote] + "\u201d<br><small>" + d[P.cite] + "</small></blockquote>" : "";
    return '<div class="tour-popup"><h4>' + d[P.title] + "</h4><table>" + rows.join("") + "</table>" + quote + "</div>";
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

/* tour_few.js */

  var view = data.many ? manyView() : fewView();

  data.pairs.forEach(function (pair) {
    L.polyline([pair.a, pair.b], {color: c.pair, weight: 4, dashArray: "6 6"})
      .bindTooltip(pair.tip, {sticky: true}).addTo(map);
  });

  // Selection and filters restyle the stops in place (also called by the TourState layer). A stop
  // chosen anywhere (the sidebar, a link, the map) is brought into view.
  var shownSelected = null;
  ns.applyState = function (state) {
    var visible = state.visible === null ? null : new Set(state.visible);
    var dim = new Uint8Array(ids.length);
    if (visible !== null) { ids.forEach(function (id, i) { dim[i] = visible.has(id) ? 0 : 1; }); }
    var selected = state.selected in index ? index[state.selected] : -1;
    ns.selected = state.selected;
    ns.filtered = visible !== null;
    view.restyle(selected, dim);
    if (selected >= 0 && state.selected !== shownSelected) {
      map.panInside([data.lat[selected], data.lng[selected]], {padding: [48, 48], animate: false});
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
