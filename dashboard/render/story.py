"""The tour as a story in one self-contained HTML file: ``python -m dashboard export story``.

The steps come from :func:`dashboard.views.story.story_steps`; this module lays them out beside a
map that flies to each stop. Everything the page needs is inside it (Leaflet, its style, the
country outlines of :mod:`dashboard.render.basemap`): no tiles, nothing fetched, so it works
opened from disk, offline, or inside an iframe.

Tour text reaches the page two ways only: HTML-escaped in the markup built here, or as data in
a ``<script>`` through :func:`~dashboard.render.safe_html.script_json`. No tour text is ever a
template. The first step is in the markup, and the stepping script runs before Leaflet is
parsed, so a reader sees the story before the map is drawn.
"""

from __future__ import annotations

from typing import Any

from dashboard.render.asset_files import asset
from dashboard.render.basemap import ATTRIBUTION, outlines
from dashboard.render.maps import leaflet_css, leaflet_js
from dashboard.render.projection import Positions, leaflet_bounds, outline_bounds
from dashboard.render.safe_html import esc, inline_script, script_json, source_link
from dashboard.render.schema import set_member
from dashboard.tourfile.model import Tour
from dashboard.views.derive import routes
from dashboard.views.drafts import accepted
from dashboard.views.formats import format_number
from dashboard.views.geometry import short_way
from dashboard.views.i18n import t
from dashboard.views.story import StoryQuote, StoryStep, story_steps
from dashboard.views.style import TRIP_COLORS, TRIP_DASHES

STOP_ZOOM = 6  # a stop among its neighbours: a few hundred kilometres across


def story_html(tour: Tour, lang: str = "en") -> str:
    """The story as one offline HTML page, in ``lang``: a step per visit between an introduction
    and the outcomes; ``#<step id>`` in the address opens that step."""
    shown = accepted(tour)
    steps = story_steps(shown, lang)
    title = shown.title.get(lang)
    data = _data(shown, steps, lang)
    map_name = esc(t("story.map_name", lang))
    body = (
        f'<div class="story">{_head(title, lang)}'
        f'<div id="story-map" class="story-map" role="region" aria-label="{map_name}"></div>'
        f"{_panel(shown, steps, lang)}</div>"
    )
    scripts = [
        set_member("storyData", script_json(data)),
        asset("story.js"),
        leaflet_js(),
        asset("land_rings.js") + asset("story_export_map.js"),  # one script: the map and its outlines
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(t('story.page_title', lang, title=title))}</title>\n"
        '<script>document.documentElement.classList.add("js");</script>\n'
        f"<style>{leaflet_css()}</style>\n<style>{asset('story.css')}</style>\n</head>\n<body>\n{body}\n"
        + "".join(_script(js) for js in scripts)
        + "\n</body>\n</html>\n"
    )


def _script(js: str) -> str:
    return inline_script(js) + "\n"


# -- the markup ----------------------------------------------------------------------------------------


def _head(title: str, lang: str) -> str:
    hint = esc(t("story.keys_hint", lang))
    return f'<header class="story-head"><h1>{esc(title)}</h1><p class="story-hint">{hint}</p></header>'


def _panel(tour: Tour, steps: list[StoryStep], lang: str) -> str:
    nav = "".join(
        f'<li><a href="#{esc(s.id)}" data-step="{esc(s.id)}"{_current(i)}>{esc(s.title)}</a></li>'
        for i, s in enumerate(steps)
    )
    sections = "".join(_section(tour, step, i, lang) for i, step in enumerate(steps))
    controls = (
        f'<div class="story-controls"><button type="button" id="story-prev" disabled>'
        f"← {esc(t('story.previous', lang))}</button>"
        f'<span id="story-position" class="story-position">{esc(_position(0, len(steps), lang))}</span>'
        f'<button type="button" id="story-next"{" disabled" if len(steps) < 2 else ""}>'
        f"{esc(t('story.next', lang))} →</button></div>"
    )
    live = '<p id="story-live" class="story-sr" aria-live="polite"></p>'
    return (
        f'<main class="story-panel"><nav class="story-nav" aria-label="{esc(t("story.steps", lang))}">'
        f'<ol>{nav}</ol></nav><div class="story-steps">{sections}</div>{controls}{live}</main>'
    )


