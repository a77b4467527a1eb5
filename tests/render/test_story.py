"""The exported story page, read as HTML: its structure, what it would fetch (nothing), its size, and
hostile tour text kept as text. How it behaves in a browser: tests/browser/test_story_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from dashboard.cli import main
from dashboard.render import schema
from dashboard.render.map_data import MANY_STOPS
from dashboard.render.story import story_html
from dashboard.tourfile.load import load_text, load_tour
from dashboard.tourfile.model import Tour
from dashboard.views.story import story_steps
from tests.conftest import MINI_YAML
from tests.support.hostile import PAYLOADS, hostile_data

KAST_IDS = ["intro", "buenos-aires", "quito", "lima", "outcomes"]
BUDGET = 400 * 1024  # bytes, for the seed tour
DATA_PREFIX = schema.member_prefix("storyData")


def _soup(page: str) -> BeautifulSoup:
    return BeautifulSoup(page, "html.parser")


def _sections(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("section.story-step[data-step]")


def _data(soup: BeautifulSoup) -> dict[str, Any]:
    """The page's data for its scripts, as the browser parses it."""
    text = next(s.string for s in soup.find_all("script") if (s.string or "").startswith(DATA_PREFIX))
    assert text is not None
    return json.loads(text[len(DATA_PREFIX) :].rstrip().rstrip(";"))  # type: ignore[no-any-return]


def _tour(data: dict[str, Any]) -> Tour:
    return load_text(json.dumps(data, default=str, ensure_ascii=False), "story.json")


@pytest.fixture(scope="module")
def seed_pages(kast_module: Tour) -> dict[str, str]:
    return {lang: story_html(kast_module, lang) for lang in ("en", "es")}


@pytest.fixture(scope="module")
def kast_module() -> Tour:
    return load_tour()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_has_a_section_per_step_in_order_the_first_shown(seed_pages: dict[str, str], lang: str):
    soup = _soup(seed_pages[lang])
    sections = _sections(soup)
    assert [s["data-step"] for s in sections] == KAST_IDS
    assert [s.h2.get_text() for s in sections][1:4] == ["1. Buenos Aires", "2. Quito", "3. Lima"]
    assert [("is-current" in s["class"]) for s in sections] == [True, False, False, False, False]
    assert [a["href"] for a in soup.select("nav.story-nav a")] == [f"#{i}" for i in KAST_IDS]
    assert soup.select("nav.story-nav a[aria-current=step]")[0]["href"] == "#intro"


@pytest.mark.parametrize(
    ("lang", "title", "next_word", "outcome"),
    [
        (
            "en",
            "Kast's regional tour as president-elect",
            "Next",
            "Regional Humanitarian Corridor, Peru: rejected",
        ),
        (
            "es",
            "La gira regional de Kast como presidente electo",
            "Siguiente",
            "Corredor Humanitario Regional, Perú: rechazada",
        ),
    ],
)
def test_the_page_is_in_the_readers_language(
    seed_pages: dict[str, str], lang: str, title: str, next_word: str, outcome: str
):
    soup = _soup(seed_pages[lang])
    assert soup.html is not None and soup.html["lang"] == lang
    assert soup.title is not None and soup.title.get_text().startswith(title)
    assert soup.h1 is not None and soup.h1.get_text().startswith(title)
    next_button = soup.find("button", id="story-next")
    assert next_button is not None and next_word in next_button.get_text()
    outcomes = _sections(soup)[-1]
    assert outcome in [li.get_text() for li in outcomes.find_all("li")]


LAR_TITLE = "Chile president-elect Kast targets crime and migration in diplomatic drive"


def test_a_visit_step_shows_date_people_topics_quote_proposals_and_sources(seed_pages: dict[str, str]):
    quito, lima = _sections(_soup(seed_pages["en"]))[2:4]
    assert quito.select_one(".story-date").get_text() == "23 December 2025 (scheduled for 22 December 2025)"
    headings = [h.get_text() for h in lima.find_all("h3")]
    assert headings == ["Met", "Topics", "Proposals at this stop", "Sources"]
    quote = lima.select_one("figure.story-quote")
    assert quote is not None
    said = "Organized crime has no flags, no borders, and does not respect the laws of countries."
    assert quote.select_one("blockquote > q").get_text() == said  # verbatim; marks by the page's language

    assert "José Antonio Kast" in quote.figcaption.get_text()
    assert "Latin America Reports" in quote.cite.get_text()
    sources = [li.get_text().split(" · ")[0] for li in lima.select("ul.story-sources li")]
    title = "Kast encadena su tour derechista: tras Milei, se reúne con Noboa y luego asoma Jerí"
    # By name, as readers know them: never by id.
    assert sources == [title, title, "untitled article", f"Latin America Reports: {LAR_TITLE}"]
    assert lima.select("ul.story-sources li b") == []
    translation = lima.select("ul.story-sources li")[0].get_text()
    assert translation.endswith(
        " · English · 22 December 2025 · Translation of Kast encadena su tour derechista: tras… (Spanish)"
    )


