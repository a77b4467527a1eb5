"""Cross-reference checks that a single record cannot make on its own.

Each check returns :class:`~dashboard.loader.Problem` rows rather than raising, so
one run reports every duplicate id and every dangling reference in the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from dashboard.errors import Problem, problem
from dashboard.model import Tour


def _duplicates(kind: str, ids: Iterable[str]) -> list[Problem]:
    counts = Counter(ids)
    return [problem(kind, "duplicate id; each id must be unique", i) for i, n in counts.items() if n > 1]


def _unknown(path: str, value: str | None, known: set[str], what: str) -> list[Problem]:
    if value is None or value in known:
        return []
    return [problem(path, f"unknown {what} id", value)]


def _unknown_all(path: str, values: Iterable[str], known: set[str], what: str) -> list[Problem]:
    return [p for i, v in enumerate(values) for p in _unknown(f"{path}[{i}]", v, known, what)]


def check_ids(tour: Tour) -> list[Problem]:
    """Duplicate ids within each list, and visits that repeat a place or an order."""
    return [
        *_duplicates("sources", (s.id for s in tour.sources)),
        *_duplicates("places", (p.id for p in tour.places)),
        *_duplicates("topics", (t.id for t in tour.topics)),
        *_duplicates("claims", (c.id for c in tour.claims)),
        *_duplicates("proposals", (p.id for p in tour.proposals)),
        *_duplicates("discrepancies", (d.id for d in tour.discrepancies)),
        *_duplicates("events", (e.id for e in tour.events)),
        *_duplicates("visits (place)", (v.place for v in tour.visits)),
        *_duplicates("visits (order)", (str(v.order) for v in tour.visits)),
    ]


def _check_sources(tour: Tour, sources: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for i, s in enumerate(tour.sources):
        out += _unknown(f"sources[{i}].translation_of", s.translation_of, sources, "source")
    for i, p in enumerate(tour.places):
        out += _unknown_all(f"places[{i}].sources", p.sources, sources, "source")
    for i, e in enumerate(tour.events):
        out += _unknown_all(f"events[{i}].sources", e.sources, sources, "source")
    for i, d in enumerate(tour.discrepancies):
        for j, var in enumerate(d.variants):
            out += _unknown_all(f"discrepancies[{i}].variants[{j}].sources", var.sources, sources, "source")
    return out


def _check_visits(tour: Tour, places: set[str], sources: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for i, v in enumerate(tour.visits):
        at = f"visits[{i}]"
        out += _unknown(f"{at}.place", v.place, places, "place")
        out += _unknown_all(f"{at}.sources", v.sources, sources, "source")
        for j, d in enumerate(v.dates):
            out += _unknown_all(f"{at}.dates[{j}].sources", d.sources, sources, "source")
        for group in ("counterparts", "others_met", "delegation"):
            for j, person in enumerate(getattr(v, group)):
                out += _unknown_all(f"{at}.{group}[{j}].sources", person.sources, sources, "source")
        for j, dur in enumerate(v.duration):
            out += _unknown_all(f"{at}.duration[{j}].sources", dur.sources, sources, "source")
    return out


def _check_claims(tour: Tour, ids: dict[str, set[str]]) -> list[Problem]:
    out: list[Problem] = []
    for i, c in enumerate(tour.claims):
        at = f"claims[{i}]"
        out += _unknown(f"{at}.place", c.place, ids["place"], "place")
        out += _unknown_all(f"{at}.mentions", c.mentions, ids["place"], "place")
        out += _unknown_all(f"{at}.topics", c.topics, ids["topic"], "topic")
        out += _unknown_all(f"{at}.proposals", c.proposals, ids["proposal"], "proposal")
        out += _unknown_all(f"{at}.sources", c.sources, ids["source"], "source")
        out += _unknown(f"{at}.quote_source", c.quote_source, ids["source"], "source")
    return out


def _check_proposals(tour: Tour, ids: dict[str, set[str]]) -> list[Problem]:
    out: list[Problem] = []
    visited = {v.place for v in tour.visits}
    for i, p in enumerate(tour.proposals):
        at = f"proposals[{i}]"
        out += _unknown_all(f"{at}.topics", p.topics, ids["topic"], "topic")
        out += _unknown_all(f"{at}.sources", p.sources, ids["source"], "source")
        for j, row in enumerate(p.history):
            out += _unknown_all(f"{at}.history[{j}].sources", row.sources, ids["source"], "source")
            out += _unknown(f"{at}.history[{j}].visit", row.visit, visited, "visited place")
    return out


def _check_places(tour: Tour, places: set[str]) -> list[Problem]:
    out: list[Problem] = []
    for i, p in enumerate(tour.places):
        out += _unknown(f"places[{i}].paired_with", p.paired_with, places, "place")
    roles = {p.id: p.role for p in tour.places}
    for i, v in enumerate(tour.visits):
        if roles.get(v.place) == "discussed":
            out.append(problem(f"visits[{i}].place", "a 'discussed' place cannot be visited", v.place))
    return out


def check_references(tour: Tour) -> list[Problem]:
    """Every problem with ids and references in ``tour``; empty when all is well."""
    ids = {
        "source": {s.id for s in tour.sources},
        "place": {p.id for p in tour.places},
        "topic": {t.id for t in tour.topics},
        "proposal": {p.id for p in tour.proposals},
    }
    return [
        *check_ids(tour),
        *_check_sources(tour, ids["source"]),
        *_check_places(tour, ids["place"]),
        *_check_visits(tour, ids["place"], ids["source"]),
        *_check_claims(tour, ids),
        *_check_proposals(tour, ids),
    ]


def summary(tour: Tour) -> str:
    """A one-paragraph description of a valid tour, for ``validate``."""
    missing = [p.id for p in tour.places if not p.has_coordinates]
    lines = [
        f"{tour.title.en}: {len(tour.places)} places, {len(tour.visits)} visits, "
        f"{len(tour.claims)} claims, {len(tour.proposals)} proposals, "
        f"{len(tour.sources)} sources, {len(tour.discrepancies)} discrepancies."
    ]
    if missing:
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        lines.append(f"{len(missing)} places have no coordinates yet ({shown}): run `geocode` to add them.")
    return "\n".join(lines)
