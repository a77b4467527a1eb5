"""The archive's records as the views read them, and the Atlas's view and its address.

The records come from :mod:`dashboard.archive` (the Office of the Historian's travels); the views
only need their attributes, declared here as Protocols, so they are tested on small lists made
in the tests and never import the importer. The Atlas's view (who, which years, visits or days,
the country chosen) round-trips through the address as the tour's view does
(:mod:`dashboard.views.filters`): values that do not fit are dropped and reported, never raised.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from dashboard.tourfile.model import FIRST_DAY, LAST_DAY

ROLES = ("president", "secretary")
MEASURES = ("visits", "days")
FIRST_YEAR, LAST_YEAR = FIRST_DAY.year, LAST_DAY.year  # years a link may name: those a tour may hold


class TravelRecord(Protocol):
    """One country on one trip of one person (``dashboard.archive.records.Record``)."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def record_id(self) -> int: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def country(self) -> str: ...
    @property
    def locale(self) -> str: ...
    @property
    def remarks(self) -> str: ...
    @property
    def url(self) -> str: ...


class ArchivePerson(Protocol):
    """A person of the archive (``dashboard.archive.library.Person``)."""

    @property
    def slug(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def first_day(self) -> dt.date: ...
    @property
    def last_day(self) -> dt.date: ...
    @property
    def visits(self) -> int: ...
    @property
    def countries(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class AtlasView:
    """What the Atlas shows: whose travels (everyone when ``who`` is empty), of which office,
    from and to which year, counted in visits or days, and the country whose visits are listed."""

    who: tuple[str, ...] = ()
    role: str | None = None
    start: int | None = None
    end: int | None = None
    measure: str = "visits"
    country: str | None = None
    problems: tuple[str, ...] = field(default=(), compare=False)

    def with_(self, **changes: object) -> AtlasView:
        return replace(self, problems=(), **changes)  # type: ignore[arg-type]


def _year(raw: str | None, key: str, problems: list[str]) -> int | None:
    if not raw:
        return None
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    problems.append(f"{key}={raw!r}")
    return None


def atlas_from_query(params: Mapping[str, str], people: Iterable[ArchivePerson]) -> AtlasView:
    """The Atlas view a URL asks for (``who``, ``role``, ``from``, ``to``, ``by``, ``country``);
    what does not fit the archive is dropped and listed in ``problems``."""
    problems: list[str] = []
    known = {p.slug for p in people}
    asked = [s for s in (part.strip() for part in params.get("who", "").split(",")) if s]
    if bad := [s for s in asked if s not in known]:
        problems.append(f"who={','.join(bad)!r}")
    who = tuple(dict.fromkeys(s for s in asked if s in known))
    role = params.get("role") or None
    if role is not None and role not in ROLES:
        problems.append(f"role={role!r}")
        role = None
    start, end = _year(params.get("from"), "from", problems), _year(params.get("to"), "to", problems)
    if start and end and end < start:
        problems.append(f"to={end} is before from={start}")
        start = end = None
    measure = params.get("by", "visits")
    if measure not in MEASURES:
        problems.append(f"by={measure!r}")
        measure = "visits"
    country = params.get("country") or None
    if country is not None and not (len(country) == 2 and country.isalpha() and country.isupper()):
        problems.append(f"country={country!r}")
        country = None
    return AtlasView(who, role, start, end, measure, country, tuple(problems))


def atlas_to_query(view: AtlasView) -> dict[str, str]:
    """The URL parameters of ``view``; defaults are left out to keep links short."""
    out: dict[str, str] = {}
    if view.who:
        out["who"] = ",".join(view.who)
    if view.role:
        out["role"] = view.role
    if view.start:
        out["from"] = str(view.start)
    if view.end:
        out["to"] = str(view.end)
    if view.measure != "visits":
        out["by"] = view.measure
    if view.country:
        out["country"] = view.country
    return out


def chosen(records: Iterable[TravelRecord], view: AtlasView) -> list[TravelRecord]:
    """The records the view keeps: its people (or office), and visits that overlap its years."""
    who = set(view.who)
    return [
        r
        for r in records
        if (not who or r.slug in who)
        and (view.role is None or r.role == view.role)
        and (view.start is None or r.end.year >= view.start)
        and (view.end is None or r.start.year <= view.end)
    ]


def days(record: TravelRecord) -> int:
    """Days in the country, the first and last both counted (a record with its dates reversed, a
    slip in the source, counts one day rather than none)."""
    return max((record.end - record.start).days + 1, 1)


def amount(records: Iterable[TravelRecord], measure: str) -> int:
    """How many visits, or days, the records add up to."""
    rows = list(records)
    return sum(days(r) for r in rows) if measure == "days" else len(rows)


def by_country(records: Iterable[TravelRecord], measure: str = "visits") -> dict[str, int]:
    """Visits (or days) per country code, the most first."""
    if measure == "days":
        totals: Counter[str] = Counter()
        for r in records:
            totals[r.country] += days(r)
    else:
        totals = Counter(r.country for r in records)
    return dict(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def year_span(records: Sequence[TravelRecord]) -> tuple[int, int] | None:
    """The first and last year the records touch (None for none)."""
    if not records:
        return None
    return min(r.start.year for r in records), max(r.end.year for r in records)


def people_of(records: Iterable[TravelRecord]) -> dict[str, str]:
    """Each person's name by slug, in the order of their first record."""
    first: dict[str, TravelRecord] = {}
    for r in records:
        if r.slug not in first or r.start < first[r.slug].start:
            first[r.slug] = r
    return {r.slug: r.name for r in sorted(first.values(), key=lambda r: (r.start, r.slug))}
