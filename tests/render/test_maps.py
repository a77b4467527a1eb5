"""The route map by structure: markers, legs, bounds, legend, offline assets and escaped text."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from dashboard.render import schema
from dashboard.render.map_data import payload
from dashboard.render.maps import INLINE, build_map, standalone_html
from dashboard.render.playback import PLAY_STEPS
from dashboard.render.safe_html import script_json
from dashboard.tourfile.model import Tour

HOSTILE = (
    "<img src=x onerror=alert(1)>`${alert(2)}`</script><script>alert(3)</script>\"' "
    "{{ 7*7 }} {% if 1 %}T{% endif %}"
)


def _stop(data: dict, place_id: str) -> dict:
    """One stop of the payload, its texts decoded as the page decodes them."""
    i = data["ids"].index(place_id)
    texts = schema.named("point", json.loads(data["texts"])[i])
    role = {code: kind for kind, code in schema.ROLES.items()}[data["roles"][i]]
    fields = {"id": place_id, "lat": data["lat"][i], "lng": data["lng"][i], "role": role, "n": data["n"][i]}
    rows = [(schema.LABEL[r["label"]], r["value"]) for r in (schema.named("row", r) for r in texts["rows"])]
    cited = [data["sources"][sid] for sid in texts["sources"]]  # what the popup's sources row shows
    return {**fields, **texts, "rows": rows, "cited": cited}


def _text(fields: dict) -> str:
    """What a reader sees in a stop's tooltip and popup (the fields are escaped HTML)."""
    parts = [
        fields["title"],
        fields["suffix"],
        *(value for _, value in fields["rows"]),
        fields["quote"],
        fields["cite"],
        *fields["cited"],
    ]
    return " ".join(BeautifulSoup(part, "html.parser").get_text() for part in parts)


