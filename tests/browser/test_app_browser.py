"""The dashboard in a real browser: what a user sees on each page, in each language, from each link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from playwright.sync_api import Frame, expect

from tests.browser.conftest import MAP_IFRAME, TILES, App

VISITS = {"1": "buenos-aires", "2": "quito", "3": "lima"}
CIRCLES = ("santiago", "arica", "tacna")  # the origin and the two discussed border cities


def map_frame(app: App) -> Frame:
    handle = app.page.locator(MAP_IFRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None, "the st_folium iframe has no document"
    return frame


def errors_on_subpage(app: App, page: str) -> list[tuple[str, str]]:
    """Console errors, minus the two 404s of Streamlit issue #7074.

    https://github.com/streamlit/streamlit/issues/7074: when a sub-page URL such as
    /proposals is opened directly, the frontend first probes /proposals/_stcore/health
    and /proposals/_stcore/host-config (both 404, logged as console errors) before it
    falls back to /_stcore/. Only exactly those two are ignored.
    """
    known = {f"{app.base}/{page}/_stcore/health", f"{app.base}/{page}/_stcore/host-config"}
    return [(text, url) for text, url in app.watch.errors if not (url in known and "404" in text)]


def query(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


# 1 -------------------------------------------------------------------------------------------


def test_map_page_loads_with_no_error_and_no_outside_request(app: App) -> None:
    app.open("/")
    app.wait_for_markers()
    expect(app.page.get_by_role("heading", level=1)).to_have_text(
        "Kast's regional tour as president-elect (December 2025 – January 2026)"
    )
    app.wait_idle()

    assert app.outside_requests() == [], "requests left localhost"
    assert any(url.startswith(TILES) for url in app.watch.requests), "the map asked for no tile"
    assert app.watch.errors == []


def test_the_first_screen_completes_by_itself_once_the_map_is_drawn(app: App) -> None:
    """The map comes first; the figures, filters, downloads and itinerary follow with no click."""
    page = app.page
    app.open("/")
    app.wait_for_markers()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name="Mining", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("button", name="Download map (HTML)")).to_be_visible()
    expect(page.get_by_role("heading", name="Stops: where, when, whom, what, says who")).to_be_visible()
    expect(page.get_by_test_id("stMetricValue")).to_have_text(["3", "3", "3", "7,368", "7"])
    app.wait_idle()
    assert app.watch.errors == []


# 2 -------------------------------------------------------------------------------------------


def test_map_draws_numbered_stops_route_arrows_legend_and_circles(app: App) -> None:
    app.open("/")
    app.wait_for_markers()
    numbers = app.map.locator(".tour-icon .tour-num")
    expect(numbers).to_have_text(["1", "2", "3"])
    assert [numbers.nth(i).get_attribute("data-place") for i in range(3)] == list(VISITS.values())

    paths = app.map.locator(".leaflet-overlay-pane path").evaluate_all(
        """els => els.map(p => ({
            d: p.getAttribute('d'),
            dash: p.getAttribute('stroke-dasharray'),
            interactive: p.classList.contains('leaflet-interactive'),
        }))"""
    )
    lines = [p for p in paths if not re.search(r"[aA]", p["d"])]
    legs = [p for p in lines if not p["interactive"]]
    pairs = [p for p in lines if p["dash"] == "6 6"]
    assert len(legs) == 3, f"route legs: {paths}"
    # Three trips from Santiago: every leg starts there, each trip with its own dash.
    assert len({p["d"].split("L")[0] for p in legs}) == 1, legs
    assert sorted(str(p["dash"]) for p in legs) == ["10 6", "2 6", "None"], legs
    assert len(pairs) == 1, f"the dashed Arica–Tacna pair: {paths}"
    expect(app.map.locator(".tour-arrow")).to_have_count(3)

    legend = app.map.locator(".tour-legend")
    expect(legend.locator("button")).to_have_text("Legend")
    expect(legend.locator(".row > span:last-child")).to_have_text(
        [
            "Origin",
            "Visit (numbered in tour order)",
            "Discussed place (not visited)",
            "Border pair discussed",
            "Tour order (straight line, not the flight path)",
            "Trip 1",
            "Trip 2",
            "Trip not stated",
        ]
    )

    kinds = map_frame(app).evaluate(
        """() => Object.fromEntries(Object.entries(window.tourDashboard.markers).map(([id, m]) => [id,
            m instanceof L.CircleMarker ? (m._path && m._path.isConnected ? 'circle' : 'circle-not-drawn')
            : (m._icon && m._icon.isConnected ? 'numbered' : 'marker-not-drawn')]))"""
    )
    assert kinds == {
        "santiago": "circle",
        "buenos-aires": "numbered",
        "quito": "numbered",
        "lima": "numbered",
        "arica": "circle",
        "tacna": "circle",
    }
    circles = [p for p in paths if re.search(r"a\d", p["d"])]
    assert len(circles) == len(CIRCLES), f"circle paths: {paths}"


# 3 -------------------------------------------------------------------------------------------


def test_clicking_a_numbered_marker_selects_its_stop_everywhere(app: App) -> None:
    app.open("/")
    app.wait_for_markers()
    app.map.locator('.tour-icon .tour-num[data-place="quito"]').click()

    expect(app.page).to_have_url(re.compile(r"[?&]stop=quito(&|$)"))
    app.wait_idle()
    app.wait_for_markers()
    page = app.page
    expect(page.get_by_role("heading", name="Selected stop: 2. Quito")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("combobox", name="Stop")).to_have_value("2. Quito")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Second stop: Kast met President Daniel Noboa at the Carondelet Palace.")
    details = main.locator("table").first  # the stop's details: a plain table
    expect(details).to_contain_text("Carondelet Palace")
    expect(details).to_contain_text("Daniel Noboa")
    # the map redraws with Quito highlighted, and the others dimmed
    expect(app.map.locator(".tour-num-sel")).to_have_attribute("data-place", "quito")
    expect(app.map.locator(".tour-icon .tour-num.tour-dim")).to_have_count(2)
    app.wait_idle()
    assert query(page.url) == {"stop": "quito"}
    assert app.watch.errors == []


def test_a_click_on_a_stop_asks_the_app_for_one_run(app: App) -> None:
    """The map tells the app about a click itself, at once, instead of waiting for st_folium's
    250 ms debounce; st_folium's own late report must then find nothing new to send."""
    sent: list[str | bytes] = []
    app.page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    app.open("/")
    app.wait_for_markers()
    app.page.wait_for_timeout(1000)  # let the first screen's own runs finish
    app.wait_idle()
    sent.clear()

    app.map.locator('.tour-icon .tour-num[data-place="lima"]').click()
    expect(app.page.get_by_role("heading", name="Selected stop: 3. Lima")).to_be_visible()
    app.wait_idle()
    app.page.wait_for_timeout(1000)  # well past st_folium's debounce: a second report would be out
    app.wait_idle()
    assert len(sent) == 1, f"messages sent to the app after one click: {len(sent)}"
    expect(app.map.locator(".tour-num-sel")).to_have_attribute("data-place", "lima")


