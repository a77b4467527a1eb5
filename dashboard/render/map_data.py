"""What the map's script draws, as one JSON-able payload: the stops, each trip's legs, the pairs,
the legend, the sources behind the popups and the land under it all.

All user text is HTML-escaped here, and the payload is escaped for a ``<script>`` element by
:func:`script_json`, so a tour file cannot inject markup or script into the map.

Longitudes are shifted by whole turns so that the tour's places sit together (a Pacific tour is
not split at ±180°), and a leg is drawn the short way.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from dashboard.render.basemap import outlines
from dashboard.tourfile.model import DateVariant, Source, Tour, Visit
from dashboard.views.derive import Stop, legs, routes, stops, trips
from dashboard.views.formats import (
    date_variants,
    format_date,
    format_range,
    person,
    source_citation,
    stop_title,
)
from dashboard.views.geometry import short_way, together
from dashboard.views.i18n import t
from dashboard.views.style import COLORS, TRIP_COLORS, TRIP_DASHES

MAX_LATITUDE = 85.0511287798  # where Web Mercator (and Leaflet's map) ends
MANY_STOPS = 300  # above this, stops are drawn as canvas circles, not numbered DOM markers
PLAY_STEPS = 366  # the date slider's most positions: a tour longer than a year steps by several days


# Possessive quantifiers: the engine keeps no backtracking point per character, which for the
# tooltip string of a long tour cost many times that string's size in memory.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')


def _no_braces(match: re.Match[str]) -> str:
    return match.group(0).replace("{", "\\u007b").replace("}", "\\u007d")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and inert to Jinja.

    No ``</script>`` or HTML comment can appear, and no brace inside a string, so no
    ``{{ ... }}`` from a tour file can ever be evaluated by a template engine.
    """
    text = _JSON_STRING.sub(_no_braces, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    for char, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escaped)
    return text


def esc(text: object) -> str:
    """HTML-escape user text (quotes included)."""
    return html.escape(str(text), quote=True)


def _first_quote(stop: Stop, lang: str, languages: dict[str, str]) -> tuple[str, str, list[str]] | None:
    """The stop's key quote: one said there, in the reader's language if there is one."""
    said_here = [c for c in stop.claims if c.quote and c.place == stop.place.id]
    claim = min(said_here, key=lambda c: languages.get(c.quote_source or "", lang) != lang, default=None)
    if claim is None or claim.quote is None:
        return None
    return claim.quote, claim.speaker or "", claim.sources


POPUP_ROWS = ("dates", "venue", "met", "topics", "sources")  # field.* labels, sent once per map
ROLE_CODES = {"origin": "o", "visit": "v", "discussed": "d"}  # one letter per stop in the payload


def _title_suffix(stop: Stop, lang: str) -> str:
    role = "" if stop.place.role == "visit" else f" ({t(f'role.{stop.place.role}', lang)})"
    if not stop.visit:
        return role
    best = stop.visit.best_date()
    return f"{role} — {format_range(best.start, best.end, lang, best.precision)}"


@dataclass(frozen=True)
class Labels:
    """What every stop's texts are built from: topic names and source languages."""

    lang: str
    topics: dict[str, str]
    languages: dict[str, str]

    @classmethod
    def of(cls, tour: Tour, lang: str) -> Labels:
        topics = {tp.id: tp.label.get(lang) for tp in tour.topics}
        return cls(lang, topics, {s.id: s.language for s in tour.sources})


def point(stop: Stop, labels: Labels) -> list[Any]:
    """One stop's tooltip and popup texts, every one HTML-escaped:
    ``[title, suffix, rows, quote, cite, source ids]``.

    The map's script builds the markup from these when a tooltip or popup first opens; the
    sources row is made from the map's one table of sources (:func:`source_links`).
    """
    visit, lang = stop.visit, labels.lang
    values = [
        date_variants(visit.ranked_dates(), lang) if visit else "",
        visit.venue.get(lang) if visit and visit.venue else "",
        ", ".join(person(p, lang) for p in (visit.counterparts if visit else [])),
        ", ".join(labels.topics.get(x, x) for x in stop.topics),
    ]
    title = stop_title(stop.order, stop.place.name)
    rows = [[i, esc(v)] for i, v in enumerate(values) if v]
    fields: list[Any] = [esc(title), esc(_title_suffix(stop, lang)), rows, "", "", list(stop.sources)]
    quote = _first_quote(stop, lang, labels.languages)
    if quote:
        text, speaker, sources = quote
        fields[3:5] = [esc(text), esc(f"— {speaker} [{', '.join(sources)}]")]
    return fields


