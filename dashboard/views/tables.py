"""pandas tables of a tour, for the dashboard's tables and as the table alternative of each chart.

Pure: nothing here imports streamlit. Every function takes the tour and the view (or its
language) and returns plain data; the UI caches the results.

Two kinds of frame live here:

* tables people read (``stops_frame``, ``claims_frame``, ``history_frame``,
  ``sources_frame``, ``proposal_grid``): headers are localized for the view's language,
  dataset texts come in that language (English when missing), dates are written out;
* frames the charts read (``timeline_frame``, ``topic_counts``): fixed English column
  names, because :mod:`dashboard.render.charts` reads them by name; ``timeline_table`` and
  ``topic_table`` turn them into localized tables for people.

Cells are text, never HTML: a place called ``<b>x</b>`` shows those characters. Escaping
for plotly happens in :mod:`dashboard.render.charts`, where text becomes markup. Tables people
read cite sources by name (``Latin America Reports: Chile president-elect…``), never by id; the
chart frames keep the ids (``sources``) beside the names (``cited``), for the keys under them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import pandas as pd

from dashboard.tourfile.model import (
    STATUSES,
    Claim,
    Event,
    Place,
    Proposal,
    StatusChange,
    Tour,
    Visit,
)
from dashboard.views.derive import Stop, current_status, stops, trips
from dashboard.views.filters import (
    TOUR_WIDE,
    ViewState,
    filter_claims,
    filter_history,
    filter_proposals,
    visible_places,
)
from dashboard.views.formats import (
    country_label,
    date_variants,
    format_date,
    format_range,
    ids,
    language_name,
    named,
    person,
    source_names,
    stop_title,
    trip_name,
)
from dashboard.views.i18n import t
from dashboard.views.style import STATUS_STYLE

TIMELINE_COLUMNS = ["id", "date", "end", "kind", "label", "precision", "sources", "place", "trip", "cited"]
COUNT_COLUMNS = ["stop_id", "stop", "topic_id", "topic", "count"]


def header(key: str, lang: str) -> str:
    """A table's column header: the field's one word (``field.venue``), in ``lang``."""
    return t(f"field.{key}", lang)


def _table(rows: Iterable[Sequence[object]], keys: list[str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=[header(k, lang) for k in keys])


def _topic_labels(tour: Tour, lang: str) -> dict[str, str]:
    return {topic.id: topic.label.get(lang) for topic in tour.topics}


def _visit_cells(visit: Visit | None, lang: str, names: Mapping[str, str] | None) -> list[str]:
    """Dates, venue and counterparts of a visit; blanks for places not visited."""
    if visit is None:
        return ["", "", ""]
    return [
        date_variants(visit.ranked_dates(), lang, names),
        visit.venue.get(lang) if visit.venue else "",
        "; ".join(person(p, lang) for p in visit.counterparts),
    ]


def stop_label(stop: Stop) -> str:
    """``1. Buenos Aires`` for a visit, the bare name for other places."""
    return stop_title(stop.order, stop.place.name)


def reader_names(tour: Tour, lang: str) -> dict[str, str]:
    """Every source's short name by id, as a table's cells cite it (:func:`formats.source_names`)."""
    return source_names(tour.sources, lang)


def stops_frame(
    tour: Tour,
    state: ViewState,
    every: list[Stop] | None = None,
    visible: set[str] | None = None,
    by_id: bool = False,
) -> pd.DataFrame:
    """One row per visible place, in tour order; the table alternative of the map. Its sources are
    cited by name; ``by_id``: by id, as a CSV cites them (an editor joins it with the tour file).

    ``every`` (the tour's stops) and ``visible`` (the places matching ``state``) may be
    passed when the caller has them already: for a long tour each is a noticeable part of a rerun.
    """
    lang, labels = state.lang, _topic_labels(tour, state.lang)
    visible = visible_places(tour, state) if visible is None else visible
    cite = None if by_id else reader_names(tour, lang)
    names = trip_names(tour, lang)
    rows = [
        [
            stop.place.id,
            str(stop.order) if stop.order else "",  # blank, not 0: places not visited have no order
            names.get(stop.visit.trip if stop.visit else None, "") if stop.visit else "",
            stop.place.name,
            stop.place.country,
            t(f"role.{stop.place.role}", lang),
            *_visit_cells(stop.visit, lang, cite),
            ", ".join(labels.get(topic, topic) for topic in stop.topics),
            ids(stop.sources) if cite is None else named(stop.sources, cite),
        ]
        for stop in (stops(tour) if every is None else every)
        if stop.place.id in visible
    ]
    keys = [
        "id",
        "order",
        "trip",
        "place",
        "country",
        "role",
        "dates",
        "venue",
        "counterparts",
        "topics",
        "sources",
    ]
    table = _table(rows, keys, lang)
    return table if names else table.drop(columns=[header("trip", lang)])  # one trip: no column


CARD_ROWS = ("dates", "counterparts", "venue", "topics", "trip", "role", "sources")  # under the place


def stop_cards(itinerary: pd.DataFrame, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The itinerary (:func:`stops_frame`) as cards, one per stop: the place first (``1. Buenos Aires
    (AR)``), then when, whom, where, what, says who; on a phone a table eleven columns wide reads a
    column at a time, each row a few words wide and hundreds of pixels tall."""
    head = {key: header(key, lang) for key in ("order", "place", "country", *CARD_ROWS)}
    cards = []
    for row in itinerary.to_dict("records"):
        order = int(row[head["order"]]) if row[head["order"]] else None
        title = f"{stop_title(order, row[head['place']])} ({row[head['country']]})"
        keys = [k for k in CARD_ROWS if not (order and k == "role")]  # a numbered stop is a visit
        cards.append((title, [(head[key], str(row.get(head[key]) or "")) for key in keys]))
    return cards


class TimelineRow(NamedTuple):
    id: str  # what a click on the point selects: the event id, or the visit's place id
    date: dt.date
    end: dt.date | None
    kind: str  # "event", "actual", "scheduled" or "announced"
    label: str
    precision: str
    sources: str
    place: str | None
    trip: str | None = None  # "Trip 2" when the tour has several trips
    cited: str = ""  # the sources by name, as readers see them (``sources`` holds their ids)


def visit_label(visit: Visit, place: Place) -> str:
    """``1. Buenos Aires — Javier Milei``: order, place and the named counterparts."""
    names = ", ".join(p.name for p in visit.counterparts if p.name)
    return stop_title(visit.order, place.name) + (f" — {names}" if names else "")


def _in_range(day: dt.date, state: ViewState) -> bool:
    return not ((state.start and day < state.start) or (state.end and day > state.end))


def trip_names(tour: Tour, lang: str) -> dict[int | None, str]:
    """``{2: "Trip 2"}`` for each trip of a tour that has several; empty for a tour of one trip."""
    groups = trips(tour)
    if len(groups) < 2:
        return {}
    return {trip: trip_name(trip, lang) for trip, _ in groups}


def trip_labels(tour: Tour, lang: str) -> dict[int, str]:
    """``{3: "Trip 3: 4–8 May 2014"}``: each numbered trip by name and days (the trip filter's options)."""
    return {
        trip: f"{trip_name(trip, lang)}: "
        + format_range(
            min(v.best_date().start for v in visits), max(v.best_date().last for v in visits), lang
        )
        for trip, visits in trips(tour)
        if trip is not None
    }


def trip_spans(tour: Tour, lang: str) -> list[tuple[str, dt.date, dt.date]]:
    """(name, first day, last day) of each trip, by the visits' best dates: the timeline's bands."""
    names = trip_names(tour, lang)
    return [
        (names[trip], min(v.best_date().start for v in visits), max(v.best_date().last for v in visits))
        for trip, visits in trips(tour)
        if trip in names
    ]


def _event_row(event: Event, lang: str, cite: Mapping[str, str]) -> TimelineRow:
    label, sources = event.label.get(lang), event.sources
    return TimelineRow(
        event.id, event.date, None, "event", label, "day", ids(sources), None, None, named(sources, cite)
    )


def _date_rows(visit: Visit, label: str, trip: str | None, cite: Mapping[str, str]) -> list[TimelineRow]:
    """A row per reported date of the visit (its scheduled and actual dates are rows apart)."""
    place = visit.place
    return [
        TimelineRow(
            place,
            d.start,
            d.end,
            d.kind,
            label,
            d.precision,
            ids(d.sources),
            place,
            trip,
            named(d.sources, cite),
        )
        for d in visit.dates
    ]


def timeline_frame(tour: Tour, state: ViewState) -> pd.DataFrame:
    """Every event and every reported date of every visible visit, by date (the timeline's data)."""
    lang, cite = state.lang, reader_names(tour, state.lang)
    # Milestones are not tied to a place: only dates hide them.
    rows = [_event_row(e, lang, cite) for e in tour.events if _in_range(e.date, state)]
    visible, places = visible_places(tour, state), {p.id: p for p in tour.places}
    names = trip_names(tour, lang)
    for visit in tour.ordered_visits():
        if visit.place in visible:
            rows += _date_rows(visit, visit_label(visit, places[visit.place]), names.get(visit.trip), cite)
    rows.sort(key=lambda row: row.date)
    # object dtype keeps None as None (pandas 3 would turn it into NaN in a string column).
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS, dtype=object)


