"""The Streamlit app through AppTest: every page, filters, URL in and out, language, uploads, downloads."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from dashboard.tourfile.load import load_tour
from dashboard.views.formats import source_citation, source_names
from tests.conftest import MINI_YAML, ROOT, first_screen

APP = str(ROOT / "streamlit_app.py")
PAGES = ["map", "timeline", "topics", "proposals", "evidence"]


@pytest.fixture
def app_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
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


def _open(at: AppTest, page_name: str, **params: str) -> AppTest:
    for key, value in params.items():
        at.query_params[key] = value
    first_screen(at)
    if page_name != "map":
        at.switch_page(f"dashboard/ui/pages/{page_name}.py").run()
    return at


@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_renders_without_error(app_test: AppTest, page_name: str):
    at = _open(app_test, page_name)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error


def _map_components(at: AppTest) -> list:
    return [e for e in at.get("component_instance") if e.proto.component_name.endswith("st_folium")]


def test_first_run_of_the_map_page_sends_the_map_first(app_test: AppTest):
    at = app_test.run()
    assert _plain(at.title[0].value).startswith("Kast's regional tour")
    assert len(at.metric) == 5 and len(_map_components(at)) == 1
    # The widgets' code would load ahead of the map's: they come with the next run.
    assert not at.multiselect and not at.selectbox and not at.download_button
    assert "Stops: where, when, whom, what, says who" not in _texts(at)
    at.run()  # the run st_folium asks for once its map is drawn
    assert at.button_group(key="w_topic").value == [] and len(at.download_button) == 5
    assert "Stops: where, when, whom, what, says who" in _texts(at)
    assert len(_map_components(at)) == 1


@pytest.mark.parametrize("page_name", PAGES[1:])
def test_other_pages_draw_everything_on_the_first_run(app_test: AppTest, page_name: str):
    app_test.switch_page(f"dashboard/ui/pages/{page_name}.py").run()
    assert app_test.button_group(key="w_topic") is not None and len(app_test.download_button) == 5


def test_map_page_answers_where_when_whom(app_test: AppTest):
    at = _open(app_test, "map")
    assert _plain(at.title[0].value).startswith("Kast's regional tour")
    assert {m.label: m.value for m in at.metric}["Visits"] == "3"
    stops = _md_tables(at)[-1]
    assert list(stops["Place"]) == ["Santiago", "Buenos Aires", "Quito", "Lima", "Arica", "Tacna"]
    assert "Javier Milei" in " ".join(stops["Counterparts"].astype(str))


def test_choosing_a_stop_shows_its_details_and_goes_into_the_url(app_test: AppTest):
    at = _open(app_test, "map")
    at.selectbox(key="w_stop").set_value("quito").run()
    assert at.query_params["stop"] == "quito"
    assert "Selected stop: 2. Quito" in _texts(at)
    details = _md_tables(at)[0]
    assert list(details.columns) == ["Detail", "Value"]
    assert dict(zip(details["Detail"], details["Value"], strict=True))["Venue"].startswith("Carondelet")
    joined = " ".join(details.astype(str).values.ravel())
    assert "Daniel Noboa" in joined
    # Each date's sources by name: an article and its translation told apart by their language.
    scheduled = "22 December 2025 (scheduled) [Kast encadena su tour derechista: tras… (English); Kast"
    assert scheduled in joined and "s000-en" not in joined


def test_stop_details_have_spanish_headers(app_test: AppTest):
    at = _open(app_test, "map", stop="quito", lang="es")
    details = _md_tables(at)[0]
    assert list(details.columns) == ["Dato", "Valor"]
    assert "Fechas" in set(details["Dato"])


def test_deep_link_restores_the_view(app_test: AppTest):
    at = _open(app_test, "map", stop="lima", lang="es", topic="mining")
    assert at.selectbox(key="w_stop").value == "lima"
    assert at.button_group(key="w_topic").value == ["mining"]
    assert "Parada seleccionada: 3. Lima" in _texts(at)
    assert at.query_params["topic"] == "mining"


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"stop": "atlantis"}, "stop='atlantis'"),
        ({"lang": "de"}, "lang='de'"),
        ({"topic": "weather,mining"}, "topic='weather'"),
        ({"from": "yesterday"}, "from='yesterday'"),
        ({"from": "2026-02-01", "to": "2026-01-01"}, "before from"),
    ],
)
def test_bad_link_parameters_fall_back_with_a_notice(app_test: AppTest, params: dict[str, str], shown: str):
    at = _open(app_test, "map", **params)
    assert not at.exception
    assert any(shown in _plain(w.value) for w in at.warning), [w.value for w in at.warning]
    assert at.selectbox(key="w_stop").value == ""


def test_language_switch(app_test: AppTest):
    at = _open(app_test, "map")
    assert at.metric[0].label == "Visits"
    at.segmented_control(key="w_lang").set_value("es").run()
    assert at.metric[0].label == "Visitas"
    assert at.button_group(key="w_topic").label == "Tema"
    assert at.query_params["lang"] == "es"
    assert "diciembre" in " ".join(_md_tables(at)[-1].astype(str).values.ravel())


def test_topic_filter_narrows_the_proposals(app_test: AppTest):
    at = _open(app_test, "proposals")
    all_rows = len(_frames(at)[0])
    at.button_group(key="w_topic").set_value(["mining"]).run()
    grid = _frames(at)[0]
    assert 0 < len(grid) < all_rows
    assert at.query_params["topic"] == "mining"


def test_proposal_tracker_shows_peru_rejected_the_corridor(app_test: AppTest):
    at = _open(app_test, "proposals")
    grid = _frames(at)[0]
    row = grid.loc["Regional Humanitarian Corridor"]
    assert row["Peru (PE)"].endswith("rejected") and row["Ecuador (EC)"].endswith("discussed")
    assert "✖ rejected" in _texts(at)  # the legend: symbol and word, not colour alone


def test_country_filter_in_the_link(app_test: AppTest):
    at = _open(app_test, "proposals", country="PE")
    assert list(_frames(at)[0].columns) == ["Peru (PE)"]


def test_evidence_shows_discrepancies_side_by_side(app_test: AppTest):
    at = _open(app_test, "evidence")
    text = _texts(at)
    assert "How long the Kast–Milei meeting lasted" in text
    assert "Sources: Ámbito: Chilean president-elect José Antonio…" in text  # by name, not s003-en
    claims = _frames(at)[0]
    assert any("Organized crime has no flags" in str(q) for q in claims["Quote"])


def test_downloads_are_offered_and_do_not_rerun(app_test: AppTest):
    at = _open(app_test, "map")
    labels = [b.label for b in at.download_button]
    assert labels == [
        "Download map (HTML)",
        "Download GeoJSON",
        "Download proposals (CSV)",
        "Download claims (CSV)",
        "Download sources (CSV)",
    ]


def test_upload_of_a_good_tour_drives_every_view(app_test: AppTest):
    at = _open(app_test, "map")
    text = MINI_YAML.replace("latitude: -12.05, longitude: -77.04, ", "")
    at.file_uploader(key="w_upload").set_value(("mini.yaml", text.encode(), "application/yaml")).run()
    assert not at.exception
    assert _plain(at.title[0].value) == "Mini tour"
    # Geocoded offline, and said so by the place's name (Lima), not its id (lima).
    notice = next(_plain(i.value) for i in at.info if "gazetteer" in _plain(i.value))
    assert notice.endswith(": Lima")
    assert list(_md_tables(at)[-1]["Place"]) == ["Santiago", "Lima", "Quito", "Tacna"]


def test_upload_saved_with_a_byte_order_mark_is_read(app_test: AppTest):
    at = _open(app_test, "map")
    data = b"\xef\xbb\xbf" + json.dumps(yaml.safe_load(MINI_YAML), default=str).encode()
    at.file_uploader(key="w_upload").set_value(("mini.json", data, "application/json")).run()
    assert not at.exception and not at.error
    assert _plain(at.title[0].value) == "Mini tour"


def test_upload_of_a_broken_tour_lists_its_problems(app_test: AppTest):
    at = _open(app_test, "map")
    broken = MINI_YAML.replace("latitude: -12.05", "latitude: 512").encode()
    at.file_uploader(key="w_upload").set_value(("broken.yaml", broken, "application/yaml")).run()
    assert not at.exception
    assert any("broken.yaml" in _plain(e.value) for e in at.error)
    problems = next(c for c in at.code if "512" in c.value)
    assert "place 'lima' (places[1]).latitude (line 8, column 54)" in problems.value  # its id, where it is
    assert problems.proto.wrap_lines  # shown whole, wrapped, however long
    assert _plain(at.title[0].value).startswith("Kast's")  # the tour shown is unchanged


def test_a_failed_uploads_error_goes_when_the_file_is_removed(app_test: AppTest):
    at = _open(app_test, "map")
    broken = MINI_YAML.replace("latitude: -12.05", "latitude: 512").encode()
    at.file_uploader(key="w_upload").set_value(("broken.yaml", broken, "application/yaml")).run()
    assert any("broken.yaml" in _plain(e.value) for e in at.error)
    at.switch_page("dashboard/ui/pages/evidence.py").run()
    assert any("broken.yaml" in _plain(e.value) for e in at.error)  # still there: the file is too
    at.file_uploader(key="w_upload").set_value(None).run()
    assert not at.error and not at.code and not at.exception
    at.switch_page("dashboard/ui/pages/timeline.py").run()
    assert not at.error
    # Dropped in again, the same broken file is checked and reported again.
    at.file_uploader(key="w_upload").set_value(("broken.yaml", broken, "application/yaml")).run()
    assert any("broken.yaml" in _plain(e.value) for e in at.error)


def test_tour_file_from_the_environment(app_test: AppTest, monkeypatch: pytest.MonkeyPatch, mini_file):
    monkeypatch.setenv("TOUR_FILE", str(mini_file))
    at = app_test.run()
    assert _plain(at.title[0].value) == "Mini tour"


# --- empty pages, long tables, the key to sources, the Evidence page's filters ------------------


def _tour_app(app_test: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path, data: dict) -> AppTest:
    path = tmp_path / "tour.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    monkeypatch.setenv("TOUR_FILE", str(path))
    return app_test


@pytest.mark.parametrize(
    ("page_name", "params", "said", "not_said"),
    [
        ("evidence", {}, "This tour file has no claims or quotes.", "Nothing matches"),
        ("topics", {}, "This tour file has no claims or quotes.", "Nothing matches"),
        ("proposals", {}, "This tour file has no proposals.", "Nothing matches"),
        ("evidence", {"lang": "es"}, "Este archivo de gira no tiene afirmaciones ni citas.", "Nada coincide"),
    ],
)
def test_a_tour_without_claims_or_proposals_says_so_instead_of_blaming_filters(
    app_test: AppTest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path,
    page_name: str,
    params: dict,
    said: str,
    not_said: str,
):
    data = yaml.safe_load(MINI_YAML)
    data.update(claims=[], proposals=[])
    at = _open(_tour_app(app_test, monkeypatch, tmp_path, data), page_name, **params)
    assert not at.exception
    assert said in _texts(at) and not_said not in _texts(at)


def test_filters_that_leave_nothing_still_say_so(app_test: AppTest):
    at = _open(app_test, "evidence", topic="prisons", country="AR")
    assert "Nothing matches these filters." in _texts(at)
    assert "This tour file has no" not in _texts(at)


def test_a_long_tours_stop_list_holds_the_first_stops_the_filters_leave(
    app_test: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path
):
    """Above 500 stops the selector lists the first 500 the filters leave, and says so; a stop
    picked elsewhere (a map click, a link) is always among them."""
    from bench.synth import make_tour

    data = make_tour(1200)
    peru = [p["name"] for p in data["places"] if p["country"] == "PE"]
    at = first_screen(_tour_app(app_test, monkeypatch, tmp_path, data))
    options = at.selectbox(key="w_stop").options
    assert len(options) == 501 and options[:3] == ["All stops", "Place 0", "1. Place 1"]  # 0: origin
    assert "The list holds the first 500 of 1,200 stops" in _texts(at)

    at.button_group(key="w_country").set_value(["PE"]).run()
    listed = at.selectbox(key="w_stop").options[1:]
    assert [label.split(". ")[-1] for label in listed] == peru  # under 500: all of them, in tour order
    assert "The list holds" not in _texts(at)

    linked = _open(AppTest.from_file(APP, default_timeout=60), "map", stop="p1150")
    assert "Place 1150" in linked.selectbox(key="w_stop").options
    assert linked.selectbox(key="w_stop").value == "p1150"


def test_long_claim_tables_put_claim_and_quote_first_and_hide_the_id(
    app_test: AppTest, monkeypatch: pytest.MonkeyPatch, tmp_path
):
    data = yaml.safe_load(MINI_YAML)
    data["claims"] += [
        {
            "id": f"x{i}",
            "place": "lima",
            "topics": ["security"],
            "text": {"en": f"Claim {i}"},
            "sources": ["s1"],
        }
        for i in range(45)
    ]
    at = _open(_tour_app(app_test, monkeypatch, tmp_path, data), "evidence")
    grid = next(df for df in at.dataframe if "Claim" in df.value.columns)
    assert list(grid.value.columns)[:4] == ["Claim", "Quote", "Speaker", "Sources"]
    config = json.loads(grid.proto.columns)
    assert config["id"] == {"hidden": True}
    assert config["Claim"]["width"] >= 300 and config["Quote"]["width"] >= 250  # the widest columns
    assert "never translated" in config["Quote"]["help"]
    assert grid.proto.row_height >= 60  # rows tall enough for the text to wrap


def _sources_key(at: AppTest) -> list[str]:
    """The page's key to the sources it cites, each line as users read it (links as their text)."""
    expander = next(e for e in at.expander if e.label.startswith(("Sources cited here", "Fuentes citadas")))
    lines = "\n".join(str(m.value) for m in expander.markdown).splitlines()
    assert all(line.startswith("- **") for line in lines), lines
    key = [_plain(re.sub(r"\[(.+?)\]\(<[^>]*>\)", r"\1", line[2:])).replace("**", "") for line in lines]
    assert expander.label.endswith(f"({len(key)})")
    return key


