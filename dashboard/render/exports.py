"""Stable export formats: GeoJSON (RFC 7946), CSV of proposals, claims and sources, the map as HTML.

Column names, property names and their order are part of the documented interface
(docs/exports.md); change them only with a CHANGELOG entry.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from dashboard.render.maps import build_map, standalone_html
from dashboard.tourfile.files import write_atomic
from dashboard.tourfile.model import Tour
from dashboard.views.derive import Leg, legs, stops
from dashboard.views.geometry import split_at_antimeridian

__all__ = [
    "claims_csv",
    "geojson",
    "geojson_text",
    "map_html",
    "proposals_csv",
    "sources_csv",
    "write_atomic",
]

PROPOSAL_COLUMNS = ["proposal_id", "proposal", "country", "status", "date", "sources", "note"]
CLAIM_COLUMNS = ["claim_id", "place_id", "topics", "speaker", "text", "quote", "sources"]
SOURCE_COLUMNS = [
    "source_id", "title", "outlet", "author", "language", "published", "url", "archived_url", "accessed",
]  # fmt: skip
# What a spreadsheet may read as the start of a formula, full-width forms included (some spreadsheets
# fold ＝ into =), looked for after any leading blanks (a space, a no-break space, a line break).
_FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_BLANKS = " \t\r\n\u00a0\u2007\u202f\u3000"
# C0 controls but tab and line feed, DEL and C1: a valid tour holds none (the format refuses them);
# whatever else reaches a CSV is shown as U+FFFD rather than passed to a terminal or spreadsheet.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def geojson(tour: Tour) -> dict[str, Any]:
    """A FeatureCollection: a Point per place with coordinates, a LineString per route leg."""
    features: list[dict[str, Any]] = []
    for stop in stops(tour):
        place = stop.place
        if not place.has_coordinates:
            continue
        features.append(
            {
                "type": "Feature",
                # RFC 7946: longitude first.
                "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
                "properties": {
                    "id": place.id,
                    "name": place.name,
                    "country": place.country,
                    "role": place.role,
                    "order": stop.order,
                    "start_date": _iso(stop.start),
                    "end_date": _iso(stop.end),
                    "counterparts": stop.counterparts,
                    "topics": list(stop.topics),
                    "sources": list(stop.sources),
                },
            }
        )
    features += [_leg_feature(leg) for leg in legs(tour)]
    return {"type": "FeatureCollection", "features": features}


def _leg_feature(leg: Leg) -> dict[str, Any]:
    """A leg the short way; one crossing ±180° is a MultiLineString cut there, as RFC 7946 asks."""
    a = (float(leg.start.longitude or 0), float(leg.start.latitude or 0))
    b = (float(leg.end.longitude or 0), float(leg.end.latitude or 0))
    lines = [[list(point) for point in line] for line in split_at_antimeridian(a, b)]
    geometry = (
        {"type": "LineString", "coordinates": lines[0]}
        if len(lines) == 1
        else {"type": "MultiLineString", "coordinates": lines}
    )
    properties = {"kind": "leg", "from": leg.start.id, "to": leg.end.id, "order": leg.order, "trip": leg.trip}
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def geojson_text(tour: Tour) -> str:
    return json.dumps(geojson(tour), ensure_ascii=False, indent=2) + "\n"


def safe_cell(value: str) -> str:
    """Neutralise spreadsheet formulas: a cell whose first character, or first after leading blanks,
    is = + - @ (or their full-width forms), or that starts with a tab or a line break, gets a '."""
    risky = value.lstrip(_BLANKS).startswith(_FORMULA_STARTS) or value.startswith(("\t", "\r", "\n"))
    return "'" + value if risky else value


def _csv(columns: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_one_cell(safe_cell(cell)) for cell in row] for row in rows])
    return buffer.getvalue()


def _one_cell(value: str) -> str:
    """Line breaks as LF. With LF as the row terminator the writer quotes a cell holding
    an LF but not one holding a bare CR, which a spreadsheet reads as the end of the row:
    "x\r=1+1" would have started a new row with the live formula "=1+1"."""
    return _CONTROLS.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def proposals_csv(tour: Tour) -> str:
    """A row per status change: ``proposal_id,proposal,country,status,date,sources,note``."""
    rows = [
        [
            p.id,
            p.title.en,
            row.country,
            row.status,
            _iso(row.date) or "",
            ";".join(row.sources),
            row.note.en if row.note else "",
        ]
        for p in tour.proposals
        for row in p.history
    ]
    return _csv(PROPOSAL_COLUMNS, rows)


def claims_csv(tour: Tour) -> str:
    """A row per claim: ``claim_id,place_id,topics,speaker,text,quote,sources``."""
    rows = [
        [
            c.id,
            c.place or "",
            ";".join(c.topics),
            c.speaker or "",
            c.text.en,
            c.quote or "",
            ";".join(c.sources),
        ]
        for c in tour.claims
    ]
    return _csv(CLAIM_COLUMNS, rows)


def sources_csv(tour: Tour) -> str:
    """A row per source: ``source_id,title,outlet,author,language,published,url,archived_url,accessed``."""
    rows = [
        [s.id, s.title or "", s.outlet or "", s.author or "", s.language, _iso(s.published) or "",
         s.url or "", s.archived_url or "", _iso(s.accessed) or ""]
        for s in tour.sources
    ]  # fmt: skip
    return _csv(SOURCE_COLUMNS, rows)


def table_csv(columns: list[str], rows: list[list[object]]) -> str:
    """Any table the app shows, as CSV with the same formula and line-break safety."""
    return _csv([str(c) for c in columns], [["" if v is None else str(v) for v in row] for row in rows])


def map_html(tour: Tour, lang: str = "en") -> str:
    """The route map as one self-contained HTML page (Leaflet, CSS and icons inlined)."""
    return standalone_html(build_map(tour, lang=lang))