def _safe_url(url: str | None) -> str | None:
    """A link only to http(s), checked again here although the format already refuses others."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def source_link(source: Source, lang: str) -> str:
    """``<a href=...>Title</a> · Outlet · Language · date``: one source as the popups and the key show
    it, the title a link when the source has one (and a second link to its archived copy)."""
    citation = esc(source_citation(source, lang))
    title = esc(source.title or t("word.untitled", lang))
    url = _safe_url(source.url)
    if url:
        citation = _link(url, title) + citation[len(title) :]
    archived = _safe_url(source.archived_url)
    if archived:
        citation += " · " + _link(archived, esc(t("word.archived", lang)))
    return f"<b>{esc(source.id)}</b>: {citation}"


def _link(url: str, shown: str) -> str:
    """A link that opens in a new tab and tells the page it leaves nothing (``noopener noreferrer``)."""
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def source_links(tour: Tour, lang: str) -> dict[str, str]:
    return {s.id: source_link(s, lang) for s in tour.sources}


def _bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Screen angle (degrees clockwise from east) of the leg a -> b on a Mercator map."""

    def merc_y(lat: float) -> float:
        # Web Mercator ends at ±85.0511° (Leaflet draws a pole there); at ±90 the tangent is infinite.
        lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    dy = merc_y(b[0]) - merc_y(a[0])
    dx = b[1] - a[1]
    return -math.degrees(math.atan2(dy, dx))


def view_state(selected: str | None, visible: set[str] | None) -> dict[str, Any]:
    """Which stop is selected and which match the filters (None: all), as the map's script reads it."""
    return {"selected": selected, "visible": None if visible is None else sorted(visible)}


class Positions:
    """Where each place is drawn: its latitude, and its longitude moved by whole turns so that the
    tour's places sit together (see :mod:`dashboard.views.geometry`)."""

    def __init__(self, tour: Tour) -> None:
        located = [p for p in tour.places if p.latitude is not None and p.longitude is not None]
        lons = together([float(p.longitude or 0) for p in located])
        self.at = {p.id: (float(p.latitude or 0), lon) for p, lon in zip(located, lons, strict=True)}

    def leg(self, a: str, b: str) -> tuple[list[float], list[float]]:
        (lat_a, lon_a), (lat_b, lon_b) = self.at[a], self.at[b]
        return [lat_a, lon_a], [lat_b, short_way(lon_a, lon_b)]

    def box(self) -> tuple[float, float, float, float] | None:
        if not self.at:
            return None
        lats, lons = [a for a, _ in self.at.values()], [o for _, o in self.at.values()]
        return min(lons), min(lats), max(lons), max(lats)


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
        "roles": "".join(ROLE_CODES[s.place.role] for s in drawn),
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
        deg = _bearing((a[0], a[1]), (b[0], b[1]))
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
                "label": esc(t("legend.trip", lang, n=trip if trip is not None else "—")),
            }
            for i, (trip, _) in enumerate(groups)
        ]
    return rows


def _planned(visit: Visit) -> DateVariant | None:
    """The visit's scheduled or announced date where it differs from the date it is drawn at."""
    best = visit.best_date()
    moved = (
        d for d in visit.ranked_dates() if d.kind != "actual" and (d.start, d.last) != (best.start, best.last)
    )
    return next(moved, None)


def _span(date: DateVariant) -> tuple[dt.date, dt.date]:
    """A date's first and last day: one known only to the month covers the whole month."""
    if date.precision != "month":
        return date.start, date.last
    last = date.last
    return date.start.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _when(date: DateVariant, lang: str) -> str:
    return format_range(date.start, date.end, lang, date.precision)