def as_date(value: object) -> dt.date | None:
    """A date cell as a date; None, NaN or NaT (what pandas may turn "no end" into) as None."""
    # NaT is an instance of datetime (so of date): test it apart.
    return value if isinstance(value, dt.date) and not pd.isna(value) else None


def timeline_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The timeline frame as a table people read: written-out dates and localized words."""
    rows = [
        [
            r["id"],
            format_range(r["date"], as_date(r["end"]), lang, r["precision"]),
            t(f"date_kind.{r['kind']}", lang),
            r["label"],
            r["cited"],
        ]
        for r in frame.to_dict("records")
    ]
    return _table(rows, ["id", "date", "kind", "place", "sources"], lang)


def claim_stop(claim: Claim) -> str:
    """The stop a claim is counted under: where it was made, else what it is about, else tour-wide."""
    return claim.place or (claim.mentions[0] if claim.mentions else TOUR_WIDE)


def topic_counts(tour: Tour, state: ViewState) -> pd.DataFrame:
    """Cited claims per (stop, topic), long format, stops in tour order and the tour-wide bucket last.

    With a topic filter only the chosen topics are counted: a claim about mining and
    security must not bring a security bar into a chart filtered to mining.
    """
    wanted = set(state.topics)
    counts = Counter(
        (claim_stop(c), topic)
        for c in filter_claims(tour, state)
        for topic in dict.fromkeys(c.topics)  # a topic listed twice still counts once
        if not wanted or topic in wanted
    )
    stop_rank = {s.place.id: (i, stop_label(s)) for i, s in enumerate(stops(tour))}
    stop_rank[TOUR_WIDE] = (len(stop_rank), t("chart.tour_wide", state.lang))
    topic_rank = {topic.id: (i, topic.label.get(state.lang)) for i, topic in enumerate(tour.topics)}
    keys = sorted(counts, key=lambda k: (stop_rank.get(k[0], (-1, k[0]))[0], topic_rank.get(k[1], (-1,))[0]))
    rows = [
        (s, stop_rank.get(s, (0, s))[1], topic, topic_rank.get(topic, (0, topic))[1], counts[s, topic])
        for s, topic in keys
    ]
    return pd.DataFrame(rows, columns=COUNT_COLUMNS)


def claim_totals(tour: Tour, state: ViewState) -> dict[str, int]:
    """Claims per stop, each counted once however many topics it has (those the chart counts)."""
    wanted = set(state.topics)
    return dict(
        Counter(
            claim_stop(c)
            for c in filter_claims(tour, state)
            if c.topics and (not wanted or wanted & set(c.topics))
        )
    )


def claims_behind(tour: Tour, state: ViewState, stop_id: str, topic_id: str) -> list[Claim]:
    """The claims counted in one bar of the topics chart (its customdata is ``[stop_id, topic_id]``)."""
    return [c for c in filter_claims(tour, state) if claim_stop(c) == stop_id and topic_id in c.topics]


def topic_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The topic counts as a table of numbers, a row per stop (the chart's table alternative): the stop
    is its first column, not the index, so a grid that hides the index still names each row."""
    if counts.empty:
        return pd.DataFrame()
    wide = counts.pivot_table(index="stop", columns="topic", values="count", aggfunc="sum", sort=False)
    wide = wide.fillna(0).astype(int)
    wide.index.name, wide.columns.name = header("stop", lang), None
    return wide.reset_index()


