  // Every reader: a press that does not move the page, a wheel that scrolls the page, one finger
  // that scrolls it on a phone, stops reachable by Tab and chosen with Enter or Space, names for
  // screen readers and a live line that says what is selected.
  /* global map, data, ids, index, ns, words, text, plain, P */
  var container = map.getContainer();
  var mapName = plain(words.map_name + ": " + data.title);
  container.setAttribute("role", "region");
  container.setAttribute("aria-label", mapName + ". " + plain(words.keys_hint));
  try {
    if (window.frameElement) { window.frameElement.title = mapName; } else if (!document.title) { document.title = mapName; }
  } catch (e) { /* a frame of another origin keeps its own title */ }

  // A press focuses what it lands on, and the browser scrolls the focused element (or the map)
  // into view before the press ends: the first click on a partly visible stop then landed
  // elsewhere and was lost. Focus without scrolling instead.
  map.keyboard.disable();
  map.keyboard._onMouseDown = function () { if (!this._focused) { container.focus({preventScroll: true}); } };
  map.keyboard.enable();
  container.addEventListener("mousedown", function (e) {
    var target = e.target.closest ? e.target.closest("[tabindex]") : null;
    if (target && target !== container && container.contains(target)) {
      e.preventDefault();
      target.focus({preventScroll: true});
    }
  }, true);

  // The wheel scrolls the page; Ctrl or Cmd with the wheel (or a trackpad pinch) zooms the map.
  var hint = L.DomUtil.create("div", "tour-hint", container), hintTimer = null, wheelAt = 0;
  hint.setAttribute("aria-hidden", "true");
  function showHint(html) {
    hint.textContent = plain(html);
    hint.classList.add("on");
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { hint.classList.remove("on"); }, 1800);
  }
  map.scrollWheelZoom.disable();
  container.addEventListener("wheel", function (e) {
    if (!(e.ctrlKey || e.metaKey)) { showHint(words.wheel_hint); return; }
    e.preventDefault();
    if (e.timeStamp - wheelAt < 120) { return; }  // one step per gesture, not one per wheel event
    wheelAt = e.timeStamp;
    var to = map.getZoom() + (e.deltaY < 0 ? 1 : -1);
    map.setZoomAround(map.mouseEventToContainerPoint(e), to, {animate: false});
  }, {passive: false});
  // On a touch screen one finger scrolls the page and two fingers zoom the map.
  if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) {
    map.dragging.disable();
    container.addEventListener("touchmove", function (e) {  // a one-finger drag, not a tap on a stop
      if (e.touches.length === 1) { showHint(words.touch_hint); }
    }, {passive: true});
  }

  // Controls step aside while a popup is open, so they never cover it.
  map.on("popupopen", function () { container.classList.add("tour-popup-open"); });
  map.on("popupclose", function () { container.classList.remove("tour-popup-open"); });

  // Each stop a named button: "1. Buenos Aires — 16 Dec 2025", selected with Enter or Space.
  function stopLabel(i) { var d = text(i); return plain(d[P.title] + d[P.suffix]); }
  function asButton(el, layer, i) {
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", stopLabel(i));
    el.removeAttribute("title");
    el.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") { return; }
      e.preventDefault();  // no page scroll on Space, no second click from Leaflet's own Enter
      e.stopPropagation();
      layer.fire("click", {latlng: layer.getLatLng(), originalEvent: e});
    });
  }
  if (ns.markers) {
    ids.forEach(function (id, i) {
      var layer = ns.markers[id], el = layer._icon || layer._path;
      if (el) { asButton(el, layer, i); }
    });
  }
  // Lines are drawn for the eye only: none takes a Tab stop or is announced.
  container.querySelectorAll("path:not([role=button])").forEach(function (el) {
    el.setAttribute("aria-hidden", "true");
    el.setAttribute("tabindex", "-1");
  });

  // The selection, said aloud when it changes (and kept for the page's tests).
  var live = L.DomUtil.create("div", "tour-sr", container);
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  var applyState = ns.applyState, saidSelected;
  ns.applyState = function (state) {
    applyState(state);
    if (saidSelected !== undefined && state.selected !== saidSelected && state.selected in index) {
      live.textContent = plain(words.selected) + ": " + stopLabel(index[state.selected]);
    }
    saidSelected = state.selected;
  };