def test_the_page_has_controls_a_live_region_and_a_named_map(seed_pages: dict[str, str]):
    soup = _soup(seed_pages["en"])
    previous, following = soup.find("button", id="story-prev"), soup.find("button", id="story-next")
    assert previous is not None and previous.has_attr("disabled") and previous["type"] == "button"
    assert following is not None and not following.has_attr("disabled")
    live = soup.find(id="story-live")
    assert live is not None and live["aria-live"] == "polite"
    the_map = soup.find(id="story-map")
    assert the_map is not None and the_map["role"] == "region" and the_map["aria-label"]
    assert soup.find(id="story-position").get_text() == "Step 1 of 5"


def test_the_scripts_get_each_steps_position_summary_and_place(seed_pages: dict[str, str], kast_module: Tour):
    data = _data(_soup(seed_pages["en"]))
    steps = story_steps(kast_module, "en")
    assert [s["id"] for s in data["steps"]] == KAST_IDS
    assert data["summaries"] == [s.summary for s in steps]
    assert data["positions"][3] == "Step 4 of 5"
    assert data["steps"][0]["at"] is None and data["steps"][3]["at"] == [-12.04318, -77.02824]
    assert [(s["id"], s["n"]) for s in data["stops"]] == [("buenos-aires", 1), ("quito", 2), ("lima", 3)]
    assert len(data["routes"]) == 3  # a route per trip, each from Santiago
    assert data["land"] and data["bounds"] and data["landBounds"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_seed_story_fits_its_budget(seed_pages: dict[str, str], lang: str):
    assert len(seed_pages[lang].encode("utf-8")) <= BUDGET


def test_the_page_fetches_nothing(seed_pages: dict[str, str], kast_module: Tour):
    """No src, no stylesheet link, no CSS url() but data: URIs; links only to steps and to articles."""
    soup = _soup(seed_pages["en"])
    assert soup.find_all(src=True) == [] and soup.find_all("link") == []
    css = " ".join(s.get_text() for s in soup.find_all("style"))
    # Leaflet's CSS has one url(#default#VML), an old IE behaviour: a fragment, never fetched.
    assert all(u.strip("'\"").startswith(("data:", "#")) for u in re.findall(r"url\(([^)]*)\)", css))
    articles = {u for s in kast_module.sources for u in (s.url, s.archived_url) if u}
    hrefs = [a["href"] for a in soup.find_all(href=True)]
    assert all(h in articles or h in {f"#{i}" for i in KAST_IDS} for h in hrefs), hrefs


def _linked() -> dict[str, Any]:
    data = yaml.safe_load(MINI_YAML)
    data["sources"][0]["url"] = "https://example.org/a?x=1&y=2"
    return data


def test_source_links_open_a_new_tab_without_an_opener():
    soup = _soup(story_html(_tour(_linked())))
    links = [a for a in soup.find_all("a") if a["href"].startswith("http")]
    assert links and all(a["href"] == "https://example.org/a?x=1&y=2" for a in links)
    assert all(a["target"] == "_blank" and "noopener" in a["rel"] for a in links)
    lima = _sections(soup)[1]
    assert lima.select_one("figure.story-quote cite a") is not None  # the quote's source, linked


def test_the_story_section_reaches_the_page(mini_data: dict[str, Any]):
    mini_data["story"] = {
        "intro": {"en": "First paragraph.\n\nSecond paragraph."},
        "outcomes": {"en": "The end."},
    }
    sections = _sections(_soup(story_html(_tour(mini_data))))
    paragraphs = sections[0].select("p:not(.story-date)")
    assert [p.get_text() for p in paragraphs] == ["First paragraph.", "Second paragraph."]
    assert "The end." in sections[-1].get_text()


def test_drafts_are_left_out_of_the_page(mini_data: dict[str, Any]):
    mini_data["visits"][1]["draft"] = {"source": "s1", "evidence": "He went to Quito."}
    soup = _soup(story_html(_tour(mini_data)))
    assert [s["data-step"] for s in _sections(soup)] == ["intro", "lima", "outcomes"]
    assert [s["id"] for s in _data(soup)["stops"]] == ["lima"]


def test_a_tour_without_coordinates_still_tells_its_story(mini_data: dict[str, Any]):
    for place in mini_data["places"]:
        place.pop("latitude"), place.pop("longitude")
    soup = _soup(story_html(_tour(mini_data)))
    data = _data(soup)
    assert [s["data-step"] for s in _sections(soup)] == ["intro", "lima", "quito", "outcomes"]
    assert (data["stops"], data["routes"], data["bounds"], data["land"]) == ([], [], None, [])


def test_a_long_tours_stops_are_drawn_on_a_canvas_not_as_a_marker_each():
    """Above MANY_STOPS located stops, as on the route map: the page sends no marker per stop (its
    script draws every step's place on one canvas layer); the steps keep their places."""
    from bench.synth import make_tour

    data = _data(_soup(story_html(_tour(make_tour(2 * MANY_STOPS + 3)))))  # MANY_STOPS + 1 visits
    assert data["many"] is True and data["stops"] == []
    assert sum(1 for step in data["steps"] if step["at"]) == MANY_STOPS + 1


def test_a_short_tours_stops_are_markers(seed_pages: dict[str, str]):
    data = _data(_soup(seed_pages["en"]))
    assert data["many"] is False and len(data["stops"]) == 3


# -- hostile text ----------------------------------------------------------------------------------


def _hostile() -> Tour:
    data = hostile_data()
    data["sources"][0]["url"] = "https://example.invalid/'onmouseover=alert(1)//"  # the format allows '
    data["story"] = {
        "intro": {"en": PAYLOADS[0], "es": PAYLOADS[1]},
        "steps": [{"stop": "lima", "text": {"en": PAYLOADS[8]}, "sources": ["s1"]}],
        "outcomes": {"en": PAYLOADS[6]},
    }
    return _tour(data)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_hostile_text_stays_text(lang: str):
    tour = _hostile()
    page = story_html(tour, lang)
    soup = _soup(page)
    # Our five scripts only (the class switch, the data, the steps, Leaflet, the map), none with a source.
    assert len(soup.find_all("script")) == 5 and not soup.find_all("script", src=True)
    assert not soup.find_all(["img", "svg", "iframe", "object", "embed"])
    assert not [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
    assert not [a for a in soup.find_all(href=True) if not a["href"].startswith(("#", "https://"))]
    text = soup.get_text()
    assert PAYLOADS[0] in text and "{{ 7*7 }}" in text and " 49 " not in text
    assert "</script><script>alert('close-script')" not in page
    data = _data(soup)  # the data reach the scripts as the same strings, not as markup
    assert data["summaries"] == [s.summary for s in story_steps(tour, lang)]
    assert all("<" not in s["label"] for s in data["stops"]) and "<" not in (data["origin"] or {}).get(
        "tip", ""
    )


def test_a_hostile_title_is_text_in_the_pages_title():
    tour = _hostile()
    soup = _soup(story_html(tour))
    assert soup.title is not None and soup.title.get_text().startswith(tour.title.en)
    assert soup.head is not None and len(soup.head.find_all("script")) == 1


JINJA = "{{ 7*7 }}{% for x in range(3) %}X{% endfor %}{{ config }}{# gone #}"


@pytest.mark.parametrize("where", ["title", "place", "narrative", "quote", "speaker", "source"])
def test_template_syntax_in_tour_text_is_never_evaluated(mini_data: dict[str, Any], where: str):
    """The page is an autoescaped Jinja template: tour text is only ever a value in it, never a template."""
    claim = mini_data["claims"][1]
    {
        "title": lambda: mini_data["title"].update(en=JINJA),
        "place": lambda: mini_data["places"][1].update(name=JINJA),
        "narrative": lambda: mini_data.update(story={"intro": {"en": JINJA}}),
        "quote": lambda: claim.update(quote=JINJA),
        "speaker": lambda: claim.update(speaker=JINJA),
        "source": lambda: mini_data["sources"][0].update(title=JINJA),
    }[where]()
    soup = _soup(story_html(_tour(mini_data)))
    shown = soup.find("body").get_text() if where != "title" else soup.title.get_text()
    assert JINJA in shown, where  # the text itself, every brace and tag of it
    assert "49" not in soup.get_text() and "XXX" not in soup.get_text()


def test_tour_text_is_escaped_by_the_template_not_trusted(mini_data: dict[str, Any]):
    mini_data["places"][1]["name"] = "<b>Lima</b> & co"
    soup = _soup(story_html(_tour(mini_data)))
    lima = _sections(soup)[1]
    assert lima.h2.get_text() == "1. <b>Lima</b> & co" and lima.h2.find("b") is None


# -- the command line -------------------------------------------------------------------------------


def test_export_story_writes_the_page(tmp_path: Path, mini_file: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "historia.html"
    assert main(["export", "story", "--tour", str(mini_file), "--lang", "es", "-o", str(out)]) == 0
    soup = _soup(out.read_text(encoding="utf-8"))
    assert soup.html is not None and soup.html["lang"] == "es"
    assert [s["data-step"] for s in _sections(soup)] == ["intro", "lima", "quito", "outcomes"]
    assert "historia.html" in capsys.readouterr().err


def test_export_story_to_standard_output(mini_file: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["export", "story", "--tour", str(mini_file)]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>") and 'data-step="lima"' in page
