"""The articles' readings put together, and with the tour they extend: one place per place named, one
visit per place visited (the dates articles disagree on kept side by side, and proposed as a
disagreement), one event per kind, the quotes the tour does not hold, with ids the tour does not use.
Nothing curated is changed (see :mod:`draft`)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict

from dashboard.geo.gazetteer import ATTRIBUTION, normalise
from dashboard.ingest.cast import Host
from dashboard.ingest.compare import date_variants, disagreement, duration_variants, merge_events
from dashboard.ingest.counterparts import hosts_at, people_met
from dashboard.ingest.durations import Length
from dashboard.ingest.known import Held, date_words, overlaps, same_kind
from dashboard.ingest.places import PlaceMention
from dashboard.ingest.reading import Reading, draft_mark, joined
from dashboard.ingest.visits import Sighting
from dashboard.tourfile.model import (
    Claim,
    Discrepancy,
    Draft,
    Event,
    Place,
    PlaceRole,
    Text,
    Tour,
    Visit,
)
from dashboard.tourfile.validate import inherit_sources


def _slug_base(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")[:50] or "place"


def _slug(name: str, taken: set[str]) -> str:
    base = _slug_base(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def place_ids(readings: list[Reading], tour: Tour | None) -> tuple[dict[tuple[str, str], str], list[Place]]:
    """Every place the articles name -> its id in the tour (curated ones kept), and the new places.
    A place is the tour's when it has the same country and the same name, or the same country and
    the id its name makes (a tour's `new-york` named "Nueva York" is the gazetteer's "New York
    City"). A place the tour discusses that an article says was visited gets a new place for its
    visit (:func:`_visited_discussed`)."""
    held = tour.places if tour else []
    ids = {(p.country, normalise(p.name)): p.id for p in held}
    by_id = {(p.country, p.id): p.id for p in held}
    taken = {p.id for p in held}
    visited = {(v.place.country, normalise(v.place.name)) for r in readings for v in r.visits}
    new: list[Place] = []
    for reading in readings:
        for mention, sentence in reading.places:
            key = (mention.country, normalise(mention.name))
            if key in ids:
                continue
            if (mention.country, _slug_base(mention.name)) in by_id:
                ids[key] = by_id[mention.country, _slug_base(mention.name)]
                continue
            ids[key] = _slug(mention.name, taken)
            new.append(
                _place(ids[key], mention, "visit" if key in visited else "discussed", reading, sentence)
            )
    return ids, new + _visited_discussed(readings, ids, held, taken)


def _place(pid: str, mention: PlaceMention, role: PlaceRole, reading: Reading, sentence: str,
           flag: str | None = None) -> Place:  # fmt: skip
    """A proposed place where ``mention`` puts it (the gazetteer's coordinates), as a draft."""
    if mention.country_only:
        flag = joined(f"only the country is named ({mention.said}): its capital is assumed", flag)
    return Place(id=pid, name=mention.name, country=mention.country, role=role, latitude=mention.latitude,
                 longitude=mention.longitude, geocoded_by=ATTRIBUTION, sources=[reading.source.id],
                 draft=draft_mark(reading.source, sentence, flag))  # fmt: skip


def _visited_discussed(
    readings: list[Reading], ids: dict[tuple[str, str], str], held: list[Place], taken: set[str]
) -> list[Place]:
    """A new place for each place the tour holds as discussed that an article says was visited: the
    tour's place is curated and is not changed, so the visit is proposed at a new place of the same
    name, role visit, flagged for the reviewer to merge the two. ``ids`` then leads its name there."""
    discussed = {p.id: p for p in held if p.role == "discussed"}
    new: list[Place] = []
    for reading in readings:
        for sighting in reading.visits:
            key = (sighting.place.country, normalise(sighting.place.name))
            if (place := discussed.pop(ids[key], None)) is None:
                continue
            ids[key] = _slug(place.name, taken)
            flag = (f"the tour holds {place.name} ({place.id}) as a place discussed; if this visit is there, "
                    f"give {place.id} role visit and move the visit to it")  # fmt: skip
            new.append(_place(ids[key], sighting.place, "visit", reading, sighting.sentence, flag))
    return new


def visits(
    readings: list[Reading], ids: dict[tuple[str, str], str], tour: Tour | None
) -> tuple[list[Visit], list[Discrepancy]]:
    """One visit per place the articles say was (or will be) visited; dates the articles disagree on
    are kept side by side, each with its sources, and proposed as a disagreement.

    A visit the tour holds is not proposed again: a date it gives (or one within it) is left out,
    another date is proposed as a disagreement with the tour's dates (the tour's visit is not
    changed). A place the tour holds as its origin is not made a visit (one the tour discusses has a
    new place for its visit: see :func:`place_ids`)."""
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
    hosts = hosts_at(
        [(pid, [s for _, s in seen]) for pid, seen in ordered],
        [(r.source.id, h) for r in readings for h in r.hosts],
    )
    for n, (pid, seen) in enumerate(ordered, start=first + 1):
        visit, found = _visit(pid, n, seen, lengths.get(pid, []), hosts.get(pid, []))
        visits.append(visit)
        disagreements += found
    for pid, seen in other_dates.items():
        disagreements += [d for d in [_other_dates(held[pid], seen)] if d]
    return visits, disagreements


def _visit(pid: str, order: int, seen: list[tuple[Reading, Sighting]], lengths: list[tuple[str, Length]],
           hosts: list[tuple[str, Host]]) -> tuple[Visit, list[Discrepancy]]:  # fmt: skip
    """A proposed visit from what every article says of it, and where they disagree (its dates,
    how long the meeting lasted)."""
    dates = date_variants([(r.source.id, s) for r, s in seen])
    durations = duration_variants(lengths)
    reading, sighting = seen[0]
    flags = [s.flag for _, s in seen if s.flag]
    here = sighting.place.country
    named = [(p, r.source.id) for r, s in seen for p in s.met if p.country in (None, here)]
    people = {p.name: p for p in people_met(named, hosts)}
    mark = draft_mark(reading.source, sighting.sentence, flags[0] if flags else None)
    cited = list(dict.fromkeys(r.source.id for r, _ in seen))
    venue = next((Text(en=s.venue) for _, s in seen if s.venue), None)
    visit = Visit(place=pid, order=order, dates=dates, counterparts=list(people.values()), venue=venue,
                  duration=durations, sources=cited, draft=mark)  # fmt: skip
    said = [(d.start.isoformat()[: 7 if d.precision == "month" else 10], d.sources) for d in dates]
    long = Draft(source=lengths[0][0], evidence=lengths[0][1].sentence[:5000],
                 flag="the articles give different lengths") if lengths else mark  # fmt: skip
    found = [
        disagreement(f"{pid}-date", f"When the visit to {pid} took place", f"visits.{pid}.dates", said,
                     mark.model_copy(update={"flag": "the articles give different dates"})),
        disagreement(f"{pid}-duration", f"How long the meeting in {pid} lasted", f"visits.{pid}.duration",
                     [(d.text.en, d.sources) for d in durations], long),
    ]  # fmt: skip
    return visit, [d for d in found if d]


def _holds(visit: Visit, source: str, sighting: Sighting) -> bool:
    """Whether the tour's visit holds what an article says of it: a date it gives (or one within
    it), or anything at all when the visit already cites that article (its curator read it)."""
    cited = {*visit.sources, *(s for d in visit.dates for s in d.sources)}
    return source in cited or any(overlaps(sighting.day.day, sighting.day.last, d) for d in visit.dates)


def flag(*parts: str | None) -> str:
    return "; ".join(p for p in parts if p)[:300]


def _other_dates(visit: Visit, seen: list[tuple[Reading, Sighting]]) -> Discrepancy | None:
    """Dates the articles give a visit the tour holds, beside the tour's own: a disagreement."""
    new = date_variants([(r.source.id, s) for r, s in seen])
    said = [(date_words(d), d.sources) for d in [*visit.dates, *new]]
    reading, sighting = seen[0]
    tours = ", ".join(date_words(d) for d in visit.dates)
    mark = draft_mark(reading.source, sighting.sentence, flag(f"the tour gives {tours}", sighting.flag))
    pid = visit.place
    return disagreement(
        f"{pid}-date", f"When the visit to {pid} took place", f"visits.{pid}.dates", said, mark
    )


def events(readings: list[Reading], tour: Tour | None) -> tuple[list[Event], list[Discrepancy]]:
    """One proposal per kind of event the tour lacks (see :func:`compare.merge_events`). An event of
    a kind the tour has (its id or label names it: "runoff-election") is the tour's: on a day the
    tour gives (a month-only date: in its month), or from an article the tour's event cites, it is
    not proposed again; on another day, it is proposed as a disagreement with the tour's date (the
    nearest, if the tour has several)."""
    have = tour.events if tour else []
    new: list[Event] = []
    against: dict[str, list[Event]] = defaultdict(list)
    for event, last in (e for r in readings for e in r.events):
        same = [e for e in have if same_kind(event.id, e)]
        if not same:
            new.append(event)
        elif not any(event.date <= e.date <= last or set(event.sources) & set(e.sources) for e in same):
            against[min(same, key=lambda e: abs((e.date - event.date).days)).id].append(event)
    events, disagreements = merge_events(new)
    by_id = {e.id: e for e in have}
    for eid, said in against.items():
        cited: dict[dt.date, list[str]] = defaultdict(list)
        for event in said:
            cited[event.date] += [s for s in event.sources if s not in cited[event.date]]
        held = by_id[eid]
        variants = [
            (held.date.isoformat(), list(held.sources)),
            *((d.isoformat(), s) for d, s in cited.items()),
        ]
        mark = said[0].draft.model_copy(  # type: ignore[union-attr]
            update={"flag": flag(f"the tour gives {held.date.isoformat()}", said[0].draft.flag)}  # type: ignore[union-attr]
        )
        found = disagreement(f"{eid}-date", f"When the {eid} took place", f"events.{eid}", variants, mark)
        disagreements += [found] if found else []
    return events, disagreements


def new_claims(readings: list[Reading], tour: Tour | None) -> list[Claim]:
    """The quotes proposed: none the tour holds (from whichever source, see :func:`known.same_quote`),
    none twice from one source; ids ``SOURCE-qNN``, never one the tour uses."""
    held = Held(c.quote for c in tour.claims if c.quote) if tour else Held()
    taken = {c.id for c in tour.claims} if tour else set()
    said: dict[str, Held] = defaultdict(Held)
    count: Counter[str] = Counter()
    claims = []
    for reading in readings:
        sid = reading.source.id
        for claim in reading.claims:
            quote = claim.quote or ""
            if held.holds(quote) or said[sid].holds(quote):
                continue
            said[sid].add(quote)
            count[sid] += 1
            n = count[sid]
            while f"{sid}-q{n:02d}" in taken:
                n += 1
            taken.add(f"{sid}-q{n:02d}")
            claims.append(claim.model_copy(update={"id": f"{sid}-q{n:02d}"}))
    return claims


def unique(items: list[Discrepancy], taken: set[str]) -> list[Discrepancy]:
    """Proposed disagreements with ids the tour does not use (nothing refers to a disagreement)."""
    out = []
    for item in items:
        eid, n = item.id, 2
        while eid in taken:
            eid, n = f"{item.id}-{n}", n + 1
        taken.add(eid)
        out.append(item if eid == item.id else item.model_copy(update={"id": eid}))
    return out
