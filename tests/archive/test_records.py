"""The archive as flat records: every <trip> of the XML, read as written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.archive.records import ArchiveError, read_file, records, split_locale


@pytest.fixture(scope="module")
def every_record():
    return records()


def test_every_record_of_the_55_files_is_read(every_record):
    assert len(every_record) == 4271
    assert len({r.slug for r in every_record}) == 55
    assert len({r.record_id for r in every_record}) == 4271


def test_rubio_has_nine_records(every_record):
    rubio = [r for r in every_record if r.slug == "rubio-marco"]
    assert len(rubio) == 9
    first = rubio[0]
    assert (first.record_id, first.start, first.end, first.country_written, first.country, first.locale) == (
        4281,
        dt.date(2025, 2, 1),
        dt.date(2025, 2, 3),
        "Panama",
        "PA",
        "Panama City",
    )
    assert first.remarks == "Met with President José Raúl Mulino."
    assert first.url == "https://history.state.gov/departmenthistory/travels/secretary/rubio-marco"


def test_a_kissinger_record_in_the_ussr_is_in_russia_today(every_record):
    (moscow,) = [r for r in every_record if r.record_id == 977]
    assert moscow.name == "Henry A. (Heinz Alfred) Kissinger" and moscow.role == "secretary"
    assert (moscow.start, moscow.end) == (dt.date(1973, 10, 20), dt.date(1973, 10, 22))
    assert (moscow.country_written, moscow.country, moscow.locale) == ("U.S.S.R.", "RU", "Moscow")


def test_the_remarks_lose_only_the_xmls_line_wrapping(every_record):
    (salvador,) = [r for r in every_record if r.record_id == 4282]
    assert salvador.remarks == "Met with President Nayib Bukele and Foreign Minister Alexandra Hill Tinoco."


@pytest.mark.parametrize(
    ("locale", "places"),
    [
        ("London, Cornwall", ("London", "Cornwall")),
        ("Sydney (Nova Scotia), Campobello Island (New Brunswick)",
         ("Sydney (Nova Scotia)", "Campobello Island (New Brunswick)")),
        ("Mexico, D.F., Puerto Vallarta", ("Mexico, D.F.", "Puerto Vallarta")),
        ("Martinique, West Indies", ("Martinique, West Indies",)),
        ("", ()),
    ],
)  # fmt: skip
def test_a_locale_names_places(locale: str, places: tuple[str, ...]):
    assert split_locale(locale) == places


def _xml(tmp_path: Path, trip: str) -> Path:
    path = tmp_path / "someone.xml"
    path.write_text(f'<trips><trip role="secretary" who="someone">{trip}</trip></trips>', encoding="utf-8")
    return path


GOOD = "<id>1</id><name>Some One</name><start-date>1900-01-01</start-date><end-date>1900-01-02</end-date>"


@pytest.mark.parametrize(
    ("trip", "message"),
    [
        (GOOD.replace("1900-01-02", "1900-13-02") + "<country>France</country>",
         "record 1: <end-date> is not a date YYYY-MM-DD (got '1900-13-02')"),
        (GOOD + "<country>Atlantis</country>", "record 1: unknown country 'Atlantis'"),
        (GOOD.replace("1900-01-02", "1899-12-31") + "<country>France</country>",
         "record 1: ends '1899-12-31', before it starts '1900-01-01'"),
    ],
)  # fmt: skip
def test_a_bad_record_is_one_line_naming_file_record_and_value(tmp_path: Path, trip: str, message: str):
    with pytest.raises(ArchiveError) as caught:
        read_file(_xml(tmp_path, trip))
    assert str(caught.value).startswith(f"{tmp_path / 'someone.xml'}: {message}")
    assert "\n" not in str(caught.value)


def test_a_file_that_is_not_xml_is_refused(tmp_path: Path):
    path = tmp_path / "notes.xml"
    path.write_text("not xml", encoding="utf-8")
    with pytest.raises(ArchiveError, match="cannot read it as travel records"):
        read_file(path)


def test_record_text_a_tour_file_cannot_hold_is_one_line(tmp_path: Path):
    trip = GOOD + "<country>France</country><locale>Paris</locale><remarks>Met \u007f someone.</remarks>"
    with pytest.raises(
        ArchiveError, match=r"record 1: <remarks>: a control character '\\x7f' at character 5"
    ):
        read_file(_xml(tmp_path, trip))
