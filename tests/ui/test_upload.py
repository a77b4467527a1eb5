"""Uploads are kept in their session alone: one at a time, never in a cache the server shares, and a
run stopped mid-parse leaves the file to be parsed again."""

from __future__ import annotations

import gc

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from dashboard.tourfile.model import Tour
from dashboard.ui.state import UPLOAD, UPLOAD_SEEN, LoadedTour, Widget
from tests.conftest import MINI_YAML, ROOT, first_screen

PAGES = ["timeline", "topics", "proposals", "evidence", "map"]


def _tour_text(n: int) -> bytes:
    data = yaml.safe_load(MINI_YAML)
    data["id"] = f"upload-{n}"
    return yaml.safe_dump(data, allow_unicode=True).encode()


def _alive(prefix: str) -> list[str]:
    gc.collect()
    return sorted(o.id for o in gc.get_objects() if isinstance(o, Tour) and o.id.startswith(prefix))


def test_uploads_do_not_pile_up_in_memory():
    at = first_screen(AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60))
    for n in range(3):
        at.file_uploader(key=Widget.UPLOAD).set_value((f"u{n}.yaml", _tour_text(n), "application/yaml")).run()
        for page in PAGES:  # every page, so that every per-tour result is computed
            at.switch_page(f"dashboard/ui/pages/{page}.py").run()
            assert not at.exception, at.exception
        assert isinstance(at.session_state[UPLOAD.key], LoadedTour)
        assert at.session_state[UPLOAD.key].tour.id == f"upload-{n}"
    # Only the upload on screen is alive: the earlier ones went with their session's results.
    assert _alive("upload-") == ["upload-2"]


def test_a_run_stopped_while_parsing_leaves_the_upload_to_parse_again(monkeypatch: pytest.MonkeyPatch):
    from dashboard.ui import upload

    def stopped(*args: object) -> LoadedTour:
        raise KeyboardInterrupt  # stands for Streamlit stopping the run for a rerun

    monkeypatch.setattr(upload, "load_upload", stopped)

    def app() -> None:
        import streamlit as st

        from dashboard.ui import upload

        try:
            upload._accept_upload("a.yaml", b"id: a", "en")
        except KeyboardInterrupt:
            st.write("stopped")

    at = AppTest.from_function(app).run()
    assert at.markdown[0].value == "stopped"
    assert UPLOAD_SEEN.key not in at.session_state
