"""Checks that a single record cannot make on its own: ids, references and roles.

Each check returns :class:`~dashboard.errors.Problem` rows rather than raising, so one
run reports every duplicate id and every dangling reference in the file.

The checks read a validated :class:`~dashboard.model.Tour` or, when the schema found
problems, the raw parsed data, so that one load reports type errors and broken
references together. On raw data they are best effort: a value of the wrong type is
skipped (the schema already reports it), and a list whose ids cannot all be read
makes its references uncheckable rather than all "unknown".
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from dashboard.tourfile.errors import Problem, problem
from dashboard.tourfile.model import DRAFTED, ID_PATTERN, Tour, Visit

# The kinds of record other records refer to, by the list holding them.
KINDS = {"source": "sources", "place": "places", "topic": "topics", "proposal": "proposals"}
ROLES = ("origin", "visit", "discussed")
_ID = re.compile(ID_PATTERN)

Known = dict[str, set[str] | None]  # kind -> its ids, or None when they cannot all be read


def _field(record: Any, name: str) -> Any:
    """A field of a record, validated (a model) or raw (a dict); None if absent or unreadable."""
    if isinstance(record, dict):
        return record.get(name)
    # Records come from _records (dicts or models); a stray scalar has none of these fields.
    # getattr rather than isinstance(record, BaseModel): this runs for every field of a
    # 10,000-place tour, and pydantic's isinstance check is several times slower.
    return getattr(record, name, None)


def _records(parent: Any, name: str) -> list[tuple[int, Any]]:
    """(index, record) for each record in the list ``parent.name``; none if it is not a list."""
    items = _field(parent, name)
    if not isinstance(items, list):
        return []
    if isinstance(parent, BaseModel):  # validated: every item is a record
        return list(enumerate(items))
    return [(i, r) for i, r in enumerate(items) if isinstance(r, dict)]


def _text(record: Any, name: str) -> str | None:
    value = _field(record, name)
    return value if isinstance(value, str) else None


def _known_ids(data: Any, name: str) -> set[str] | None:
    items = _field(data, name)
    if items is None and not Tour.model_fields[name].is_required():
        return set()  # an optional list left out: there are none
    if not isinstance(items, list):
        return None
    if isinstance(data, BaseModel):  # validated: every id is there and well formed
        return {r.id for r in items}
    return _complete([_text(r, "id") for r in items])


def _complete(ids: list[str | None]) -> set[str] | None:
    """``ids`` as a set, or None if one cannot be read or is not a valid id.

    An id the schema refuses ('Lima') may be the one others refer to ('lima'): then
    every reference to it is uncertain, and none is called unknown.
    """
    if not all(i is not None and _ID.fullmatch(i) for i in ids):
        return None
    return {i for i in ids if i is not None}


def _duplicates(kind: str, ids: Iterable[str]) -> list[Problem]:
    counts = Counter(ids)
    return [problem(kind, "duplicate id; each id must be unique", i) for i, n in counts.items() if n > 1]


def _unknown_id(what: str) -> str:
    return f"unknown {what} id: no {what} has this id"


def _closest(value: str, known: set[str]) -> str:
    """``did you mean 'lima'?`` for a mistyped id, when one of ``known`` is close enough."""
    match = difflib.get_close_matches(value, sorted(known), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


def _unknown(path: str, value: str | None, known: set[str] | None, what: str) -> list[Problem]:
    if value is None or known is None or value in known:
        return []
    return [problem(path, _unknown_id(what), value, hint=_closest(value, known))]


def _unknown_all(record: Any, name: str, at: str, known: set[str] | None, what: str) -> list[Problem]:
    # The hot path of a big tour (every list of source ids): kept to one comprehension.
    values = _field(record, name)
    if known is None or not isinstance(values, list):
        return []
    return [
        problem(f"{at}.{name}[{i}]", _unknown_id(what), v, hint=_closest(v, known))
        for i, v in enumerate(values)
        if isinstance(v, str) and v not in known
    ]


def _sources_of(record: Any, at: str, known: Known) -> list[Problem]:
    return _unknown_all(record, "sources", at, known["source"], "source")


def check_ids(data: Any) -> list[Problem]:
    """Duplicate ids within each list, and visits that repeat a place or an order."""
    out: list[Problem] = []
    for name in ("sources", "places", "topics", "claims", "proposals", "discrepancies", "events"):
        out += _duplicates(name, (i for _, r in _records(data, name) if (i := _text(r, "id")) is not None))
    visits = [v for _, v in _records(data, "visits")]
    out += _duplicates("visits (place)", (p for v in visits if (p := _text(v, "place")) is not None))
    orders = (_field(v, "order") for v in visits)
    out += _duplicates("visits (order)", (str(o) for o in orders if type(o) is int))
    return out


def _check_sources(data: Any, known: Known) -> list[Problem]:
    out: list[Problem] = []
    for i, s in _records(data, "sources"):
        out += _unknown(f"sources[{i}].translation_of", _text(s, "translation_of"), known["source"], "source")
    for i, p in _records(data, "places"):
        out += _sources_of(p, f"places[{i}]", known)
    for i, e in _records(data, "events"):
        out += _sources_of(e, f"events[{i}]", known)
    for i, d in _records(data, "discrepancies"):
        for j, var in _records(d, "variants"):
            out += _sources_of(var, f"discrepancies[{i}].variants[{j}]", known)
    return out


def _check_places(data: Any, known: Known) -> list[Problem]:
    """Pairs name another existing place; one origin at most."""
    out: list[Problem] = []
    origin: str | None = None
    for i, p in _records(data, "places"):
        at, pid, pair = f"places[{i}]", _text(p, "id"), _text(p, "paired_with")
        out += _unknown(f"{at}.paired_with", pair, known["place"], "place")
        if pair is not None and pair == pid:
            out.append(problem(f"{at}.paired_with", "a place cannot be paired with itself", pair))
        if _text(p, "role") == "origin":
            if origin is not None:
                message = f"only one place can be the origin; {origin} already is"
                out.append(problem(f"{at}.role", message, "origin"))
            origin = origin or f"{pid!r} ({at})"
    return out


def _check_visits(data: Any, known: Known) -> list[Problem]:
    out: list[Problem] = []
    roles = {pid: _text(p, "role") for _, p in _records(data, "places") if (pid := _text(p, "id"))}
    for i, v in _records(data, "visits"):
        at, place = f"visits[{i}]", _text(v, "place")
        out += _unknown(f"{at}.place", place, known["place"], "place")
        role = roles.get(place or "")
        if role in ROLES and role != "visit":  # a role the schema refuses is reported there
            message = f"this place has role {role!r}, but a visited place must have role 'visit'"
            out.append(problem(f"{at}.place", message, place))
        out += _sources_of(v, at, known)
        for group in ("dates", "counterparts", "others_met", "delegation", "duration"):
            for j, item in _records(v, group):
                out += _sources_of(item, f"{at}.{group}[{j}]", known)
    return out


def _check_claims(data: Any, known: Known) -> list[Problem]:
    out: list[Problem] = []
    for i, c in _records(data, "claims"):
        at = f"claims[{i}]"
        out += _unknown(f"{at}.place", _text(c, "place"), known["place"], "place")
        out += _unknown_all(c, "mentions", at, known["place"], "place")
        out += _unknown_all(c, "topics", at, known["topic"], "topic")
        out += _unknown_all(c, "proposals", at, known["proposal"], "proposal")
        out += _sources_of(c, at, known)
        out += _unknown(f"{at}.quote_source", _text(c, "quote_source"), known["source"], "source")
    return out


def _visited(data: Any) -> set[str] | None:
    visits = _field(data, "visits")
    if visits is None:
        return set()
    return _complete([_text(v, "place") for v in visits] if isinstance(visits, list) else [None])


def _check_proposals(data: Any, known: Known) -> list[Problem]:
    out: list[Problem] = []
    visited = _visited(data)
    for i, p in _records(data, "proposals"):
        at = f"proposals[{i}]"
        out += _unknown_all(p, "topics", at, known["topic"], "topic")
        out += _sources_of(p, at, known)
        for j, row in _records(p, "history"):
            out += _sources_of(row, f"{at}.history[{j}]", known)
            out += _unknown(f"{at}.history[{j}].visit", _text(row, "visit"), visited, "visited place")
    return out


def _check_drafts(data: Any, known: Known) -> list[Problem]:
    """A draft mark names the article it came from: one of the tour's sources."""
    out: list[Problem] = []
    for kind in DRAFTED:
        for i, item in _records(data, kind):
            draft = _field(item, "draft")
            if draft is not None:
                out += _unknown(
                    f"{kind}[{i}].draft.source", _text(draft, "source"), known["source"], "source"
                )
    return out