def _named(key: list[str], kast_ids: list[str], lang: str) -> None:
    """Each line of the key is the whole citation of one of ``kast_ids``, in the tour's order: by name."""
    tour = load_tour(None)
    names = source_names(tour.sources, lang)
    assert key == [source_citation(tour.source(sid), lang, names) for sid in kast_ids]
    assert not any(re.search(r"\bs00\d-(en|es)\b", line) for line in key)  # never an id


@pytest.mark.parametrize(
    ("page_name", "params", "ids"),
    [
        ("map", {"stop": "quito"}, ["s000-en", "s001-es", "s002-en", "s004-en"]),
        ("timeline", {}, ["s000-en", "s001-es", "s003-en", "s004-en"]),
        ("topics", {"topic": "mining"}, ["s002-en", "s004-en"]),
        ("proposals", {"country": "AR"}, ["s000-en", "s001-es", "s002-en", "s003-en", "s004-en"]),
        ("evidence", {"lang": "es", "stop": "quito"}, ["s000-en", "s001-es", "s002-en", "s004-en"]),
    ],
)
def test_every_page_with_source_ids_has_a_key_to_them(
    app_test: AppTest, page_name: str, params: dict, ids: list[str]
):
    at = _open(app_test, page_name, **params)
    key = _sources_key(at)
    _named(key, ids, params.get("lang", "en"))  # the sources the page cites, in the tour's order
    if params.get("lang") == "es":
        assert "artículo sin título · inglés" in key
        original = "Kast encadena su tour derechista: tras… (español)"
        assert key[0].endswith(f"· inglés · 22 de diciembre de 2025 · Traducción de {original}")
    else:
        title = "Chile president-elect Kast targets crime and migration in diplomatic drive"
        assert key[-1] == f"Latin America Reports: {title} · English"


