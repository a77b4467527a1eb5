"""A long story file in a real browser: a tour of 5,000 stops drawn on one canvas (no DOM marker per
stop) and still stepped through and clicked, and titles with no break in them kept inside the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

from dashboard.render.story import story_html
from dashboard.tourfile.load import load_text, load_tour
from tests.browser.conftest import Watch
from tests.conftest import MINI_YAML

STOPS = 5000
# Where a step's place is on the page, from the canvas layer's own projection.
AT = """i => { const p = window.tourDashboard.storyPoints, k = p.steps.indexOf(i);
               const at = p._map.layerPointToContainerPoint([p._x[k], p._y[k]]);
               const box = p._map.getContainer().getBoundingClientRect();
               return [box.left + at.x, box.top + at.y]; }"""


@pytest.fixture(scope="module")
def long_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.synth import write_tour

    folder = tmp_path_factory.mktemp("long-story")
    tour = load_tour(write_tour(2 * STOPS + 1, folder / "long.json"))  # half the places visited
    path = folder / "story.html"
    path.write_text(story_html(tour, "en"), encoding="utf-8")
    return path


def _shown(page: Page, step: str, title: str) -> None:
    expect(page.locator(f"section.story-step[data-step='{step}'] h2")).to_have_text(title)
    expect(page.locator("section.story-step:visible")).to_have_count(1)


@pytest.mark.slow  # a 4 MB page of 5,000 steps
def test_a_long_tours_story_draws_its_stops_on_one_canvas(
    offline_page: tuple[Page, list[str]], watch: Watch, long_story: Path
) -> None:
    page, refused = offline_page
    page.goto(long_story.as_uri())
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    assert page.locator(".leaflet-marker-icon").count() == 0  # was one DOM marker per stop
    page.wait_for_function("window.tourDashboard.storyPoints?.drawn > 0")
    assert page.evaluate("window.tourDashboard.storyPoints.steps.length") == STOPS
    page.keyboard.press("ArrowRight")
    _shown(page, "p1", "1. Place 1")
    page.wait_for_function("window.tourDashboard.storyPoints.current === 1")  # the step's place marked
    expect(page.locator(".story-current")).to_have_text("1. Place 1")  # and named beside it
    x, y = page.evaluate(AT, 1)
    page.mouse.click(x, y)  # its own place: nothing changes
    _shown(page, "p1", "1. Place 1")
    page.evaluate("location.hash = '#p7'")
    _shown(page, "p7", "7. Place 7")
    page.keyboard.press("ArrowLeft")
    _shown(page, "p6", "6. Place 6")
    x, y = page.evaluate(AT, 7)  # the stop of step 7 on the canvas, clicked: its step
    page.mouse.click(x, y)
    _shown(page, "p7", "7. Place 7")
    assert page.locator(".leaflet-marker-icon").count() == 0
    assert refused == [] and watch.errors == []


LONG = "Gira" + "Supercalifragilisticoespialidoso" * 8  # 260 characters and no break


@pytest.fixture(scope="module")
def long_titles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data: dict[str, Any] = yaml.safe_load(MINI_YAML)
    data["title"] = {"en": LONG}
    data["places"][1]["name"] = LONG  # Lima: its step's heading and its link in the list of steps
    path = tmp_path_factory.mktemp("long-title") / "story.html"
    path.write_text(story_html(load_text(yaml.safe_dump(data), "long.yaml"), "en"), encoding="utf-8")
    return path


# Every element of the head and the steps whose box reaches past the page's right edge or past its
# container's, or whose text spills out of its box (a box that shows what overflows it).
OUTSIDE = """() => [...document.querySelectorAll('.story-head *, .story-panel *')].filter(el => {
  const box = el.getBoundingClientRect(), parent = el.parentElement.getBoundingClientRect();
  const spills = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
    && getComputedStyle(el).overflowX === 'visible';
  return box.width && (spills || box.right > innerWidth + 0.5 || box.right > parent.right + 0.5);
}).map(el => el.tagName + '.' + el.className)"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_a_title_with_no_break_stays_inside_the_story_panel(
    offline_page: tuple[Page, list[str]], long_titles: Path, width: int, height: int
) -> None:
    page, _ = offline_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(long_titles.as_uri() + "#lima")
    _shown(page, "lima", f"1. {LONG}")
    assert page.evaluate(OUTSIDE) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways
    head = page.locator(".story-head h1").bounding_box()
    assert head is not None and head["height"] > 40  # the title wrapped onto lines of its own
