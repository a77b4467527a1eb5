"""The travel archive in the app, through AppTest: the Atlas and Compare from their addresses, their
controls and the address they write; the library's search and choice; a person's record on every page."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, first_screen

APP = str(ROOT / "streamlit_app.py")
PAGES = ["story", "timeline", "topics", "proposals", "evidence"]


def _page(page: str | None, **params: str) -> AppTest:
    """``page`` opened from a link with ``params`` (read on the session's first run)."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page is None:
        return first_screen(at)
    at.switch_page(f"dashboard/ui/pages/{page}.py").run()
    # The Atlas's first run sends its map alone; the map, once drawn, asks for the rest (as the
    # route map does: see first_screen). AppTest draws no map, so the second run is made here.
    return at.run() if page == "atlas" else at


def _ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _address(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def _plain(text: object) -> str:
    """Markdown source as readers see it: text reaches Streamlit with its punctuation backslash-escaped."""
    return re.sub(r"\\(.)", r"\1", str(text))


def _captions(at: AppTest) -> str:
    return "\n".join(str(c.value) for c in at.caption)


def test_the_atlas_opens_from_its_address_and_keeps_it() -> None:
    at = _page("atlas", who="blinken-antony-j,pompeo-michael-r", **{"from": "2017"})
    _ok(at)
    assert at.header[0].value == "Atlas of travels abroad"
    assert at.multiselect(key="w_atlas_who").value == ["blinken-antony-j", "pompeo-michael-r"]
    assert at.select_slider(key="w_atlas_years").value[0] == 2017
    assert _address(at) == {"who": "blinken-antony-j,pompeo-michael-r", "from": "2017"}
    assert "visits to" in _captions(at)
    headings = [h.value for h in at.subheader]
    assert headings[:2] == ["Per year, by person", "Top destinations"]
    assert "First visit by a sitting president" in headings and "Countries never visited" in headings
    assert not at.warning


def test_a_country_chosen_lists_its_visits_with_their_sources_and_enters_the_address() -> None:
    at = _page("atlas", who="kerry-john-forbes")
    at.selectbox(key="w_atlas_country").set_value("FR").run()
    _ok(at)
    assert _address(at) == {"who": "kerry-john-forbes", "country": "FR"}
    assert any(h.value == "Visits to France" for h in at.subheader)
    visits = at.dataframe[0].value
    assert list(visits.columns) == ["Dates", "Person", "Office", "Where", "Remarks", "Source"]
    assert set(visits["Person"]) == {"John Forbes Kerry"}
    assert visits["Source"].str.startswith("https://history.state.gov/").all()


def test_counting_days_and_an_office_change_the_view_and_the_address() -> None:
    at = _page("atlas", lang="es")
    at.segmented_control(key="w_atlas_by").set_value("days").run()
    at.selectbox(key="w_atlas_role").set_value("president").run()
    _ok(at)
    assert _address(at) == {"lang": "es", "by": "days", "role": "president"}
    assert "días en" in _captions(at)


def test_a_link_the_archive_cannot_show_is_reported_and_cleaned() -> None:
    at = _page("atlas", who="nobody,kerry-john-forbes", by="km")
    _ok(at)
    assert "who='nobody', by='km'" in _plain(at.warning[0].value)
    assert _address(at) == {"who": "kerry-john-forbes"}


def test_compare_shows_two_people_side_by_side() -> None:
    at = _page("compare", a="kerry-john-forbes", b="blinken-antony-j")
    _ok(at)
    assert _address(at) == {"a": "kerry-john-forbes", "b": "blinken-antony-j"}
    assert "| Visits | 373 |" in "\n".join(m.value for m in at.markdown).replace("  ", " ")
    frames = {h.value for h in at.subheader}
    assert frames == {"Countries only one of them visited", "Trips per year"}
    assert len(at.get("iframe")) == 1


def test_compare_defaults_to_the_tour_shown_beside_the_longest_record() -> None:
    at = _page("compare")
    _ok(at)
    assert _address(at) == {"a": "tour", "b": "kerry-john-forbes"}
    at.selectbox(key="w_compare_a").set_value("kerry-john-forbes").run()
    assert at.info[0].value.startswith("The same tour is chosen twice")


def test_a_link_opens_a_person_on_every_page() -> None:
    at = _page(None, tour="kerry-john-forbes")
    _ok(at)
    assert _plain(at.title[0].value).startswith("John Forbes Kerry")
    assert _address(at) == {"tour": "kerry-john-forbes"}
    for page in PAGES:
        at.switch_page(f"dashboard/ui/pages/{page}.py").run()
        _ok(at)
        assert _address(at).get("tour") == "kerry-john-forbes", page


def test_the_library_searches_and_opens_a_person() -> None:
    at = _page(None)
    at.sidebar.text_input(key="w_library_search").input("president 1945").run()
    found = at.sidebar.selectbox(key="w_library").options
    assert any("Harry S. Truman" in o for o in found) and any("Franklin D. Roosevelt" in o for o in found)
    assert not any("Kerry" in o for o in found)
    at.sidebar.selectbox(key="w_library").set_value("person:truman-harry-s").run()
    _ok(at)
    assert _plain(at.title[0].value).startswith("Harry S. Truman")
    assert _address(at) == {"tour": "truman-harry-s"}


def test_a_long_record_filters_by_trip_and_by_year() -> None:
    at = _page(None, tour="kerry-john-forbes", trip="3")
    _ok(at)
    assert _address(at) == {"tour": "kerry-john-forbes", "trip": "3"}
    assert at.metric[0].value != "373" and _plain(at.metric[0].proto.delta) == "of 373"
    at.sidebar.selectbox(key="w_year").set_value(2014).run()
    _ok(at)
    assert _address(at)["from"] == "2014-01-01" and _address(at)["to"] == "2014-12-31"


def test_an_unknown_person_in_a_link_is_reported() -> None:
    at = _page(None, tour="nobody")
    _ok(at)
    assert "tour='nobody'" in _plain(at.warning[0].value)
    assert _plain(at.title[0].value).startswith("Kast")


@pytest.mark.parametrize("page", ["atlas", "compare"])
def test_the_new_pages_speak_every_language(page: str) -> None:
    for lang, word in (("es", "Atlas de los viajes"), ("fr", "Comparer deux")):
        at = _page(page, lang=lang)
        _ok(at)
        if (page == "atlas") == word.startswith("Atlas"):
            assert at.header[0].value.startswith(word)


def test_the_atlas_sends_its_map_first_and_the_rest_once_it_is_drawn() -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("dashboard/ui/pages/atlas.py").run()
    _ok(at)
    maps = [e for e in at.get("component_instance") if e.proto.component_name.endswith("st_folium")]
    assert len(maps) == 1 and not at.subheader and not at.get("plotly_chart")
    at.run()  # the map, drawn, asks for this run
    assert at.subheader[0].value == "Per year, by person" and at.get("plotly_chart")


@pytest.mark.parametrize("slug", ["kerry-john-forbes", "seward-william-henry"])
def test_the_app_opens_a_record_as_the_library_does(slug: str) -> None:
    from dashboard.archive.library import person_tour
    from dashboard.ui.archive import open_person

    opened = open_person(slug)
    assert opened is not None and opened.tour == person_tour(slug) and opened.key == f"person:{slug}"
    assert open_person("nobody") is None