def test_the_proposals_cite_their_sources_by_name(app_test: AppTest):
    at = _open(app_test, "proposals")
    captions = [_plain(c.value) for c in at.caption if _plain(c.value).startswith("Sources: ")]
    assert captions and not any(re.search(r"\bs00\d-", c) for c in captions), captions
    assert "Sources: Kast encadena su tour derechista: tras… (English); Kast encadena" in captions[0]


def test_the_itinerary_cites_its_sources_by_name(app_test: AppTest):
    at = _open(app_test, "map")
    arica = _md_tables(at)[-1].set_index("Place").loc["Arica", "Sources"]
    assert arica.endswith(
        "; untitled article; Latin America Reports: Chile president-elect Kast targets crime…"
    )


def test_evidence_hides_the_ids_of_its_articles(app_test: AppTest):
    at = _open(app_test, "evidence")
    grid = next(df for df in at.dataframe if "Outlet" in df.value.columns)
    config = json.loads(grid.proto.columns)
    assert config["id"]["hidden"] is True  # an editor's key, in the tour file and the CSVs


def test_the_topics_table_names_the_stop_of_each_row(app_test: AppTest):
    at = _open(app_test, "topics")
    table = next(df.value for df in at.dataframe if "Mining" in df.value.columns)
    assert list(table["Stop"]) == ["1. Buenos Aires", "2. Quito", "3. Lima", "Tour-wide"]


