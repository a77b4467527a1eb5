"""Pure functions that reshape a :class:`Tour` into what maps, charts, tables and exports show.

Nothing here imports streamlit; the UI caches these results, they do not cache themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from dashboard.tourfile.model import Claim, Place, Proposal, StatusChange, Tour, Visit


@dataclass(frozen=True)
class Stop:
    """A place on the map with everything its marker and its GeoJSON feature show."""

    place: Place
    visit: Visit | None
    topics: tuple[str, ...]
    sources: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def order(self) -> int | None:
        return self.visit.order if self.visit else None

    @property
    def start(self) -> dt.date | None:
        return self.visit.best_date().start if self.visit else None

    @property
    def end(self) -> dt.date | None:
        return self.visit.best_date().last if self.visit else None

    @property
    def counterparts(self) -> list[str]:
        if not self.visit:
            return []
        return [p.name or (p.office.en if p.office else "") for p in self.visit.counterparts]


@dataclass(frozen=True)
class Leg:
    start: Place
    end: Place
    order: int  # the order of the visit the leg leads to
    trip: int | None = None  # the trip it belongs to (None: the tour names no trips)

    @property
    def km(self) -> float:
        from geopy.distance import geodesic

        assert self.start.latitude is not None and self.end.latitude is not None
        a = (self.start.latitude, self.start.longitude)
        b = (self.end.latitude, self.end.longitude)
        return float(geodesic(a, b).km)


def claims_by_place(tour: Tour) -> dict[str, list[Claim]]:
    """Claims indexed by the place where they were made and the places they mention."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for claim in tour.claims:
        for pid in dict.fromkeys([*([claim.place] if claim.place else []), *claim.mentions]):
            out[pid].append(claim)
    return out


def stops(tour: Tour) -> list[Stop]:
    """Every place (origin, visits in tour order, then the rest) with its topics, sources, claims."""
    visits = {v.place: v for v in tour.visits}
    by_place = claims_by_place(tour)
    result = []
    for place in tour.places:
        visit = visits.get(place.id)
        claims = tuple(by_place.get(place.id, []))
        topics = tuple(dict.fromkeys(t for c in claims for t in c.topics))
        sources = dict.fromkeys(
            [*place.sources, *(visit.sources if visit else []), *(s for c in claims for s in c.sources)]
        )
        result.append(Stop(place, visit, topics, tuple(sources), claims))
    rank = {"origin": 0, "visit": 1, "discussed": 2}
    return sorted(result, key=lambda s: (rank[s.place.role], s.order or 0))


def trips(tour: Tour) -> list[tuple[int | None, list[Visit]]]:
    """The visits by trip, each in tour order, trips in the order their first visit comes.

    One group (trip None) when no visit names a trip: a tour is one trip unless it says otherwise.
    """
    groups: dict[int | None, list[Visit]] = {}
    for visit in tour.ordered_visits():
        groups.setdefault(visit.trip, []).append(visit)
    return list(groups.items())


def routes(tour: Tour) -> list[tuple[int | None, list[Place]]]:
    """Each trip's route: the origin (if any), then the trip's visited places in order.

    Separate trips are not joined: each starts again from the origin, or from its own first stop
    where the tour has no origin. Nothing is said of the way home, which the sources do not give.
    """
    places = {p.id: p for p in tour.places}
    origin = [p for p in tour.places if p.role == "origin"][:1]
    return [
        (trip, origin + [places[v.place] for v in visits if v.place in places])
        for trip, visits in trips(tour)
    ]


def legs(tour: Tour) -> list[Leg]:
    """Straight legs between consecutive places of each trip's route that both have coordinates."""
    orders = {v.place: v.order for v in tour.visits}
    out = []
    for trip, route in routes(tour):
        drawn = [p for p in route if p.has_coordinates]
        out += [Leg(a, b, orders.get(b.id, 0), trip) for a, b in pairwise(drawn)]
    return out


def current_status(proposal: Proposal) -> dict[str, StatusChange]:
    """The latest status row per country (rows are listed in the order they happened)."""
    latest: dict[str, StatusChange] = {}
    for row in proposal.history:
        latest[row.country] = row
    return latest


def tour_days(tour: Tour) -> int | None:
    """Days abroad: for each trip, its first visit's start to its last visit's end, both counted,
    summed over the trips (the days at home between two trips are not counted)."""
    spans = [[v.best_date() for v in visits] for _, visits in trips(tour)]
    if not spans:
        return None
    return sum((max(d.last for d in span) - min(d.start for d in span)).days + 1 for span in spans)


def counterparts_met(tour: Tour) -> list[str]:
    """Distinct named counterparts and others met, in tour order."""
    names = [p.name for v in tour.ordered_visits() for p in (*v.counterparts, *v.others_met) if p.name]
    return list(dict.fromkeys(names))
