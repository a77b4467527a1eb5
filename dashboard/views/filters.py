"""The view state (filters, selected stop, language) and its round trip through a URL.

Pure: the UI reads ``st.query_params`` into :func:`from_query` and writes
:func:`to_query` back, so a copied link reopens exactly the same view. Values that
do not make sense for the tour fall back to defaults and are reported, never raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dashboard.tourfile.model import Claim, Proposal, StatusChange, Tour
from dashboard.views.derive import claims_by_place
from dashboard.views.i18n import LANGS
from dashboard.views.story import step_ids

# Stop id of the bucket for claims tied to no place; ids cannot start with "_", so it never clashes.
TOUR_WIDE = "_tour-wide"


@dataclass(frozen=True)
class ViewState:
    lang: str = "en"
    stop: str | None = None  # the selected stop (a place id); also narrows every view to it
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    # A drill-down, not a filter: the topics chart's bar whose claims are listed (stop id, topic id).
    bar: tuple[str, str] | None = None
    drafts: bool = False  # show a tour's proposed (draft) items, marked ✎; hidden by default
    step: str | None = None  # the story page's step: "intro", a visited place's id or "outcomes"
    trips: tuple[int, ...] = ()  # a long record's trips (the visits' trip numbers)
    problems: tuple[str, ...] = field(default=(), compare=False)

    def with_(self, **changes: object) -> ViewState:
        return replace(self, problems=(), **changes)  # type: ignore[arg-type]

    @property
    def is_filtered(self) -> bool:
        return bool(self.stop or self.countries or self.topics or self.start or self.end or self.trips)


def _split(value: str) -> list[str]:
    return [v for v in (part.strip() for part in value.split(",")) if v]


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _pick(name: str, raw: str, known: set[str], problems: list[str]) -> tuple[str, ...]:
    values = _split(raw)
    bad = [v for v in values if v not in known]
    if bad:
        problems.append(f"{name}={','.join(bad)!r}")
    return tuple(v for v in dict.fromkeys(values) if v in known)


def tour_span(tour: Tour) -> tuple[dt.date, dt.date] | None:
    """The first and last day the tour's visits and milestones name (None when it names none)."""
    days = [d for v in tour.visits for dv in v.dates for d in (dv.start, dv.last)]
    days += [e.date for e in tour.events]
    return (min(days), max(days)) if days else None


DAILY_SPAN = 400  # days: up to this, the date slider steps a day at a time; longer tours by month


def date_steps(span: tuple[dt.date, dt.date]) -> list[dt.date]:
    """The dates the date slider offers: every day of a tour up to DAILY_SPAN days long, else
    the first of each month, and always the tour's own first and last day."""
    first, last = span
    if (last - first).days <= DAILY_SPAN:
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    months = [dt.date(y, m, 1) for y in range(first.year, last.year + 1) for m in range(1, 13)]
    return [first, *(d for d in months if first < d < last), last]


def _clamp(key: str, day: dt.date, span: tuple[dt.date, dt.date], problems: list[str]) -> dt.date:
    """``day`` moved into ``span``; a move is noted, so the link's reader knows why the view differs."""
    shown = min(max(day, span[0]), span[1])
    if shown != day:
        problems.append(f"{key}={day.isoformat()!r} (outside the tour's dates; now {shown.isoformat()})")
    return shown


def _dates(
    params: Mapping[str, str], span: tuple[dt.date, dt.date] | None, problems: list[str]
) -> tuple[dt.date | None, dt.date | None]:
    """``from`` and ``to``, each inside the tour's dates: malformed or reversed ones are dropped, ones
    outside the tour are moved to its first or last day, and every change is noted in ``problems``."""
    found: dict[str, dt.date | None] = {}
    for key in ("from", "to"):
        raw = params.get(key)
        day = _date(raw) if raw else None
        if raw and (day is None or span is None):
            problems.append(f"{key}={raw!r}" + ("" if day is None else " (this tour has no dates)"))
            day = None
        found[key] = _clamp(key, day, span, problems) if day and span else None
    start, end = found["from"], found["to"]
    if start and end and end < start:
        problems.append(f"to={end.isoformat()!r} is before from={start.isoformat()!r}")
        return None, None
    return start, end


