"""The travel records as flat rows: one :class:`Record` per ``<trip>`` element, for every person.

Parsed with ``xml.etree`` and no gazetteer, so the whole archive (4,271 records, 55 files) reads in
a fraction of a second: the library's people and the Atlas's cross-person queries build on this.
Text is kept as the records write it, with the XML's line wrapping folded into single spaces.
A record that cannot be read raises :class:`ArchiveError`, one line naming the file, the record
and the value.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from dashboard.archive import countries
from dashboard.tourfile.model import CONTROLS, NAME_MAX, TEXT_MAX

PAGE = "https://history.state.gov/departmenthistory/travels/{role}/{slug}"
FOLDERS = ("president-travels", "secretary-travels")
ARCHIVE_DIR = Path(__file__).resolve().parents[2] / "data" / "oh-travels"  # the bundled copy
# Commas outside parentheses part a locale's places: "Sydney (Nova Scotia), Campobello Island"; but
# these parts qualify the place before them ("Mexico, D.F.", "Martinique, West Indies").
_PARTS = re.compile(r",\s*(?![^()]*\))")
QUALIFIERS = {"D.F.", "West Indies"}


class ArchiveError(ValueError):
    """A travel record or file that cannot be read; the message names the file, record and value."""


@dataclass(frozen=True)
class Record:
    """One record: one person's stay in one country on one journey, as the Office of the Historian
    wrote it. ``country`` is today's ISO code of the locale's first place; ``places`` are the
    locale's places as written and ``countries`` today's country of each."""

    slug: str
    name: str
    role: str
    record_id: int
    start: dt.date
    end: dt.date
    country_written: str
    country: str
    locale: str
    remarks: str
    url: str
    places: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    modified: dt.date | None = None  # the record's last-modified date (None where it gives none)
    created: dt.date | None = None
    file: str = ""
    met: tuple[str, ...] | None = None  # names of the people met, where a table gives them (else read)


def check_text(value: str, what: str, limit: int = NAME_MAX) -> str:
    """``value`` if a tour file can hold it, else ValueError saying why: a record's text would otherwise
    fail the whole tour's validation, far from the record it came from."""
    if found := CONTROLS.search(value):
        at = found.start() + 1
        raise ValueError(f"{what}: a control character {found.group()!r} at character {at} (got {value!r})")
    if len(value) > limit:
        raise ValueError(f"{what}: {len(value):,} characters, more than the {limit:,} a tour file holds")
    return value


def split_locale(locale: str) -> tuple[str, ...]:
    """The places a locale names, as written: "London, Cornwall" -> ("London", "Cornwall")."""
    found: list[str] = []
    for part in (p.strip() for p in _PARTS.split(locale)):
        if part in QUALIFIERS and found:
            found[-1] += f", {part}"
        elif part:
            found.append(part)
    return tuple(found)


def archive_files(source: Path) -> list[Path]:
    """The archive's XML files, presidents then secretaries, by name."""
    return [path for folder in FOLDERS for path in sorted((Path(source) / folder).glob("*.xml"))]


def records(source: Path = ARCHIVE_DIR) -> list[Record]:
    """Every record of the archive in ``source`` (default: the bundled copy), in file order."""
    return [r for path in archive_files(source) for r in read_file(path)]


def read_file(path: Path) -> list[Record]:
    """The records of one XML file (``<trips><trip>...``); raises ArchiveError."""
    try:
        root = ET.parse(path).getroot()  # noqa: S314 - the bundled public archive or the user's own file
    except (OSError, ET.ParseError) as exc:
        raise ArchiveError(f"{path}: cannot read it as travel records: {exc}") from None
    if root.tag != "trips":
        raise ArchiveError(f"{path}: expected <trips> travel records (got <{root.tag}>)")
    return [_record(trip, path) for trip in root.iter("trip")]


def _fields(trip: ET.Element) -> dict[str, str]:
    """A record's fields by tag, the XML's line wrapping folded into single spaces."""
    return {child.tag: " ".join((child.text or "").split()) for child in trip}


def _day(fields: dict[str, str], tag: str, where: str, required: bool = True) -> dt.date | None:
    value = fields.get(tag, "")
    if not value and not required:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise ArchiveError(f"{where}: <{tag}> is not a date YYYY-MM-DD (got {value!r})") from None


def _record(trip: ET.Element, path: Path) -> Record:
    fields = _fields(trip)
    rid, slug, role = fields.get("id", ""), trip.get("who") or "", trip.get("role") or fields.get("role", "")
    where = f"{path}: record {rid or '?'}"
    start, end = _day(fields, "start-date", where), _day(fields, "end-date", where)
    assert start is not None and end is not None  # required dates raise rather than return None
    if end < start:
        raise ArchiveError(f"{where}: ends {end.isoformat()!r}, before it starts {start.isoformat()!r}")
    written, locale = fields.get("country", ""), fields.get("locale", "")
    places = split_locale(locale) or (written,)
    _check(where, fields, places)
    codes = tuple(countries.place_code(written, bare(place)) for place in places)
    if not rid.isdigit() or not slug or any(c is None for c in codes):
        raise ArchiveError(_broken(where, rid, slug, written))
    modified = _day(fields, "last-modified-datetime", where, False)
    created = _day(fields, "created-datetime", where, False)
    return Record(
        slug, fields.get("name", ""), role, int(rid), start, end, written, str(codes[0]), locale,
        fields.get("remarks", ""), PAGE.format(role=role, slug=slug), places, tuple(map(str, codes)),
        modified, created, str(path),
    )  # fmt: skip


def _check(where: str, fields: dict[str, str], places: tuple[str, ...]) -> None:
    try:
        check_text(fields.get("name", ""), "<name>")
        check_text(fields.get("remarks", ""), "<remarks>", TEXT_MAX)
        for place in places:
            check_text(place, "<locale>")
    except ValueError as exc:
        raise ArchiveError(f"{where}: {exc}") from None


def bare(place: str) -> str:
    """A place without its qualifier: "Halifax (Nova Scotia)" -> "Halifax", "Mexico, D.F." -> "Mexico"."""
    return re.split(r"[(,]", place)[0].strip() or place


def _broken(where: str, rid: str, slug: str, written: str) -> str:
    if not rid.isdigit():
        return f"{where}: <id> is not a whole number (got {rid!r})"
    if not slug:
        return f"{where}: <trip> has no who= attribute naming the person"
    return f"{where}: unknown country {written!r}; add it to dashboard/archive/countries.py"
