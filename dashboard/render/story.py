"""The tour as a story in one self-contained HTML file: ``python -m dashboard export story``.

The steps come from :func:`dashboard.views.story.story_steps`; this module lays them out beside a
map that flies to each stop. Everything the page needs is inside it (Leaflet, its style, the
country outlines of :mod:`dashboard.render.basemap`): no tiles, nothing fetched, so it works
opened from disk, offline, or inside an iframe.

The page is ``assets/story.html.j2``, rendered by an autoescaped Jinja environment. Tour text reaches
it two ways only: as template variables, escaped where they land, or as data in a ``<script>``
through :func:`~dashboard.render.safe_html.script_json`. No tour text is ever a template. The first
step is in the markup, and the stepping script runs before Leaflet is parsed, so a reader sees the
story before the map is drawn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dashboard.render.asset_files import ASSETS, asset, shipped
from dashboard.render.basemap import ATTRIBUTION, outlines
from dashboard.render.map_data import MANY_STOPS
from dashboard.render.maps import leaflet_css, leaflet_js
from dashboard.render.projection import Positions, leaflet_bounds, outline_bounds
from dashboard.render.safe_html import esc, safe_url, script_json, script_text, source_entry
from dashboard.render.schema import set_member
from dashboard.tourfile.model import Tour
from dashboard.views.derive import routes
from dashboard.views.drafts import accepted
from dashboard.views.formats import format_number, source_names
from dashboard.views.i18n import t
from dashboard.views.story import StoryQuote, StoryStep, story_steps
from dashboard.views.style import TRIP_COLORS, TRIP_DASHES

STOP_ZOOM = 6  # a stop among its neighbours: a few hundred kilometres across
# The map's script, in order: its helpers, then the map (one script element).
MAP_SCRIPTS = ("land_rings.js", "spread.js", "story_points.js", "story_export_map.js")


# Autoescaped: a value from the tour is escaped wherever the template puts it; StrictUndefined: a
# misspelt name fails loudly instead of leaving a hole in the page.
_TEMPLATES = Environment(
    loader=FileSystemLoader(ASSETS), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True
)


def story_html(tour: Tour, lang: str = "en") -> str:
    """The story as one offline HTML page, in ``lang``: a step per visit between an introduction
    and the outcomes; ``#<step id>`` in the address opens that step."""
    shown = accepted(tour)
    steps = story_steps(shown, lang)
    title = shown.title.get(lang)
    page = _TEMPLATES.get_template("story.html.j2")
    return page.render(
        lang=lang,
        title=title,
        page_title=t("story.page_title", lang, title=title),
        hint=t("story.keys_hint", lang),
        map_name=t("story.map_name", lang),
        steps_name=t("story.steps", lang),
        previous=t("story.previous", lang),
        next=t("story.next", lang),
        position=_position(0, len(steps), lang),
        steps=[_section(shown, step, i, lang) for i, step in enumerate(steps)],
        styles=[_ours(leaflet_css()), _ours(shipped(asset("story.css"), "css"))],
        scripts=[_ours(script_text(js)) for js in _scripts(_data(shown, steps, lang))],
    )


def _ours(text: str) -> Markup:
    """Text the template must put in as it is: our own style or script (from the package, never from a
    tour), or a script whose tour text is in script_json's escaped JSON. Marked here, and only here."""
    return Markup(text)  # noqa: S704 -- our files and script_json's output, not tour text


def _scripts(data: dict[str, Any]) -> list[str]:
    """The page's scripts in order: the data, the steps (before Leaflet is parsed, so the first step
    shows at once), Leaflet, and the map with its outlines (one script)."""
    return [
        set_member("storyData", script_json(data)),
        shipped(asset("story.js")),
        leaflet_js(),
        shipped("".join(asset(name) for name in MAP_SCRIPTS)),
    ]


# -- the steps ------------------------------------------------------------------------------------------