def _check_story(data: Any, known: Known) -> list[Problem]:
    """The story's narratives each go with a different visited place; its sources exist."""
    story = _field(data, "story")
    out = _sources_of(story, "story", known)
    visited, first = _visited(data), dict[str | None, int]()
    for i, step in _records(story, "steps"):
        at, stop = f"story.steps[{i}]", _text(step, "stop")
        out += _story_stop(f"{at}.stop", stop, known["place"], visited)
        out += _sources_of(step, at, known)
        if stop is not None and stop in first:
            message = f"this stop already has a narrative (story.steps[{first[stop]}]); give one per stop"
            out.append(problem(f"{at}.stop", message, stop))
        first.setdefault(stop, i)
    return out


def _story_stop(
    path: str, stop: str | None, places: set[str] | None, visited: set[str] | None
) -> list[Problem]:
    if stop is None or visited is None or stop in visited:
        return []
    if places is not None and stop in places:  # a place, but one the tour does not visit
        message = "this place has no visit; a story step goes with a visited place"
        return [problem(path, message, stop, hint=_closest(stop, visited))]
    return _unknown(path, stop, visited, "visited place")


def check_data(data: Any) -> list[Problem]:
    """Every problem with ids, references and roles in a tour, validated or raw; empty when all is well."""
    if not isinstance(data, dict | BaseModel):
        return []
    known: Known = {kind: _known_ids(data, name) for kind, name in KINDS.items()}
    return [
        *check_ids(data),
        *_check_sources(data, known),
        *_check_places(data, known),
        *_check_visits(data, known),
        *_check_claims(data, known),
        *_check_proposals(data, known),
        *_check_drafts(data, known),
        *_check_story(data, known),
    ]


