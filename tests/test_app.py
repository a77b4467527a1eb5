"""The Streamlit app through AppTest: every page, filters, URL in and out, language, uploads, downloads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from tests.conftest import MINI_YAML, ROOT, first_screen

APP = str(ROOT / "streamlit_app.py")
PAGES = ["overview", "timeline", "topics", "proposals", "evidence"]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.delenv("TOUR_FILE", raising=False)
    yield AppTest.from_file(APP, default_timeout=60)


def _plain(text: object) -> str:
    """Markdown source as users read it: tour text reaches Streamlit with punctuation backslash-escaped."""
    return re.sub(r"\\(.)", r"\1", str(text))


def _texts(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    # Tour text reaches st.markdown with its punctuation backslash-escaped; users see it unescaped.
    return re.sub(r"\\(.)", r"\1", "\n".join(str(p) for p in parts))


def _frames(at: AppTest) -> list:
    return [df.value for df in at.dataframe]


def _md_tables(at: AppTest) -> list[pd.DataFrame]:
    """The Markdown tables on the page (the map page's itinerary and stop details), as users read them."""
    tables = []
    for element in at.markdown:
        lines = [ln for ln in str(element.value).splitlines() if ln.startswith("|")]
        if len(lines) < 2:
            continue
        rows = [
            [re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", ln)[1:-1]] for ln in lines
        ]
        tables.append(pd.DataFrame(rows[2:], columns=rows[0]))
    return tables


def _open(at: AppTest, page: str, **params: str) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    first_screen(at)
    if page != "overview":
        at.switch_page(f"dashboard/ui/pages/{page}.py").run()
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(app: AppTest, page: str):
    at = _open(app, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def _map_components(at: AppTest) -> list:
    return [e for e in at.get("component_instance") if e.proto.component_name.endswith("st_folium")]


def test_first_run_of_the_map_page_sends_the_map_first(app: AppTest):
    at = app.run()
    assert _plain(at.title[0].value).startswith("Kast's regional tour")
    assert len(at.metric) == 5 and len(_map_components(at)) == 1
    # The widgets' code would load ahead of the map's: they come with the next run.
    assert not at.multiselect and not at.selectbox and not at.download_button
    assert "Stops: where, when, whom, what, says who" not in _texts(at)
    at.run()  # the run st_folium asks for once its map is drawn
    assert at.multiselect(key="w_topic").value == [] and len(at.download_button) == 4
    assert "Stops: where, when, whom, what, says who" in _texts(at)
    assert len(_map_components(at)) == 1


@pytest.mark.parametrize("page", PAGES[1:])
def test_other_pages_draw_everything_on_the_first_run(app: AppTest, page: str):
    app.switch_page(f"dashboard/ui/pages/{page}.py").run()
    assert app.multiselect(key="w_topic") is not None and len(app.download_button) == 4


def test_map_page_answers_where_when_whom(app: AppTest):
    at = _open(app, "overview")
    assert _plain(at.title[0].value).startswith("Kast's regional tour")
    assert {m.label: m.value for m in at.metric}["Visits"] == "3"
    stops = _md_tables(at)[-1]
    assert list(stops["Place"]) == ["Santiago", "Buenos Aires", "Quito", "Lima", "Arica", "Tacna"]
    assert "Javier Milei" in " ".join(stops["Counterparts"].astype(str))


def test_choosing_a_stop_shows_its_details_and_goes_into_the_url(app: AppTest):
    at = _open(app, "overview")
    at.selectbox(key="w_stop").set_value("quito").run()
    assert at.query_params["stop"] == "quito"
    assert "Selected stop: 2. Quito" in _texts(at)
    details = _md_tables(at)[0]
    joined = " ".join(details.astype(str).values.ravel())
    assert "Carondelet" in joined and "Daniel Noboa" in joined
    assert "22 December 2025 — scheduled" in joined


def test_deep_link_restores_the_view(app: AppTest):
    at = _open(app, "overview", stop="lima", lang="es", topic="mining")
    assert at.selectbox(key="w_stop").value == "lima"
    assert at.multiselect(key="w_topic").value == ["mining"]
    assert "Parada seleccionada: 3. Lima" in _texts(at)
    assert at.query_params["topic"] == "mining"


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"stop": "atlantis"}, "stop='atlantis'"),
        ({"lang": "fr"}, "lang='fr'"),
        ({"topic": "weather,mining"}, "topic='weather'"),
        ({"from": "yesterday"}, "from='yesterday'"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "before from"),
    ],
)
def test_bad_link_parameters_fall_back_with_a_notice(app: AppTest, params: dict[str, str], shown: str):
    at = _open(app, "overview", **params)
    assert not at.exception
    assert any(shown in _plain(w.value) for w in at.warning), [w.value for w in at.warning]
    assert at.selectbox(key="w_stop").value == ""


