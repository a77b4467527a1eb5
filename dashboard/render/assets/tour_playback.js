  // Route playback: a play button and a date slider that draw the route up to a day. Stops not yet
  // reached are hidden, with their legs; a stop whose date moved shows hollow while only its planned
  // date has passed; one known only to the month shows dashed within it (a band on the track). The
  // slider starts at the end, where the map is as without it: nothing changes for a reader who never
  // touches it.
  /* global map, data, ids, ns, F, view, plain, afterPaint */
  function playback(play) {
    var end = play.labels.length - 1, w = play.words, timer = null, changes = [];
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var phase = new Uint8Array(ids.length);  // 0 as now, 1 not yet, 2 only planned, 3 within its month
    // The few stops with more to say are TIMING records, the bands BAND records (dashboard/render/schema.py).
    var T = F.timing, B = F.band;
    var NOTE = {2: T.moved, 3: T.monthNote};  // what a stop's phase says under the date
    function phaseAt(i, s) {
      var at = play.at[i], more = play.more[i];
      var last = more ? more[T.last] : at, month = more ? more[T.month] : 0, planned = more ? more[T.planned] : null;
      if (at === null || s >= last || (s >= at && !month)) { return 0; }
      if (s >= at) { return 3; }
      return planned !== null && s >= planned ? 2 : 1;
    }
    ids.forEach(function (id, i) { var m = play.more[i] || []; changes.push(play.at[i], m[T.last], m[T.planned]); });
    // With reduced motion, play jumps from one change to the next instead of passing every day.
    function next(s) {
      return reduce ? Math.min.apply(null, changes.filter(function (c) { return c > s; }).concat(end)) : s + 1;
    }

    var div = L.DomUtil.create("div", "tour-playback");
    div.setAttribute("role", "group");
    div.setAttribute("aria-label", plain(w.title));
    var bands = play.bands.map(function (b) {
      return '<div class="band" title="' + b[B.label] + '" style="left:calc(5px + (100% - 14px) * ' + b[B.first] / end +
        ");width:calc((100% - 14px) * " + (b[B.last] - b[B.first]) / end + ' + 4px)"></div>';
    });
    div.innerHTML = '<div class="bar"><button type="button"><span></span></button><div class="track"><div class="rail"></div>' +
      bands.join("") + '<input type="range" min="0" max="' + end + '"></div></div><div class="date"></div><div></div>';
    var button = div.querySelector("button"), range = div.querySelector("input");
    var date = div.querySelector(".date"), note = date.nextSibling;
    range.setAttribute("aria-label", plain(w.slider));

    // The route up to step ``s``: what is only planned or within its month then is said under the date.
    function show(s, draw) {
      var notes = [];
      for (var i = 0; i < ids.length; i++) {
        phase[i] = phaseAt(i, s);
        if (phase[i] > 1 && play.more[i][NOTE[phase[i]]]) { notes.push(play.more[i][NOTE[phase[i]]]); }
      }
      notes = notes.length > 3 ? notes.slice(0, 3).concat("…") : notes;
      range.value = s;
      date.innerHTML = play.labels[s];
      note.innerHTML = notes.join("<br>");
      range.setAttribute("aria-valuetext", plain([play.labels[s]].concat(notes).join(". ")));
      if (draw !== false) { view.play(phase); }
    }
    function setPlaying(on) {
      clearInterval(timer);
      timer = on ? setInterval(function () {
        show(next(+range.value));
        if (+range.value >= end) { setPlaying(false); }
      }, reduce ? 900 : Math.max(60, Math.min(400, 8000 / end))) : null;
      button.classList.toggle("on", on);
      button.title = plain(on ? w.pause : w.play);
      button.setAttribute("aria-label", button.title);
    }
    button.addEventListener("click", function () {
      if (!timer && +range.value >= end) { show(0); }
      setPlaying(!timer);
    });
    range.addEventListener("input", function () { setPlaying(false); show(+range.value); });
    map.on("popupopen", function () { setPlaying(false); });  // the control steps aside for a popup

    setPlaying(false);
    show(end, false);  // the words only: the map is drawn as now already
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    var control = L.control({position: "topright"});
    control.onAdd = function () { return div; };
    control.addTo(map);
  }
  // Added once the stops are painted; the legend then takes its corner again, with the control there.
  if (data.play) {
    afterPaint(function () {
      playback(data.play);
      if (ns.placeLegend) { ns.placeLegend(); }
    });
  }
