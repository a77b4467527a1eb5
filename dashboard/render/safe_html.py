"""Tour text made safe for a page: escaped for HTML, for a ``<script>`` element, or as a link.

Everything the render layer puts into a page from a tour file passes through here (or through an
autoescaped Jinja template, see :mod:`dashboard.render.story`), so a tour file cannot inject markup
or script, and no ``{{ ... }}`` in it is ever evaluated by a template engine.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from dashboard.tourfile.model import Source, Tour
from dashboard.views.formats import source_details, source_name
from dashboard.views.formats import source_names as source_names_plain
from dashboard.views.i18n import t

# Possessive quantifiers: the engine keeps no backtracking point per character, which for the
# tooltip string of a long tour cost many times that string's size in memory.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def _no_braces(match: re.Match[str]) -> str:
    return match.group(0).replace("{", "\\u007b").replace("}", "\\u007d")


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and inert to Jinja.

    No ``</script>`` or HTML comment can appear, and no brace inside a string, so no
    ``{{ ... }}`` from a tour file can ever be evaluated by a template engine.
    """
    text = _JSON_STRING.sub(_no_braces, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    for char, escaped in _SCRIPT_ESCAPES:
        text = text.replace(char, escaped)
    return text


def script_text(js: str) -> str:
    """Our own script (never tour text) as the content of an inline ``<script>`` element: a ``</script``
    inside it, which would end the element early, is written ``<\\/script`` (the same to JavaScript)."""
    return js.replace("</script", "<\\/script")


def inline_script(js: str) -> str:
    """Our own script as an inline ``<script>`` element (see :func:`script_text`)."""
    return f"<script>{script_text(js)}</script>"


def esc(text: object) -> str:
    """HTML-escape user text (quotes included)."""
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """A link only to http(s), checked again here although the format already refuses others."""
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def link(url: str, shown: str) -> str:
    """A link that opens in a new tab and tells the page it leaves nothing (``noopener noreferrer``);
    ``shown`` is markup already escaped."""
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def source_entry(source: Source, lang: str, names: Mapping[str, str] | None = None) -> str:
    """``<a href=...>Outlet: Title</a> · Language · date``: one source as a reader's list of sources
    shows it (the formatter every view shares), its name a link where it has one, and a second link
    to its archived copy; ``names``: how its details name other sources (the one it translates)."""
    name = esc(source_name(source, lang))
    url = safe_url(source.url)
    entry = link(url, name) if url else name
    entry += "".join(f" · {esc(part)}" for part in source_details(source, lang, names))
    archived = safe_url(source.archived_url)
    if archived:
        entry += " · " + link(archived, esc(t("word.archived", lang)))
    return entry


def source_links(tour: Tour, lang: str) -> dict[str, str]:
    """Every source of the tour by id, in full (:func:`source_entry`, translations named): a card's whole
    record and the exported page's key. Readers know a source by these, never by its id (which stays
    in the tour file and the CSVs)."""
    names = source_names_plain(tour.sources, lang, short=False)
    return {s.id: source_entry(s, lang, names) for s in tour.sources}


def source_names(tour: Tour, lang: str) -> dict[str, str]:
    """Every source of the tour by id as a card names it: its short name (the one formatter,
    :func:`~dashboard.views.formats.source_names`, told apart from its namesakes), escaped, a link to
    the article where it has one."""
    names = source_names_plain(tour.sources, lang)
    linked = {s.id: safe_url(s.url) or safe_url(s.archived_url) for s in tour.sources}
    return {sid: link(url, esc(name)) if (url := linked[sid]) else esc(name) for sid, name in names.items()}
