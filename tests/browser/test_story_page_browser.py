"""The story page in a real browser: a link opens its step, the ← → keys step through the story,
the address follows, the map flies to each stop and a screen reader hears each step."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import MAP_IFRAME, App
from tests.browser.test_app_browser import errors_on_subpage
from tests.browser.test_every_reader import wait_for_address


def _flown_to(app: App, stop: str | None) -> None:
    """The map's story layer has run for ``stop`` (None: the whole route)."""
    app.page.wait_for_function(
        "([sel, stop]) => { const f = document.querySelector(sel); const w = f && f.contentWindow;"
        " const t = w && w.tourDashboard; return !!t && t.storyStop !== undefined && t.storyStop === stop; }",
        arg=[MAP_IFRAME, stop],
    )


def test_a_link_opens_its_step_and_the_keys_step_through_the_story(app: App) -> None:
    page = app.page
    app.open("/story?step=quito")
    expect(page.get_by_role("heading", name="2. Quito")).to_be_visible()
    _flown_to(app, "quito")
    expect(page.get_by_role("status").filter(has_text="Quito")).to_have_count(1)
    page.keyboard.press("ArrowRight")
    wait_for_address(page, "step=lima")
    expect(page.get_by_role("heading", name="3. Lima")).to_be_visible()
    _flown_to(app, "lima")
    expect(page.get_by_test_id("stMain")).to_contain_text("no flags")
    page.keyboard.press("ArrowLeft")
    wait_for_address(page, "step=quito")
    expect(page.get_by_role("heading", name="2. Quito")).to_be_visible()
    assert errors_on_subpage(app, "story") == []


def test_the_buttons_step_to_the_outcomes_and_the_map_shows_the_whole_route(app: App) -> None:
    page = app.page
    app.open("/story?step=lima&lang=es")
    page.get_by_role("button", name="Siguiente →").click()
    wait_for_address(page, "step=outcomes")
    expect(page.get_by_test_id("stMain")).to_contain_text("rechaz")
    _flown_to(app, None)
    expect(page.get_by_role("button", name="Siguiente →")).to_be_disabled()
    assert errors_on_subpage(app, "story") == []


def test_arrow_keys_in_a_field_do_not_step(app: App) -> None:
    page = app.page
    app.open("/story?step=quito")
    field = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    field.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)  # a step would have changed the address by now
    assert "step=quito" in page.evaluate("location.search")
