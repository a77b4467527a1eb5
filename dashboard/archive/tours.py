"""One person's travel records as a tour file (format version 2), every visit cited.

- **Trips.** Records are taken in date order; one that starts more than :data:`GAP_DAYS` days
  after the trip's last day so far starts a new trip. Every trip starts from Washington.
- **Visits.** A record becomes one visit per place of its locale, each with the record's dates and
  its remarks verbatim as the visit's summary; the people the remarks say were met are its
  counterparts (:mod:`dashboard.archive.counterparts`).
- **Sources.** A source per record: the person's page on history.state.gov, the record's id and
  its last-modified date (else its created date) as the date published.
- **Places.** One per visit (a tour visits a place once), in today's country of the place, located
  by :mod:`dashboard.archive.places`; what the gazetteer could not place is said in the place's
  description.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from dashboard.archive import places
from dashboard.archive.counterparts import people_met
from dashboard.archive.records import Record
from dashboard.tourfile.model import DateVariant, Person, Place, Source, Text, Tour, Visit
from dashboard.tourfile.validate import inherit_sources

GAP_DAYS = 3  # a record starting more than 3 days after the trip's last day begins a new trip
OUTLET = "Office of the Historian, U.S. Department of State"
ROLES = {"president": "President", "secretary": "Secretary of State"}
ORIGIN = "washington"


@dataclass
class Imported:
    """A tour made from records, with the places it could not locate (by id: why)."""

    tour: Tour
    unlocated: dict[str, str] = field(default_factory=dict)


def trips(rows: Iterable[Record]) -> Iterator[tuple[int, Record]]:
    """(trip number, record) in date order: a gap of more than GAP_DAYS days starts a new trip."""
    number, last = 0, dt.date.min
    for row in sorted(rows, key=lambda r: (r.start, r.end, r.record_id)):
        if number == 0 or (row.start - last).days > GAP_DAYS:
            number, last = number + 1, row.end
        last = max(last, row.end)
        yield number, row


def person_tour(rows: list[Record]) -> Imported:
    """The tour of one person's records (all of one ``slug``), located from the offline gazetteer."""
    unlocated: dict[str, str] = {}
    sources: list[Source] = []
    stops, visits = [_origin()], list[Visit]()
    for trip, row in trips(rows):
        sources.append(_source(row))
        for place, country in zip(row.places, row.countries, strict=True):
            stop = _place(row, place, country, {p.id for p in stops}, unlocated)
            stops.append(stop)
            visits.append(_visit(row, stop.id, len(visits) + 1, trip))
    first, office = rows[0], ROLES.get(rows[0].role, rows[0].role)
    tour = Tour(
        id=first.slug[:64], subject=first.name, title=Text(en=f"{first.name}: travels abroad as {office}"),
        summary=Text(en=f"Every trip abroad of {first.name} as {office}, from the Office of the "
                     f"Historian's records ({first.url})."),
        sources=sources, places=stops, visits=visits,
    )  # fmt: skip
    return Imported(inherit_sources(tour), unlocated)


def _source(row: Record) -> Source:
    title = f"Travels Abroad of the {ROLES.get(row.role, row.role)}: {row.name}, record {row.record_id}"
    return Source(id=f"r{row.record_id}", title=title, outlet=OUTLET, language="en", url=row.url,
                  published=row.modified)  # fmt: skip


def _origin() -> Place:
    found = places.locate("Washington", "US")
    assert found is not None  # the gazetteer's Washington, D.C.
    note = "Where every trip starts: the records give no origin, and the journeys went out from Washington."
    return Place(id=ORIGIN, name="Washington", country="US", role="origin", latitude=found.latitude,
                 longitude=found.longitude, geocoded_by=found.by, description=Text(en=note))  # fmt: skip


def slug(text: str) -> str:
    """An id-safe form of a name: "São Paulo" -> "sao-paulo"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "place"


def _place(row: Record, name: str, country: str, taken: set[str], unlocated: dict[str, str]) -> Place:
    pid = base = f"r{row.record_id}-{slug(name)}"
    while pid in taken:  # "Tel Aviv, Tel Aviv": the same place twice in one locale
        pid = f"{base}-{len(taken)}"
    found = places.locate(name, country)
    bare = places.names(name)[0]
    common = {"id": pid, "name": name, "country": country, "role": "visit", "sources": [f"r{row.record_id}"],
              "query": bare if bare != name else None}  # fmt: skip
    if found is None:
        unlocated[pid] = f"{name!r} ({country}): not in the offline gazetteer, and no capital to stand in"
        return Place(**common, description=Text(en="Not located: the offline gazetteer has no such place."))
    note = None
    if found.precision == "capital":
        note = Text(en=f"Placed at the capital: {name!r} is not a city the offline gazetteer holds.")
    return Place(**common, latitude=found.latitude, longitude=found.longitude, geocoded_by=found.by,
                 description=note)  # fmt: skip


def _visit(row: Record, place: str, order: int, trip: int) -> Visit:
    met = [Person(name=name, office=Text(en=office), sources=[]) for office, name in people_met(row.remarks)]
    end = row.end if row.end != row.start else None
    dates = [DateVariant(start=row.start, end=end, sources=[])]  # both inherit the visit's source
    summary = Text(en=row.remarks) if row.remarks else None
    return Visit(place=place, order=order, trip=trip, dates=dates, counterparts=met, summary=summary,
                 sources=[f"r{row.record_id}"])  # fmt: skip
