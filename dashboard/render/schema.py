"""The contract between the Python that builds the map's payload and the scripts that draw it.

The payload stays compact: a long tour's records travel as positional arrays, not as objects that
repeat their keys ten thousand times. Their fields are named here, once. Python builds a record with
:func:`record`, the layer script reads it through the index table :func:`fields` renders into it
(``d[F.point.title]``, never ``d[0]``), and the tests decode it with :func:`named`.

The names the scripts share on ``window`` are here too: one namespace object, :data:`NAMESPACE`,
with the members :data:`MEMBERS` lists (a test checks the scripts use no others), so that the
pages' scripts, the tests and the benchmarks meet on names written down once.
"""

from __future__ import annotations

from typing import Any

# -- the payload's positional records ---------------------------------------------------------------

POINT = ("title", "suffix", "rows", "quote", "cite", "sources", "when")
"""A stop's tooltip and popup texts (the payload's ``texts``, one JSON string of a record per stop);
``when``: its dates as its card shows them, each account with its kind, the sources named below."""
ROW = ("label", "value")
"""A popup row: which :data:`LABEL` names it, and its escaped value."""
LABEL = ("dates", "venue", "met", "topics", "sources")
"""The popup's row names, sent once per map as the payload's ``labels`` (``field.*`` words)."""
TIMING = ("last", "month", "planned", "moved", "monthNote")
"""A stop with more to say to the playback (``play.more``): its last step, 1 if its date is known only
to the month, the first step of its planned date (or null), and the notes said then."""
BAND = ("first", "last", "label")
"""A month on the slider's track (``play.bands``): its first and last steps and what it says."""

RECORDS: dict[str, tuple[str, ...]] = {
    "point": POINT,
    "row": ROW,
    "label": LABEL,
    "timing": TIMING,
    "band": BAND,
}
ROLES = {"origin": "o", "visit": "v", "discussed": "d"}
"""One letter per stop in the payload's ``roles`` string."""

# -- the payload's keys -----------------------------------------------------------------------------

PAYLOAD = (
    *("ids", "lat", "lng", "roles", "n", "texts"),  # the stops, as columns
    *("route", "legs", "pairs"),  # the lines: a long tour's routes, or a short one's legs
    *("legend", "legendTitle", "title", "labels", "words", "sources", "sourceNames", "key"),  # texts
    *("colors", "tripColors", "tripDashes", "many"),  # how to draw
    *("bounds", "land", "state", "play"),  # the view, the outlines, the selection, the playback
)
"""Every key of the map's payload (:func:`dashboard.render.map_data.payload`)."""
MAP_WORDS = (
    "show_legend",
    "hide_legend",
    "sources_key",
    "map_name",
    "keys_hint",
    "wheel_hint",
    "touch_hint",
    "selected",
    "more",
)
"""The payload's ``words``: ``map.*`` texts the script shows."""
PLAY_WORDS = ("title", "play", "pause", "slider")
"""The playback's ``words``: ``playback.*`` texts its control shows."""


# -- the names the scripts share on window ---------------------------------------------------------

NAMESPACE = "tourDashboard"
"""The one object our scripts put on ``window``; everything they share is a member of it."""
MEMBERS = {
    # The route map: the exported page, and the app's map frame.
    "data": "the map's payload, when the app serves it as a script of its own (maps.data_script)",
    "map": "the Leaflet map",
    "applyState": "restyles the stops for a selection and a filter (TourState and StoryFocus call it)",
    "frameRoute": "fits the view to the whole route, with room for the controls (StoryFocus calls it)",
    "frameStop": "brings a stop to the middle at a zoom (StoryFocus calls it)",
    "selected": "the selected stop's id, as last applied",
    "visible": "the ids the filters show (null: all), as last applied",
    "selectedAt": "when a click on a stop was drawn as selected by the map itself (performance.now())",
    "selectionPaintedAt": "the first frame painted after that (performance.now(); the benchmarks read it)",
    "legendOpen": "whether the legend is open (it folds where no corner is free of stops)",
    "filtered": "whether a filter is on, as last applied",
    "markers": "a short tour's markers by place id",
    "points": "a long tour's canvas layer of stops",
    "pointsDrawn": "how many stops the layer drew",
    "drawnAt": "when the stops were drawn (performance.now(); the benchmarks read it)",
    "paintedAt": "when the stops were first painted (performance.now(); the benchmarks read it)",
    "landRings": "how many country outlines were drawn",
    "legendCorner": "the corner the legend sits in",
    "placeLegend": "puts the legend in a corner free of stops (the playback control calls it once added)",
    "spreadAt": "the zoom at which crowded numbered stops were last spread out",
    "legs": "a short tour's legs as drawn: each one's line, arrow, payload record and bend (px)",
    "storyStop": "the stop the story page's step last flew the app's map to (StoryFocus)",
    # The story file.
    "storyData": "the story file's data (dashboard.render.story)",
    "storyMap": "the story file's Leaflet map",
    "storyGo": "opens the step of a place id (a stop clicked on the story's map)",
    "storyMove": "brings the story's map to a step",
    "storyStep": "the id of the step shown",
    "storyShownAt": "when the first step was painted (performance.now(); the benchmarks read it)",
    "storyMapAt": "when the story's map was first painted",
    "storyLandRings": "how many country outlines the story's map drew",
    "storyPoints": "a long tour's canvas layer of the story's stops (story_points.js)",
    # Compare's page (dashboard/render/assets/compare_map.js).
    "compareMaps": "Compare's two Leaflet maps, moved together",
    # The app's page (dashboard/render/assets/app_a11y.js).
    "chartNames": "the observer that names the app's charts for screen readers",
}


def member_prefix(member: str) -> str:
    """The start of a script that sets ``member`` of the namespace, creating it if needed."""
    if member not in MEMBERS:
        raise ValueError(f"{member!r} is not a member of window.{NAMESPACE} (schema.MEMBERS)")
    return f"(window.{NAMESPACE} = window.{NAMESPACE} || {{}}).{member} = "


def set_member(member: str, js: str) -> str:
    """A script that sets ``member`` of the namespace to the JavaScript expression ``js``."""
    return member_prefix(member) + js + ";"


# -- building and reading records -------------------------------------------------------------------


def record(names: tuple[str, ...], **values: Any) -> list[Any]:
    """A positional record of ``names`` (one of :data:`RECORDS`), built from its fields by name."""
    if len(values) != len(names):
        raise ValueError(f"a record of {names!r} needs exactly those fields, got {sorted(values)!r}")
    return [values[name] for name in names]


def named(kind: str, values: list[Any]) -> dict[str, Any]:
    """A positional record of ``kind`` (a key of :data:`RECORDS`) read back by name, as the scripts
    read it."""
    names = RECORDS[kind]
    if len(values) != len(names):
        raise ValueError(f"a {kind!r} record has {len(names)} fields {names!r}, got {values!r}")
    return dict(zip(names, values, strict=True))


def fields() -> dict[str, Any]:
    """What the layer script reads the records with: each record's field positions by name, and the
    role letters (``F.point.title``, ``F.role.origin``)."""
    table: dict[str, Any] = {
        kind: {name: i for i, name in enumerate(names)} for kind, names in RECORDS.items()
    }
    table["role"] = ROLES
    return table
