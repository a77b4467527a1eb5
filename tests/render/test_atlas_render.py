"""The Atlas's map and charts and Compare's page: offline, escaped, every country by its code."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.render import atlas_charts, compare_map, world
from dashboard.render.atlas_map import atlas_html, atlas_map
from dashboard.tourfile.load import DEFAULT_TOUR, load_tour
from dashboard.views import atlas
from dashboard.views.world import STATES
from tests.support.travels import RECORDS


def test_the_world_has_every_state_by_its_alpha_2_code_and_no_band_across_it():
    features = world.countries()
    assert world.drawn_codes() >= STATES
    assert {"XK", "CY", "SO"} <= {f["id"] for f in features if f["geometry"]["type"] == "MultiPolygon"}
    assert "AQ" in world.drawn_codes()  # a secretary went there
    for feature in features:
        if feature["geometry"]["type"] == "MultiPolygon":
            for polygon in feature["geometry"]["coordinates"]:
                lons = [p[0] for ring in polygon for p in ring]
                assert max(lons) - min(lons) <= 180 or feature["id"] == "AQ", feature["id"]
    assert len(json.dumps(features)) < 250_000


def test_the_map_page_is_offline_and_its_texts_escaped():
    page = atlas_html({"GB": 3, "SG": 1}, "visits", "fr")
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    assert "Royaume-Uni : 3 visites" in page or "Royaume-Uni: 3 visites" in page
    assert "Singapour" in page and "Tonga" not in page  # a small state's dot only where visited
    assert '"title":"Visites"' in page


def test_the_chosen_country_is_outlined_and_clicks_report_codes():
    rendered = atlas_map({"GB": 3}, "days", "en", chosen="GB", leaflet=("l.js", "l.css")).get_root().render()
    assert '"color": "#D55E00"' in rendered and '"weight": 3' in rendered
    assert '"code": "GB"' in rendered and 'src="l.js"' in rendered


def test_charts_escape_names_and_group_the_many():
    frame = atlas.per_year(RECORDS)
    figure = atlas_charts.years_figure(frame, "visits", "en")
    assert [trace.name for trace in figure.data] == ["Cy Pérez", "Ada Example", "Bo Sample"] or len(
        figure.data
    ) == 3
    top = atlas_charts.top_figure([("GB", 3), ("FR", 2)], "visits", "es")
    assert list(top.data[0].customdata) == ["GB", "FR"] and top.data[0].y[0] == "Reino Unido"
    assert atlas_charts.top_figure([], "visits", "en").layout.annotations[0].text.startswith("No visit")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_compare_page_holds_both_tours_escaped(lang: str):
    kast = load_tour(DEFAULT_TOUR)
    hostile = compare_map.Side("<img src=x onerror=alert(1)>", ["PE"], [(1.0, 2.0, "</script><b>x</b>")])
    page = compare_map.compare_page((compare_map.side(kast, "Kast", lang), hostile), lang)
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "</script><b>" not in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?://', page)
    assert page.count('class="compare-map"') == 2


def test_the_atlas_map_is_a_png_for_print_drawn_offline(chromium: object) -> None:
    import struct

    from dashboard.render.images import atlas_png

    data = atlas_png({"GB": 87, "FR": 12, "XK": 1, "SG": 3}, "visits", "es")
    assert data.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1600, 800)


def test_the_atlas_csv_cells_never_start_a_formula() -> None:
    import csv
    import io

    from dashboard.render.exports import table_csv

    frame = atlas.visits_table(atlas.country_visits(RECORDS, "CU"), "en")
    rows = list(csv.reader(io.StringIO(table_csv(list(frame.columns), frame.values.tolist()))))
    assert rows[0] == ["Dates", "Person", "Office", "Where", "Remarks", "Source"]
    assert rows[1][4] == '\'=HYPERLINK("x")'  # a record's remarks, kept as text
