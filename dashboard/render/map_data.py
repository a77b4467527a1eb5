"""What the map's script draws, as one JSON-able payload: the stops, each trip's legs, the pairs,
the legend, the sources behind the popups, the land under it all and the playback's timing.

The payload is assembled here from the helpers beside it: user text HTML-escaped by
:mod:`~dashboard.render.safe_html`, positions from :mod:`~dashboard.render.projection`, the date
slider's steps from :mod:`~dashboard.render.playback`. The page escapes it for its ``<script>`` element
with :func:`~dashboard.render.safe_html.script_json`, so a tour file cannot inject markup or script.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dashboard.render.basemap import outlines
from dashboard.render.playback import playback
from dashboard.render.projection import Positions, bearing, leaflet_bounds
from dashboard.render.safe_html import esc, source_links, source_names
from dashboard.render.schema import LABEL, MAP_WORDS, POINT, ROLES, record
from dashboard.tourfile.model import Tour, Visit
from dashboard.views.derive import Stop, legs, routes, stops, trips
from dashboard.views.formats import date_variants, format_range, person, stop_title, trip_name
from dashboard.views.formats import source_names as plain_names
from dashboard.views.i18n import t
from dashboard.views.style import COLORS, TRIP_COLORS, TRIP_DASHES

MANY_STOPS = 300  # above this, stops are drawn as canvas circles, not numbered DOM markers
# Stops at one spot (to a tenth of a degree, about 10 km) whose spread numbers can still be told apart;
# a record that comes back more often (a secretary's twelve visits to Brussels) is drawn as circles.
CROWDED = 4


def _first_quote(stop: Stop, lang: str, languages: dict[str, str]) -> tuple[str, str, list[str]] | None:
    """The stop's key quote: one said there, in the reader's language if there is one."""
    said_here = [c for c in stop.claims if c.quote and c.place == stop.place.id]
    claim = min(said_here, key=lambda c: languages.get(c.quote_source or "", lang) != lang, default=None)
    if claim is None or claim.quote is None:
        return None
    return claim.quote, claim.speaker or "", claim.sources


def _title_suffix(stop: Stop, lang: str) -> str:
    role = "" if stop.place.role == "visit" else f" ({t(f'role.{stop.place.role}', lang)})"
    if not stop.visit:
        return role
    best = stop.visit.best_date()
    return f"{role} — {format_range(best.start, best.end, lang, best.precision)}"


@dataclass(frozen=True)
class Labels:
    """What every stop's texts are built from: topic names, source languages and names."""

    lang: str
    topics: dict[str, str]
    languages: dict[str, str]
    names: dict[str, str]  # each source as readers know it (plain text): see safe_html.source_name

    @classmethod
    def of(cls, tour: Tour, lang: str) -> Labels:
        topics = {tp.id: tp.label.get(lang) for tp in tour.topics}
        names = plain_names(tour.sources, lang)
        return cls(lang, topics, {s.id: s.language for s in tour.sources}, names)


_LABEL_AT = {name: i for i, name in enumerate(LABEL)}  # a row's label: its name's place in LABEL


def point(stop: Stop, labels: Labels) -> list[Any]:
    """One stop's tooltip and popup texts, every one HTML-escaped: a :data:`~schema.POINT` record.

    The map's script builds the markup from these when a tooltip or popup first opens; the
    sources row is made from the map's one table of sources (:func:`source_links`).
    """
    visit, lang = stop.visit, labels.lang
    values = {
        "dates": date_variants(visit.ranked_dates(), lang) if visit else "",
        "venue": visit.venue.get(lang) if visit and visit.venue else "",
        "met": ", ".join(person(p, lang) for p in (visit.counterparts if visit else [])),
        "topics": ", ".join(labels.topics.get(x, x) for x in stop.topics),
    }
    # ROW records (label, value), built as pairs: up to four per stop, ten thousand stops.
    rows = [[_LABEL_AT[name], esc(v)] for name, v in values.items() if v]
    quote = _first_quote(stop, lang, labels.languages)
    text, cite = "", ""
    if quote:
        said, speaker, sources = quote
        outlets = ", ".join(dict.fromkeys(labels.names[s] for s in sources if s in labels.names))
        text, cite = esc(said), esc("— " + ", ".join(x for x in (speaker, outlets) if x))
    title = esc(stop_title(stop.order, stop.place.name))
    suffix = esc(_title_suffix(stop, lang))
    when = esc(_when(visit, lang)) if visit else ""
    return record(
        POINT,
        title=title,
        suffix=suffix,
        rows=rows,
        quote=text,
        cite=cite,
        sources=list(stop.sources),
        when=when,
    )


def _when(visit: Visit, lang: str) -> str:
    """Every account of the visit's date, best first, each with its kind: the card's dates line."""
    accounts = (
        f"{format_range(d.start, d.end, lang, d.precision)} ({t(f'date_kind.{d.kind}', lang)})"
        for d in visit.ranked_dates()
    )
    return "; ".join(dict.fromkeys(accounts))


def view_state(selected: str | None, visible: set[str] | None) -> dict[str, Any]:
    """Which stop is selected and which match the filters (None: all), as the map's script reads it."""
    return {"selected": selected, "visible": None if visible is None else sorted(visible)}


