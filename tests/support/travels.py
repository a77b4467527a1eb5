"""Small synthetic travel records and people for the archive's views (test data, not real events),
as the archive's own ``Record`` and ``Person``, so the views are tried on what they are given."""

from __future__ import annotations

import datetime as dt

from dashboard.archive.library import Person
from dashboard.archive.records import Record


def record(rid: int, slug: str, country: str, start: str, end: str | None = None, role: str = "secretary",
           remarks: str = "Met the minister.") -> Record:  # fmt: skip
    name = {"ada": "Ada Example", "bo": "Bo Sample", "cy": "Cy Pérez"}.get(slug, slug.title())
    first = dt.date.fromisoformat(start)
    last = dt.date.fromisoformat(end) if end else first
    url = f"https://example.org/travels/{role}/{slug}"
    return Record(slug, name, role, rid, first, last, country, country, f"Capital of {country}", remarks, url)


RECORDS = [
    record(1, "ada", "GB", "2013-02-01", "2013-02-03"),
    record(2, "ada", "FR", "2013-02-04"),
    record(3, "ada", "GB", "2014-05-10", "2014-05-11"),
    record(4, "bo", "GB", "2017-03-01"),
    record(5, "bo", "CN", "2017-03-05", "2017-03-08"),
    record(6, "bo", "XK", "2018-07-01"),
    record(7, "cy", "FR", "1950-06-01", role="president"),
    record(8, "cy", "CU", "1951-01-02", "1951-01-05", role="president", remarks='=HYPERLINK("x")'),
]


def people_of(records: list[Record]) -> list[Person]:
    found: dict[str, list[Record]] = {}
    for r in records:
        found.setdefault(r.slug, []).append(r)
    return [
        Person(s, rows[0].name, rows[0].role, min(r.start for r in rows), max(r.end for r in rows),
                   len(rows), frozenset(r.country for r in rows))
        for s, rows in found.items()
    ]  # fmt: skip


PEOPLE = people_of(RECORDS)