CLAIM_KEYS = ["claim", "quote", "speaker", "sources", "place", "kind", "topics", "id"]


def claims_frame(tour: Tour, claims: Sequence[Claim], lang: str) -> pd.DataFrame:
    """The given claims as a table, in reading order: what, the verbatim quote, who, says who, then
    where, what kind and topics; the id, which readers do not need, last."""
    names, labels = {p.id: p.name for p in tour.places}, _topic_labels(tour, lang)
    cite = reader_names(tour, lang)
    rows = [
        [
            c.text.get(lang),
            c.quote or "",  # verbatim in its source's language: never translated
            c.speaker or "",
            named(c.sources, cite),
            names.get(c.place, c.place) if c.place else "",
            t(f"claim_kind.{c.kind}", lang),
            ", ".join(labels.get(topic, topic) for topic in c.topics),
            c.id,
        ]
        for c in claims
    ]
    return _table(rows, CLAIM_KEYS, lang)


def status_text(status: str, lang: str) -> str:
    """``✖ rejected``: the symbol keeps the status readable without colour."""
    return f"{STATUS_STYLE[status][1]} {t(f'status.{status}', lang)}"


def status_legend(lang: str) -> list[tuple[str, str, str]]:
    """(symbol, word, colour) for every status, in the order a proposal moves through them."""
    return [(STATUS_STYLE[s][1], t(f"status.{s}", lang), STATUS_STYLE[s][0]) for s in STATUSES]


