"""Route playback in the exported map, opened from disk with every outside request refused: the date
slider draws the route up to a day, a moved date shows as planned, a month-only date as a band, and
the control works by keyboard, plays to the end and composes with the selection and filters."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import ROOT, App, Watch
from tests.browser.test_every_reader import wait_for_address

# Leg lines drawn for the eye (not circles, not the Arica–Tacna pair's "6 6" dash), shown or not.
LEGS = """() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
  .filter(p => !/[aA]/.test(p.getAttribute('d')) && p.getAttribute('stroke-dasharray') !== '6 6')
  .map(p => getComputedStyle(p).visibility)"""
SHOWN_NUMBERS = """() => [...document.querySelectorAll('.tour-icon .tour-num')]
  .filter(el => getComputedStyle(el).visibility === 'visible').map(el => el.textContent)"""
# Every date label the control shows from now on, in order.
RECORD_DATES = """() => {
  const date = document.querySelector('.tour-playback .date');
  window.seenDates = [];
  new MutationObserver(() => window.seenDates.push(date.textContent)).observe(date, {childList: true});
}"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed tour's map, exported in English and in Spanish."""
    out = tmp_path_factory.mktemp("playback")
    pages = {}
    for lang in ("en", "es"):
        pages[lang] = out / f"map-{lang}.html"
        command = [
            sys.executable,
            "-m",
            "dashboard",
            "export",
            "html",
            "--lang",
            lang,
            "-o",
            str(pages[lang]),
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    return pages


def _open(offline_page: tuple[Page, list[str]], page_path: Path) -> Page:
    page, _ = offline_page
    page.goto(page_path.as_uri())
    expect(page.locator(".tour-icon .tour-num")).to_have_count(3)
    # The playback control is added in the browser's idle time after the stops' first paint.
    expect(page.locator(".tour-playback .date")).to_be_attached()
    return page


def _slider_to(page: Page, *keys: str) -> None:
    """Focus the slider and press ``keys`` (the range takes them natively)."""
    page.locator(".tour-playback input").focus()
    for key in keys:
        page.keyboard.press(key)


def _visit(page: Page, number: str) -> Locator:
    return page.locator(".tour-icon .tour-num", has_text=number)


def _looks(*names: str) -> re.Pattern[str]:
    """A class list with each of ``names`` (and any others)."""
    return re.compile("".join(rf"(?=.*\b{name}\b)" for name in names))


@pytest.mark.parametrize(
    ("lang", "play", "slider", "last"),
    [
        ("en", "Play the route day by day", "Route up to", "31 January 2026"),
        ("es", "Reproducir el recorrido día a día", "Recorrido hasta el", "31 de enero de 2026"),
    ],
)
def test_the_control_is_there_labelled_in_the_readers_language_and_changes_nothing_yet(
    offline_page: tuple[Page, list[str]],
    watch: Watch,
    exported: dict[str, Path],
    lang: str,
    play: str,
    slider: str,
    last: str,
) -> None:
    page = _open(offline_page, exported[lang])
    control = page.locator(".leaflet-control-container .tour-playback")
    expect(control).to_be_visible()
    expect(control).to_have_attribute("role", "group")
    expect(control.get_by_role("button", name=play)).to_be_visible()
    expect(control.get_by_role("slider", name=slider)).to_have_attribute("aria-valuetext", last)
    expect(control.locator(".date")).to_have_text(last)
    # At its end, where it starts, the map is as it is without it.
    assert page.evaluate(SHOWN_NUMBERS) == ["1", "2", "3"]
    assert page.evaluate(LEGS) == ["visible"] * 3
    assert offline_page[1] == [] and watch.errors == []


def test_17_december_shows_buenos_aires_alone_and_the_end_shows_everything(
    offline_page: tuple[Page, list[str]], watch: Watch, exported: dict[str, Path]
) -> None:
    page = _open(offline_page, exported["en"])
    _slider_to(page, "Home", "ArrowRight")  # by keyboard: the first day, then one day on
    expect(page.locator(".tour-playback .date")).to_have_text("17 December 2025")
    assert page.evaluate(SHOWN_NUMBERS) == ["1"]
    expect(_visit(page, "2")).to_be_hidden()
    expect(_visit(page, "3")).to_be_hidden()
    # Of the three trips from Santiago only the first, the one to Buenos Aires, is drawn yet.
    assert sorted(page.evaluate(LEGS)) == ["hidden", "hidden", "visible"]
    expect(page.locator(".tour-arrow:visible")).to_have_count(1)
    # Hidden stops take no Tab stop: the numbered buttons left are Buenos Aires alone.
    expect(page.locator(".tour-icon[role=button]:visible")).to_have_count(1)

    page.keyboard.press("End")
    expect(page.locator(".tour-playback .date")).to_have_text("31 January 2026")
    assert page.evaluate(SHOWN_NUMBERS) == ["1", "2", "3"]
    assert page.evaluate(LEGS) == ["visible"] * 3
    expect(page.locator(".tour-arrow:visible")).to_have_count(3)
    for number in "123":
        expect(_visit(page, number)).not_to_have_class(_looks("(tour-planned|tour-month)"))
    assert offline_page[1] == [] and watch.errors == []


def test_a_moved_date_shows_as_planned_until_the_day_it_happened(
    offline_page: tuple[Page, list[str]], exported: dict[str, Path]
) -> None:
    page = _open(offline_page, exported["en"])
    slider = page.locator(".tour-playback input")
    _slider_to(page, "Home", *["ArrowRight"] * 6)  # 22 December: Quito was scheduled for then
    expect(page.locator(".tour-playback .date")).to_have_text("22 December 2025")
    note = "2. Quito — scheduled for 22 December 2025, held 23 December 2025"
    expect(page.locator(".tour-playback")).to_contain_text(note)
    expect(slider).to_have_attribute("aria-valuetext", f"22 December 2025. {note}")
    expect(_visit(page, "2")).to_be_visible()
    expect(_visit(page, "2")).to_have_class(_looks("tour-planned"))
    assert sorted(page.evaluate(LEGS)) == ["hidden", "hidden", "visible"]  # no leg to a visit not yet held

    page.keyboard.press("ArrowRight")  # 23 December: held
    expect(page.locator(".tour-playback .date")).to_have_text("23 December 2025")
    expect(_visit(page, "2")).not_to_have_class(_looks("tour-planned"))
    expect(page.locator(".tour-playback")).not_to_contain_text("scheduled")
    assert sorted(page.evaluate(LEGS)) == ["hidden", "visible", "visible"]


def test_a_month_only_date_is_a_band_on_the_track(
    offline_page: tuple[Page, list[str]], exported: dict[str, Path]
) -> None:
    page = _open(offline_page, exported["en"])
    band = page.locator(".tour-playback .band")
    expect(band).to_have_count(1)
    expect(band).to_be_visible()
    expect(band).to_have_attribute("title", "3. Lima: January 2026 (announced)")
    track = page.locator(".tour-playback .track").bounding_box()
    box = band.bounding_box()
    assert track is not None and box is not None
    # January is the last 31 of the track's 47 days: the band covers the right two thirds of it.
    assert box["x"] + box["width"] <= track["x"] + track["width"] + 1
    assert 0.25 < (box["x"] - track["x"]) / track["width"] < 0.4 < box["width"] / track["width"] < 0.72

    _slider_to(page, "Home", *["ArrowRight"] * 18)  # 3 January: Lima announced for "January"
    expect(page.locator(".tour-playback .date")).to_have_text("3 January 2026")
    expect(_visit(page, "3")).to_have_class(_looks("tour-planned"))
    expect(page.locator(".tour-playback")).to_contain_text("3. Lima — announced for January 2026")


def test_playback_composes_with_the_selection_and_the_filters(
    offline_page: tuple[Page, list[str]], exported: dict[str, Path]
) -> None:
    page = _open(offline_page, exported["en"])
    _slider_to(page, "Home", "ArrowRight")
    page.evaluate("() => window.tourDashboard.applyState({selected: 'lima', visible: ['lima']})")
    # Lima, chosen before it is reached, shows hollow; Buenos Aires stays, dimmed by the filter.
    expect(_visit(page, "3")).to_be_visible()
    expect(_visit(page, "3")).to_have_class(_looks("tour-num-sel", "tour-planned"))
    expect(_visit(page, "1")).to_have_class(_looks("tour-dim"))
    expect(_visit(page, "2")).to_be_hidden()
    _slider_to(page, "End")
    expect(_visit(page, "3")).to_have_class(_looks("tour-num-sel"))
    expect(_visit(page, "3")).not_to_have_class(_looks("tour-planned"))
    expect(_visit(page, "2")).to_have_class(_looks("tour-dim"))


@pytest.mark.parametrize(
    ("motion", "dates"),
    [
        # Stepping through every day, from the first to the last.
        ("no-preference", 47),
        # With reduced motion, from one change to the next: Buenos Aires, Quito scheduled and held,
        # Lima announced and held, the end.
        ("reduce", 6),
    ],
)
def test_play_runs_from_the_first_day_to_the_end(
    offline_page: tuple[Page, list[str]], watch: Watch, exported: dict[str, Path], motion: str, dates: int
) -> None:
    page, _ = offline_page
    page.emulate_media(reduced_motion=motion)  # type: ignore[arg-type]
    page = _open(offline_page, exported["en"])
    page.evaluate(RECORD_DATES)
    button = page.locator(".tour-playback button")
    button.click()
    expect(button).to_have_attribute("aria-label", "Pause")
    expect(button).to_have_attribute("aria-label", "Play the route day by day", timeout=60_000)
    seen = page.evaluate("window.seenDates")
    assert seen[0] == "16 December 2025" and seen[-1] == "31 January 2026", seen
    assert len(seen) == dates, seen
    assert page.evaluate(SHOWN_NUMBERS) == ["1", "2", "3"]
    assert page.evaluate(LEGS) == ["visible"] * 3
    assert watch.errors == []


def test_the_control_fits_a_phone_and_covers_no_stop(
    offline_page: tuple[Page, list[str]], exported: dict[str, Path]
) -> None:
    page, _ = offline_page
    page.set_viewport_size({"width": 390, "height": 700})
    page = _open(offline_page, exported["en"])
    box = page.locator(".tour-playback").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    covered = page.evaluate(
        """box => [...document.querySelectorAll('.tour-icon .tour-num')].filter(el => {
          const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
          return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
        }).map(el => el.textContent)""",
        box,
    )
    assert covered == []
    _slider_to(page, "Home")
    expect(page.locator(".tour-playback .date")).to_have_text("16 December 2025")


def test_in_the_app_playback_keeps_its_day_when_a_stop_is_chosen(app: App) -> None:
    """In st_folium's frame: the app's rerun for a selection restyles the map without redrawing it,
    so the slider keeps its day and the route stays drawn up to it."""
    app.open("/")
    app.wait_for_markers()
    app.map.locator(".tour-playback input").focus()
    for key in ("Home", "ArrowRight"):
        app.page.keyboard.press(key)
    expect(app.map.locator(".tour-playback .date")).to_have_text("17 December 2025")
    expect(app.map.locator(".tour-icon .tour-num:visible")).to_have_text(["1"])

    app.map.locator('.tour-icon .tour-num[data-place="buenos-aires"]').click()
    wait_for_address(app.page, r"[?&]stop=buenos-aires(&|$)")
    app.wait_idle()
    expect(app.map.locator(".tour-num-sel")).to_have_attribute("data-place", "buenos-aires")
    expect(app.map.locator(".tour-playback input")).to_have_attribute("aria-valuetext", "17 December 2025")
    expect(app.map.locator(".tour-icon .tour-num:visible")).to_have_text(["1"])
    assert app.outside_requests() == [] and app.watch.errors == []
