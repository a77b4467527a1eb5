/* global map, key */
// The Atlas map's key: a Leaflet control listing each shade with the values it stands for, written
// with textContent (the words are plain text, never markup). The map's frame is named for screen
// readers, and the map fits the world to whatever width its frame has.
function keyRow(list, colour, text) {
  var row = L.DomUtil.create("li", "atlas-row", list);
  var swatch = L.DomUtil.create("span", "atlas-sw", row);
  swatch.style.background = colour;
  swatch.setAttribute("aria-hidden", "true");
  var words = L.DomUtil.create("span", "", row);
  words.textContent = text;
}

var control = L.control({position: "bottomleft"});
control.onAdd = function () {
  var box = L.DomUtil.create("div", "atlas-legend");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", key.title);
  var heading = L.DomUtil.create("div", "atlas-title", box);
  heading.textContent = key.title;
  var list = L.DomUtil.create("ul", "", box);
  key.rows.forEach(function (row) { keyRow(list, row.colour, row.label); });
  var credit = L.DomUtil.create("div", "atlas-credit", box);
  credit.textContent = key.credit;
  L.DomEvent.disableClickPropagation(box);
  return box;
};
control.addTo(map);
map.getContainer().classList.add("atlas-map");

document.title = key.name;
try {
  if (window.frameElement) {
    window.frameElement.title = key.name;
  }
} catch (e) {
  // A page of its own (the PNG's), or a frame of another origin: nothing to name.
}

function fitWorld() {
  map.fitBounds([[-56, -170], [78, 180]], {animate: false});
}
fitWorld();
window.addEventListener("resize", fitWorld);
