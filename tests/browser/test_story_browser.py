"""The exported story in a real browser: opened from disk with every outside request refused, stepped
with the keys, the buttons and the address, inside an iframe, on a phone, and read by axe-core."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Route, expect

from dashboard.render.story import story_html
from dashboard.tourfile.load import load_tour
from dashboard.views.story import story_steps
from tests.browser.conftest import Watch

AXE = Path(axe_playwright_python.__file__).resolve().parent / "axe.min.js"
STOPS = [("buenos-aires", "1. Buenos Aires"), ("quito", "2. Quito"), ("lima", "3. Lima")]
CENTER = "() => { const c = window.tourDashboard.storyMap.getCenter(); return [c.lat, c.lng]; }"


@pytest.fixture(scope="module")
def story_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("story") / "story.html"
    path.write_text(story_html(load_tour(), "en"), encoding="utf-8")
    return path


def _shown(target: Page | Frame, step: str, title: str) -> None:
    """``step`` is the one step on screen, headed ``title``, and the page says so."""
    current = target.locator(f"section.story-step[data-step='{step}']")
    expect(current).to_be_visible()
    expect(current.locator("h2")).to_have_text(title)
    expect(target.locator("section.story-step:visible")).to_have_count(1)
    assert target.evaluate("window.tourDashboard.storyStep") == step


def _still(page: Page, selector: str = ".story-icon") -> None:
    """Wait until the map's flight to a step is over: a reader clicks a stop that stays put (on a
    loaded machine the flight's 1.2 s can run long, and a click lands where the stop was)."""
    where = "(s) => JSON.stringify([...document.querySelectorAll(s)].map(e => e.getBoundingClientRect().x))"
    before = page.evaluate(where, selector)
    for _ in range(60):
        page.wait_for_timeout(200)
        now = page.evaluate(where, selector)
        if now == before:
            return
        before = now
    raise AssertionError("the story map never came to rest")


def _near(center: list[float], place: tuple[float, float]) -> bool:
    return abs(center[0] - place[0]) < 0.01 and abs(center[1] - place[1]) < 0.01


def test_the_keys_step_through_the_story_from_disk_offline(
    offline_page: tuple[Page, list[str]], watch: Watch, story_file: Path
) -> None:
    page, refused = offline_page
    page.goto(story_file.as_uri())
    _shown(page, "intro", "Introduction")
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    entries = page.evaluate("history.length")
    places = {p.id: (p.latitude, p.longitude) for p in load_tour().places}
    for step, title in STOPS:
        page.keyboard.press("ArrowRight")
        _shown(page, step, title)
        assert page.evaluate("location.hash") == f"#{step}"
        # The map is on the stop (the shared context asks for reduced motion: a jump, not a flight).
        assert _near(page.evaluate(CENTER), places[step]), step  # type: ignore[arg-type]
        expect(page.locator(".story-icon.is-current .story-num")).to_have_text(title.split(".")[0])
    page.keyboard.press("ArrowLeft")
    _shown(page, "quito", "2. Quito")
    expect(page.locator("#story-live")).to_have_text(story_steps(load_tour(), "en")[2].summary)
    expect(page.locator("#story-position")).to_have_text("Step 3 of 5")
    assert page.evaluate("history.length") == entries  # the address was replaced, never pushed
    assert (
        page.evaluate("window.tourDashboard.storyLandRings") > 0
    )  # the outlines drawn, from the page itself
    assert refused == [] and watch.errors == []


def test_the_address_opens_a_step_and_follows_a_new_one(
    offline_page: tuple[Page, list[str]], watch: Watch, story_file: Path
) -> None:
    page, refused = offline_page
    page.goto(story_file.as_uri() + "#lima")
    _shown(page, "lima", "3. Lima")
    expect(page.locator("#story-position")).to_have_text("Step 4 of 5")
    expect(page.locator("nav.story-nav a[aria-current=step]")).to_have_text("3. Lima")
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    assert _near(page.evaluate(CENTER), (-12.04318, -77.02824))
    page.evaluate("location.hash = '#quito'")
    _shown(page, "quito", "2. Quito")
    page.evaluate("location.hash = '#nowhere'")  # an unknown step leaves the story where it is
    _shown(page, "quito", "2. Quito")
    assert refused == [] and watch.errors == []


def test_the_buttons_and_the_list_of_steps_step_too(
    offline_page: tuple[Page, list[str]], watch: Watch, story_file: Path
) -> None:
    page, refused = offline_page
    page.goto(story_file.as_uri())
    previous, following = page.locator("#story-prev"), page.locator("#story-next")
    expect(previous).to_be_disabled()
    following.click()
    _shown(page, "buenos-aires", "1. Buenos Aires")
    page.locator("nav.story-nav a", has_text="3. Lima").click()
    _shown(page, "lima", "3. Lima")
    assert page.evaluate("document.activeElement.id") == "story-h-3"  # reading goes on from the step
    following.focus()
    page.keyboard.press("Enter")
    _shown(page, "outcomes", "Outcomes")
    expect(following).to_be_disabled()
    # The focused button went dead at the last step: the focus moved to the other one, not to the page.
    assert page.evaluate("document.activeElement.id") == "story-prev"
    expect(page.locator("section[data-step=outcomes]")).to_contain_text(
        "Regional Humanitarian Corridor, Peru: rejected"
    )
    previous.click()
    _shown(page, "lima", "3. Lima")
    _still(page)
    page.locator(".story-icon .story-num", has_text=re.compile(r"^1$")).click()  # a stop on the map
    _shown(page, "buenos-aires", "1. Buenos Aires")
    assert refused == [] and watch.errors == []


