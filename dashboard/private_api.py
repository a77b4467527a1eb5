"""Every use of another project's private API, in one place, each checked by a test that fails loudly.

Nothing else in the project may reach into another package's internals. When an upgrade of
Streamlit, streamlit-folium, folium, branca or requests changes one of these, ``tests/test_private_api.py``
names which one broke, instead of a blank map or a lost click in a browser.

Kept free of imports of the packages concerned: callers pass the objects in, so this
module sits below every layer and imports nothing from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

# streamlit-folium's map frame keeps its state in this global (its frontend's `window.__GLOBAL_DATA__`);
# the map's script reads it to report a click at once instead of after st_folium's 250 ms debounce.
ST_FOLIUM_GLOBAL = "__GLOBAL_DATA__"
# The fields of that global the script reads or writes (render/tour_layer.js.j2).
ST_FOLIUM_FIELDS = ("previous_data", "returned_objects", "wrap_longitude", "last_object_clicked_count")


def serve_from_memory(runtime: Any, data: bytes, mimetype: str, name: str) -> str:
    """A URL at which Streamlit's media endpoint serves ``data`` (``Runtime.media_file_mgr.add``).

    ``runtime`` is ``streamlit.runtime.get_instance()``. Streamlit has no public API to serve
    bytes to a component frame; its media file manager is what ``st.image`` and
    ``st.download_button`` use, and keeps one copy however many sessions ask.
    """
    return str(runtime.media_file_mgr.add(data, mimetype, name))


def set_response_body(response: Any, body: bytes) -> None:
    """Give a ``requests.Response`` the body we read ourselves, as requests does after reading one.

    ``requests`` has no public way to hand a response a body read under our own deadline and
    size cap (see ``geo.geocode``); these are the two attributes its ``content`` reads.
    """
    response._content = body
    response._content_consumed = True


# -- folium and branca -------------------------------------------------------------------------------
# The map's layers are branca MacroElements: a Jinja template of ``header`` and ``script`` macros that
# the figure renders into the page's head and script. folium documents none of this for subclasses;
# streamlit-folium relies on it too (it calls ``element._template.module.script(element)`` itself).


def make_macro(element: Any, name: str, template: Any) -> None:
    """Make ``element`` (a ``branca.element.MacroElement``) render ``template`` (a ``jinja2.Template`` of
    ``header`` and ``script`` macros) under a name for its JavaScript variable (``<name>_<id>``)."""
    element._name = name
    element._template = template


def macro_parts(element: Any, kwargs: Mapping[str, Any]) -> tuple[str | None, str]:
    """What ``element``'s template renders: its ``header`` macro (None if it has none) and its ``script``."""
    module = element._template.module
    header = module.header(element, kwargs) if hasattr(module, "header") else None
    return header, str(module.script(element, kwargs))


def add_to_page(figure: Any, part: Literal["header", "script"], child: Any, name: str) -> None:
    """Put ``child`` (a branca ``Element``) into the page's head or its closing script, once under
    ``name``: a second render replaces it instead of adding a copy."""
    getattr(figure, part).add_child(child, name=name)


def parent_name(element: Any) -> str:
    """The JavaScript variable of the object ``element`` was added to (for a layer: its map's)."""
    return str(element._parent.get_name())


def set_page_assets(m: Any, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
    """The scripts and stylesheets ``m`` (a ``folium.Map``) links in its page, by (name, URL), instead of
    folium's CDNs, for this map only (folium's class-wide lists are left alone)."""
    m.default_js = js
    m.default_css = css


def inline_page_assets(page: str, scripts: Mapping[str, str], styles: Mapping[str, str]) -> str:
    """folium's rendered ``page`` with each linked script and stylesheet replaced by its text, given by
    URL (``<script src=URL>`` and ``<link rel="stylesheet" href=URL/>``, as folium writes them)."""
    for url, js in scripts.items():
        page = page.replace(f'<script src="{url}"></script>', f"<script>{js}</script>")
    for url, css in styles.items():
        page = page.replace(f'<link rel="stylesheet" href="{url}"/>', f"<style>{css}</style>")
    left = [url for url in (*scripts, *styles) if url in page]
    if left:  # folium changed its link markup: fail loudly rather than ship a broken page
        raise RuntimeError(f"could not inline {left!r} into folium's page")
    return page


def frame_page(page: str, head: str, body_class: str, top: str, bottom: str) -> str:
    """folium's rendered ``page`` with ``head`` added to its head, a class on its body, and ``top`` and
    ``bottom`` as the body's first and last content. Only the page's own ``</head>``, ``<body>`` and
    ``</body>`` are touched: tour text reaches folium's page only inside scripts, with every ``<`` escaped."""
    before, found, body = page.partition("</head>")
    if not found or "<body>" not in body or "</body>" not in body:
        raise RuntimeError("folium's page changed shape: no </head>, <body> and </body> to frame it by")
    body = body.replace("<body>", f'<body class="{body_class}">' + top, 1)
    body = body.replace("</body>", bottom + "</body>", 1)
    return before + head + found + body
