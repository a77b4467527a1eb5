"""`import oh-travels`: a tour file per person, every visit cited, every file valid."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from dashboard.archive import library, oh_travels, output
from dashboard.archive.records import ARCHIVE_DIR, records
from dashboard.cli import main
from dashboard.tourfile.load import load_tour, tour_from_data
from dashboard.workflows import import_oh_travels

RUBIO = ARCHIVE_DIR / "secretary-travels" / "rubio-marco.xml"
KISSINGER = ARCHIVE_DIR / "secretary-travels" / "kissinger-henry-a.xml"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    """The whole bundled archive imported once: the folder, the summary and the notes."""
    folder = tmp_path_factory.mktemp("tours")
    report = import_oh_travels([ARCHIVE_DIR], folder)
    return folder, report.done, report.notes


def test_the_whole_archive_is_a_file_per_person(archive):
    folder, done, notes = archive
    assert len(list(folder.glob("*.yaml"))) == 55
    assert done.splitlines()[-1].startswith("55 tour files from 4,271 records: 4,957 visits")
    assert done.splitlines()[-1].endswith("3 unlocated")
    assert len(notes) == 3 and all("not located" in n for n in notes)
    assert any("'South Pole' (AQ)" in n and "kerry-john-forbes.yaml" in n for n in notes)


def test_every_file_reads_back_as_the_data_validated(archive):
    folder, _, _ = archive
    for path in folder.glob("*.yaml"):
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
        assert tour_from_data(data, path.name).id == path.stem


@pytest.mark.parametrize("slug", ["rubio-marco", "seward-william-henry", "kerry-john-forbes"])
def test_files_load_as_any_tour_file_does(archive, slug: str, capsys: pytest.CaptureFixture[str]):
    folder, _, _ = archive
    assert main(["validate", str(folder / f"{slug}.yaml")]) == 0
    assert "valid." in capsys.readouterr().out


def test_the_librarys_tour_is_the_file_the_command_writes(archive):
    folder, _, _ = archive
    assert library.person_tour("seward-william-henry") == load_tour(folder / "seward-william-henry.yaml")


def _tour(path: Path):
    (done,) = oh_travels.import_files([path])
    return done.tour


def test_rubios_nine_records_are_ten_visits_on_three_trips():
    tour = _tour(RUBIO)
    assert len(tour.sources) == 9 and len(tour.visits) == 9
    assert Counter(tour.place(v.place).country for v in tour.visits) == Counter(
        {"PA": 1, "SV": 1, "CR": 1, "GT": 1, "DO": 1, "DE": 1, "IL": 1, "SA": 1, "AE": 1}
    )
    assert [v.trip for v in tour.ordered_visits()] == [1, 1, 1, 1, 1, 2, 2, 2, 2]
    origin = tour.places[0]
    assert (origin.id, origin.role, origin.country) == ("washington", "origin", "US")


def test_a_visit_keeps_its_records_dates_remarks_people_and_source():
    tour = _tour(RUBIO)
    salvador = next(v for v in tour.visits if v.sources == ["r4282"])
    (date,) = salvador.dates
    assert (date.start.isoformat(), date.end and date.end.isoformat()) == ("2025-02-03", "2025-02-04")
    assert salvador.summary and salvador.summary.en == (
        "Met with President Nayib Bukele and Foreign Minister Alexandra Hill Tinoco."
    )
    assert [(p.office and p.office.en, p.name) for p in salvador.counterparts] == [
        ("President", "Nayib Bukele"), ("Foreign Minister", "Alexandra Hill Tinoco")
    ]  # fmt: skip
    source = tour.source("r4282")
    assert source.url == "https://history.state.gov/departmenthistory/travels/secretary/rubio-marco"
    assert source.published and source.published.isoformat() == "2025-02-26"  # created; never modified
    assert source.note and "last modified not recorded" in source.note.en


def test_kissingers_visits_per_country_are_his_records_places():
    tour = _tour(KISSINGER)
    mine = [r for r in records() if r.slug == "kissinger-henry-a"]
    assert Counter(tour.place(v.place).country for v in tour.visits) == Counter(
        c for r in mine for c in r.countries
    )
    moscow = next(v for v in tour.visits if v.sources == ["r977"])
    assert tour.place(moscow.place).name == "Moscow" and tour.place(moscow.place).country == "RU"
    assert (moscow.dates[0].start.isoformat(), moscow.dates[0].end.isoformat()) == (
        "1973-10-20",
        "1973-10-22",
    )


def test_a_place_that_is_no_city_says_where_it_stands():
    tour = _tour(ARCHIVE_DIR / "president-travels" / "bush-george-w.xml")
    bondsteel = next(p for p in tour.places if p.name == "Camp Bondsteel")
    assert bondsteel.country == "XK" and bondsteel.has_coordinates
    assert bondsteel.description and bondsteel.description.en.startswith("Placed at Pristina, the capital")


def test_the_cli_writes_a_file_per_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["import", "oh-travels", str(RUBIO), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "rubio-marco.yaml: 9 records, 9 visits on 2 trips" in out
    assert load_tour(tmp_path / "out" / "rubio-marco.yaml").subject == "Marco Rubio"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<trips><trip who='x'><id>1</id><start-date>soon</start-date></trip></trips>",
         "bad.xml: record 1: <start-date> is not a date YYYY-MM-DD (got 'soon')"),
        ("<html/>", "bad.xml: expected <trips> travel records (got <html>)"),
    ],
)  # fmt: skip
def test_a_bad_file_is_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
):
    bad = tmp_path / "bad.xml"
    bad.write_text(text, encoding="utf-8")
    assert main(["import", "oh-travels", str(RUBIO), str(bad), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.strip().endswith(message) and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_output_text_reads_back_for_awkward_strings():
    for text in [
        "yes",
        "a: b",
        "#x",
        "- x",
        "O'Neil",
        "2025-01-01",
        "12",
        "x ",
        "é",
        "a\tb",
        'q"uote',
        "\ufffe",
    ]:
        assert yaml.safe_load(f"k: {output.scalar(text)}") == {"k": text}
