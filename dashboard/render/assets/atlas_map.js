/* global map, key */
// The Atlas map's key: a Leaflet control listing each shade with the values it stands for, written
// with textContent (the words are plain text, never markup). The map's frame is named for screen
// readers, and the map fits the world to whatever width its frame has. Once drawn, the map asks the
// app for the rest of the page (see state.start_run): st_folium itself reports nothing until a click.
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

// The world fitted to the map's box whenever the box changes size: Leaflet hears only the window's
// size, a frame later, and a frame laid out after the map is drawn changes the box without it. A box
// of no size waits for one; a call that finds the size last fitted does nothing.
var fittedTo = null;
function fitWorld() {
  map.invalidateSize();
  var size = map.getSize();
  if (!size.x || !size.y || (fittedTo && size.equals(fittedTo))) {
    return;
  }
  fittedTo = size;
  map.fitBounds([[-56, -170], [78, 180]], {animate: false});
}
fitWorld();
if (window.ResizeObserver) {
  new ResizeObserver(fitWorld).observe(map.getContainer());
} else {
  window.addEventListener("resize", fitWorld);
}

// The value st_folium would report, told once the map is drawn: the app's run that follows draws the
// charts and tables the first run held back. st_folium keeps it as its previous value, so it sends
// it no second time.
(function askForTheRest() {
  var g = window[key.stFolium];
  if (!g || window.parent === window) {
    return;  // a page of its own (the PNG's)
  }
  var value = {last_active_drawing: null, drawn: true};
  if (JSON.stringify(value) === JSON.stringify(g.previous_data)) {
    return;
  }
  g.previous_data = value;
  window.parent.postMessage({isStreamlitMessage: true, type: "streamlit:setComponentValue", value: value,
    dataType: "json"}, "*");
})();