def check_references(tour: Tour) -> list[Problem]:
    """Every problem with ids, references, roles and sources in a validated ``tour`` (its sources
    already inherited: see :func:`inherit_sources`)."""
    return [*check_data(tour), *_unsourced(tour)]


# -- format version 2: inherited sources, and the features a version-1 file may not use --------------

_NESTED = ("dates", "counterparts", "others_met", "delegation", "duration")


def inherit_sources(tour: Tour) -> Tour:
    """``tour`` with every left-out ``sources`` filled in: a visit's from its place, a date, person or
    duration's from its visit. Every view then shows the inherited citation as if it were written."""
    places = {p.id: p for p in tour.places}

    def visit(v: Visit) -> Visit:
        own = v.sources or (places[v.place].sources if v.place in places else [])
        nested = {
            g: [i if i.sources else i.model_copy(update={"sources": own}) for i in getattr(v, g)]
            for g in _NESTED
        }
        return v.model_copy(update={"sources": own, **nested})

    if all(v.sources and all(i.sources for g in _NESTED for i in getattr(v, g)) for v in tour.visits):
        return tour  # nothing left out (every version-1 file): the tour as it is
    return tour.model_copy(update={"visits": [visit(v) for v in tour.visits]})


def _unsourced(tour: Tour) -> list[Problem]:
    """Visits with no sources of their own and none to inherit from their place."""
    message = "no sources: give `sources` on the visit, or on its place for the visit to inherit"
    return [problem(f"visits[{i}].sources", message) for i, v in enumerate(tour.visits) if not v.sources]


V2_SOURCE_FIELDS = ("author", "url", "archived_url", "accessed")
UPGRADE = "format version 2; run `python -m dashboard upgrade FILE`, or remove `format_version: 1`"


def check_version(data: Any) -> list[Problem]:
    """What a file that says ``format_version: 1`` uses of version 2 (on the raw data)."""
    if not isinstance(data, dict) or data.get("format_version") != 1:
        return []
    out: list[Problem] = []
    for i, s in _records(data, "sources"):
        out += [problem(f"sources[{i}].{f}", f"`{f}` needs {UPGRADE}") for f in V2_SOURCE_FIELDS if f in s]
        if isinstance(s.get("language"), str) and s["language"] not in ("en", "es"):
            out.append(
                problem(
                    f"sources[{i}].language",
                    f"a language besides 'en' and 'es' needs {UPGRADE}",
                    s["language"],
                )
            )
    for i, v in _records(data, "visits"):
        if "sources" not in v:
            out.append(
                problem(f"visits[{i}].sources", f"leaving out sources to inherit them needs {UPGRADE}")
            )
        for group in _NESTED:
            items = v.get(group) if isinstance(v.get(group), list) else []
            for j, item in enumerate(items):
                at = f"visits[{i}].{group}[{j}]"
                if isinstance(item, str):
                    out.append(problem(at, f"a person given as a plain name needs {UPGRADE}", item))
                elif isinstance(item, dict) and "sources" not in item:
                    out.append(
                        problem(f"{at}.sources", f"leaving out sources to inherit them needs {UPGRADE}")
                    )
    return out


def _count(n: int, noun: str, plural: str = "") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def summary(tour: Tour) -> str:
    """A one-paragraph description of a valid tour, for ``validate``."""
    missing = [p.id for p in tour.places if not p.has_coordinates]
    counts = [
        _count(len(tour.places), "place"),
        _count(len(tour.visits), "visit"),
        _count(len(tour.claims), "claim"),
        _count(len(tour.proposals), "proposal"),
        _count(len(tour.sources), "source"),
        _count(len(tour.discrepancies), "discrepancy", "discrepancies"),
    ]
    lines = [f"{tour.title.en}: {', '.join(counts)}."]
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        has = "has" if len(missing) == 1 else "have"
        count = _count(len(missing), "place")
        lines.append(f"{count} {has} no coordinates yet ({shown}): run `geocode` to add them.")
    return "\n".join(lines)
