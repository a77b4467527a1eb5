"""The bundled travel archive as a library: who is in it, and each person's travels as a tour.

:func:`people` reads the XML only (no gazetteer), for pickers and lists; :func:`person_tour` makes
the full tour, located and valid, exactly as ``python -m dashboard import oh-travels`` writes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dashboard.archive import tours
from dashboard.archive.output import valid_tour
from dashboard.archive.records import ARCHIVE_DIR, Record, records
from dashboard.tourfile.model import Tour

__all__ = ["ARCHIVE_DIR", "Person", "people", "person_tour"]


@dataclass(frozen=True)
class Person:
    """Someone in the archive: a president or secretary of state, and the span of their records."""

    slug: str  # "blinken-antony-j" (the XML's who)
    name: str  # "Antony J. Blinken"
    role: str  # "president" | "secretary"
    first_day: dt.date
    last_day: dt.date
    visits: int  # number of records
    countries: frozenset[str]  # today's ISO alpha-2 codes (XK included)


def people(source: Path = ARCHIVE_DIR) -> list[Person]:
    """Everyone in the archive at ``source``, by their first trip's day (XML only: fast)."""
    by_slug: dict[str, list[Record]] = {}
    for row in records(source):
        by_slug.setdefault(row.slug, []).append(row)
    found = [_person(rows) for rows in by_slug.values()]
    return sorted(found, key=lambda p: (p.first_day, p.slug))


def _person(rows: list[Record]) -> Person:
    first = rows[0]
    return Person(
        first.slug, first.name, first.role, min(r.start for r in rows), max(r.end for r in rows),
        len(rows), frozenset(c for r in rows for c in r.countries),
    )  # fmt: skip


def person_tour(slug: str, source: Path = ARCHIVE_DIR) -> Tour:
    """The person's full tour: imported, located and valid. Raises KeyError for an unknown slug."""
    rows = [r for r in records(source) if r.slug == slug]
    if not rows:
        raise KeyError(slug)
    return valid_tour(tours.person_tour(rows).tour, f"{slug}.yaml")