def _payload_from_html(page: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "the map's data payload is missing"
    return json.loads(match.group(1))


def test_payload_has_every_stop_in_tour_order(kast: Tour):
    data = payload(kast, "en", None, None)
    stops = [_stop(data, place_id) for place_id in data["ids"]]
    assert [(p["id"], p["n"], p["role"]) for p in stops] == [
        ("santiago", 0, "origin"),
        ("buenos-aires", 1, "visit"),
        ("quito", 2, "visit"),
        ("lima", 3, "visit"),
        ("arica", 0, "discussed"),
        ("tacna", 0, "discussed"),
    ]
    assert len(data["lat"]) == len(data["lng"]) == len(data["roles"]) == 6


def test_each_trip_starts_from_the_origin_with_no_leg_between_trips(kast: Tour):
    # The Kast tour is three trips from Santiago (the first, the second, and one the sources do not
    # number): no leg joins Buenos Aires to Quito, nor Quito to Lima.
    data = payload(kast, "en", None, None)
    assert len(data["legs"]) == 3 and data["route"] == []
    santiago = pytest.approx([-33.45694, -70.64827])
    assert all(leg["a"] == santiago for leg in data["legs"])
    assert data["legs"][0]["b"] == pytest.approx([-34.61315, -58.37723])  # Buenos Aires
    assert [leg["trip"] for leg in data["legs"]] == [0, 1, 2]  # each its own colour and dash
    # Santiago -> Buenos Aires heads east (screen angle near 0), Santiago -> Quito north (near -90).
    assert abs(data["legs"][0]["deg"]) < 20
    assert -120 < data["legs"][1]["deg"] < -60
    assert [row["label"] for row in data["legend"] if row["kind"] == "trip"] == [
        "Trip 1",
        "Trip 2",
        "Trip not stated",
    ]  # never "Trip —"


def test_discussed_places_are_paired_not_visited(kast: Tour):
    data = payload(kast, "en", None, None)
    assert len(data["pairs"]) == 1
    assert "Arica – Tacna" in data["pairs"][0]["tip"]
    assert all(data["n"][i] == 0 for i, role in enumerate(data["roles"]) if role == "d")


def test_popup_gives_date_venue_counterparts_topics_quote_sources(kast: Tour):
    quito = _stop(payload(kast, "en", None, None), "quito")
    text = _text(quito)
    assert "23 December 2025" in text and "22 December 2025" in text and "scheduled" in text
    assert "Carondelet" in text
    assert "Daniel Noboa" in text
    assert "Prisons" in text
    assert "s004-en" in text and "Latin America Reports" in text  # each source by id, title and outlet
    assert quito["title"] == "2. Quito"
    assert [label for label, _ in quito["rows"]] == ["dates", "venue", "met", "topics"]  # then the sources
    assert "s004-en" in quito["sources"]


def test_spanish_map_labels(kast: Tour):
    data = payload(kast, "es", None, None)
    assert data["legendTitle"] == "Leyenda"
    lima = _stop(data, "lima")
    assert "7 de enero de 2026" in lima["suffix"]
    assert data["labels"][schema.LABEL.index("venue")] == "Recinto"  # one Spanish word everywhere


def test_selection_and_dimming_travel_as_state(kast: Tour):
    data = payload(kast, "en", "lima", {"lima", "tacna"})
    assert data["state"] == {"selected": "lima", "visible": ["lima", "tacna"]}
    assert payload(kast, "en")["state"] == {"selected": None, "visible": None}


def test_state_layer_restyles_without_redrawing(kast: Tour):
    from dashboard.render.maps import state_layer

    m = build_map(kast)
    base = m.get_root().render()
    group = state_layer("quito", {"quito"})
    group.add_to(m)
    script = group.render() or m.get_root().render()
    assert 'ns.applyState({"selected":"quito","visible":["quito"]})' in script.replace(" ", "")
    assert "ns.applyState=function" in base  # the base map defines it and applies its own state


def test_map_is_fitted_to_every_place_before_anything_is_drawn(kast: Tour):
    data = payload(kast, "en")
    (south, west), (north, east) = data["bounds"]
    assert south == pytest.approx(-34.61315) and north == pytest.approx(-0.22985)
    assert west == pytest.approx(-78.52495) and east == pytest.approx(-58.37723)
    script = build_map(kast).get_root().render()
    # The view is set first, then the tiles are added: no world-view tiles fetched and thrown away.
    fit, tiles, stops = (script.index(s) for s in ("ns.frameRoute(false);", "L.tileLayer(", "fewView()"))
    assert fit < tiles < stops
    assert "map.fitBounds(target.bounds" in script
    assert "maxZoom:9" in script  # places on one spot do not open at street level


@pytest.mark.parametrize("tiles", [True, False])
def test_tiles_are_optional(kast: Tour, tiles: bool):
    script = build_map(kast, tiles=tiles).get_root().render()
    assert ("tile.openstreetmap.org" in script) is tiles


def test_map_needs_no_cdn(kast: Tour):
    m = build_map(kast)
    assert [name for name, _ in m.default_js] == ["leaflet"]
    assert all(url.startswith(INLINE) for _, url in [*m.default_js, *m.default_css])  # inlined on export
    page = m.get_root().render()
    assert not re.search(r"cdn\.|unpkg|jquery|awesome-markers|bootstrap", page, re.I)


def test_standalone_html_inlines_leaflet(kast: Tour):
    page = standalone_html(build_map(kast))
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script", src=True) and not soup.find_all("link", href=True)
    assert any(
        "L.version" in (s.string or "") or "Leaflet" in (s.string or "") for s in soup.find_all("script")
    )
    assert "images/marker-icon.png" not in page  # Leaflet's CSS images are inlined as data: URIs
    assert len(page.encode()) <= 300 * 1024  # with the basemap: the budget docs/exports.md states


def test_hostile_text_is_escaped_everywhere(mini_tour: Tour):
    places = [p.model_copy(update={"name": HOSTILE}) if p.id == "lima" else p for p in mini_tour.places]
    tour = mini_tour.model_copy(update={"places": places})
    page = standalone_html(build_map(tour))
    assert "<img src=x" not in page
    assert "</script><script>alert(3)" not in page
    assert " 49 " not in page and "{{ 7*7 }}" not in page  # never evaluated as a Jinja template
    data = _payload_from_html(page)
    lima = _stop(data, "lima")
    # The strings Leaflet puts into innerHTML show the name as text, not markup.
    assert BeautifulSoup(lima["title"], "html.parser").get_text() == "1. " + HOSTILE
    assert all(BeautifulSoup(v, "html.parser").find("img") is None for _, v in lima["rows"])
    assert "<img" not in json.dumps(lima)


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- \u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028"}


def _long_tour(mini_tour: Tour, extra: int = 400) -> Tour:
    base = mini_tour.places[1]
    places = [
        base.model_copy(update={"id": f"p{i}", "role": "discussed", "latitude": -10 + i / 100})
        for i in range(extra)
    ]
    return mini_tour.model_copy(update={"places": [*mini_tour.places, *places]})


def test_many_stops_switch_to_one_canvas_layer_and_one_route_line(mini_tour: Tour):
    data = payload(_long_tour(mini_tour), "en", None, None)
    assert data["many"] is True and len(data["ids"]) == 404
    # The route is stop indices in tour order (origin, Lima, Quito), a line per trip, not a leg object each.
    assert [[data["ids"][i] for i in line] for line in data["route"]] == [["home", "lima", "quito"]]
    assert data["legs"] == []
    legend = {row["kind"]: row["label"] for row in data["legend"]}
    assert legend["visit"] == "Visit"  # long tours draw no numbers, so the legend promises none
    script = build_map(_long_tour(mini_tour)).get_root().render()
    assert "L.Canvas.include" in script and "_drawTourPoints" in script


def _visits_at_one_spot(mini_tour: Tour, count: int) -> Tour:
    """``count`` more visits to the place of Lima's (a record that keeps coming back to one city)."""
    lima = next(p for p in mini_tour.places if p.id == "lima")
    visit = next(v for v in mini_tour.visits if v.place == "lima")
    places = [lima.model_copy(update={"id": f"lima-{i}"}) for i in range(count)]
    top = max(v.order for v in mini_tour.visits)
    visits = [visit.model_copy(update={"place": f"lima-{i}", "order": top + 1 + i}) for i in range(count)]
    return mini_tour.model_copy(
        update={"places": [*mini_tour.places, *places], "visits": [*mini_tour.visits, *visits]}
    )


@pytest.mark.parametrize(("more", "numbered"), [(3, True), (4, False)])
def test_stops_that_cannot_be_told_apart_are_drawn_without_numbers(
    mini_tour: Tour, more: int, numbered: bool
):
    data = payload(_visits_at_one_spot(mini_tour, more), "en")
    assert (
        data["many"] is not numbered
    )  # four stops at one spot still read apart as spread numbers; five do not
    assert {row["kind"]: row["label"] for row in data["legend"]}["visit"].startswith("Visit (") is numbered


def test_long_tours_ship_compact_columns(mini_tour: Tour):
    data = payload(_long_tour(mini_tour, 2000), "en")
    per_stop = len(script_json({k: data[k] for k in ("ids", "lat", "lng", "roles", "n")})) / 2004
    assert per_stop < 40, per_stop  # bytes per stop for what the map needs before it can draw
    assert isinstance(data["texts"], str)  # tooltips and popups: one string, parsed when first used


@pytest.mark.parametrize(("lang", "expected"), [("en", "will copy"), ("es", "va a copiar")])
def test_a_stops_key_quote_is_in_the_readers_language_when_it_can_be(kast: Tour, lang: str, expected: str):
    buenos_aires = _stop(payload(kast, lang), "buenos-aires")
    assert BeautifulSoup(buenos_aires["quote"], "html.parser").get_text() == expected


# --- route playback --------------------------------------------------------------------------


def _with_dates(tour: Tour, place: str, *dates: dict) -> Tour:
    """``tour`` with the visit to ``place`` given these dates instead of its own."""
    data = tour.model_dump(mode="json", exclude_none=True)
    for visit in data["visits"]:
        if visit["place"] == place:
            visit["dates"] = [{"sources": ["s1"], **d} for d in dates]
    return Tour.model_validate(data)


def _timing(data: dict, place_id: str) -> dict:
    """The playback's record of a stop with more to say, by field name."""
    return schema.named("timing", data["play"]["more"][str(data["ids"].index(place_id))])


def test_playback_carries_each_stops_days_a_moved_date_and_a_month_band(kast: Tour):
    data = payload(kast, "en")
    play, at = data["play"], dict(zip(data["ids"], data["play"]["at"], strict=True))
    # A step per day from Buenos Aires (16 December) to the end of the month Lima was announced for.
    assert len(play["labels"]) == 47
    assert (play["labels"][0], play["labels"][1], play["labels"][-1]) == (
        "16 December 2025",
        "17 December 2025",
        "31 January 2026",
    )
    assert at == {"santiago": None, "buenos-aires": 0, "quito": 7, "lima": 22, "arica": None, "tacna": None}
    quito, lima = (_timing(data, p) for p in ("quito", "lima"))
    # Quito: held on step 7, only planned from step 6 (22 December); Lima: announced from 1 January.
    assert (quito["last"], quito["month"], quito["planned"]) == (7, 0, 6)
    assert (lima["last"], lima["month"], lima["planned"]) == (22, 0, 16)
    assert quito["moved"] == "2. Quito — scheduled for 22 December 2025, held 23 December 2025"
    assert lima["moved"] == "3. Lima — announced for January 2026, held 7 January 2026"
    assert str(data["ids"].index("buenos-aires")) not in play["more"]  # a plain one-day stop: no row
    assert [schema.named("band", b) for b in play["bands"]] == [
        {"first": 16, "last": 46, "label": "3. Lima: January 2026 (announced)"}
    ]
    # Each leg names the stops it joins, so playback can hide it until both are reached.
    assert [[data["ids"][i] for i in leg["s"]] for leg in data["legs"]] == [
        ["santiago", "buenos-aires"],
        ["santiago", "quito"],
        ["santiago", "lima"],
    ]


def test_a_date_known_only_to_the_month_covers_the_month(mini_tour: Tour):
    tour = _with_dates(mini_tour, "lima", {"start": "2026-02-01", "precision": "month"})
    data = payload(tour, "es")
    lima = _timing(data, "lima")
    # The tour runs from Quito (10 January) to the end of February, Lima's month.
    assert data["play"]["labels"][-1] == "28 de febrero de 2026"
    assert (lima["last"], lima["month"], lima["planned"]) == (49, 1, None)
    assert lima["monthNote"] == "1. Lima — en algún momento de febrero de 2026"
    assert [schema.named("band", b) for b in data["play"]["bands"]] == [
        {"first": 22, "last": 49, "label": "1. Lima: febrero de 2026 (realizada)"}
    ]


@pytest.mark.parametrize(
    ("lima", "labels"),
    [
        ("2026-01-11", None),  # every stop on one day: nothing to play
        ("2026-01-01", ["1 January 2026", "2 January 2026", "11 January 2026"]),  # a step per day
        (
            "2024-01-01",
            ["1 January 2024", "4 January 2024", "11 January 2026"],
        ),  # two years: three days a step
    ],
)
def test_the_slider_has_a_step_per_day_up_to_a_year(mini_tour: Tour, lima: str, labels: list[str] | None):
    tour = _with_dates(_with_dates(mini_tour, "quito", {"start": "2026-01-11"}), "lima", {"start": lima})
    play = payload(tour, "en")["play"]
    if labels is None:
        assert play is None
        return
    assert [play["labels"][0], play["labels"][1], play["labels"][-1]] == labels
    assert len(play["labels"]) <= PLAY_STEPS  # the labels stay a few kilobytes, however long the tour


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Route by date", "Play the route day by day", "Pause", "Route up to"]),
        ("es", ["Recorrido por fechas", "Reproducir el recorrido día a día", "Pausa", "Recorrido hasta el"]),
    ],
)
def test_the_playback_control_and_its_words_are_in_the_page(kast: Tour, lang: str, words: list[str]):
    page = standalone_html(build_map(kast, lang=lang))
    assert "function playback(play)" in page and '"tour-playback"' in page
    assert ".tour-playback input" in page  # its style
    assert _payload_from_html(page)["play"]["words"] == dict(zip(("title", "play", "pause", "slider"), words))