def _current(i: int) -> str:
    return ' aria-current="step"' if i == 0 else ""


def _position(i: int, total: int, lang: str) -> str:
    return t("story.position", lang, n=format_number(i + 1, lang), total=format_number(total, lang))


def _section(tour: Tour, step: StoryStep, i: int, lang: str) -> str:
    """One step: its heading, date, narrative, people, topics, quote, proposals and sources."""
    heading = f"story-h-{i}"  # not the step id: an element with that id would make #lima scroll the page
    parts = [f'<h2 id="{heading}" tabindex="-1">{esc(step.title)}</h2>', _date(step)]
    parts += [f"<p>{esc(para)}</p>" for para in (step.narrative or "").split("\n\n") if para.strip()]
    parts.append(_list(t("field.met", lang), step.met))
    parts.append(_list(t("field.topics", lang), step.topics, "story-tags"))
    parts.append(_quote(step.quote))
    changes = t("story.end_state" if step.kind == "outcomes" else "story.changes", lang)
    parts.append(_list(changes, step.changes))
    links = [source_link(tour.source(sid), lang) for sid in step.sources]
    parts.append(_list(t("field.sources", lang), links, "story-sources", escaped=True))
    current = " is-current" if i == 0 else ""
    return (
        f'<section class="story-step{current}" data-step="{esc(step.id)}" aria-labelledby="{heading}">'
        f"{''.join(parts)}</section>"
    )


def _date(step: StoryStep) -> str:
    if not step.date:
        return ""
    planned = f' <span class="story-scheduled">({esc(step.scheduled)})</span>' if step.scheduled else ""
    return f'<p class="story-date">{esc(step.date)}{planned}</p>'


def _list(heading: str, items: list[str], css: str = "", escaped: bool = False) -> str:
    """A heading and a list, or nothing for no items; ``escaped``: the items are markup already."""
    if not items:
        return ""
    rows = "".join(f"<li>{item if escaped else esc(item)}</li>" for item in items)
    attribute = f' class="{css}"' if css else ""
    return f"<h3>{esc(heading)}</h3><ul{attribute}>{rows}</ul>"


def _quote(quote: StoryQuote | None) -> str:
    """The quote verbatim; ``<q>`` lets the browser add the quotation marks of the page's language."""
    if quote is None:
        return ""
    cite = esc(quote.citation)
    if quote.url:
        cite = f'<a href="{esc(quote.url)}" target="_blank" rel="noopener noreferrer">{cite}</a>'
    speaker = f"— {esc(quote.speaker)}, " if quote.speaker else ""
    return (
        f'<figure class="story-quote"><blockquote><q>{esc(quote.text)}</q></blockquote>'
        f"<figcaption>{speaker}<cite>{cite}</cite></figcaption></figure>"
    )


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
    return {
        "steps": [{"id": s.id, "at": list(where.at[s.id]) if s.kind == "visit" and s.id in where.at else None}
                  for s in steps],
        "positions": [_position(i, len(steps), lang) for i in range(len(steps))],
        "summaries": [s.summary for s in steps],
        "stops": _stops(tour, steps, where),
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
    """Each trip's route through the places it reaches that have coordinates, each leg the short way."""
    out = []
    for k, (_, places) in enumerate(routes(tour)):
        points: list[list[float]] = []
        for place in (p for p in places if p.id in where.at):
            lat, lon = where.at[place.id]
            points.append([lat, short_way(points[-1][1], lon) if points else lon])
        if len(points) > 1:
            color, dash = TRIP_COLORS[k % len(TRIP_COLORS)], TRIP_DASHES[k % len(TRIP_DASHES)]
            out.append({"points": points, "color": color, "dash": dash})
    return out
