// The exported story's map (dashboard/render/story.py): outlines (no tiles), each trip's route, the numbered stops.
// Each step brings the map to its stop (the intro and the outcomes to the whole route): a flight,
// or a jump for readers who ask for less motion. A stop clicked on the map opens its step.
/* global landRings, spreadOffsets, storyPoints */
(function () {
  "use strict";
  var ns = window.tourDashboard = window.tourDashboard || {};
  var data = ns.storyData;
  if (!window.L) { return; }  // no Leaflet: the steps still read, without a map
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map("story-map", {
    attributionControl: false, keyboard: false, scrollWheelZoom: false, zoomSnap: 0.25, worldCopyJump: false
  });
  L.control.attribution({prefix: false}).addAttribution(data.attribution).addTo(map);
  ns.storyMap = map;

  function drawLand() {
    map.createPane("storyLand").style.zIndex = 150;
    var polygons = landRings(data.land);
    L.polygon(polygons, {
      pane: "storyLand", renderer: L.canvas({pane: "storyLand", padding: 0.5}), interactive: false,
      color: "#a39c90", weight: 0.8, fillColor: "#f2efe8", fillOpacity: 1
    }).addTo(map);
    ns.storyLandRings = polygons.length;
  }

  data.routes.forEach(function (route) {
    L.polyline(route.points, {color: route.color, weight: 3, opacity: 0.9, dashArray: route.dash, interactive: false})
      .addTo(map);
  });
  if (data.origin) {
    L.circleMarker(data.origin.at, {radius: 7, color: "#000", weight: 2, fillColor: "#000", fillOpacity: 0.9})
      .bindTooltip(data.origin.tip)  // escaped by dashboard/render/story.py
      .addTo(map);
  }
  // A long tour's stops on one canvas (story_points.js); a short tour's as numbered markers.
  var markers = {};
  var points = data.many ? storyPoints(map, data.steps, function (i) { ns.storyGo(data.steps[i].id); }) : null;
  if (points) { ns.storyPoints = points; }
  data.stops.forEach(function (stop) {
    // stop.label is escaped by dashboard/render/story.py; the number is a number.
    var html = '<span class="story-num">' + Number(stop.n) + '</span><span class="story-label">' + stop.label + "</span>";
    var icon = L.divIcon({className: "story-icon", html: html, iconSize: [26, 26]});
    // title is set as a property by Leaflet, never parsed as markup.
    var marker = L.marker(stop.at, {icon: icon, title: stop.name, keyboard: false, riseOnHover: true}).addTo(map);
    marker.on("click", function () { ns.storyGo(stop.id); });
    markers[stop.id] = marker;
  });

  // Numbers that would cover one another at this zoom are spread apart (spread.js), each joined to
  // its place by a leader line; the marker and its click stay where they are.
  var leaders = {};
  function spread() {
    var items = data.stops.map(function (stop, i) {
      var element = markers[stop.id].getElement();
      return element ? {i: i, n: stop.n, p: map.latLngToLayerPoint(stop.at)} : null;
    }).filter(Boolean);
    var offsets = spreadOffsets(items, 28);
    Object.keys(offsets).forEach(function (i) {
      var stop = data.stops[i], element = markers[stop.id].getElement(), dx = offsets[i][0], dy = offsets[i][1];
      element.style.marginLeft = (dx - 13) + "px";
      element.style.marginTop = (dy - 13) + "px";
      if (leaders[stop.id]) { map.removeLayer(leaders[stop.id]); delete leaders[stop.id]; }
      if (dx || dy) {
        var to = map.layerPointToLatLng(map.latLngToLayerPoint(stop.at).add([dx, dy]));
        leaders[stop.id] = L.polyline([stop.at, to], {color: "#333", weight: 1.5, opacity: 0.8, interactive: false, className: "story-leader"}).addTo(map);
      }
    });
  }
  map.on("zoomend viewreset", spread);

  // Markers have elements once the map has a view: called after each move.
  function highlight(i) {
    if (points) { points.mark(i); return; }
    var id = data.steps[i].id;
    Object.keys(markers).forEach(function (key) {
      var element = markers[key].getElement();
      if (element) { element.classList.toggle("is-current", key === id); }
    });
  }

  // Close enough to see the stop among its neighbours, never past the outlines drawn around the tour.
  function stopZoom() {
    var zoom = data.landBounds ? map.getBoundsZoom(data.landBounds, true) : 0;
    return Math.min(Math.max(zoom, data.zoom), data.zoom + 3);
  }

  ns.storyMove = function (i, instant) {
    var step = data.steps[i];
    var still = instant || reduced;
    if (step.at) {
      if (still) { map.setView(step.at, stopZoom(), {animate: false}); } else { map.flyTo(step.at, stopZoom(), {duration: 1.2}); }
    } else if (data.bounds) {
      var fit = {padding: [40, 40], maxZoom: data.zoom};
      if (still) { map.fitBounds(data.bounds, Object.assign({animate: false}, fit)); } else { map.flyToBounds(data.bounds, Object.assign({duration: 1.2}, fit)); }
    } else if (!map._loaded) {
      map.setView([0, 0], 1);
    }
    highlight(i);
  };

  var first = data.steps.map(function (s) { return s.id; }).indexOf(ns.storyStep);
  ns.storyMove(Math.max(first, 0), true);
  spread();
  if (data.land.length) { requestAnimationFrame(function () { setTimeout(drawLand, 0); }); }
  requestAnimationFrame(function () { ns.storyMapAt = performance.now(); });
})();
