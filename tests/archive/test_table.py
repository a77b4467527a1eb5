"""`import csv`: any table of trips, a tour per person, and every row that cannot be read reported with
its line and why. The tables are built here, bytes and all (mixed encodings included)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from dashboard.archive.output import tour_text
from dashboard.archive.records import ArchiveError
from dashboard.archive.table import decode, import_table, read_table
from dashboard.cli import main
from dashboard.tourfile.load import load_text, load_tour
from tests.support.hostile import PAYLOADS

MAPPED = {
    "who": "Traveller",
    "place": "City",
    "start": "From",
    "end": "To",
    "url": "Link",
    "counterparts": "Met",
}
LINES = [
    b"Traveller,Country,City,From,To,Notes,Link,Met",
    "Ana Díaz,Peru,Lima,2001-04-20,2001-04-22,Met the president.,https://example.org/a,A. Toledo".encode(),
    'Ana Díaz,CL,Santiago,"April 24–25, 2001",,,,Ricardo Lagos; Soledad Alvear'.encode(),
    "Ana Díaz,France,Paris,30.4.2001,,,,".encode(),  # day first, without --dayfirst
    b"Bob Roe,Atlantis,Poseidonia,2001-05-01,,,,",  # no such country
    b",Peru,Cusco,2001-05-02,,,,",  # no one
    "José Núñez,España,Madrid,2001-06-01,,Café con el rey,,".encode("cp1252"),  # Windows' encoding
    "José Núñez,Spain,Sevilla,soon,,,,".encode("cp1252"),
    b"Bob Roe,U.S.S.R.,Moscow,1866-05-01,,,,",
    b"",
    b"Bob Roe,RU,Moscow,2001-05-05,,,ftp://example.org,",  # not a web address
    b"Bob Roe,RU,Moscow,2001-05-05,,,,,extra",  # one cell too many
]


@pytest.fixture
def trips(tmp_path: Path) -> Path:
    path = tmp_path / "trips.csv"
    path.write_bytes(b"\n".join(LINES) + b"\n")
    return path


def test_every_row_is_imported_or_reported_with_its_line(trips: Path):
    table = read_table(trips, MAPPED)
    assert [r.record_id for r in table.rows] == [2, 3, 7, 9]
    assert [p.split(": ", 2)[1] for p in table.problems] == [f"line {n}" for n in (4, 5, 6, 8, 11, 12)]
    said = "\n".join(table.problems)
    assert "trips.csv: line 4: start: no such day" in said and "give --dayfirst (got '30.4.2001')" in said
    assert (
        "trips.csv: line 5: unknown country: give an ISO code (such as 'FR') or its name (got 'Atlantis')"
        in said
    )
    assert "trips.csv: line 6: no one named: the 'who' column is empty" in said
    assert "trips.csv: line 8: start: not a date this importer reads" in said and "(got 'soon')" in said
    assert "trips.csv: line 11: not a web address (http:// or https://) (got 'ftp://example.org')" in said
    assert "trips.csv: line 12: 9 cells, but the header has 8" in said


def test_mixed_encodings_are_read_and_said(trips: Path):
    table = read_table(trips, MAPPED)
    assert table.encodings == "trips.csv: read as UTF-8, but for lines 7, 8 as cp1252 (not UTF-8)"
    (madrid,) = [r for r in table.rows if r.record_id == 7]
    assert (madrid.name, madrid.country, madrid.remarks) == ("José Núñez", "ES", "Café con el rey")


def test_a_line_neither_utf8_nor_cp1252_is_read_as_latin1():
    lines, other = decode(b"a,b\n\x81\xe9,c\n")
    assert lines[1] == "\x81é,c\n" and other == {2: "latin-1"}


def test_a_row_is_a_visit_with_its_dates_people_and_source(trips: Path):
    tours = {t.tour.subject: t.tour for t in import_table(trips, MAPPED)[0]}
    assert sorted(tours) == ["Ana Díaz", "Bob Roe", "José Núñez"]
    ana = tours["Ana Díaz"]
    lima, santiago = ana.ordered_visits()
    assert (lima.dates[0].start.isoformat(), lima.dates[0].end.isoformat()) == ("2001-04-20", "2001-04-22")
    assert (santiago.dates[0].start.isoformat(), santiago.dates[0].end.isoformat()) == (
        "2001-04-24",
        "2001-04-25",
    )
    assert [p.name for p in santiago.counterparts] == ["Ricardo Lagos", "Soledad Alvear"]
    assert lima.summary and lima.summary.en == "Met the president."
    source = ana.source(lima.sources[0])
    assert (source.title, source.url, source.file) == (
        "trips.csv, line 2",
        "https://example.org/a",
        "trips.csv",
    )
    assert not any(p.role == "origin" for p in ana.places)  # a table says nothing of where trips start
    bob = tours["Bob Roe"]
    assert bob.ordered_visits()[0].dates[0].start.year == 1866 and bob.places[0].country == "RU"


def test_dayfirst_reads_day_first_dates(trips: Path):
    table = read_table(trips, MAPPED, dayfirst=True)
    (paris,) = [r for r in table.rows if r.record_id == 4]
    assert paris.start.isoformat() == "2001-04-30"


def test_columns_named_as_fields_need_no_mapping(tmp_path: Path):
    path = tmp_path / "plain.csv"
    path.write_text(
        "who;country;start;notes\nAna;PE;2001-04-20;Met with President Toledo.\n", encoding="utf-8"
    )
    (row,) = read_table(path, {}).rows
    assert (row.name, row.country, row.places, row.met) == ("Ana", "PE", ("PE",), None)


@pytest.mark.parametrize(
    ("text", "columns", "message"),
    [
        ("who,country\nAna,PE\n", {}, "no column for 'start'; the header has 'who', 'country'"),
        ("who,country,start\n", {"place": "Town"}, "no column 'Town'; the header has"),
        ("", {}, "the file is empty"),
    ],
)
def test_a_table_that_cannot_be_used_is_one_line(
    tmp_path: Path, text: str, columns: dict[str, str], message: str
):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArchiveError, match=message):
        read_table(path, columns)


def test_the_cli_writes_the_good_rows_and_lists_the_bad(trips: Path, capsys: pytest.CaptureFixture[str]):
    out = trips.parent / "out"
    mapped = [arg for field, header in MAPPED.items() for arg in ("--column", f"{field}={header}")]
    args = ["import", "csv", str(trips), "-o", str(out), *mapped]
    assert main(args) == 1  # some rows were refused
    said = capsys.readouterr()
    assert "3 tour files from trips.csv: 4 rows read, 6 refused" in said.out
    assert said.err.count("refused: trips.csv: line ") == 6 and "not UTF-8" in said.err
    assert sorted(p.name for p in out.iterdir()) == ["ana-diaz.yaml", "bob-roe.yaml", "jose-nunez.yaml"]
    for path in out.iterdir():
        assert main(["validate", str(path)]) == 0
    assert load_tour(out / "ana-diaz.yaml").subject == "Ana Díaz"


def test_the_cli_refuses_an_unknown_field(trips: Path, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["import", "csv", str(trips), "-o", str(trips.parent), "--column", "whom=Traveller"])
    assert exited.value.code == 2 and "expected FIELD=HEADER" in capsys.readouterr().err


def test_a_table_of_nothing_readable_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "bad.csv"
    path.write_text("who,country,start\nAna,Atlantis,2001-01-01\n", encoding="utf-8")
    assert main(["import", "csv", str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert (
        "bad.csv: no row could be read, so no tour file was written (1 refused; the first: bad.csv: line 2: "
        in err
    )
    assert not (tmp_path / "out").exists()


def test_hostile_text_is_kept_verbatim_as_data(tmp_path: Path):
    """Record and table text is never trusted and never made HTML here: the tour file keeps it as written,
    and every view escapes it when it shows it (tests/test_hostile.py)."""
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["who", "country", "place", "start", "notes", "counterparts"])
        for n, payload in enumerate(PAYLOADS):
            writer.writerow(["Someone", "PE", payload, f"2001-04-{n + 1:02d}", payload, payload])
    ((done,), table) = import_table(path, {})
    assert table.problems == []
    text = tour_text(done.tour, "hostile.yaml")
    tour = load_text(text, "hostile.yaml")
    assert [v.summary.en for v in tour.ordered_visits() if v.summary] == PAYLOADS
    assert [p.name for p in tour.places] == PAYLOADS


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Ana\x1b[2J", "who: a control character '\\x1b' at character 4 (got 'Ana\\x1b[2J')"),
        ("A" * 301, "who: 301 characters, more than the 300 a tour file holds"),
    ],
)
def test_text_a_tour_file_cannot_hold_is_refused_with_its_line(tmp_path: Path, cell: str, message: str):
    path = tmp_path / "t.csv"
    path.write_text(f"who,country,start\n{cell},PE,2001-04-20\nAna,PE,2001-04-21\n", encoding="utf-8")
    table = read_table(path, {})
    assert table.problems == [f"t.csv: line 2: {message}"] and len(table.rows) == 1