def _position(i: int, total: int, lang: str) -> str:
    return t("story.position", lang, n=format_number(i + 1, lang), total=format_number(total, lang))


def _section(tour: Tour, step: StoryStep, i: int, lang: str) -> dict[str, Any]:
    """One step as the template lays it out: heading, date, narrative, people, topics, quote, proposals
    and sources. Each list is (heading, items, class); the sources are links, markup already."""
    changes = t("story.end_state" if step.kind == "outcomes" else "story.changes", lang)
    names = source_names(tour.sources, lang)
    links = [_ours(source_entry(tour.source(sid), lang, names)) for sid in step.sources]
    return {
        "id": step.id,
        "heading": f"story-h-{i}",
        "current": i == 0,
        "title": step.title,
        "date": step.date,
        "scheduled": step.scheduled,
        "paragraphs": [para for para in (step.narrative or "").split("\n\n") if para.strip()],
        "lists": [(t("field.met", lang), step.met, ""), (t("field.topics", lang), step.topics, "story-tags")],
        "quote": _quote(step.quote),
        "more": [(changes, step.changes, ""), (t("field.sources", lang), links, "story-sources")],
    }


def _quote(quote: StoryQuote | None) -> StoryQuote | None:
    """The quote, its link kept only to http(s) (the format allows no other; checked again here)."""
    return None if quote is None else replace(quote, url=safe_url(quote.url))


# -- what the scripts read -----------------------------------------------------------------------------


def _data(tour: Tour, steps: list[StoryStep], lang: str) -> dict[str, Any]:
    """The map's drawing and each step's place, position and spoken summary, as JSON-able data.

    Texts here are plain (set with ``textContent`` or as a property) except ``origin.tip`` and the stops'
    ``label``, which are escaped: Leaflet places them as markup.
    """
    where = Positions(tour)
    box = where.box()
    land = outlines(box) if box else []
    origin = next((p for p in tour.places if p.role == "origin" and p.id in where.at), None)
    stops = _stops(tour, steps, where)
    many = len(stops) > MANY_STOPS  # as on the route map: the script draws them on one canvas
    return {
        "steps": [{"id": s.id, "at": list(where.at[s.id]) if s.kind == "visit" and s.id in where.at else None}
                  for s in steps],
        "positions": [_position(i, len(steps), lang) for i in range(len(steps))],
        "summaries": [s.summary for s in steps],
        "stops": [] if many else stops,  # a marker each; a long tour's are drawn from the steps' places
        "many": many,
        "origin": {"at": list(where.at[origin.id]), "tip": esc(origin.name)} if origin else None,
        "routes": _routes(tour, where),
        "bounds": leaflet_bounds(box),
        "land": land,
        "landBounds": outline_bounds(land),
        "zoom": STOP_ZOOM,
        "attribution": f"Leaflet | {ATTRIBUTION}",
    }  # fmt: skip


def _stops(tour: Tour, steps: list[StoryStep], where: Positions) -> list[dict[str, Any]]:
    """The numbered markers: each visit step's stop that has coordinates."""
    orders = {v.place: v.order for v in tour.visits}
    names = {p.id: p.name for p in tour.places}
    return [
        {
            "id": s.id,
            "n": orders[s.id],
            "name": s.title,
            "label": esc(names[s.id]),
            "at": list(where.at[s.id]),
        }
        for s in steps
        if s.kind == "visit" and s.id in where.at
    ]


def _routes(tour: Tour, where: Positions) -> list[dict[str, Any]]:
    """Each trip's route through the places it reaches that have coordinates, through each place
    where its marker is drawn (the positions make each leg go the short way)."""
    out = []
    for k, (_, places) in enumerate(routes(tour)):
        points = [list(where.at[p.id]) for p in places if p.id in where.at]
        if len(points) > 1:
            color, dash = TRIP_COLORS[k % len(TRIP_COLORS)], TRIP_DASHES[k % len(TRIP_DASHES)]
            out.append({"points": points, "color": color, "dash": dash})
    return out
