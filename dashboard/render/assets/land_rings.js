// Country outlines as Leaflet polygons: each ring comes as hundredths of a degree, each point after
// the first as a step from the last (packed so by dashboard/render/basemap.py). Shared by the route
// map (tour_land.js) and the story file's map (story_export_map.js).
/* exported landRings */
function landRings(land) {
  return land.map(function (flat) {
    var lon = flat[0], lat = flat[1], ring = [[lat / 100, lon / 100]];
    for (var k = 2; k < flat.length; k += 2) {
      lon += flat[k]; lat += flat[k + 1];
      ring.push([lat / 100, lon / 100]);
    }
    return [ring];
  });
}