def from_query(params: Mapping[str, str], tour: Tour) -> ViewState:
    """The view a URL asks for; values that do not fit the tour are dropped or moved into it, and
    every such change is listed in ``problems``."""
    problems: list[str] = []
    lang = params.get("lang", "en")
    if lang not in LANGS:
        problems.append(f"lang={lang!r}")
        lang = "en"
    stop = params.get("stop") or None
    if stop is not None and stop not in {p.id for p in tour.places}:
        problems.append(f"stop={stop!r}")
        stop = None
    countries = _pick("country", params.get("country", ""), {p.country for p in tour.places}, problems)
    topics = _pick("topic", params.get("topic", ""), {t.id for t in tour.topics}, problems)
    start, end = _dates(params, tour_span(tour), problems)
    bar = _bar(params.get("bar", ""), tour, problems)
    drafts = params.get("drafts") == "1"
    step = _step(params.get("step") or None, tour, problems)
    trip_ids = _pick("trip", params.get("trip", ""), {str(n) for n in tour_trips(tour)}, problems)
    trips = tuple(int(n) for n in trip_ids)
    return ViewState(lang, stop, countries, topics, start, end, bar, drafts, step, trips, tuple(problems))


def tour_trips(tour: Tour) -> list[int]:
    """The trip numbers the tour's visits carry, in order."""
    return sorted({v.trip for v in tour.visits if v.trip is not None})


def tour_years(tour: Tour) -> list[int]:
    """Every year from the tour's first day to its last."""
    span = tour_span(tour)
    return list(range(span[0].year, span[1].year + 1)) if span else []


