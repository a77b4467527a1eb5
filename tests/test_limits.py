"""A tour at the validator's limits loads, and every view, export and page of the app runs on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.render import charts, exports
from dashboard.render.map_data import payload
from dashboard.tourfile.load import load_tour
from dashboard.tourfile.model import Tour
from dashboard.views import figures, tables
from dashboard.views.filters import ViewState
from tests.conftest import ROOT, first_screen
from tests.support.limits import LAST, write_limits

PAGES = ["map", "timeline", "topics", "proposals", "evidence", "compare"]


@pytest.fixture
def limits_file(tmp_path: Path) -> Path:
    return write_limits(tmp_path / "limits.json")


@pytest.fixture
def limits(limits_file: Path) -> Tour:
    return load_tour(limits_file)


def test_every_export_runs_at_the_limits(limits: Tour):
    features = json.loads(exports.geojson_text(limits))["features"]
    assert len([f for f in features if f["geometry"]["type"] == "Point"]) == 5
    assert exports.claims_csv(limits).count("\n") == 2
    assert exports.proposals_csv(limits).count("\n") == 2
    assert "north-pole" in exports.map_html(limits)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_view_runs_at_the_limits(limits: Tour, lang: str):
    state = ViewState(lang=lang)
    assert len(tables.stops_frame(limits, state)) == 5
    whole = figures.key_figures(limits)
    assert whole["days"] == 109938 and whole["km"] > 0  # 1800-01-01 to 2100-12-31, both counted
    assert charts.timeline_figure(tables.timeline_frame(limits, state), lang).data
    assert charts.topics_figure(tables.topic_counts(limits, state), lang, ["t"]).data
    assert all(abs(leg["deg"]) <= 180 for leg in payload(limits, lang)["legs"])


@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_runs_at_the_limits(limits_file: Path, monkeypatch: pytest.MonkeyPatch, page_name: str):
    monkeypatch.setenv("TOUR_FILE", str(limits_file))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    if page_name != "map":
        at.switch_page(f"dashboard/ui/pages/{page_name}.py")
    first_screen(at)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    at.query_params["to"] = LAST
    assert not at.run().exception
