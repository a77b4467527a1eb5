"""Workflows that chain the layers: open a tour, show or export it, work on a file and write it back.

The layers below each do one job (load and validate, geocode, edit text, render, write
atomically); the command line and the app call these workflows rather than chaining the layers
themselves. Both open a tour the same way (:func:`open_tour`, :func:`open_upload`: load, then
place what lacks coordinates from the offline gazetteer) and make the same files
(:func:`export_text`). The importers write a tour file per person (:func:`import_oh_travels`).
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dashboard.archive import oh_travels, table
from dashboard.archive.output import tour_text
from dashboard.archive.records import ArchiveError
from dashboard.archive.tours import Imported
from dashboard.geo.geocode import GeocodeOptions, GeocodeReport, Progress, geocode_tour, missing, resolve
from dashboard.ingest.articles import Article, ArticleError, LanguageError, read
from dashboard.ingest.draft import draft_text, propose
from dashboard.ingest.fetching import FetchOptions, fetch
from dashboard.ingest.mend import web_address
from dashboard.render import exports
from dashboard.render.images import png, pngs
from dashboard.render.pack import pack_zip
from dashboard.render.story import story_html
from dashboard.tourfile.edit import add_coordinates, set_format_version
from dashboard.tourfile.errors import TourError, problem
from dashboard.tourfile.files import (
    WriteError,
    check_editable,
    check_writable,
    edit_lock,
    same_file,
    unwritable_reason,
    write_atomic,
)
from dashboard.tourfile.load import load_text, load_tour, parse_text, read_text
from dashboard.tourfile.model import FORMAT_VERSION, Tour
from dashboard.views.drafts import draft_count

TEXT_EXPORTS = ("geojson", "proposals", "claims", "sources", "html", "story")
ARCHIVE_HEADER = (
    "# Imported by `python -m dashboard import oh-travels` from the Office of the Historian's\n"
    "# travel records (public domain; data/oh-travels/README.md). Dates and notes are the records' own.\n"
)


@dataclass(frozen=True)
class OpenedTour:
    """A tour ready to show or export: every place the offline gazetteer could locate is located,
    and ``report`` says which places it located and which it could not (None: nothing was missing)."""

    tour: Tour
    report: GeocodeReport | None = None


def located(tour: Tour) -> OpenedTour:
    """``tour`` with the coordinates it lacks from the offline gazetteer: never the network."""
    if all(p.has_coordinates for p in tour.places):
        return OpenedTour(tour)
    return OpenedTour(*geocode_tour(tour))


def open_tour(path: str | Path | None = None) -> OpenedTour:
    """A tour file (the embedded tour by default), loaded and located; raises TourError."""
    return located(load_tour(path))


def open_upload(name: str, data: bytes) -> OpenedTour:
    """An uploaded tour file's bytes, loaded (``.json`` as JSON, else YAML) and located."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TourError(name, [problem("", f"not UTF-8 text (byte {exc.start})")]) from None
    return located(load_text(text, name, "json" if name.lower().endswith(".json") else None))


def export_text(tour: Tour, what: str, lang: str = "en") -> str:
    """One text export of ``tour`` (``what``: one of TEXT_EXPORTS); the app's downloads and
    ``export`` on the command line both make their files here."""
    writers: dict[str, Callable[[Tour], str]] = {
        "geojson": exports.geojson_text,
        "proposals": exports.proposals_csv,
        "claims": exports.claims_csv,
        "sources": exports.sources_csv,
        "html": lambda shown: exports.map_html(shown, lang=lang),
        "story": lambda shown: story_html(shown, lang),
    }
    return writers[what](tour)


def export_bytes(
    tour: Tour,
    what: str,
    lang: str = "en",
    *,
    view: str = "map",
    tour_file: tuple[str, bytes] = ("tour.yaml", b""),
    images: bool = True,
    drawn: dict[str, bytes] | None = None,
) -> bytes:
    """One binary export: a PNG of ``view`` (``what="png"``), or the evidence pack, which carries
    ``tour_file`` (its name and bytes) and the images (``drawn`` already, else drawn if ``images``)."""
    if what == "png":
        return png(tour, view, lang)
    name, data = tour_file
    return pack_zip(tour, name, data, lang, images, drawn)


def export_images(tour: Tour, views: Sequence[str], lang: str = "en") -> dict[str, bytes]:
    """The images of ``views`` for print, all drawn within one deadline (``images.ALL_IMAGES``)."""
    return pngs(tour, views, lang)


