"""``import csv``: any table of trips, one row per visit, as a tour file per person.

The columns are named by field (``who``, ``country``, ``place``, ``start``, ``end``, ``notes``,
``url``, ``counterparts``): a column whose header is the field's name is taken as it is, another is
mapped with ``--column FIELD=HEADER``. The delimiter is the header line's comma, semicolon or tab.

A file may mix encodings (rows pasted from several sources): each line is read as UTF-8, else as
cp1252 (Windows' Western European), else as latin-1, and the lines not read as UTF-8 are named. A row
that cannot be read is reported with its line number, the reason and the value, and left out; the
other rows are imported. Counterparts are names parted by semicolons; with no such column they are
read from the notes, as the archive's are.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.archive import countries
from dashboard.archive.dates import parse_dates
from dashboard.archive.records import ArchiveError, Record, check_text
from dashboard.archive.tours import Imported, person_tour, slug
from dashboard.tourfile import countries as iso
from dashboard.tourfile.model import FIRST_DAY, LAST_DAY, NAME_MAX, TEXT_MAX, URL_PATTERN, Source

FIELDS = ("who", "country", "place", "start", "end", "notes", "url", "counterparts")
REQUIRED = ("who", "country", "start")
MAX_BYTES = 20_000_000  # a table of trips, not a database dump


@dataclass
class Table:
    """The rows read (as records), the rows refused (a line each) and which encodings were used."""

    rows: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    encodings: str = ""


def decode(raw: bytes) -> tuple[list[str], dict[int, str]]:
    """The file's lines, each read as UTF-8 or else cp1252 or latin-1; and which line needed which."""
    lines, other = [], {}
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        for encoding in ("utf-8", "cp1252", "latin-1"):  # latin-1 reads any byte: the last resort
            try:
                lines.append(line.decode(encoding) + "\n")
                break
            except UnicodeDecodeError:
                continue
        if encoding != "utf-8":
            other[number] = encoding
    return lines, other


def said_encodings(name: str, other: dict[int, str]) -> str:
    """In words, which encoding the lines were read in."""
    if not other:
        return f"{name}: read as UTF-8"
    by: dict[str, list[str]] = {}
    for number, encoding in other.items():
        by.setdefault(encoding, []).append(str(number))
    parts = "; ".join(f"line{'s' * (len(n) > 1)} {', '.join(n)} as {e}" for e, n in by.items())
    return f"{name}: read as UTF-8, but for {parts} (not UTF-8)"


