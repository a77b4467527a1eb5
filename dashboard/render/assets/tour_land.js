  // The land under everything: country outlines from Natural Earth, in a pane below the tiles.
  // Tiles, when they load, cover it; offline, or with tiles off, it is the map's geography.
  // Drawn once the stops are painted (afterPaint): the stops, what a reader came for, are not held back
  // by a canvas of coastlines (docs/performance.md, "Exported HTML drawn from file://").
  /* global map, data, ns, landAttribution, landRings, afterPaint */
  function drawLand() {
    if (!data.land || !data.land.length) { return; }
    map.createPane("tourLand").style.zIndex = 150;
    var polygons = landRings(data.land);
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    L.polygon(polygons, {
      pane: "tourLand", renderer: L.canvas({pane: "tourLand", padding: 0.5}), interactive: false,
      color: dark ? "#77736b" : "#a39c90", weight: 0.8, fillColor: dark ? "#2d2b28" : "#f2efe8", fillOpacity: 1
    }).addTo(map);
    map.getContainer().classList.add("tour-has-land");
    if (map.attributionControl) { map.attributionControl.addAttribution(landAttribution); }
    ns.landRings = polygons.length;
  }
  if (data.land && data.land.length) { map.getContainer().classList.add("tour-has-land"); }  // the sea at once
  afterPaint(drawLand);
