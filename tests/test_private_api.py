"""Each private API the project leans on still exists: an upgrade that breaks one fails here, by name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import folium
import pytest
import requests
import streamlit_folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from streamlit.runtime import Runtime
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from dashboard import private_api
from tests.conftest import ROOT


def _st_folium_bundle() -> str:
    build = Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js"
    bundles = sorted(build.glob("main.*.js"))
    assert bundles, (
        f"streamlit-folium ships no frontend bundle in {build}: the map's click report cannot work"
    )
    return "".join(p.read_text(encoding="utf-8") for p in bundles)


@pytest.mark.parametrize("name", [private_api.ST_FOLIUM_GLOBAL, *private_api.ST_FOLIUM_FIELDS])
def test_st_folium_frontend_still_has_the_global_the_map_reads(name: str):
    assert name in _st_folium_bundle(), f"streamlit-folium's frontend no longer uses {name!r}"


def test_the_map_script_reads_only_the_st_folium_fields_listed():
    script = (ROOT / "dashboard" / "render" / "assets" / "tour_layer.js").read_text(encoding="utf-8")
    used = set(re.findall(r"\bg\.(\w+)", script))
    assert used and used <= set(private_api.ST_FOLIUM_FIELDS) | {"last_object_clicked"}


def test_streamlit_media_file_manager_serves_bytes_from_memory():
    assert isinstance(getattr(Runtime, "media_file_mgr", None), property), "Runtime.media_file_mgr is gone"
    storage = MemoryMediaFileStorage("/media")

    class FakeRuntime:
        media_file_mgr = MediaFileManager(storage)

    url = private_api.serve_from_memory(FakeRuntime(), b"window.x = 1;", "text/javascript", "x.js")
    assert url.startswith("/media/")
    file_id = url.removeprefix("/media/").split(".")[0]
    assert storage.get_file(file_id).content == b"window.x = 1;"


def test_requests_response_takes_a_body_read_elsewhere():
    response = requests.Response()
    response.status_code = 200
    response.encoding = "utf-8"
    private_api.set_response_body(response, b'[{"lat": "1"}]')
    assert response.content == b'[{"lat": "1"}]'
    assert response.json() == [{"lat": "1"}]


# -- folium and branca -------------------------------------------------------------------------------

MACROS = "{% macro header(this, kwargs) %}<style>.{{ this.css }}</style>{% endmacro %}"
SCRIPT = "{% macro script(this, kwargs) %}var x = {{ this.map_name }};{% endmacro %}"


class _Probe(MacroElement):
    """A layer made the way the map's are (render.maps.RawMacroElement), reduced to what is tested."""

    def __init__(self, template: str) -> None:
        super().__init__()
        private_api.make_macro(self, "ProbeLayer", Template(template))
        self.css = "probe"

    @property
    def map_name(self) -> str:
        return private_api.parent_name(self)


@pytest.mark.parametrize(("template", "header"), [(MACROS + SCRIPT, "<style>.probe</style>"), (SCRIPT, None)])
def test_a_branca_macro_element_renders_its_header_and_script_macros(template: str, header: str | None):
    m = folium.Map(tiles=None)
    layer = _Probe(template).add_to(m)
    assert layer.get_name().startswith("probe_layer_"), "branca no longer names elements by _name"
    assert private_api.macro_parts(layer, {}) == (header, f"var x = {m.get_name()};")


def test_branca_figure_puts_named_children_in_the_head_and_the_script_once():
    figure = Figure()
    for _ in range(2):  # a second render replaces, it does not add a copy
        private_api.add_to_page(figure, "header", Element("<style>.h{}</style>"), "probe")
        private_api.add_to_page(figure, "script", Element("var probe = 1;"), "probe")
    page = figure.render()
    head, _, body = page.partition("</head>")
    assert head.count("<style>.h{}</style>") == 1 and body.count("var probe = 1;") == 1


def test_streamlit_folium_renders_layers_through_their_template_macros():
    """st_folium builds the map's script from each element's script macro and its head from the figure's
    header: the map's layers (render.maps) render in the app only while both hold."""
    source = inspect.getsource(streamlit_folium)
    assert "_template.module.script(" in source, "st_folium no longer calls an element's script macro"
    assert "get_root().header.render()" in source, "st_folium no longer renders the figure's header"


def test_a_folium_map_links_only_the_assets_set_on_it():
    m = folium.Map(tiles=None)
    private_api.set_page_assets(m, js=[("probe", "x-probe:a.js")], css=[("probe_css", "x-probe:a.css")])
    page = m.get_root().render()
    assert re.findall(r'<script src="([^"]+)"', page) == ["x-probe:a.js"]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["x-probe:a.css"]
    assert "x-probe:" not in folium.Map(tiles=None).get_root().render()  # other maps keep folium's


def test_folium_links_assets_as_the_inliner_expects():
    m = folium.Map(tiles=None)
    private_api.set_page_assets(m, js=[("probe", "x-probe:a.js")], css=[("probe_css", "x-probe:a.css")])
    page = private_api.inline_page_assets(
        m.get_root().render(), scripts={"x-probe:a.js": "var inlined = 1;"}, styles={"x-probe:a.css": ".i{}"}
    )
    assert "<script>var inlined = 1;</script>" in page and "<style>.i{}</style>" in page
    assert "x-probe:" not in page


def test_an_asset_folium_did_not_link_as_expected_fails_loudly_by_url():
    with pytest.raises(RuntimeError, match=re.escape("x-probe:a.js")):
        private_api.inline_page_assets('<script src="x-probe:a.js" defer></script>', {"x-probe:a.js": ""}, {})


def test_a_folium_page_has_one_head_and_body_to_frame():
    page = folium.Map(tiles=None).get_root().render()
    framed = private_api.frame_page(
        page, "<style>.f{}</style>", "probe", "<header>top</header>", "<p>end</p>"
    )
    head, _, body = framed.partition("</head>")
    assert head.endswith("<style>.f{}</style>")
    assert '<body class="probe"><header>top</header>' in body and body.count("<p>end</p></body>") == 1


def test_a_page_of_another_shape_is_refused():
    with pytest.raises(RuntimeError, match="changed shape"):
        private_api.frame_page("<html><body></body></html>", "", "x", "", "")


INTERNALS = re.compile(
    r"\._(?:template|name|parent|children|content|content_consumed)\b"
    r"|\.default_(?:js|css)\b|\.(?:header|script|html)\.add_child|\.media_file_mgr\b"
)


def test_no_module_but_this_one_reaches_into_another_packages_internals():
    files = [p for p in (ROOT / "dashboard").rglob("*.py") if p.name != "private_api.py"]
    files += [p for p in (ROOT / "dashboard").rglob("*.j2")]
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in files
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if INTERNALS.search(line)
    ]
    assert found == []