def read_table(path: Path, columns: dict[str, str], dayfirst: bool = False) -> Table:
    """The rows of the table at ``path``; raises ArchiveError when the file or its header is unusable."""
    raw = _read(path)
    lines, other = decode(raw)
    reader = csv.reader(lines, delimiter=_delimiter(lines[0]))
    header = next(reader, [])
    where = _columns(path, header, columns)
    table = Table(encodings=said_encodings(path.name, other))
    for number, cells in _rows(reader):
        try:
            if isinstance(cells, csv.Error):
                raise ValueError(f"not a table row: {cells}")
            table.rows.append(_record(path, number, len(header), cells, where, dayfirst))
        except ValueError as exc:
            table.problems.append(f"{path.name}: line {number}: {exc}")
    return table


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ArchiveError(f"{path}: the file is larger than {MAX_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise ArchiveError(f"{path}: the file is empty; expected a table with a header line")
    return raw


def _delimiter(header: str) -> str:
    return max((",", ";", "\t"), key=header.count)


def _columns(path: Path, header: list[str], columns: dict[str, str]) -> dict[str, int]:
    """The column of each field: as ``columns`` maps it, else the one the field names."""
    at = {name.strip().casefold(): i for i, name in enumerate(header)}
    where = {}
    for name in FIELDS:
        wanted = columns.get(name, name)
        if wanted.strip().casefold() in at:
            where[name] = at[wanted.strip().casefold()]
        elif name in columns or name in REQUIRED:
            shown = ", ".join(repr(h) for h in header)
            how = f"no column {wanted!r}" if name in columns else f"no column for {name!r}"
            raise ArchiveError(f"{path}: {how}; the header has {shown} (map one: --column {name}=HEADER)")
    return where


def _rows(reader: Any) -> Iterator[tuple[int, list[str] | csv.Error]]:
    """(line where the row starts, its cells or why they cannot be read) of each row not blank."""
    last = 1
    while True:
        try:
            cells: list[str] | csv.Error = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a NUL byte, a field over the size limit: the row, not the file
            cells = exc
        first, last = last + 1, reader.line_num
        if isinstance(cells, csv.Error) or any(c.strip() for c in cells):
            yield first, cells


def _record(
    path: Path, number: int, width: int, cells: list[str], where: dict[str, int], dayfirst: bool
) -> Record:
    """One row as a record, or ValueError saying what is wrong with it."""
    if len(cells) > width:
        raise ValueError(f"{len(cells)} cells, but the header has {width} (an unquoted delimiter?)")
    got = {name: cells[i].strip() if i < len(cells) else "" for name, i in where.items()}
    for name, text in got.items():
        check_text(text, name, {"notes": TEXT_MAX, "counterparts": TEXT_MAX, "url": 2000}.get(name, NAME_MAX))
    who, written, place = got["who"], got["country"], got.get("place", "")
    if not who:
        raise ValueError("no one named: the 'who' column is empty")
    code = _country(written)
    start, end = _dates(got["start"], got.get("end", ""), dayfirst)
    url = _url(got.get("url", ""))
    met = (
        tuple(n.strip() for n in got["counterparts"].split(";") if n.strip())
        if "counterparts" in got
        else None
    )
    return Record(
        slug(who), who, "", number, start, end, written, code, place or written, got.get("notes", ""), url,
        (place or written,), (code,), file=str(path), met=met,
    )  # fmt: skip


def _country(written: str) -> str:
    if not written:
        raise ValueError("no country given")
    code = written.upper() if iso.is_assigned(written.upper()) else countries.from_any_name(written)
    if code is None or not iso.is_assigned(code):
        raise ValueError(f"unknown country: give an ISO code (such as 'FR') or its name (got {written!r})")
    return code


def _dates(start: str, end: str, dayfirst: bool) -> tuple[dt.date, dt.date]:
    """The row's first and last day: its start (a day or a range), and its end where it gives one."""
    try:
        first, last = parse_dates(start, dayfirst)
    except ValueError as exc:
        raise ValueError(f"start: {exc} (got {start!r})") from None
    try:
        if end:
            begins, ends = parse_dates(end, dayfirst)
            last = ends or begins
    except ValueError as exc:
        raise ValueError(f"end: {exc} (got {end!r})") from None
    last = last or first
    for day in (first, last):
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(
                f"{day.isoformat()} is outside {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}"
            )
    if last < first:
        raise ValueError(f"ends {last.isoformat()!r}, before it starts {first.isoformat()!r}")
    return first, last


def _url(text: str) -> str:
    if text and not re.fullmatch(URL_PATTERN, text):
        raise ValueError(f"not a web address (http:// or https://) (got {text!r})")
    return text


def row_source(row: Record) -> Source:
    """The row as the source its visit cites: the table's file and line, and the row's url."""
    name = Path(row.file).name
    return Source(id=f"line-{row.record_id}", title=f"{name}, line {row.record_id}", file=name,
                  url=row.url or None, language="en")  # fmt: skip


def import_table(path: Path, columns: dict[str, str], dayfirst: bool = False) -> tuple[list[Imported], Table]:
    """A tour per person named in the ``who`` column (in the order first named), and the table read."""
    table = read_table(path, columns, dayfirst)
    by_person: dict[str, list[Record]] = {}
    for row in table.rows:
        by_person.setdefault(row.name, []).append(row)
    done, ids = [], set[str]()
    for rows in by_person.values():
        tour = person_tour(rows, row_source, origin=False)
        if tour.tour.id in ids:  # two spellings of one slug ("José", "Jose"): kept apart
            tour.tour = tour.tour.model_copy(update={"id": f"{tour.tour.id[:60]}-{len(ids)}"})
        ids.add(tour.tour.id)
        done.append(tour)
    return done, table
