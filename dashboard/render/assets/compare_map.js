/* global compareData */
// Compare's two maps, side by side and moved together: each shades the countries its tour visited
// and marks its stops; moving or zooming one moves the other to the same view. Words arrive as JSON
// and are written with textContent (never as markup).
(function () {
  var maps = [];
  var following = false;

  function tooltip(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  // A box with no room inside the padding (not laid out yet) has no fit: Leaflet's would be an
  // infinite zoom, which no later fit comes back from. It shows the whole world, and is fitted once it
  // has room (resized, below).
  var PADDING = L.point(8, 8);
  function fit(map) {
    var room = map.getSize().subtract(PADDING.multiplyBy(2));
    map.awaitsFit = room.x <= 0 || room.y <= 0;
    if (map.awaitsFit) { map.setView([0, 0], 1, {animate: false}); }
    else { map.fitBounds(compareData.bounds, {animate: false, padding: PADDING}); }
  }

  function draw(side, i) {
    var map = L.map("compare-map-" + i, {scrollWheelZoom: false, worldCopyJump: true, attributionControl: false,
      zoomSnap: 0.25});
    fit(map);  // a view before any layer
    var visited = {};
    side.countries.forEach(function (code) { visited[code] = true; });
    L.geoJSON(compareData.world, {
      interactive: false,
      style: function (feature) {
        var mine = visited[feature.id] === true;
        return {color: "#7f7f7f", weight: 0.6, fillColor: mine ? side.colour : "#f7f7f7",
          fillOpacity: mine ? 0.45 : 0.8};
      },
    }).addTo(map);
    side.stops.forEach(function (stop) {
      L.circleMarker([stop[0], stop[1]], {radius: 4, color: "#fff", weight: 1, fillColor: side.colour,
        fillOpacity: 1}).bindTooltip(tooltip(stop[2])).addTo(map);
    });
    return map;
  }

  function follow(source) {
    if (following) {
      return;
    }
    following = true;
    maps.forEach(function (other) {
      if (other !== source) {
        other.setView(source.getCenter(), source.getZoom(), {animate: false});
      }
    });
    following = false;
  }

  compareData.sides.forEach(function (side, i) { maps.push(draw(side, i)); });
  maps.forEach(function (map) {
    map.on("move", function () { follow(map); });
  });
  // Leaflet hears only the window's size; a frame laid out after the maps are drawn changes their
  // boxes without it. A map still waiting for its first fit gets it; the reader's view is kept after.
  function resized() {
    maps.forEach(function (map) {
      map.invalidateSize({animate: false});
      if (map.awaitsFit) { fit(map); }
    });
  }
  if (window.ResizeObserver) {  // it sees the window's changes too, as the boxes follow them
    var watch = new ResizeObserver(resized);
    maps.forEach(function (map) { watch.observe(map.getContainer()); });
  } else {
    window.addEventListener("resize", resized);
  }
  var ns = window.tourDashboard = window.tourDashboard || {};
  ns.compareMaps = maps;  // the browser tests read the two views
  try {
    if (window.frameElement) {
      window.frameElement.title = document.title;  // the frame is named by what it shows
    }
  } catch (e) {
    // A page of its own, or a frame of another origin: nothing to name.
  }
})();