class _Days:
    """The slider's positions: a step per day from the tour's first to its last, a few days a step
    for a tour longer than :data:`PLAY_STEPS` days (so its labels stay a few kilobytes)."""

    def __init__(self, dates: list[DateVariant]) -> None:
        spans = [_span(d) for d in dates]
        self.first, last = min(a for a, _ in spans), max(b for _, b in spans)
        self.step = -(-((last - self.first).days + 1) // PLAY_STEPS)
        self.end = self.at(last)

    def at(self, day: dt.date) -> int:
        return (day - self.first).days // self.step

    def of(self, date: DateVariant) -> tuple[int, int]:
        """The steps of a date's first and last day."""
        first, last = _span(date)
        return self.at(first), self.at(last)

    def labels(self, lang: str) -> list[str]:
        step = dt.timedelta(days=self.step)
        return [esc(format_date(self.first + k * step, lang)) for k in range(self.end + 1)]


def _stop_timing(stop: Stop, visit: Visit, days: _Days, lang: str) -> list[Any] | None:
    """``[last step, known only to the month (0/1), first step of its planned date or None, moved
    note, month note]`` for a stop that spans several steps or moved; None for a plain one-day stop."""
    best, planned, title = visit.best_date(), _planned(visit), stop_title(stop.order, stop.place.name)
    (first, last), month = days.of(best), best.precision == "month"
    if planned is None and first == last:
        return None
    moved = month_note = ""
    if planned is not None:
        kind = t(f"date_kind.{planned.kind}", lang)
        said = t("playback.moved", lang, kind=kind, planned=_when(planned, lang), held=_when(best, lang))
        moved = f"{title} — {said}"
    if month:
        month_note = f"{title} — " + t("playback.month", lang, month=_when(best, lang))
    planned_at = None if planned is None else days.of(planned)[0]
    return [last, int(month), planned_at, esc(moved), esc(month_note)]


def _bands(dated: list[Stop], days: _Days, lang: str) -> list[list[Any]]:
    """Dates known only to the month as ``[first step, last step, label]``: a band on the slider's
    track, one per span (the labels of the stops that share it joined)."""
    spans: dict[tuple[int, int], list[str]] = {}
    for stop in dated:
        assert stop.visit is not None
        for date in (stop.visit.best_date(), _planned(stop.visit)):
            if date is not None and date.precision == "month":
                kind = t(f"date_kind.{date.kind}", lang)
                label = f"{stop_title(stop.order, stop.place.name)}: {_when(date, lang)} ({kind})"
                spans.setdefault(days.of(date), []).append(label)
    return [
        [a, b, esc("; ".join(labels[:3]) + ("; …" if len(labels) > 3 else ""))]
        for (a, b), labels in spans.items()
    ]


def _playback(drawn: list[Stop], lang: str) -> dict[str, Any] | None:
    """What the date slider needs: a label per step, each stop's first step (None: undated, always
    shown), the few stops with more to say (:func:`_stop_timing`) and the month bands. None when
    the dated stops all fall on one day: there is nothing to play."""
    dated = [s for s in drawn if s.visit]
    dates = [d for s in dated if s.visit for d in (s.visit.best_date(), _planned(s.visit)) if d]
    if not dates:
        return None
    days = _Days(dates)
    if days.end == 0:
        return None
    timing = {i: _stop_timing(s, s.visit, days, lang) for i, s in enumerate(drawn) if s.visit}
    return {
        "labels": days.labels(lang),
        "at": [days.of(s.visit.best_date())[0] if s.visit else None for s in drawn],
        "more": {str(i): row for i, row in timing.items() if row},
        "bands": _bands(dated, days, lang),
        "words": {k: esc(t(f"playback.{k}", lang)) for k in ("title", "play", "pause", "slider")},
    }


def payload(
    tour: Tour, lang: str, selected: str | None = None, visible: set[str] | None = None, key: bool = False
) -> dict[str, Any]:
    """Everything the map's script draws, as plain JSON-able data. ``key``: carry a key to every
    source in the map itself (the exported page, which has no page around it to hold one)."""
    where = Positions(tour)
    drawn = [s for s in stops(tour) if s.place.id in where.at]
    many = len(drawn) > MANY_STOPS
    pair_rows = _pairs(tour, lang, where)
    index = {s.place.id: i for i, s in enumerate(drawn)}
    box = where.box()
    return {
        **_stops_columns(drawn, Labels.of(tour, lang), where),
        **_legs(tour, index, many, where),
        "pairs": pair_rows,
        "legend": _legend(tour, lang, many, bool(pair_rows)),
        "legendTitle": esc(t("legend.title", lang)),
        "title": esc(tour.title.get(lang)),
        "labels": [esc(t(f"field.{key}", lang)) for key in POPUP_ROWS],
        "words": {k: esc(t(f"map.{k}", lang)) for k in MAP_WORDS},
        "sources": source_links(tour, lang),
        "key": key,
        "colors": COLORS,
        "tripColors": TRIP_COLORS,
        "tripDashes": TRIP_DASHES,
        "many": many,
        "bounds": None if box is None else [[box[1], box[0]], [box[3], box[2]]],
        "land": outlines(box) if box else [],
        "state": view_state(selected, visible),
        "play": _playback(drawn, lang),
    }


MAP_WORDS = (
    "show_legend",
    "hide_legend",
    "sources_key",
    "map_name",
    "keys_hint",
    "wheel_hint",
    "touch_hint",
    "selected",
)
