"""The route map by structure: markers, legs, bounds, legend, offline assets and escaped text."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from dashboard.maps import build_map, payload, script_json, standalone_html
from dashboard.model import Tour

HOSTILE = (
    "<img src=x onerror=alert(1)>`${alert(2)}`</script><script>alert(3)</script>\"' "
    "{{ 7*7 }} {% if 1 %}T{% endif %}"
)


def _text(fields: dict) -> str:
    """What a reader sees in a stop's tooltip and popup (the fields are escaped HTML)."""
    parts = [
        fields["t"],
        fields["x"],
        *(value for _, value in fields["r"]),
        fields.get("q", ""),
        fields.get("qc", ""),
    ]
    return " ".join(BeautifulSoup(part, "html.parser").get_text() for part in parts)


def _payload_from_html(page: str) -> dict:
    match = re.search(r"var data = (\{.*?\});\n", page)
    assert match, "the map's data payload is missing"
    return json.loads(match.group(1))


def test_payload_has_every_stop_in_tour_order(kast: Tour):
    data = payload(kast, "en", None, None)
    assert [(p["id"], p["n"], p["role"]) for p in data["points"]] == [
        ("santiago", None, "origin"),
        ("buenos-aires", 1, "visit"),
        ("quito", 2, "visit"),
        ("lima", 3, "visit"),
        ("arica", None, "discussed"),
        ("tacna", None, "discussed"),
    ]


def test_legs_follow_the_route_with_a_direction(kast: Tour):
    data = payload(kast, "en", None, None)
    assert len(data["legs"]) == 3
    first = data["legs"][0]
    assert first["a"] == pytest.approx([-33.45694, -70.64827])  # Santiago ...
    assert first["b"] == pytest.approx([-34.61315, -58.37723])  # ... to Buenos Aires
    # Santiago -> Buenos Aires heads east (screen angle near 0), Quito -> Lima heads south (near 90).
    assert abs(first["deg"]) < 20
    assert 60 < data["legs"][2]["deg"] < 120


def test_discussed_places_are_paired_not_visited(kast: Tour):
    data = payload(kast, "en", None, None)
    assert len(data["pairs"]) == 1
    assert "Arica – Tacna" in data["pairs"][0]["tip"]
    assert all(p["n"] is None for p in data["points"] if p["role"] == "discussed")


def test_popup_gives_date_venue_counterparts_topics_quote_sources(kast: Tour):
    quito = next(p for p in payload(kast, "en", None, None)["points"] if p["id"] == "quito")
    text = _text(quito)
    assert "23 December 2025" in text and "22 December 2025" in text and "scheduled" in text
    assert "Carondelet" in text
    assert "Daniel Noboa" in text
    assert "Prisons" in text
    assert "s004-en" in text
    assert quito["t"] == "2. Quito"
    assert [label for label, _ in quito["r"]] == [0, 1, 2, 3, 4]  # dates, venue, met, topics, sources


def test_spanish_map_labels(kast: Tour):
    data = payload(kast, "es", None, None)
    assert data["legendTitle"] == "Leyenda"
    lima = next(p for p in data["points"] if p["id"] == "lima")
    assert "7 de enero de 2026" in lima["x"]
    assert data["labels"][1] == "Lugar"


def test_selection_and_dimming_travel_as_state(kast: Tour):
    data = payload(kast, "en", "lima", {"lima", "tacna"})
    assert data["state"] == {"selected": "lima", "visible": ["lima", "tacna"]}
    assert payload(kast, "en")["state"] == {"selected": None, "visible": None}


def test_state_layer_restyles_without_redrawing(kast: Tour):
    from dashboard.maps import state_layer

    m = build_map(kast)
    base = m.get_root().render()
    group = state_layer("quito", {"quito"})
    group.add_to(m)
    script = group.render() or m.get_root().render()
    assert 'window.tourApplyState({"selected":"quito","visible":["quito"]})' in script.replace(" ", "")
    assert "tourApplyState" in base  # the base map defines it and applies its own state


def test_map_is_fitted_to_every_place(kast: Tour):
    page = build_map(kast).get_root().render()
    match = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", page, re.S)
    assert match
    (south, west), (north, east) = json.loads(match.group(1))
    assert south == pytest.approx(-34.61315) and north == pytest.approx(-0.22985)
    assert west == pytest.approx(-78.52495) and east == pytest.approx(-58.37723)


def test_map_needs_no_cdn(kast: Tour):
    m = build_map(kast)
    assert [name for name, _ in m.default_js] == ["leaflet"]
    assert all(url.startswith("data:") for _, url in [*m.default_js, *m.default_css])
    page = m.get_root().render()
    assert not re.search(r"cdn\.|unpkg|jquery|awesome-markers|bootstrap", page, re.I)


def test_standalone_html_inlines_leaflet(kast: Tour):
    page = standalone_html(build_map(kast, inline_placeholders=True))
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all("script", src=True) and not soup.find_all("link", href=True)
    assert any(
        "L.version" in (s.string or "") or "Leaflet" in (s.string or "") for s in soup.find_all("script")
    )
    assert "images/marker-icon.png" not in page  # Leaflet's CSS images are inlined as data: URIs
    assert len(page.encode()) < 250 * 1024


def test_hostile_text_is_escaped_everywhere(mini_tour: Tour):
    places = [p.model_copy(update={"name": HOSTILE}) if p.id == "lima" else p for p in mini_tour.places]
    tour = mini_tour.model_copy(update={"places": places})
    page = standalone_html(build_map(tour, inline_placeholders=True))
    assert "<img src=x" not in page
    assert "</script><script>alert(3)" not in page
    assert " 49 " not in page and "{{ 7*7 }}" not in page  # never evaluated as a Jinja template
    data = _payload_from_html(page)
    lima = next(p for p in data["points"] if p["id"] == "lima")
    # The strings Leaflet puts into innerHTML show the name as text, not markup.
    assert BeautifulSoup(lima["t"], "html.parser").get_text() == "1. " + HOSTILE
    assert all(BeautifulSoup(v, "html.parser").find("img") is None for _, v in lima["r"])
    assert "<img" not in json.dumps(lima)


def test_script_json_cannot_close_the_script():
    text = script_json({"a": "</script><!-- \u2028"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028"}


def test_many_stops_switch_to_canvas_circles(mini_tour: Tour):
    base = mini_tour.places[1]
    places = [
        base.model_copy(update={"id": f"p{i}", "role": "discussed", "latitude": -10 + i / 100})
        for i in range(400)
    ]
    tour = mini_tour.model_copy(update={"places": [*mini_tour.places, *places]})
    data = payload(tour, "en", None, None)
    assert data["many"] is True and len(data["points"]) == 404