def test_language_switch(app: AppTest):
    at = _open(app, "overview")
    assert at.metric[0].label == "Visits"
    at.segmented_control(key="w_lang").set_value("es").run()
    assert at.metric[0].label == "Visitas"
    assert at.multiselect(key="w_topic").placeholder == "Elija opciones"
    assert at.query_params["lang"] == "es"
    assert "diciembre" in " ".join(_md_tables(at)[-1].astype(str).values.ravel())


def test_topic_filter_narrows_the_proposals(app: AppTest):
    at = _open(app, "proposals")
    all_rows = len(_frames(at)[0])
    at.multiselect(key="w_topic").set_value(["mining"]).run()
    grid = _frames(at)[0]
    assert 0 < len(grid) < all_rows
    assert at.query_params["topic"] == "mining"


def test_proposal_tracker_shows_peru_rejected_the_corridor(app: AppTest):
    at = _open(app, "proposals")
    grid = _frames(at)[0]
    row = grid.loc["Regional Humanitarian Corridor"]
    assert row["PE"].endswith("rejected") and row["EC"].endswith("discussed")
    assert "✖ rejected" in _texts(at)  # the legend: symbol and word, not colour alone


def test_country_filter_in_the_link(app: AppTest):
    at = _open(app, "proposals", country="PE")
    assert list(_frames(at)[0].columns) == ["PE"]


def test_evidence_shows_discrepancies_side_by_side(app: AppTest):
    at = _open(app, "evidence")
    text = _texts(at)
    assert "How long the Kast–Milei meeting lasted" in text
    assert "Sources: s003-en" in text
    claims = _frames(at)[0]
    assert any("Organized crime has no flags" in str(q) for q in claims["Quote"])


def test_downloads_are_offered_and_do_not_rerun(app: AppTest):
    at = _open(app, "overview")
    labels = [b.label for b in at.download_button]
    assert labels == [
        "Download map (HTML)",
        "Download GeoJSON",
        "Download proposals (CSV)",
        "Download claims (CSV)",
    ]


def test_upload_of_a_good_tour_drives_every_view(app: AppTest):
    at = _open(app, "overview")
    text = MINI_YAML.replace("latitude: -12.05, longitude: -77.04, ", "")
    at.file_uploader(key="w_upload").set_value(("mini.yaml", text.encode(), "application/yaml")).run()
    assert not at.exception
    assert _plain(at.title[0].value) == "Mini tour"
    assert any("lima" in _plain(i.value) for i in at.info)  # geocoded offline, and said so
    assert list(_md_tables(at)[-1]["Place"]) == ["Santiago", "Lima", "Quito", "Tacna"]


def test_upload_saved_with_a_byte_order_mark_is_read(app: AppTest):
    at = _open(app, "overview")
    data = b"\xef\xbb\xbf" + json.dumps(yaml.safe_load(MINI_YAML), default=str).encode()
    at.file_uploader(key="w_upload").set_value(("mini.json", data, "application/json")).run()
    assert not at.exception and not at.error
    assert _plain(at.title[0].value) == "Mini tour"


def test_upload_of_a_broken_tour_lists_its_problems(app: AppTest):
    at = _open(app, "overview")
    broken = MINI_YAML.replace("latitude: -12.05", "latitude: 512").encode()
    at.file_uploader(key="w_upload").set_value(("broken.yaml", broken, "application/yaml")).run()
    assert not at.exception
    assert any("broken.yaml" in _plain(e.value) for e in at.error)
    assert any("places[1].latitude" in c.value and "512" in c.value for c in at.code)
    assert _plain(at.title[0].value).startswith("Kast's")  # the tour shown is unchanged


def test_a_broken_tour_file_at_start_up_is_reported(app: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    monkeypatch.setenv("TOUR_FILE", str(bad))
    at = app.run()
    assert not at.exception
    assert any("bad.yaml" in _plain(e.value) for e in at.error)
    assert any("not valid YAML" in c.value for c in at.code)


def test_tour_file_from_the_environment(app: AppTest, monkeypatch: pytest.MonkeyPatch, mini_file):
    monkeypatch.setenv("TOUR_FILE", str(mini_file))
    at = app.run()
    assert _plain(at.title[0].value) == "Mini tour"