def year_dates(year: int, span: tuple[dt.date, dt.date]) -> tuple[dt.date | None, dt.date | None]:
    """The date filter that shows one year (None where the year reaches past the tour's own days,
    so that a link names only what narrows the view)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return (first if first > span[0] else None), (last if last < span[1] else None)


def chosen_year(state: ViewState, span: tuple[dt.date, dt.date] | None) -> int | None:
    """The year the date filter shows exactly, if it shows one (the year selector's value)."""
    if span is None or not (state.start or state.end):
        return None
    year = (state.start or span[0]).year
    return year if (state.start, state.end) == year_dates(year, span) else None


def _step(raw: str | None, tour: Tour, problems: list[str]) -> str | None:
    """``step=ID``: a step the story has (:func:`~dashboard.views.story.step_ids`): its introduction,
    a visited place that is no draft, or its outcomes where it has them. ``_intro`` and ``_outcomes``
    name those steps only where a place took the plain name; anywhere else they are reported."""
    if raw is None or raw in step_ids(tour):
        return raw
    problems.append(f"step={raw!r}")
    return None


def _bar(raw: str, tour: Tour, problems: list[str]) -> tuple[str, str] | None:
    """``bar=STOP/TOPIC``: one bar of the topics chart, both ids known to the tour."""
    if not raw:
        return None
    stop, _, topic = raw.partition("/")
    stops = {p.id for p in tour.places} | {TOUR_WIDE}
    if stop in stops and topic in {tp.id for tp in tour.topics}:
        return stop, topic
    problems.append(f"bar={raw!r}")
    return None


def to_query(state: ViewState) -> dict[str, str]:
    """The URL parameters for ``state``; defaults are left out to keep links short."""
    out: dict[str, str] = {}
    if state.lang != "en":
        out["lang"] = state.lang
    if state.stop:
        out["stop"] = state.stop
    if state.countries:
        out["country"] = ",".join(state.countries)
    if state.topics:
        out["topic"] = ",".join(state.topics)
    if state.start:
        out["from"] = state.start.isoformat()
    if state.end:
        out["to"] = state.end.isoformat()
    if state.bar:
        out["bar"] = "/".join(state.bar)
    if state.drafts:
        out["drafts"] = "1"
    if state.step:
        out["step"] = state.step
    if state.trips:
        out["trip"] = ",".join(map(str, state.trips))
    return out


def in_dates(state: ViewState, first: dt.date | None, last: dt.date | None) -> bool:
    if first is None:
        return not (state.start or state.end)
    last = last or first
    return not ((state.start and last < state.start) or (state.end and first > state.end))


def claim_countries(claim: Claim, countries: dict[str, str]) -> set[str]:
    """The countries a claim concerns: those of its place and mentions, plus its own ``countries``."""
    where = [pid for pid in [claim.place, *claim.mentions] if pid]
    return {countries[p] for p in where if p in countries} | set(claim.countries)


def _on_trips(claim: Claim, trips: tuple[int, ...], trip_of: dict[str, int | None]) -> bool:
    """Said at or about a place visited on one of ``trips``."""
    return any(trip_of.get(pid) in trips for pid in (claim.place, *claim.mentions) if pid)


def _at_stop(claim: Claim, stop: str, countries: dict[str, str]) -> bool:
    # Said at or about the stop, or about its country with no place named: Jerí's
    # rejection of the corridor belongs with Lima although the article gives no place.
    return stop in (claim.place, *claim.mentions) or countries.get(stop) in claim.countries


def claim_matches(
    claim: Claim,
    state: ViewState,
    countries: dict[str, str],
    visit_dates: dict[str, dt.date],
    trip_of: dict[str, int | None] | None = None,
) -> bool:
    """Whether ``claim`` passes the filters; ``countries`` maps place ids to country codes and
    ``trip_of`` place ids to their visit's trip."""
    if state.stop and not _at_stop(claim, state.stop, countries):
        return False
    if state.trips and not _on_trips(claim, state.trips, trip_of or {}):
        return False
    if state.countries and not claim_countries(claim, countries) & set(state.countries):
        return False
    if state.topics and not set(claim.topics) & set(state.topics):
        return False
    day = claim.date or (visit_dates.get(claim.place) if claim.place else None)
    return in_dates(state, day, day) if (state.start or state.end) else True


def _visit_dates(tour: Tour) -> dict[str, dt.date]:
    return {v.place: v.best_date().start for v in tour.visits}


def filter_claims(tour: Tour, state: ViewState) -> list[Claim]:
    if not state.is_filtered:
        return list(tour.claims)
    countries = {p.id: p.country for p in tour.places}
    dates = _visit_dates(tour)
    trip_of = {v.place: v.trip for v in tour.visits}
    return [c for c in tour.claims if claim_matches(c, state, countries, dates, trip_of)]


def visible_places(tour: Tour, state: ViewState) -> set[str]:
    """Place ids that match the filters (the map dims the others)."""
    visits = {v.place: v for v in tour.visits}
    by_place = claims_by_place(tour)
    keep = set()
    for place in tour.places:
        if state.stop and place.id != state.stop:
            continue
        if state.countries and place.country not in state.countries:
            continue
        if state.trips and (visits.get(place.id) is None or visits[place.id].trip not in state.trips):
            continue
        if state.topics and not any(set(c.topics) & set(state.topics) for c in by_place.get(place.id, [])):
            continue
        visit = visits.get(place.id)
        if (state.start or state.end) and (
            visit is None or not in_dates(state, visit.best_date().start, visit.best_date().last)
        ):
            continue
        keep.add(place.id)
    return keep


def filter_history(proposal: Proposal, state: ViewState, tour: Tour) -> list[StatusChange]:
    """The status rows of ``proposal`` that match the country, stop and date filters."""
    stop_country = next((p.country for p in tour.places if p.id == state.stop), None)
    trip_of = {v.place: v.trip for v in tour.visits}
    rows = []
    for row in proposal.history:
        if state.countries and row.country not in state.countries:
            continue
        if stop_country and row.country != stop_country:
            continue
        if state.trips and row.visit and trip_of.get(row.visit) not in state.trips:
            continue
        if row.date and (state.start or state.end) and not in_dates(state, row.date, row.date):
            continue
        rows.append(row)
    return rows


def filter_proposals(tour: Tour, state: ViewState) -> list[Proposal]:
    topical = [p for p in tour.proposals if not state.topics or set(p.topics) & set(state.topics)]
    return [p for p in topical if filter_history(p, state, tour)]