def test_proposal_notes_are_shown_whole(app_test: AppTest, kast):
    at = _open(app_test, "proposals")
    corridor = next(p for p in kast.proposals if p.id == "humanitarian-corridor")
    history = next(t for t in _md_tables(at) if "Note" in t.columns and len(t) == len(corridor.history))
    assert list(history["Note"]) == [" ".join(row.note.en.split()) for row in corridor.history if row.note]


def test_evidence_follows_the_filters(app_test: AppTest):
    at = _open(app_test, "evidence", stop="quito")
    text = _texts(at)
    assert "The day of the Kast–Noboa meeting" in text
    assert "How long the Kast–Milei meeting lasted" not in text  # Buenos Aires's
    assert "Filtered: 3 of 7 disagreements" in text
    assert "Filtered: 4 of 5 articles, those cited by the disagreements and claims above." in text
    articles = next(df.value for df in at.dataframe if "Outlet" in df.value.columns)
    assert list(articles["id"]) == ["s000-en", "s001-es", "s002-en", "s004-en"]


def test_evidence_says_when_no_disagreement_concerns_the_filters(app_test: AppTest):
    at = _open(app_test, "evidence", topic="prisons", country="AR", lang="es")
    assert "Ninguna discrepancia registrada se refiere a lo que muestran estos filtros." in _texts(at)


