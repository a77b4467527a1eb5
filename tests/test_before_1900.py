"""Dates before 1900: the archive's records begin in 1866, and the format holds dates from 1800. A small
tour with an 1866 trip (Seward's four records, imported from the bundled archive) runs through every view,
export and image; and Kosovo's XK, which the archive names, is a country of a tour file like any other."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from dashboard.archive.library import person_tour
from dashboard.render import charts
from dashboard.render.map_data import payload
from dashboard.tourfile.model import FIRST_DAY, Tour
from dashboard.views import figures, formats, tables
from dashboard.views.filters import ViewState
from dashboard.views.story import story_steps
from dashboard.workflows import TEXT_EXPORTS, export_bytes, export_text
from tests.render.test_images import png_size


@pytest.fixture(scope="module")
def seward() -> Tour:
    return person_tour("seward-william-henry")


def test_the_format_holds_the_archives_first_day(seward: Tour):
    first = min(d.start for v in seward.visits for d in v.dates)
    assert first.isoformat() == "1866-01-09" and FIRST_DAY.isoformat() == "1800-01-01"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_view_runs_on_an_1866_trip(seward: Tour, lang: str):
    state = ViewState(lang=lang)
    assert len(tables.stops_frame(seward, state)) == len(seward.visits) + 1 == 8  # and Washington
    assert figures.key_figures(seward)["days"] == 15  # 9 to 23 January 1866, the days abroad
    timeline = tables.timeline_frame(seward, state)
    assert len(timeline) == 7 and charts.timeline_figure(timeline, lang).data
    drawn = payload(seward, lang)
    assert len(drawn["ids"]) == 8 and len(drawn["legs"]) == 7 and drawn["play"]  # playback, day by day
    assert "1866" in (story_steps(seward, lang)[1].date or "")


@pytest.mark.parametrize("what", TEXT_EXPORTS)
def test_every_text_export_runs_on_an_1866_trip(seward: Tour, what: str):
    text = export_text(seward, what, "en")
    assert ("1866" if what in ("geojson", "html", "story") else "\n") in text  # the CSVs list no visit


def test_the_map_page_and_the_story_date_the_trip_in_1866(seward: Tour):
    story, page = export_text(seward, "story", "en"), export_text(seward, "html", "en")
    assert "9\u2009–\u200923 January 1866" in story and "Port-au-Prince" in story
    assert "9\u2009–\u200912 January 1866" in page


def test_the_pack_of_an_1866_trip_holds_its_files(seward: Tour):
    data = export_bytes(seward, "pack", "en", tour_file=("seward.yaml", b"id: seward\n"), images=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        readme = archive.read("README.md").decode("utf-8")
        geojson = json.loads(archive.read(next(n for n in names if n.endswith(".geojson"))))
    assert "seward.yaml" in names and "1866" in readme
    assert len([f for f in geojson["features"] if f["geometry"]["type"] == "Point"]) == 8  # and Washington


@pytest.mark.parametrize("view", ["map", "timeline"])
def test_an_1866_trip_draws_as_an_image(seward: Tour, view: str, chromium):
    assert png_size(export_bytes(seward, "png", "en", view=view))[0] >= 1600


def test_kosovo_is_named_and_mapped_like_any_country():
    tour = person_tour("rubio-marco")
    kosovo = tour.places[1].model_copy(update={"country": "XK"})
    moved = Tour.model_validate({**tour.model_dump(), "places": [tour.places[0], kosovo, *tour.places[2:]]})
    assert formats.country_name("XK", "en") == "Kosovo" and formats.country_name("XK", "es") == "Kosovo"
    assert "Panama City, Kosovo." in export_text(moved, "story", "en")  # the place, moved for the test
    assert '"country": "XK"' in export_text(moved, "geojson", "en")
