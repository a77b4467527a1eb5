"""Each private API the project leans on still exists: an upgrade that breaks one fails here, by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import requests
import streamlit_folium
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