def test_evidence_shows_everything_unfiltered(app_test: AppTest):
    at = _open(app_test, "evidence")
    text = _texts(at)
    assert "Filtered" not in text
    assert len(next(df.value for df in at.dataframe if "Outlet" in df.value.columns)) == 5


@pytest.mark.parametrize(
    ("key", "value", "lang", "label", "shown"),
    [
        ("km", 6802, "en", "Kilometres", "6,802"),
        ("km", 6802, "es", "Kilómetros", "6.802"),
        ("days", 23, "es", "Días", "23"),
        ("counterparts", None, "es", "Interlocutores", "—"),
    ],
)
def test_key_figures_have_short_labels_help_and_numbers_per_language(key, value, lang, label, shown):
    def figure(key: str, value: float | None, lang: str) -> None:
        import streamlit as st

        from dashboard.ui import widgets

        widgets.key_figure(st, key, value, value, lang)

    at = AppTest.from_function(figure, args=(key, value, lang)).run()
    metric = at.metric[0]
    assert (metric.label, metric.value) == (label, shown)
    assert len(metric.help) > len(label)


# --- dates in a shared link: before, inside, after the tour, reversed, malformed, on every page ----------

# The Kast tour's dates run from the election (2025-12-14) to the inauguration (2026-03-11).
LINK_DATES = [
    ({"from": "2020-01-01"}, {"from": "2025-12-14"}, "from='2020-01-01'"),
    ({"from": "2025-12-20", "to": "2026-01-31"}, {"from": "2025-12-20", "to": "2026-01-31"}, None),
    ({"to": "2030-12-31"}, {"to": "2026-03-11"}, "to='2030-12-31'"),
    ({"from": "2030-01-01"}, {"from": "2026-03-11"}, "from='2030-01-01'"),
    ({"from": "2026-02-01", "to": "2026-01-01"}, {}, "before from"),
    ({"from": "2026-13-01"}, {}, "from='2026-13-01'"),
]


def _open_directly(at: AppTest, page_name: str, **params: str) -> AppTest:
    """Open a shared link straight on ``page_name``, as a browser given the address does."""
    for key, value in params.items():
        at.query_params[key] = value
    if page_name != "map":
        at.switch_page(f"dashboard/ui/pages/{page_name}.py")
    return first_screen(at)


@pytest.mark.parametrize(("params", "kept", "said"), LINK_DATES, ids=lambda v: str(v))
@pytest.mark.parametrize("page_name", PAGES)
def test_link_dates_are_kept_clamped_or_reset_with_a_notice_on_every_page(
    app_test: AppTest, page_name: str, params: dict[str, str], kept: dict[str, str], said: str | None
):
    at = _open_directly(app_test, page_name, **params)
    assert not at.exception, at.exception
    warnings = [_plain(w.value) for w in at.warning]
    assert any(said in w for w in warnings) if said else not warnings, warnings
    assert {k: at.query_params[k] for k in ("from", "to") if k in at.query_params} == kept
    start, end = at.select_slider(key="w_dates").value
    assert start.isoformat() == kept.get("from", "2025-12-14")
    assert end.isoformat() == kept.get("to", "2026-03-11")


def test_a_broken_configured_tour_shows_visitors_no_path_and_no_contents(
    monkeypatch: pytest.MonkeyPatch, tmp_path, caplog: pytest.LogCaptureFixture
):
    secret = tmp_path / "private-folder" / "tour.yaml"
    secret.parent.mkdir()
    secret.write_text("password: hunter2\nid: [", encoding="utf-8")
    monkeypatch.setenv("TOUR_FILE", str(secret))
    at = AppTest.from_file(APP, default_timeout=60).run()
    shown = " ".join(_plain(e.value) for e in at.error) + " ".join(c.value for c in at.code)
    assert "cannot be used" in shown and "server's log" in shown
    assert "private-folder" not in shown and "hunter2" not in shown
    assert not at.exception