def _stops_columns(drawn: list[Stop], labels: Labels, where: Positions) -> dict[str, Any]:
    """The stops as columns (compact for 10,000 of them) and their texts as one JSON string.

    The page parses that string only when a tooltip or popup first opens: to the browser it
    is a single string, not thousands of objects to build before the map can draw.
    """
    texts = json.dumps([point(s, labels) for s in drawn], ensure_ascii=False, separators=(",", ":"))
    return {
        "ids": [s.place.id for s in drawn],
        "lat": [where.at[s.place.id][0] for s in drawn],
        "lng": [where.at[s.place.id][1] for s in drawn],
        "roles": "".join(ROLES[s.place.role] for s in drawn),
        "n": [s.order or 0 for s in drawn],
        "texts": texts,
    }


def _trip_index(tour: Tour) -> dict[int | None, int]:
    """Each trip's place in the tour (0, 1, ...): what its colour and dash are picked by."""
    return {trip: i for i, (trip, _) in enumerate(trips(tour))}


def _legs(tour: Tour, index: dict[str, int], many: bool, where: Positions) -> dict[str, Any]:
    """The route: for a long tour, each trip's stops in order (a line each); else legs with arrows."""
    if many:
        segments = [[index[p.id] for p in route if p.id in index] for _, route in routes(tour)]
        return {"route": [s for s in segments if len(s) > 1], "legs": []}
    trip_of = _trip_index(tour)
    rows = []
    for leg in legs(tour):
        a, b = where.leg(leg.start.id, leg.end.id)
        deg = bearing((a[0], a[1]), (b[0], b[1]))
        # "s": the stops it joins, by index (playback hides a leg until both are reached).
        rows.append(
            {
                "a": a,
                "b": b,
                "deg": deg,
                "trip": trip_of[leg.trip],
                "s": [index[leg.start.id], index[leg.end.id]],
            }
        )
    return {"route": [], "legs": rows}


def _pairs(tour: Tour, lang: str, where: Positions) -> list[dict[str, Any]]:
    places = {p.id: p for p in tour.places if p.id in where.at}
    pairs = {tuple(sorted((p.id, p.paired_with))) for p in places.values() if p.paired_with in places}
    return [
        {"a": where.leg(a, b)[0], "b": where.leg(a, b)[1],
         "tip": esc(f"{places[a].name} – {places[b].name}: {t('legend.border_pair', lang)}")}
        for a, b in sorted(pairs)
    ]  # fmt: skip


def _legend(tour: Tour, lang: str, many: bool, has_pairs: bool) -> list[dict[str, Any]]:
    """The legend's rows: the kinds of mark, then a row per trip when the tour has several."""
    rows: list[dict[str, Any]] = [
        {
            "kind": kind,
            "label": esc(
                t("legend.visit_unnumbered" if many and kind == "visit" else f"legend.{kind}", lang)
            ),
        }
        for kind in ("origin", "visit", "discussed", "border_pair", "leg")
        if kind != "border_pair" or has_pairs
    ]
    groups = trips(tour)
    if len(groups) > 1:
        rows += [
            {
                "kind": "trip",
                "trip": i,
                "label": esc(trip_name(trip, lang)),
            }
            for i, (trip, _) in enumerate(groups)
        ]
    return rows


def _texts(tour: Tour, lang: str, many: bool, has_pairs: bool, key: bool) -> dict[str, Any]:
    """The map's own texts, escaped: the legend, the tour's title, the popups' row names, the words
    of its controls and every source by id (``key``: also shown as a key of the sources)."""
    return {
        "legend": _legend(tour, lang, many, has_pairs),
        "legendTitle": esc(t("legend.title", lang)),
        "title": esc(tour.title.get(lang)),
        "labels": [esc(t(f"field.{name}", lang)) for name in LABEL],
        "words": {k: esc(t(f"map.{k}", lang)) for k in MAP_WORDS},
        "sources": source_links(tour, lang),
        "sourceNames": source_names(tour, lang),
        "key": key,
    }


def numbered(drawn: list[Stop], where: Positions) -> bool:
    """Whether every stop is drawn with its number: not above MANY_STOPS of them, and no spot holding
    more than CROWDED, where numbers spread around it could not be told apart."""
    if len(drawn) > MANY_STOPS:
        return False
    spots = Counter((round(lat, 1), round(lng, 1)) for lat, lng in (where.at[s.place.id] for s in drawn))
    return max(spots.values(), default=0) <= CROWDED


def payload(
    tour: Tour, lang: str, selected: str | None = None, visible: set[str] | None = None, key: bool = False
) -> dict[str, Any]:
    """Everything the map's script draws, as plain JSON-able data. ``key``: carry a key to every
    source in the map itself (the exported page, which has no page around it to hold one)."""
    where = Positions(tour)
    drawn = [s for s in stops(tour) if s.place.id in where.at]
    many = not numbered(drawn, where)
    pair_rows = _pairs(tour, lang, where)
    index = {s.place.id: i for i, s in enumerate(drawn)}
    box = where.box()
    return {
        **_stops_columns(drawn, Labels.of(tour, lang), where),
        **_legs(tour, index, many, where),
        "pairs": pair_rows,
        **_texts(tour, lang, many, bool(pair_rows), key),
        "colors": COLORS,
        "tripColors": TRIP_COLORS,
        "tripDashes": TRIP_DASHES,
        "many": many,
        "bounds": leaflet_bounds(box),
        "land": outlines(box) if box else [],
        "state": view_state(selected, visible),
        "play": playback(drawn, lang),
    }
