"""The contract between the Python that builds the map's payload and the scripts that draw it.

The payload stays compact: a long tour's records travel as positional arrays, not as objects that
repeat their keys ten thousand times. Their fields are named here, once. Python builds a record with
:func:`record`, the layer script reads it through the index table :func:`fields` renders into it
(``d[F.point.title]``, never ``d[0]``), and the tests decode it with :func:`named`.

The names the scripts share on ``window`` are here too: one namespace object, :data:`NAMESPACE`,
with the members :data:`MEMBERS` lists (a test checks the scripts use no others).
"""

from __future__ import annotations

from typing import Any

# -- the payload's positional records ---------------------------------------------------------------

POINT = ("title", "suffix", "rows", "quote", "cite", "sources")
"""A stop's tooltip and popup texts (the payload's ``texts``, one JSON string of a record per stop)."""
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
    *("legend", "legendTitle", "title", "labels", "words", "sources", "key"),  # texts
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
)
"""The payload's ``words``: ``map.*`` texts the script shows."""
PLAY_WORDS = ("title", "play", "pause", "slider")
"""The playback's ``words``: ``playback.*`` texts its control shows."""


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