def geocode_file(path: Path, options: GeocodeOptions, progress: Progress | None = None) -> GeocodeReport:
    """Geocode a tour file in place, atomically, changing only the coordinates it adds.

    A file that cannot be edited (read-only, a device) is refused before any request; a link is
    edited through to its target. The file is locked for the run, and if it changed all the
    same (an editor saved it meanwhile), it is left as it is and the result goes beside it.
    """
    if not options.dry_run:
        check_editable(path)
    with contextlib.nullcontext() if options.dry_run else edit_lock(path):
        raw = path.resolve().read_bytes() if path.exists() else b""
        text = read_text(path)
        tour = load_text(text, str(path), "json" if path.suffix.lower() == ".json" else None)
        report = resolve(missing(tour), options, progress)
        report.file = str(path)
        if report.added and not options.dry_run:
            new_text = _as_on_disk(path, add_coordinates(text, report.added))
            _check_edit(path, new_text)
            _replace_unless_changed(path, raw, new_text)
            report.written = True
    return report


def upgrade_file(path: Path) -> str:
    """Move a tour file to the current format version, changing that one line; what was done, in words.

    Version 2 only adds to version 1, so the upgrade is the version number itself: the file must
    load as version 2 (and is checked to) before it is written.
    """
    check_editable(path)
    with edit_lock(path):
        raw = path.resolve().read_bytes()
        text = read_text(path)
        found = _declared_version(text, path)
        if found == FORMAT_VERSION:
            return f"{path} is already in format version {FORMAT_VERSION}; nothing to do"
        new_text = _as_on_disk(path, set_format_version(text, FORMAT_VERSION))
        load_text(new_text.removeprefix("\ufeff"), str(path), _format(path))  # the upgraded file must load
        _replace_unless_changed(path, raw, new_text)
    return f"upgraded {path} from format version {found} to {FORMAT_VERSION}"


def _format(path: Path) -> str | None:
    return "json" if path.suffix.lower() == ".json" else None


def _declared_version(text: str, path: Path) -> int:
    """The version a file says it is in (1 when it says none: the first version had no field)."""
    data = parse_text(text, str(path), _format(path))
    version = data.get("format_version", 1) if isinstance(data, dict) else 1
    return version if isinstance(version, int) else 1


def _check_edit(path: Path, new_text: str) -> None:
    """Never write a file that does not load: an edit that broke the file's layout is our bug."""
    try:
        load_text(new_text.removeprefix("\ufeff"), str(path))
    except TourError:
        raise WriteError(
            path,
            "adding the coordinates would break this file's layout, so it is left unchanged "
            "(please report it)",
        ) from None


def _replace_unless_changed(path: Path, read: bytes, new_text: str) -> None:
    """Replace ``path`` with ``new_text`` if it still holds ``read``; else keep both versions."""
    if path.resolve().read_bytes() == read:
        write_atomic(path, new_text)
        return
    beside = path.with_name(f"{path.stem}.geocoded{path.suffix}")
    write_atomic(beside, new_text)
    raise WriteError(
        path,
        f"it changed while geocode ran (saved elsewhere meanwhile), so it is left as it is; the coordinates "
        f"found are in {beside.name}: merge them, or run geocode again (Nominatim's answers are cached)",
    )


def _as_on_disk(path: Path, text: str) -> str:
    """``text`` with the file's own CRLF line ends and byte order mark, which reading it dropped."""
    with path.open("rb") as handle:
        first = handle.readline()
    if first.endswith(b"\r\n"):
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if first.startswith(codecs.BOM_UTF8) else text


def _address(url: str) -> str:
    """A web address to fetch, spaces and ``<>"`` in its path percent-encoded (what a browser sends);
    another scheme is left for :func:`fetch` to refuse ("only http(s)")."""
    if not url.lower().startswith(("http://", "https://")):
        return url
    address = web_address(url)
    if address is None:
        raise ArticleError(f"{url!r}: not a web address that can be fetched (http:// or https://, a host)")
    return address


def ingest_files(
    sources: list[str],
    output: Path,
    tour_path: Path | None = None,
    *,
    allow_private: bool = False,
    **given: object,
) -> tuple[int, str]:
    """Read each article (a file, or an http(s) URL fetched now), propose a draft and write it to
    ``output`` (atomically; never over the tour it extends, nor over an article). Returns the number
    of proposals and a summary: a ``note:`` line per article already read (one of the tour's sources,
    or one given twice) and per thing left out of a source (:mod:`ingest.mend`), then one line; a
    ``warning:`` line per article skipped for its language. ``allow_private``: fetch from loopback and
    private addresses too. ``given``: metadata for text files (url, title, outlet, published, language)."""
    if tour_path is not None and same_file(output, tour_path):
        raise WriteError(output, "is the tour being extended: write the draft to another file")
    files = tuple(Path(s) for s in sources if not _is_url(s))
    check_writable(output, inputs=files, what="one of the articles")  # before any is read or fetched
    tour = load_tour(tour_path) if tour_path is not None else None
    articles, skipped = _readable(sources, given, FetchOptions(allow_private=allow_private))
    ingested = propose(articles, tour)
    write_atomic(output, draft_text(ingested.tour, str(output)))
    count = draft_count(ingested.tour)  # the number the app's "Show N proposals" switch gives
    notes = "".join(
        f"{line}\n" for line in [*(k.note() for k in ingested.known), *(n.note() for n in ingested.left_out)]
    )
    warnings = "".join(f"warning: {line}\n" for line in skipped)
    done = f"{output}: {count} proposals from {len(articles)} articles, each marked as a draft"
    return count, f"{warnings}{notes}{done}"