def test_the_keys_are_left_alone_while_typing(offline_page: tuple[Page, list[str]], story_file: Path) -> None:
    page, _ = offline_page
    page.goto(story_file.as_uri())
    page.evaluate(
        "() => { const f = document.createElement('input'); f.id = 'typing'; document.body.prepend(f); }"
    )
    page.locator("#typing").focus()
    page.keyboard.press("ArrowRight")
    _shown(page, "intro", "Introduction")
    page.locator("h1").click()
    page.keyboard.press("ArrowRight")
    _shown(page, "buenos-aires", "1. Buenos Aires")


def test_the_story_works_inside_an_iframe(
    offline_page: tuple[Page, list[str]], watch: Watch, story_file: Path, tmp_path: Path
) -> None:
    page, refused = offline_page
    host = tmp_path / "host.html"
    host.write_text(
        '<!DOCTYPE html><html lang="en"><title>Host</title><h1>A page about the tour</h1>'
        f'<iframe src="{story_file.as_uri()}" title="The story" width="1100" height="700"></iframe>'
        f'<iframe src="{story_file.as_uri()}#lima" title="Lima" width="1100" height="700"></iframe>',
        encoding="utf-8",
    )
    page.goto(host.as_uri())
    first, second = page.frames[1], page.frames[2]
    _shown(first, "intro", "Introduction")
    _shown(second, "lima", "3. Lima")
    page.keyboard.press("ArrowRight")  # the host page has the focus: the story stays put
    _shown(first, "intro", "Introduction")
    page.frame_locator("iframe[title='The story']").locator("h1").click()  # the frame has the focus now
    page.keyboard.press("ArrowRight")
    _shown(first, "buenos-aires", "1. Buenos Aires")
    page.keyboard.press("ArrowRight")
    _shown(first, "quito", "2. Quito")
    page.keyboard.press("ArrowLeft")
    _shown(first, "buenos-aires", "1. Buenos Aires")
    assert first.evaluate("location.hash") == "#buenos-aires"
    assert page.url == host.as_uri()  # the host's own address is untouched
    _shown(second, "lima", "3. Lima")
    assert refused == [] and watch.errors == []


# -- motion, phones, readers ----------------------------------------------------------------------


def _guarded(context: BrowserContext) -> list[str]:
    refused: list[str] = []

    def guard(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return refused


@pytest.fixture
def moving_page(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[tuple[Page, list[str]]]:
    """A page in a context of its own whose reader does not ask for reduced motion."""
    context = browser.new_context(**{**browser_context_args, "reduced_motion": "no-preference"})
    refused = _guarded(context)
    yield context.new_page(), refused
    context.close()


SPY = """() => {
  window.moves = [];
  const map = window.tourDashboard.storyMap;
  for (const name of ["flyTo", "flyToBounds", "setView", "fitBounds"]) {
    const original = map[name];
    map[name] = function () { window.moves.push(name); return original.apply(this, arguments); };
  }
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_map_flies_to_each_stop_unless_the_reader_asks_for_less_motion(
    offline_page: tuple[Page, list[str]], moving_page: tuple[Page, list[str]], story_file: Path, motion: str
) -> None:
    page, refused = moving_page if motion == "no-preference" else offline_page
    page.goto(story_file.as_uri())
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    page.evaluate(SPY)
    page.keyboard.press("ArrowRight")
    _shown(page, "buenos-aires", "1. Buenos Aires")
    first = page.evaluate("window.moves[0]")
    assert first == ("flyTo" if motion == "no-preference" else "setView")
    page.locator("#story-prev").click()
    _shown(page, "intro", "Introduction")
    assert "flyToBounds" in page.evaluate("window.moves") or motion == "reduce"
    assert refused == []


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1400, 900)])
def test_the_story_reads_on_a_phone_and_on_a_wide_screen(
    offline_page: tuple[Page, list[str]], story_file: Path, width: int, height: int
) -> None:
    page, _ = offline_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(story_file.as_uri() + "#lima")
    _shown(page, "lima", "3. Lima")
    the_map = page.locator("#story-map").bounding_box()
    panel = page.locator("section[data-step=lima]").bounding_box()
    assert the_map and panel and the_map["height"] >= 240
    if width < 800:  # the map above the steps, both the page's width
        assert the_map["y"] + the_map["height"] <= panel["y"] and the_map["width"] == width
    else:  # the map beside the steps
        assert the_map["x"] + the_map["width"] <= panel["x"] and the_map["height"] == height
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing sideways
    expect(page.locator("#story-next")).to_be_in_viewport()


def test_focus_is_visible(offline_page: tuple[Page, list[str]], story_file: Path) -> None:
    page, _ = offline_page
    page.goto(story_file.as_uri())
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "story-next":
            break
    assert page.evaluate("document.activeElement.id") == "story-next"
    style = page.evaluate("(s => [s.outlineStyle, s.outlineWidth])(getComputedStyle(document.activeElement))")
    assert style == ["solid", "3px"]


def _axe(page: Page) -> list[str]:
    """Serious and critical axe-core violations: rule, impact and the first element's HTML."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("step", ["intro", "lima", "outcomes"])
def test_each_step_passes_axe(offline_page: tuple[Page, list[str]], story_file: Path, step: str) -> None:
    page, _ = offline_page
    page.goto(f"{story_file.as_uri()}#{step}")
    page.wait_for_function("window.tourDashboard?.storyMapAt !== undefined")
    assert _axe(page) == []


def test_without_scripts_the_whole_story_reads_as_one_page(
    browser: Browser, browser_context_args: dict[str, Any], story_file: Path
) -> None:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    refused = _guarded(context)
    page = context.new_page()
    page.goto(story_file.as_uri())
    expect(page.locator("section.story-step:visible")).to_have_count(5)
    expect(page.locator(".story-controls")).to_be_hidden()
    assert refused == []
    context.close()
