"""The stops of a draft: one visit per place the articles say was (or will be) visited, with every
date and meeting length they give (side by side where they disagree) and the people met there.

A visit the tour holds is not proposed again; another date for it is a disagreement. The people
met are those named in the visit's sentence, and the hosts named anywhere in the articles whose
country is the stop's (:mod:`cast`): at the stop their sentence names, else the first in that country.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.cast import Host, name_words
from dashboard.ingest.compare import date_variants, disagreement, duration_variants
from dashboard.ingest.durations import Length
from dashboard.ingest.known import date_words, overlaps
from dashboard.ingest.places import PlaceMention
from dashboard.ingest.visits import Sighting
from dashboard.tourfile.model import Claim, Discrepancy, Draft, Event, Person, Source, Text, Tour, Visit
from dashboard.tourfile.validate import inherit_sources


@dataclass
class Reading:
    """What one article proposes, before the articles are put together."""

    source: Source
    visits: list[Sighting] = field(default_factory=list)
    lengths: list[Length] = field(default_factory=list)
    places: list[tuple[PlaceMention, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[tuple[Event, dt.date]] = field(default_factory=list)  # and its last day (a month's)
    hosts: list[Host] = field(default_factory=list)  # people named with an office, and their country


def mark(source: Source, sentence: str, flag: str | None = None) -> Draft:
    """The draft mark of a proposal: its article, the sentence it came from, what to check."""
    return Draft(source=source.id, evidence=sentence[:5000], flag=flag)


def stops(
    readings: list[Reading], ids: dict[tuple[str, str], str], tour: Tour | None
) -> tuple[list[Visit], list[Discrepancy]]:
    """One visit per place the articles say was (or will be) visited; dates the articles disagree on
    are kept side by side, each with its sources, and proposed as a disagreement.

    A visit the tour holds is not proposed again: a date it gives (or one within it) is left out,
    another date is proposed as a disagreement with the tour's dates (the tour's visit is not
    changed). A place the tour holds as the origin or as a place discussed is not made a visit."""
    held = {v.place: v for v in inherit_sources(tour).visits} if tour else {}
    not_visited = {p.id for p in tour.places if p.role != "visit"} if tour else set()
    by_place: dict[str, list[tuple[Reading, Sighting]]] = defaultdict(list)
    other_dates: dict[str, list[tuple[Reading, Sighting]]] = defaultdict(list)
    for reading in readings:
        for sighting in reading.visits:
            pid = ids[(sighting.place.country, normalise(sighting.place.name))]
            if pid in held:
                if not _holds(held[pid], reading.source.id, sighting):
                    other_dates[pid].append((reading, sighting))
            elif pid not in not_visited:
                by_place[pid].append((reading, sighting))
    lengths: dict[str, list[tuple[str, Length]]] = defaultdict(list)
    for reading in readings:
        for length in reading.lengths:
            lengths[ids[(length.place.country, normalise(length.place.name))]].append(
                (reading.source.id, length)
            )
    ordered = sorted(by_place.items(), key=lambda item: min(s.day.day for _, s in item[1]))
    first = max((v.order for v in tour.visits), default=0) if tour else 0
    visits, disagreements = [], []
    hosts = _hosts(readings, ordered)
    for n, (pid, seen) in enumerate(ordered, start=first + 1):
        visit, found = _visit(pid, n, seen, lengths.get(pid, []), hosts.get(pid, []))
        visits.append(visit)
        disagreements += found
    for pid, seen in other_dates.items():
        disagreements += [d for d in [_other_dates(held[pid], seen)] if d]
    return visits, disagreements


def _hosts(readings: list[Reading], ordered: list[tuple[str, list[tuple[Reading, Sighting]]]]
           ) -> dict[str, list[tuple[str, Host]]]:  # fmt: skip
    """Each stop -> the hosts of its country (source id, host): at the stop their sentence names,
    else at the first stop in that country (a head of state received at the capital's visit)."""
    country = {pid: seen[0][1].place.country for pid, seen in ordered}
    names = {pid: {normalise(s.place.name) for _, s in seen} | {normalise(s.place.said) for _, s in seen}
             for pid, seen in ordered}  # fmt: skip
    out: dict[str, list[tuple[str, Host]]] = defaultdict(list)
    for reading in readings:
        for host in reading.hosts:
            stops = [pid for pid, _ in ordered if country[pid] == host.country]
            said = normalise(host.sentence)
            named = [pid for pid in stops if any(n in said for n in names[pid])]
            if stops:
                out[(named or stops)[0]].append((reading.source.id, host))
    return out


def _people(seen: list[tuple[Reading, Sighting]], hosts: list[tuple[str, Host]]) -> list[Person]:
    """The people met at a stop: named in its sentences, then its hosts; each once (by a name word)."""
    found: list[tuple[frozenset[str], Person]] = []
    named = [(p, r.source.id, None) for r, s in seen for p in s.met]
    for person, source, note in [*named, *((h.person, sid, h.note) for sid, h in hosts)]:
        words = name_words(person.name)
        if any(words & known for known, _ in found):
            continue
        found.append((words, Person(name=person.name, office=Text(en=person.office), sources=[source],
                                    note=Text(en=note) if note else None)))  # fmt: skip
    return [p for _, p in found]


def _visit(pid: str, order: int, seen: list[tuple[Reading, Sighting]], lengths: list[tuple[str, Length]],
           hosts: list[tuple[str, Host]]) -> tuple[Visit, list[Discrepancy]]:  # fmt: skip
    """A proposed visit from what every article says of it, and where they disagree (its dates,
    how long the meeting lasted)."""
    dates = date_variants([(r.source.id, s) for r, s in seen])
    durations = duration_variants(lengths)
    reading, sighting = seen[0]
    flags = [s.flag for _, s in seen if s.flag]
    people = {p.name: p for p in _people(seen, hosts)}
    drafted = mark(reading.source, sighting.sentence, flags[0] if flags else None)
    cited = list(dict.fromkeys(r.source.id for r, _ in seen))
    visit = Visit(place=pid, order=order, dates=dates, counterparts=list(people.values()),
                  duration=durations, sources=cited, draft=drafted)  # fmt: skip
    said = [(d.start.isoformat()[: 7 if d.precision == "month" else 10], d.sources) for d in dates]
    long = Draft(source=lengths[0][0], evidence=lengths[0][1].sentence[:5000],
                 flag="the articles give different lengths") if lengths else drafted  # fmt: skip
    found = [
        disagreement(f"{pid}-date", f"When the visit to {pid} took place", f"visits.{pid}.dates", said,
                     drafted.model_copy(update={"flag": "the articles give different dates"})),
        disagreement(f"{pid}-duration", f"How long the meeting in {pid} lasted", f"visits.{pid}.duration",
                     [(d.text.en, d.sources) for d in durations], long),
    ]  # fmt: skip
    return visit, [d for d in found if d]


def _holds(visit: Visit, source: str, sighting: Sighting) -> bool:
    """Whether the tour's visit holds what an article says of it: a date it gives (or one within
    it), or anything at all when the visit already cites that article (its curator read it)."""
    cited = {*visit.sources, *(s for d in visit.dates for s in d.sources)}
    return source in cited or any(overlaps(sighting.day.day, sighting.day.last, d) for d in visit.dates)


def flag_of(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)[:300]


def _other_dates(visit: Visit, seen: list[tuple[Reading, Sighting]]) -> Discrepancy | None:
    """Dates the articles give a visit the tour holds, beside the tour's own: a disagreement."""
    new = date_variants([(r.source.id, s) for r, s in seen])
    said = [(date_words(d), d.sources) for d in [*visit.dates, *new]]
    reading, sighting = seen[0]
    tours = ", ".join(date_words(d) for d in visit.dates)
    drafted = mark(reading.source, sighting.sentence, flag_of(f"the tour gives {tours}", sighting.flag))
    pid = visit.place
    return disagreement(
        f"{pid}-date", f"When the visit to {pid} took place", f"visits.{pid}.dates", said, drafted
    )