# 4 -------------------------------------------------------------------------------------------


def test_spanish_interface_and_switching_to_english(app: App) -> None:
    page = app.page
    app.open("/?lang=es")
    app.wait_for_markers()
    sidebar = page.get_by_test_id("stSidebar")
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link").first).to_contain_text("Mapa de la ruta")
    expect(sidebar.get_by_role("heading", name="Filtros")).to_be_visible()
    expect(sidebar.get_by_role("radiogroup", name="Idioma")).to_be_visible()
    expect(sidebar.get_by_role("radio", name="Español")).to_have_attribute("aria-checked", "true")
    expect(app.map.locator(".tour-legend button")).to_have_text("Leyenda")
    expect(page.get_by_test_id("stMetricLabel").first).to_have_text("Visitas")
    expect(page.get_by_role("heading", level=1)).to_contain_text("La gira regional de Kast")

    sidebar.get_by_role("radio", name="English").click()

    expect(nav.get_by_role("link").first).to_contain_text("Route map")
    app.wait_idle()
    app.wait_for_markers()
    expect(sidebar.get_by_role("heading", name="Filters")).to_be_visible()
    expect(sidebar.get_by_role("radiogroup", name="Language")).to_be_visible()
    expect(app.map.locator(".tour-legend button")).to_have_text("Legend")
    expect(page.get_by_test_id("stMetricLabel").first).to_have_text("Visits")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kast's regional tour")
    expect(page).not_to_have_url(re.compile(r"lang="))
    assert app.watch.errors == []


# 5 -------------------------------------------------------------------------------------------


