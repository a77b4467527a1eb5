"""What a reader sees first (issue 21): the map in the first screen under a compact heading, the key
figures whole in a laptop's window, and on a phone the itinerary as a card per stop, the place first."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import MAP_IFRAME, App

LAPTOP = {"width": 1280, "height": 800}
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

# Each text of each key figure that does not fit its box (cut with an ellipsis, or running past its
# column): label, number, and the "of 3" a filter adds.
CUT_FIGURES = """() => {
  const figures = document.querySelectorAll('.st-key-figures [data-testid="stMetric"]');
  return [...figures].flatMap(m => {
    const column = m.closest('[data-testid="stColumn"]').getBoundingClientRect();
    const texts = [...m.querySelectorAll('[data-testid="stMarkdownContainer"]')];
    const cut = t => t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > column.right + 1;
    return texts.filter(cut).map(t => t.textContent);
  });
}"""


def _open(app: App, size: dict[str, int], path: str) -> Page:
    app.page.set_viewport_size(size)
    app.open(path)
    app.wait_for_markers()
    return app.page


@pytest.mark.parametrize(
    ("size", "seen"),
    [
        (LAPTOP, 480),  # the whole map: it was below the title, the summary and the figures (y 547)
        (DESKTOP, 480),  # y 521
        (PHONE, 400),  # most of it (the summary was already folded on phones)
    ],
)
def test_the_map_is_in_the_first_screen(app: App, size: dict[str, int], seen: int) -> None:
    page = _open(app, size, "/")
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None and box["height"] == 480
    assert box["y"] + seen <= size["height"], box
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    expect(page.get_by_test_id("stMetricValue").last).to_be_in_viewport()  # the figures stay, above it
    about = page.get_by_test_id("stExpander").filter(has_text="About this tour")
    expect(about.get_by_text("After winning Chile's presidential runoff")).to_be_hidden()  # folded
    about.get_by_text("About this tour").click()
    expect(about.get_by_text("After winning Chile's presidential runoff")).to_be_visible()


@pytest.mark.parametrize(
    ("size", "path"),
    [
        (LAPTOP, "/"),
        (LAPTOP, "/?country=EC"),  # 3,769 of 7,368 km: "3,769 o…" in a fifth of 820 px
        (LAPTOP, "/?lang=fr&from=2025-12-15&to=2025-12-20"),
        (DESKTOP, "/?lang=es&country=EC"),
    ],
)
def test_the_key_figures_stay_whole(app: App, size: dict[str, int], path: str) -> None:
    page = _open(app, size, path)
    expect(page.get_by_test_id("stMetricValue")).to_have_count(5)
    assert page.evaluate(CUT_FIGURES) == []
    if "?" in path:  # filtered: each figure says what it is part of
        expect(page.get_by_test_id("stMetricDelta").first).to_have_text(
            {"/?country=EC": "of 3", "/?lang=es&country=EC": "de 3"}.get(path, "sur 3")
        )


def test_on_a_phone_the_itinerary_is_a_card_per_stop_the_place_first(app: App) -> None:
    page = _open(app, PHONE, "/")
    cards = page.locator(".st-key-narrow-itinerary [data-testid='stMarkdownContainer'] > ul > li")
    expect(cards).to_have_count(6)
    titles = [cards.nth(i).locator("strong").first.inner_text() for i in range(6)]
    assert titles == [
        "Santiago (CL)", "1. Buenos Aires (AR)", "2. Quito (EC)", "3. Lima (PE)", "Arica (CL)", "Tacna (PE)",
    ]  # fmt: skip
    expect(page.locator(".st-key-wide-itinerary")).to_be_hidden()  # not the table eleven columns wide
    quito = cards.nth(2).inner_text()
    assert quito.index("Dates: 23 December 2025") < quito.index("Counterparts: Daniel Noboa")
    assert "Sources: untitled article; Latin America Reports: Chile president-elect" in quito
    assert "s004-en" not in quito
    box = cards.nth(2).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