def _country_order(tour: Tour, found: set[str]) -> list[str]:
    # Route order (origin, then the visited countries) reads better than the alphabet.
    route = [s.place.country for s in stops(tour)]
    return [c for c in dict.fromkeys(route) if c in found] + sorted(found - set(route))


def proposal_grid(tour: Tour, state: ViewState) -> pd.DataFrame:
    """Proposals × countries, each cell the latest status among the rows the filters keep."""
    latest = [
        (
            p.title.get(state.lang),
            current_status(p.model_copy(update={"history": filter_history(p, state, tour)})),
        )
        for p in filter_proposals(tour, state)
    ]
    countries = _country_order(tour, {c for _, rows in latest for c in rows})
    cells = [
        [status_text(rows[c].status, state.lang) if c in rows else "" for c in countries]
        for _, rows in latest
    ]
    index = pd.Index([title for title, _ in latest], name=header("proposal", state.lang))
    # "Peru (PE)" / "Perú (PE)": a name reads at a glance, the code stays for the URL's ?country=.
    return pd.DataFrame(cells, index=index, columns=[country_label(c, state.lang) for c in countries])


def history_frame(
    tour: Tour, proposal: Proposal, rows: Sequence[StatusChange] | None, lang: str
) -> pd.DataFrame:
    """A proposal's status rows (``rows``, or its whole history when None), oldest first."""
    names, cite = {p.id: p.name for p in tour.places}, reader_names(tour, lang)
    table = [
        [
            row.country,
            status_text(row.status, lang),
            format_date(row.date, lang),  # "not stated" when the sources give no date
            names.get(row.visit, row.visit) if row.visit else "",
            named(row.sources, cite),
            row.note.get(lang) if row.note else "",
        ]
        for row in (proposal.history if rows is None else rows)
    ]
    return _table(table, ["country", "status", "date", "place", "sources", "note"], lang)


def sources_frame(tour: Tour, lang: str) -> pd.DataFrame:
    """Every article with what it does and does not say about itself ("not stated" when absent)."""
    unknown = t("word.unknown", lang)
    rows = [
        [
            s.id,
            s.title or unknown,
            s.outlet or unknown,
            s.author or "",
            s.original_outlet or "",  # empty: not a republication, rather than unknown
            language_name(s.language, lang),
            format_date(s.published, lang),
            s.url or "",
            s.archived_url or "",
            format_date(s.accessed, lang) if s.accessed else "",
            s.translation_of or "",
            s.file or "",
            s.note.get(lang) if s.note else "",
        ]
        for s in tour.sources
    ]
    keys = [
        "id",
        "title",
        "outlet",
        "author",
        "original_outlet",
        "language",
        "published",
        "url",
        "archived_url",
        "accessed",
        "translation_of",
        "file",
        "note",
    ]
    return _table(rows, keys, lang)


def discrepancy_rows(tour: Tour, lang: str) -> list[dict[str, Any]]:
    """Each disagreement with its variants, for side-by-side display (sources as lists of ids)."""
    return [
        {
            "id": d.id,
            "subject": d.subject.get(lang),
            "field": d.field or "",
            "note": d.note.get(lang) if d.note else "",
            "variants": [{"value": v.value.get(lang), "sources": list(v.sources)} for v in d.variants],
        }
        for d in tour.discrepancies
    ]
