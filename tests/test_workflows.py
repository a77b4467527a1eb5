"""Editing a tour file in place respects the file: its links, its permissions, other runs and other
people's edits. Nothing is lost: a file that changed meanwhile is kept, and the result goes beside it."""

from __future__ import annotations

import fcntl
import os
import re
import stat
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.geo.geocode import GeocodeOptions
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.files import WriteError
from dashboard.tourfile.load import load_tour
from dashboard.workflows import TEXT_EXPORTS, export_text, geocode_file, open_tour, open_upload
from tests.conftest import tour_text
from tests.support import reliability

OFFLINE = GeocodeOptions(offline=True)
TOUR = tour_text("lima-tacna.yaml")  # Lima and Tacna not yet geocoded


@pytest.fixture
def tour_file(tmp_path: Path) -> Path:
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR, encoding="utf-8")
    return path


def test_a_link_is_written_through_to_its_target(tour_file: Path, tmp_path: Path):
    link = tmp_path / "link.yaml"
    link.symlink_to(tour_file)

    assert geocode_file(link, OFFLINE).written

    assert link.is_symlink() and os.readlink(link) == str(tour_file)
    assert load_tour(tour_file).place("lima").latitude is not None  # the target holds the result
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "tour.yaml"]


def test_a_read_only_file_is_refused_before_any_work(tour_file: Path):
    tour_file.chmod(0o444)
    before = tour_file.read_bytes()
    try:
        with pytest.raises(WriteError, match=r"read-only \(mode 0444\)"):
            geocode_file(tour_file, OFFLINE)
        assert tour_file.read_bytes() == before
        assert stat.S_IMODE(tour_file.stat().st_mode) == 0o444
    finally:
        tour_file.chmod(0o644)


def test_an_edit_made_while_geocode_runs_is_kept_and_the_result_goes_beside_it(tour_file: Path):
    def someone_saves_the_file(done: int, total: int, pid: str) -> None:
        if done == 1:  # while the places are looked up, an editor saves a new title
            tour_file.write_text(TOUR.replace("Not yet geocoded", "Edited meanwhile"), encoding="utf-8")

    with pytest.raises(WriteError, match="changed while geocode ran") as caught:
        geocode_file(tour_file, OFFLINE, progress=someone_saves_the_file)

    assert load_tour(tour_file).title.en == "Edited meanwhile"  # the edit is not overwritten
    beside = tour_file.with_name("tour.geocoded.yaml")
    assert beside.name in str(caught.value)
    assert load_tour(beside).place("lima").latitude is not None  # nor is the work lost
    reliability.record("concurrent edits", "file saved by someone else during a run", "refused, both kept")


def test_a_second_run_on_the_same_file_is_refused_at_once(tour_file: Path):
    with tour_file.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a first run holds the file
        with pytest.raises(WriteError, match="another run is editing it now"):
            geocode_file(tour_file, OFFLINE)
    assert geocode_file(tour_file, OFFLINE).written  # once it is free, the next run works
    reliability.record("concurrent edits", "a second run while one holds the file", "refused at once")


def test_a_dry_run_needs_no_write_permission(tour_file: Path):
    tour_file.chmod(0o444)
    try:
        report = geocode_file(tour_file, GeocodeOptions(offline=True, dry_run=True))
        assert set(report.added) == {"lima", "tacna"} and not report.written
    finally:
        tour_file.chmod(0o644)


@pytest.mark.parametrize(
    ("output", "said"),
    [
        ("/dev/null", "it is a device, not a regular file"),
        ("fifo", "it is a FIFO (a pipe), not a regular file"),
        ("tour.yaml", "it is the tour file being read"),
        ("link.yaml", "it is the tour file being read"),
    ],
)
def test_export_refuses_an_output_that_is_no_file_or_is_its_input(
    tour_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, said: str
):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link.yaml").symlink_to(tour_file)
    before = tour_file.read_bytes()
    target = output if output.startswith("/") else str(tmp_path / output)

    code = cli.main(["export", "geojson", "--tour", str(tour_file), "-o", target])

    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and said in err and "Traceback" not in err
    assert tour_file.read_bytes() == before


# --- one way to open and export a tour, for the app and the command line ----------------------------

NOWHERE = TOUR.replace("{id: tacna, name: Tacna", "{id: atlantis, name: Atlantis")


def test_opening_a_tour_places_what_lacks_coordinates_and_says_what_it_could_not(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_text(NOWHERE, encoding="utf-8")
    opened = open_tour(path)
    lima = next(p for p in opened.tour.places if p.id == "lima")
    assert lima.has_coordinates and round(lima.latitude or 0) == -12
    assert opened.report is not None
    assert list(opened.report.added) == ["lima"] and list(opened.report.unresolved) == ["atlantis"]


def test_an_upload_opens_as_the_same_file_would(tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_text(TOUR, encoding="utf-8")
    assert open_upload("t.yaml", TOUR.encode()).tour == open_tour(path).tour
    with pytest.raises(TourError, match="not UTF-8"):
        open_upload("t.yaml", b"\xff\xfe\x00")


def test_export_leaves_out_nothing_in_silence(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "t.yaml"
    path.write_text(NOWHERE, encoding="utf-8")
    assert cli.main(["export", "geojson", "--tour", str(path), "-o", str(tmp_path / "t.geojson")]) == 0
    err = capsys.readouterr().err
    # Each place by the name readers know it by, and the id to look for in the file.
    assert "note: placed from the offline gazetteer: Lima (lima)\n" in err
    assert "note: no coordinates, left out of maps and images: Atlantis (atlantis)\n" in err
    assert '"id": "lima"' in (tmp_path / "t.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize("what", TEXT_EXPORTS)
def test_the_app_and_the_command_line_export_the_same_text(what: str, tmp_path: Path):
    path = tmp_path / "t.yaml"
    path.write_text(TOUR, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["export", what, "--tour", str(path), "-o", str(out)]) == 0

    def same(text: str) -> str:  # folium names each map element with a random id
        return re.sub(r"_[0-9a-f]{32}\b", "_ID", text)

    assert same(out.read_text(encoding="utf-8")) == same(export_text(open_tour(path).tour, what))