def _readable(
    sources: list[str], given: dict[str, object], options: FetchOptions
) -> tuple[list[Article], list[str]]:
    """The articles ingest can read, and a line per one skipped for its language (the batch goes
    on without it); any other unreadable article stops the batch with its one-line reason."""
    articles, skipped = [], []
    for source in sources:
        try:
            web = _is_url(source)
            articles.append(fetch(_address(source), options) if web else read(Path(source), **given))
        except LanguageError as exc:
            skipped.append(f"{exc}: skipped")
    if not articles:
        raise ArticleError("no article in a language ingest reads: " + "; ".join(skipped))
    return articles, skipped


def _is_url(source: str) -> bool:
    """An article given as an address (``scheme://``), fetched, or refused there unless http(s);
    anything else names a file."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", source) is not None


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote (``done``: a line per file and a total) and what it could not do
    (``notes``: a line per place left unlocated, or per row refused), for standard error."""

    done: str
    notes: list[str]
    refused: int = 0  # rows of a table that could not be read


def _output_folder(folder: Path) -> Path:
    """``folder``, made if its parent exists: an import writes a file per person into it."""
    if folder.exists() and not folder.is_dir():
        raise WriteError(folder, "it is a file; give a folder for the tour files (-o DIR)")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise WriteError(
            folder, unwritable_reason(folder / "tour.yaml") or exc.strerror or str(exc)
        ) from None
    return folder


def import_oh_travels(paths: list[Path], folder: Path) -> ImportReport:
    """Each person's travel records (XML files or folders) as a tour file ``folder/<who>.yaml``,
    validated before it is written (atomically). The places left unlocated are the notes."""
    imported = oh_travels.import_files(paths)  # reads everything first: a bad record writes nothing
    lines, notes = _write_tours(imported, _output_folder(folder), ARCHIVE_HEADER, "record")
    return ImportReport("\n".join([*lines, _import_total(imported)]), notes)


def import_table(path: Path, folder: Path, columns: dict[str, str], dayfirst: bool = False) -> ImportReport:
    """A table of trips (one row per visit) as a tour file per person in ``folder``: the rows that
    cannot be read, which encodings were used and the places left unlocated are the notes."""
    imported, read = table.import_table(path, columns, dayfirst)
    notes = [f"note: {read.encodings}", *(f"refused: {p}" for p in read.problems)]
    if not imported:
        first = f" ({len(read.problems)} refused; the first: {read.problems[0]})" if read.problems else ""
        raise ArchiveError(f"{path}: no row could be read, so no tour file was written{first}")
    header = f"# Imported by `python -m dashboard import csv` from {path.name}; each visit cites its line.\n"
    lines, unlocated = _write_tours(imported, _output_folder(folder), header, "row")
    rows = f"{len(read.rows):,} rows read, {len(read.problems):,} refused"
    return ImportReport("\n".join([*lines, f"{len(imported)} tour files from {path.name}: {rows}"]),
                        [*notes, *unlocated], refused=len(read.problems))  # fmt: skip


def _write_tours(
    imported: list[Imported], folder: Path, header: str, cited: str
) -> tuple[list[str], list[str]]:
    """Write each tour to ``folder/<id>.yaml``; what was written (``cited``: what its sources are,
    record or row), and the places left unlocated."""
    lines, notes = [], []
    for done in imported:
        tour, path = done.tour, folder / f"{done.tour.id}.yaml"
        write_atomic(path, tour_text(tour, path.name, header))
        trips, visits = len({v.trip for v in tour.visits}), _count(len(tour.visits), "visit")
        lines.append(f"wrote {path}: {_count(len(tour.sources), cited)}, {visits} on {_count(trips, 'trip')}")
        notes += [f"note: {path.name}: not located (left out of maps): {why} [{pid}]"
                  for pid, why in done.unlocated.items()]  # fmt: skip
    return lines, notes


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _import_total(imported: list[Imported]) -> str:
    counts = oh_travels.placed(imported)
    records, visits = (sum(len(getattr(d.tour, k)) for d in imported) for k in ("sources", "visits"))
    return (
        f"{len(imported)} tour files from {records:,} records: {visits:,} visits; places: {counts['city']:,} "
        f"cities, {counts['region']} at a region's main city, {counts['capital']} at the capital, "
        f"{counts['unlocated']} unlocated"
    )