def test_a_tour_without_dates_to_play_has_no_control(mini_tour: Tour):
    tour = mini_tour.model_copy(update={"visits": []})
    assert payload(tour, "en")["play"] is None
    assert '"play":null' in standalone_html(build_map(tour))  # the script draws no control then


def test_hostile_text_in_the_playback_stays_inert(tmp_path):
    from dashboard.tourfile.load import load_tour
    from tests.support.hostile import hostile_data

    data = hostile_data()
    lima = next(v for v in data["visits"] if v["place"] == "lima")
    lima["dates"].append(
        {"start": "2026-01-01", "kind": "announced", "precision": "month", "sources": ["s1"]}
    )
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    page = standalone_html(build_map(load_tour(path)))
    play = _payload_from_html(page)["play"]
    more = [schema.named("timing", row) for row in play["more"].values()]
    texts = [
        *play["labels"],
        *(row[note] for row in more for note in ("moved", "monthNote")),
        *(schema.named("band", b)["label"] for b in play["bands"]),
    ]
    assert any("__pwned" in t for t in texts)  # the hostile names are there, as text
    for text in texts:
        assert BeautifulSoup(text, "html.parser").find() is None, text  # no element, no attribute
    assert "<script>window.__pwned" not in page and "<img src=x" not in page and "<svg onload" not in page
