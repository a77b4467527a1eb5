"""The evidence pack: everything behind a published map in one zip.

It holds the map and the story pages, the GeoJSON, the claims, proposals and sources as CSV, the
images for print where a browser can draw them, the tour file itself, a README that cites every
source and says how to cite the pack, and a Frictionless ``datapackage.json`` that describes each
CSV (its fields and their types) and the GeoJSON, with the licence and the sources.

The files are made by the same functions as the single exports, so the pack never says something
the app or the command line would not.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from typing import Any

from dashboard import __version__
from dashboard.render import exports
from dashboard.render.errors import ExportError
from dashboard.render.images import pngs
from dashboard.render.story import story_html
from dashboard.tourfile.model import Tour
from dashboard.views import credits
from dashboard.views.drafts import accepted
from dashboard.views.formats import format_date, source_citation, source_name, source_names
from dashboard.views.markup import md_file

VIEWS = ("map", "timeline", "topics", "proposals")  # the images, when a browser can draw them
# Each CSV's fields and their Frictionless types; the columns are the exports' documented ones.
DATE_FIELDS = {"date", "published", "accessed"}
TABLES = {
    "claims": exports.CLAIM_COLUMNS,
    "proposals": exports.PROPOSAL_COLUMNS,
    "sources": exports.SOURCE_COLUMNS,
}
RESERVED = {"readme.md", "datapackage.json", "map.html", "story.html", "tour.geojson",
            "claims.csv", "proposals.csv", "sources.csv"}  # fmt: skip
LICENSE = {
    "name": "other-at",
    "title": "Other (attribution): the tour's texts are its editors', quoted words belong to the publishers "
    "cited, coordinates come from GeoNames (CC BY 4.0) and OpenStreetMap's Nominatim (ODbL)",
}


def _images(tour: Tour, lang: str) -> tuple[dict[str, bytes], str | None]:
    """Every view's image, all drawn within images.ALL_IMAGES seconds, or none and the reason (no
    browser here, or one that took too long)."""
    try:
        return {f"images/{view}.png": data for view, data in pngs(tour, VIEWS, lang).items()}, None
    except ExportError as exc:
        return {}, str(exc)


def pack_files(tour: Tour, tour_name: str, tour_file: bytes, lang: str = "en", images: bool = True,
               drawn: dict[str, bytes] | None = None) -> dict[str, bytes]:  # fmt: skip
    """The pack's files by name, in the order they are zipped; ``drawn``: the images (by view)
    when they are already made, else they are drawn here (``images``) where a browser can.

    Every file made from the tour shows what a person has accepted: a draft's proposals are left
    out (the tour file itself keeps them, marked)."""
    tour = accepted(tour)
    files = {
        "README.md": b"",  # written last: it lists what the pack holds
        "datapackage.json": b"",
        "map.html": exports.map_html(tour, lang).encode(),
        "story.html": story_html(tour, lang).encode(),
        "tour.geojson": exports.geojson_text(tour).encode(),
        "claims.csv": exports.claims_csv(tour).encode(),
        "proposals.csv": exports.proposals_csv(tour).encode(),
        "sources.csv": exports.sources_csv(tour).encode(),
        _file_name(tour_name): tour_file,
    }
    if drawn:
        made, missing = {f"images/{view}.png": data for view, data in drawn.items()}, None
    else:
        made, missing = (
            _images(tour, lang) if images else ({}, "left out (--no-images, or not drawn in the app)")
        )
    files.update(made)
    files["datapackage.json"] = (json.dumps(datapackage(tour), ensure_ascii=False, indent=2) + "\n").encode()
    files["README.md"] = readme(tour, list(files), missing, tour_name).encode()
    return files


def _file_name(name: str) -> str:
    """The tour file's own name, reduced to a safe file name inside the zip that no other file of
    the pack has ("datapackage.json" becomes "tour-datapackage.json")."""
    base = re.sub(r"[^\w.-]+", "-", name.rsplit("/", 1)[-1]).strip(".-") or "tour.yaml"
    base = base if base.lower().endswith((".yaml", ".yml", ".json")) else base + ".yaml"
    return f"tour-{base}" if base.lower() in RESERVED else base


def pack_zip(tour: Tour, tour_name: str, tour_file: bytes, lang: str = "en", images: bool = True,
             drawn: dict[str, bytes] | None = None) -> bytes:  # fmt: skip
    """The evidence pack as a zip (see :func:`pack_files`)."""
    buffer = io.BytesIO()
    stamp = (1980, 1, 1, 0, 0, 0)  # fixed file times (the README and descriptor carry the day made)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in pack_files(tour, tour_name, tour_file, lang, images, drawn).items():
            entry = zipfile.ZipInfo(name, stamp)
            entry.external_attr = 0o644 << 16  # readable by a web server that hosts the pages
            archive.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _schema(columns: list[str]) -> dict[str, Any]:
    return {"fields": [{"name": c, "type": "date" if c in DATE_FIELDS else "string"} for c in columns]}


def datapackage(tour: Tour) -> dict[str, Any]:
    """A Frictionless Data Package descriptor for the pack's CSVs and GeoJSON."""
    tables = [
        {"name": name, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": _schema(columns)}
        for name, columns in TABLES.items()
    ]  # fmt: skip
    geo = {"name": "tour-geojson", "path": "tour.geojson", "type": "json", "format": "geojson",
           "mediatype": "application/geo+json"}  # fmt: skip
    return {
        "name": re.sub(r"[^a-z0-9._-]+", "-", tour.id.lower()) or "tour",
        "title": tour.title.en,
        "description": f"{credits.as_of_text(tour, 'en')}.",  # how current the data is (credits.newest_fact)
        "created": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "licenses": [LICENSE],
        "sources": [
            {"title": source_name(s, "en"), **({"path": s.url} if s.url else {})} for s in tour.sources
        ],
        "resources": [*tables, geo],
    }


DESCRIBED = {
    "map.html": "the route map, one page that opens offline",
    "story.html": "the story, step by step (← → keys; `story.html#<stop id>` opens a step); opens offline",
    "tour.geojson": "the places and route legs (RFC 7946)",
    "claims.csv": "every claim and quote, with its sources",
    "proposals.csv": "every proposal's status changes, with their sources",
    "sources.csv": "every source, with its link",
    "datapackage.json": "a Frictionless Data Package describing the CSVs and the GeoJSON",
}


def _contents(names: list[str], tour_name: str, missing: str | None) -> list[str]:
    lines = [f"- `{n}`: {DESCRIBED[n]}" for n in names if n in DESCRIBED]
    images = [n for n in names if n.startswith("images/")]
    lines.append(
        f"- `images/`: {', '.join(images)}, for print" if images else f"- no images: {md_file(missing or '')}"
    )
    lines.append(f"- `{_file_name(tour_name)}`: the tour file itself")
    return lines


def readme(tour: Tour, names: list[str], missing: str | None, tour_name: str = "") -> str:
    """The pack's README: what it holds, every source by name (outlet and title, date, link; the ids are
    the CSVs'), how to cite it."""
    made = dt.date.today()
    title = md_file(tour.title.en)
    called = source_names(tour.sources, "en")  # how a translation names its original
    sources = [
        f"{n}. {md_file(source_citation(s, 'en', called))}" + (f" <{s.url}>" if s.url else " (no link)")
        for n, s in enumerate(tour.sources, start=1)
    ]
    # Plain text in a fence, to copy as it is; a fence inside the title cannot close it.
    cite = (
        f"{' '.join(tour.title.en.split())}. Evidence pack compiled from {len(tour.sources)} sources, "
        f"{format_date(made, 'en')}. Made with tour-dashboard {__version__}."
    ).replace("`", "'")
    return "\n".join([
        f"# {title}: evidence pack", "",
        f"Made with tour-dashboard {__version__} on {format_date(made, 'en')}. "
        f"{credits.as_of_text(tour, 'en')}.", "",
        "## What it holds", "", *_contents(names, tour_name, missing), "",
        "## Sources", "", *sources, "",
        "The CSVs cite each source by its id; `sources.csv` gives every id's article.", "",
        "## How to cite this pack", "", "```text", cite, "```", "",
        "## Licence", "", LICENSE["title"] + ".", "",
    ])  # fmt: skip