def test_deep_link_to_proposals_in_spanish_for_peru(app: App) -> None:
    page = app.page
    app.open("/proposals?lang=es&country=PE")
    expect(page.get_by_role("heading", name="Propuestas", level=2)).to_be_visible()
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    expect(grid.locator("th")).not_to_have_count(0)
    headers = [h.strip() for h in grid.locator("th").all_text_contents()]
    assert "Perú (PE)" in headers, headers  # the country's name in Spanish, with its code
    assert not [h for h in headers if re.search(r"\((AR|CL|EC)\)", h)], headers
    expect(grid).to_contain_text("✖ rechazada")
    expect(grid).to_contain_text("Corredor Humanitario Regional")
    chosen = page.get_by_test_id("stSidebar").locator("button[aria-pressed=true]")
    expect(chosen).to_have_text(["Perú (PE)"])
    assert query(page.url) == {"lang": "es", "country": "PE"}
    assert errors_on_subpage(app, "proposals") == []


def test_deep_link_to_a_stop_in_spanish(app: App) -> None:
    page = app.page
    app.open("/?stop=lima&lang=es")
    expect(page.get_by_role("heading", name="Parada seleccionada: 3. Lima")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Parada")).to_have_value("3. Lima")
    main = page.get_by_test_id("stMain")
    expect(main).to_contain_text("Tercera escala: Kast se reunió con el presidente José Jerí")
    expect(main.locator("table").first).to_contain_text("Se reunió con")
    app.wait_for_markers()
    expect(app.map.locator(".tour-num-sel")).to_have_attribute("data-place", "lima")
    assert app.watch.errors == []


def test_bad_link_warns_and_falls_back_to_the_default_view(app: App) -> None:
    page = app.page
    app.open("/?stop=atlantis&lang=xx")
    warning = page.get_by_test_id("stAlertContentWarning")
    expect(warning).to_contain_text("Some link parameters did not fit this tour and were changed")
    expect(warning).to_contain_text("atlantis")
    expect(warning).to_contain_text("xx")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kast's regional tour")
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Stop")).to_have_value("All stops")
    expect(page.get_by_role("heading", name=re.compile("Selected stop"))).to_have_count(0)
    app.wait_for_markers()
    expect(app.map.locator(".tour-num-sel")).to_have_count(0)
    expect(page).not_to_have_url(re.compile(r"stop=|lang="))
    assert app.watch.errors == []


# 6 -------------------------------------------------------------------------------------------


def test_topic_filter_updates_the_url_and_dims_the_map(app: App) -> None:
    page = app.page
    app.open("/")
    app.wait_for_markers()
    page.get_by_test_id("stSidebar").get_by_role("button", name="Mining", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]topic=mining(&|$)"))
    app.wait_idle()
    app.wait_for_markers()
    expect(page.get_by_test_id("stSidebar").locator("button[aria-pressed=true]")).to_have_text(["Mining"])
    # only Lima has a claim about mining: the other numbered stops are dimmed
    expect(app.map.locator(".tour-icon .tour-num.tour-dim")).to_have_count(2)
    expect(app.map.locator('.tour-num[data-place="lima"]')).not_to_have_class(re.compile("tour-dim"))
    app.wait_idle()
    assert query(page.url) == {"topic": "mining"}
    assert app.watch.errors == []


# 7 -------------------------------------------------------------------------------------------


def test_topics_and_timeline_pages_draw_plotly_charts(app: App) -> None:
    page = app.page
    app.open("/topics")
    expect(page.get_by_role("heading", name="Topics per stop", level=2)).to_be_visible()
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart).to_have_count(1)
    expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    expect(chart.locator(".js-plotly-plot g.trace.bars .point")).not_to_have_count(0)

    # the sidebar link changes page inside the app (no new page load)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Timeline").click()
    expect(page.get_by_role("heading", name="Timeline", level=2)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/timeline(\?|$)"))
    app.wait_idle()
    expect(chart).to_have_count(1)
    expect(chart.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    expect(chart.locator(".js-plotly-plot g.trace.scatter .point")).not_to_have_count(0)
    assert errors_on_subpage(app, "topics") == []


# 8 -------------------------------------------------------------------------------------------


def test_downloading_the_map_keeps_the_view(app: App) -> None:
    page = app.page
    app.open("/?stop=lima")
    expect(page.get_by_role("heading", name="Selected stop: 3. Lima")).to_be_visible()
    app.wait_for_markers()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download map (HTML)").click()
    download = info.value
    assert download.suggested_filename == "kast-tour-2025-map.html"
    html = Path(download.path()).read_text(encoding="utf-8")
    assert "3. Lima" in html and "<script src=" not in html
    # No rerun, no reset: the selection and the URL are as they were.
    expect(page.get_by_role("heading", name="Selected stop: 3. Lima")).to_be_visible()
    assert query(page.url) == {"stop": "lima"}
    assert app.watch.errors == []
