"""Which articles a view cites, a compact key to them, and which disagreements concern the view.

Pure: nothing here imports streamlit. Pages show sources by name (``Latin America Reports:
Chile president-elect…``); the key under them gives each article's whole citation and link
without sending readers to the articles table. A discrepancy's
``field`` (``visits.quito.dates``) names the record it is about, which is how the
Evidence page keeps only the disagreements about what the filters show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import pandas as pd

from dashboard.tourfile.model import Claim, Discrepancy, Source, Tour
from dashboard.views.derive import Stop
from dashboard.views.filters import ViewState, filter_claims, filter_proposals, in_dates, visible_places
from dashboard.views.formats import source_citation, source_names
from dashboard.views.tables import header, sources_frame


def claim_sources(claims: Iterable[Claim]) -> list[str]:
    """The ids a claims table shows, and each quote's own source (which the claim may not list)."""
    ids = [sid for c in claims for sid in (*c.sources, c.quote_source) if sid]
    return list(dict.fromkeys(ids))


def stop_sources(stops: Iterable[Stop]) -> list[str]:
    """The ids an itinerary's rows cite: each stop's own, and those of its visit's dates."""
    ids = []
    for stop in stops:
        ids += [*stop.sources, *(sid for d in (stop.visit.dates if stop.visit else []) for sid in d.sources)]
    return list(dict.fromkeys(ids))


def discrepancy_sources(discrepancies: Iterable[Discrepancy]) -> list[str]:
    return list(dict.fromkeys(sid for d in discrepancies for v in d.variants for sid in v.sources))


def split_ids(cells: Iterable[object]) -> list[str]:
    """Source ids out of table cells that list them as ``s1, s2`` (blank cells give none)."""
    return list(
        dict.fromkeys(part.strip() for cell in cells for part in str(cell or "").split(",") if part.strip())
    )


def source_key(tour: Tour, ids: Iterable[str], lang: str) -> list[tuple[str, str]]:
    """(id, description) of each cited article, in the tour's order of sources (s000, s001, ...)."""
    names = source_names(tour.sources, lang)
    return [(s.id, source_citation(s, lang, names)) for s in cited_sources(tour, ids)]


def cited_sources(tour: Tour, ids: Iterable[str]) -> list[Source]:
    """The sources ``ids`` name, in the tour's order of sources."""
    wanted = set(ids)
    return [s for s in tour.sources if s.id in wanted]


class Shown(NamedTuple):
    """Ids of the records the filters leave on screen, per kind of record a ``field`` can name."""

    places: set[str]
    claims: set[str]
    proposals: set[str]
    events: set[str]


def shown(tour: Tour, state: ViewState) -> Shown:
    # Milestones belong to no stop, country or topic: only a filter on dates alone keeps them.
    by_place = bool(state.stop or state.countries or state.topics or state.trips)
    return Shown(
        places=visible_places(tour, state),
        claims={c.id for c in filter_claims(tour, state)},
        proposals={p.id for p in filter_proposals(tour, state)},
        events=set() if by_place else {e.id for e in tour.events if in_dates(state, e.date, e.date)},
    )


def concerns(field: str | None, view: Shown) -> bool:
    """Whether a discrepancy about ``field`` (``kind.id.rest``) concerns a record the view shows."""
    kind, _, rest = (field or "").partition(".")
    ident = rest.split(".", 1)[0]
    records = {
        "visits": view.places,
        "places": view.places,
        "claims": view.claims,
        "proposals": view.proposals,
        "events": view.events,
    }
    return ident in records.get(kind, set())


def discrepancies_shown(tour: Tour, state: ViewState) -> list[Discrepancy]:
    """Every discrepancy when nothing is filtered; else those whose field names a record on screen.

    One without a field (or with a field naming no known kind of record) cannot be placed,
    so a filtered view leaves it out rather than show it under every filter.
    """
    if not state.is_filtered:
        return list(tour.discrepancies)
    view = shown(tour, state)
    return [d for d in tour.discrepancies if concerns(d.field, view)]


def articles_frame(tour: Tour, lang: str, ids: Sequence[str] | None) -> pd.DataFrame:
    """The articles table, limited to ``ids`` (None: every article)."""
    frame = sources_frame(tour, lang)
    if ids is None:
        return frame
    return frame[frame[header("id", lang)].isin(set(ids))].reset_index(drop=True)
