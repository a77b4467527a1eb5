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


def route_places(tour: Tour) -> list[Place]:
    """The origin (if any) followed by the visited places in tour order."""
    places = {p.id: p for p in tour.places}
    origin = [p for p in tour.places if p.role == "origin"][:1]
    return origin + [places[v.place] for v in tour.ordered_visits() if v.place in places]


def legs(tour: Tour) -> list[Leg]:
    """Straight legs between consecutive route places that both have coordinates."""
    route = [p for p in route_places(tour) if p.has_coordinates]
    orders = {v.place: v.order for v in tour.visits}
    return [Leg(a, b, orders.get(b.id, 0)) for a, b in pairwise(route)]


def current_status(proposal: Proposal) -> dict[str, StatusChange]:
    """The latest status row per country (rows are listed in the order they happened)."""
    latest: dict[str, StatusChange] = {}
    for row in proposal.history:
        latest[row.country] = row
    return latest


def tour_days(tour: Tour) -> int | None:
    """Days from the first visit's start to the last visit's end, both counted."""
    dates = [v.best_date() for v in tour.visits]
    if not dates:
        return None
    return (max(d.last for d in dates) - min(d.start for d in dates)).days + 1


def counterparts_met(tour: Tour) -> list[str]:
    """Distinct named counterparts and others met, in tour order."""
    names = [p.name for v in tour.ordered_visits() for p in (*v.counterparts, *v.others_met) if p.name]
    return list(dict.fromkeys(names))
