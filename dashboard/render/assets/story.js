// The story's steps: one shown at a time, chosen by the buttons, the ← → keys, the list of steps,
// a stop on the map, or the address's #id. Runs before Leaflet is even parsed, so the first step is
// on screen at once; the map (story_export_map.js) follows it through window.tourDashboard.storyMove.
// Every text of the tour arrives pre-escaped in the page's markup, or as plain text set with textContent.
(function () {
  "use strict";
  // Shared with the map script and read by the tests: members named in dashboard/render/schema.py.
  var ns = window.tourDashboard = window.tourDashboard || {};
  var data = ns.storyData;
  var sections = Array.prototype.slice.call(document.querySelectorAll(".story-step[data-step]"));
  var ids = sections.map(function (el) { return el.getAttribute("data-step"); });
  var links = Array.prototype.slice.call(document.querySelectorAll(".story-nav a[data-step]"));
  var prev = document.getElementById("story-prev");
  var next = document.getElementById("story-next");
  var position = document.getElementById("story-position");
  var live = document.getElementById("story-live");
  var panel = document.querySelector(".story-panel");
  var current = -1;

  function fromHash() {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { return -1; }
    return ids.indexOf(id);
  }

  // The address follows the step without adding to the history (Back leaves the story, as it
  // would any page). replaceState works from file:// and inside a frame; where a browser refuses
  // it, replacing the location's hash does the same, and its hashchange finds the step shown.
  function setHash(id) {
    if (location.hash.slice(1) === id) { return; }
    try { history.replaceState(history.state, "", "#" + id); } catch (e) { location.replace("#" + id); }
  }

  function keepFocus() {
    // A button that just became disabled would drop the focus to the page: hand it to the other one.
    var focused = document.activeElement;
    if (focused && focused.disabled) { (focused === prev ? next : prev).focus(); }
  }

  function bringIntoView(section) {
    // Scroll this document only: scrollIntoView would also scroll a page that embeds the story.
    if (panel.scrollHeight > panel.clientHeight) { panel.scrollTop = 0; return; }
    var top = section.getBoundingClientRect().top;
    if (top < 0) { window.scrollBy(0, top - 8); }
  }

  function show(i, how) {
    i = Math.max(0, Math.min(ids.length - 1, i));
    if (i === current) { return; }
    current = i;
    sections.forEach(function (el, k) { el.classList.toggle("is-current", k === i); });
    links.forEach(function (a, k) {
      if (k === i) { a.setAttribute("aria-current", "step"); } else { a.removeAttribute("aria-current"); }
    });
    prev.disabled = i === 0;
    next.disabled = i === ids.length - 1;
    position.textContent = data.positions[i];
    live.textContent = data.summaries[i];
    ns.storyStep = ids[i];
    if (how !== "load") { setHash(ids[i]); keepFocus(); bringIntoView(sections[i]); }
    // Chosen from the list of steps, like a skip link: reading goes on from the step's heading.
    if (how === "link") { sections[i].querySelector("h2").focus({preventScroll: true}); }
    if (ns.storyMove) { ns.storyMove(i, how === "load"); }
  }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (typing(event.target)) { return; }
    var step = event.key === "ArrowRight" ? 1 : (event.key === "ArrowLeft" ? -1 : 0);
    if (!step) { return; }
    event.preventDefault();
    show(current + step, "key");
  });
  prev.addEventListener("click", function () { show(current - 1, "button"); });
  next.addEventListener("click", function () { show(current + 1, "button"); });
  links.forEach(function (a, k) {
    a.addEventListener("click", function (event) { event.preventDefault(); show(k, "link"); });
  });
  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i >= 0) { show(i, "hash"); }
  });
  ns.storyGo = function (id) {
    var i = ids.indexOf(id);
    if (i >= 0) { show(i, "map"); }
  };

  var start = fromHash();
  show(start >= 0 ? start : 0, "load");
  // When the first step was painted, on the page's own clock (the tests and benchmarks read it).
  requestAnimationFrame(function () { ns.storyShownAt = performance.now(); });
})();
