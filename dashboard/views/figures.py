"""Headline figures of a tour: the whole tour, or the part of it the filters show ("2 of 3").

Pure. Unfiltered, the figures describe the tour as travelled; filtered, they describe only
the visits in view, so a reader who narrows the dates never sees the whole tour's numbers
presented as the answer.
"""

from __future__ import annotations

import datetime as dt

from dashboard.tourfile.model import Tour
from dashboard.views.derive import counterparts_met, legs, tour_days
from dashboard.views.formats import format_number
from dashboard.views.i18n import t

Figures = dict[str, int | float | None]


def key_figures(
    tour: Tour, shown: set[str] | None = None, span: tuple[dt.date | None, dt.date | None] = (None, None)
) -> Figures:
    """Visits, countries, days, km and people met; ``shown``: only the visits at these places.

    ``km`` is None when no leg it would count has coordinates at both ends (unknown, not zero).
    Unfiltered, ``days`` are the days abroad (each trip's first to last day) and ``km`` the legs
    travelled; filtered, the days the visits in view cover (within ``span``, the date filter's
    first and last day) and the legs that lead to them.
    """
    visits = [v for v in tour.visits if shown is None or v.place in shown]
    part = tour if shown is None else tour.model_copy(update={"visits": visits})
    countries = {p.id: p.country for p in tour.places}
    every = legs(tour)
    route = [leg for leg in every if shown is None or leg.end.id in shown]
    # Every visit in view and no date filter: the days abroad, as unfiltered (travel days included).
    whole_span = shown is None or (len(visits) == len(tour.visits) and span == (None, None))
    unknown = not every or (not route and shown is not None and _undrawn(tour, shown))
    return {
        "visits": len(visits),
        "countries": len({countries[v.place] for v in visits if v.place in countries}),
        "days": tour_days(tour) if whole_span else _days_covered(part, span),
        "km": None if unknown else round(sum(leg.km for leg in route)),
        "counterparts": len(counterparts_met(part)),
    }


def _undrawn(tour: Tour, shown: set[str]) -> bool:
    """Whether a visit in view lacks coordinates (no leg reaches it: its kilometres are unknown)."""
    return any(not p.has_coordinates for p in tour.places if p.id in shown and p.role == "visit")


def _days_covered(tour: Tour, span: tuple[dt.date | None, dt.date | None]) -> int:
    """Distinct days the visits' best dates cover within ``span`` (a day two visits share counts once)."""
    first, last = span
    days: set[dt.date] = set()
    for visit in tour.visits:
        best = visit.best_date()
        days.update(best.start + dt.timedelta(n) for n in range((best.last - best.start).days + 1))
    return len({d for d in days if (first is None or d >= first) and (last is None or d <= last)})


def figure_text(value: float | None, lang: str) -> str:
    """A figure as shown: ``6.802`` (Spanish marks), ``—`` when unknown."""
    return "—" if value is None else format_number(value, lang)


def figure_total(value: float | None, total: float | None, lang: str, filtered: bool) -> str | None:
    """What a filtered figure is part of, ``of 7,368``: said apart from the figure, in smaller type,
    so that ``3,769`` stays whole in a fifth of the page (``3,769 of 7,368`` was cut to ``3,769 o…``)."""
    if not filtered or value is None or total is None:
        return None
    return t("figure.of", lang, total=format_number(total, lang))
