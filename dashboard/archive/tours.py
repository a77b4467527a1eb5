"""One person's travel records as a tour file (format version 2), every visit cited.

- **Trips.** Records are taken in date order; one that starts more than :data:`GAP_DAYS` days
  after the trip's last day so far starts a new trip. Every trip starts from Washington.
- **Visits.** A record becomes one visit per place of its locale, each with the record's dates and
  its remarks verbatim as the visit's summary; the people the remarks say were met are its
  counterparts (:mod:`dashboard.archive.counterparts`).
- **Sources.** A source per record: the person's page on history.state.gov and the record's id, with
  its last-modified date (else its created date) as the date published, and both in its note.
- **Places.** One per visit (a tour visits a place once), in today's country of the place, located
  by :mod:`dashboard.archive.places`; what the gazetteer could not place is said in the place's
  description.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from dashboard.archive import places
from dashboard.archive.counterparts import people_met
from dashboard.archive.records import Record
from dashboard.tourfile.model import DateVariant, Person, Place, Source, Text, Tour, Visit

GAP_DAYS = 3  # a record starting more than 3 days after the trip's last day begins a new trip
OUTLET = "Office of the Historian, U.S. Department of State"
ROLES = {"president": "President", "secretary": "Secretary of State"}
ORIGIN = "washington"


@dataclass
class Imported:
    """A tour made from records (its dates and people inherit their visit's source, as format
    version 2 allows: :func:`dashboard.archive.output.tour_text` writes it, loading reads it), with the
    places it could not locate (by id: why)."""

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


def archive_source(row: Record) -> Source:
    """The record as a source: published when it was last changed (else created), both in its note."""
    title = f"Travels Abroad of the {ROLES.get(row.role, row.role)}: {row.name}, record {row.record_id}"
    created = row.created.isoformat() if row.created else "not recorded"
    modified = row.modified.isoformat() if row.modified else "not recorded"
    note = Text(en=f"Record {row.record_id}: created {created}; last modified {modified}.")
    return Source(id=f"r{row.record_id}", title=title, outlet=OUTLET, language="en", url=row.url,
                  published=row.modified or row.created, note=note)  # fmt: skip


def person_tour(
    rows: list[Record], source: Callable[[Record], Source] = archive_source, origin: bool = True
) -> Imported:
    """The tour of one person's records (all of one ``slug``), located from the offline gazetteer:
    each record cited by ``source(record)`` (whose id is ``r<record id>``), every trip from
    Washington when ``origin``."""
    unlocated: dict[str, str] = {}
    sources: list[Source] = []
    stops, visits = [_origin()] if origin else [], list[Visit]()
    taken = {ORIGIN}
    for trip, row in trips(rows):
        sources.append(source(row))
        for place, country in zip(row.places, row.countries, strict=True):
            stop = _place(sources[-1].id, place, country, taken, unlocated)
            stops.append(stop)
            taken.add(stop.id)
            visits.append(_visit(row, sources[-1].id, stop.id, len(visits) + 1, trip))
    title, summary = _titles(rows[0])
    tour = Tour(id=rows[0].slug, subject=rows[0].name, title=title, summary=summary, sources=sources,
                places=stops, visits=visits)  # fmt: skip
    return Imported(tour, unlocated)


def _titles(row: Record) -> tuple[Text, Text | None]:
    if row.role not in ROLES:  # a table's traveller: no office known
        return Text(en=f"{row.name}: travels"), None
    office = ROLES[row.role]
    summary = f"Every trip abroad of {row.name} as {office}, from the Office of the Historian's records "
    summary += f"({row.url})."
    return Text(en=f"{row.name}: travels abroad as {office}"), Text(en=summary)


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


def _place(cited: str, name: str, country: str, taken: set[str], unlocated: dict[str, str]) -> Place:
    """The place of one visit, under an id of its own (a tour visits a place once)."""
    pid = base = f"{cited}-{slug(name)}"
    while pid in taken:  # "Tel Aviv, Tel Aviv": the same place twice in one locale
        pid = f"{base}-{len(taken)}"
    found = places.locate(name, country)
    query = places.names(name)[0]
    place = Place(id=pid, name=name, country=country, role="visit", sources=[cited],
                  query=query if query != name else None)  # fmt: skip
    if found is None:
        unlocated[pid] = f"{name!r} ({country}): not in the offline gazetteer, and no capital to stand in"
        note = "Not located: the offline gazetteer has no such place, and no capital to stand in."
        return place.model_copy(update={"description": Text(en=note)})
    located: dict[str, object] = {
        "latitude": found.latitude,
        "longitude": found.longitude,
        "geocoded_by": found.by,
    }
    if rough := _precision_note(name, found):
        located["description"] = Text(en=rough)
    return place.model_copy(update=located)


def _precision_note(name: str, found: places.Located) -> str | None:
    """What a reader must know of a place placed roughly: where it stands, and why."""
    if found.precision == "capital":
        return f"Placed at {found.at}, the capital: {name!r} is not a city the offline gazetteer holds."
    if found.precision == "region":
        return f"Placed at {found.at}, the main city of {name!r}, a region rather than a city."
    return None


def _visit(row: Record, cited: str, place: str, order: int, trip: int) -> Visit:
    if row.met is not None:  # a table's column of names
        met = [Person(name=name, sources=[]) for name in row.met]
    else:
        met = [
            Person(name=name, office=Text(en=office), sources=[]) for office, name in people_met(row.remarks)
        ]
    end = row.end if row.end != row.start else None
    dates = [DateVariant(start=row.start, end=end, sources=[])]  # both inherit the visit's source
    summary = Text(en=row.remarks) if row.remarks else None
    return Visit(place=place, order=order, trip=trip, dates=dates, counterparts=met, summary=summary,
                 sources=[cited])  # fmt: skip
