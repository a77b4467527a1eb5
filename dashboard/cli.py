"""The command-line interface: parse options, call library functions, print results.

Each command exits 0 on success, 1 when the input is bad (with every problem on
standard error) and 2 on a usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dashboard import __version__
from dashboard.archive.records import ArchiveError
from dashboard.ingest.articles import ArticleError
from dashboard.render.errors import ExportError
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.files import WriteError, check_writable, write_atomic
from dashboard.views.i18n import LANGS

if TYPE_CHECKING:
    from dashboard.workflows import OpenedTour

EPILOG_MAIN = (
    "examples:\n  python -m dashboard validate data/kast-tour.yaml\n"
    "  python -m dashboard geocode my-tour.yaml --offline\n"
    "  python -m dashboard export html --lang es -o mapa.html\n"
    "  python -m dashboard export proposals --tour my-tour.yaml > proposals.csv\n"
    "  python -m dashboard schema > tour.schema.json\n"
    "  python -m dashboard import oh-travels data/oh-travels -o tours/\n\n"
    "Run 'python -m dashboard COMMAND --help' for a command's options and examples."
)
EPILOG_VALIDATE = "example:\n  python -m dashboard validate data/kast-tour.yaml"
EPILOG_GEOCODE = (
    "examples:\n  python -m dashboard geocode my-tour.yaml --offline\n"
    "  python -m dashboard geocode my-tour.yaml --user-agent 'my-newsroom-tours/1.0 (me@example.org)'"
)
EPILOG_EXPORT = (
    "examples:\n  python -m dashboard export geojson -o tour.geojson\n"
    "  python -m dashboard export proposals --tour my-tour.yaml > proposals.csv\n"
    "  python -m dashboard export claims -o claims.csv\n"
    "  python -m dashboard export sources -o sources.csv\n"
    "  python -m dashboard export html -o kast-tour-map.html\n"
    "  python -m dashboard export html --lang es -o mapa-gira-kast.html\n"
    "  python -m dashboard export story --lang es -o historia.html\n"
    "  python -m dashboard export png --view timeline -o timeline.png\n"
    "  python -m dashboard export pack --tour my-tour.yaml -o pack.zip\n\n"
    "story: the story as one offline file; story.html#ID opens a step (intro, a visited place, outcomes).\n"
    "png: one view for print (--view map|timeline|topics|proposals); needs chromium (BROWSER_PATH or PATH).\n"
    "pack: every export, the tour file, a README citing every source and a datapackage.json; --no-images\n"
    "leaves the images out (no browser needed). A draft's proposals are left out of every export."
)
EPILOG_INGEST = (
    "examples:\n  python -m dashboard ingest article.html -o draft.yaml\n"
    "  python -m dashboard ingest notes.txt --published 2025-12-22 --outlet 'El País' -o draft.yaml\n"
    "  python -m dashboard ingest a.html b.html --tour data/kast-tour.yaml -o kast-draft.yaml\n"
    "  python -m dashboard ingest https://example.org/news/kast-visit.html -o draft.yaml\n"
    "  python -m dashboard ingest http://intranet.newsroom.lan/story.html --allow-private -o draft.yaml\n\n"
    "Every proposal carries a `draft` mark with its article and the sentence it came from; a person\n"
    "accepts it by deleting the mark. See docs/ingest.md.\n\n"
    "An address is fetched over http(s) only, within 20 s in all and 5 redirects; loopback, private and\n"
    "link-local addresses are refused, for the address given and for every redirect. --allow-private\n"
    "fetches from loopback and private ones (an intranet); link-local ones (169.254.x.x) never."
)
BINARY = ("png", "pack")  # written to a file only
LANG_EXPORTS = ("html", "story", "png", "pack")
VIEWS = ("map", "timeline", "topics", "proposals")  # what `export png --view` draws
EPILOG_IMPORT = (
    "examples:\n  python -m dashboard import oh-travels data/oh-travels -o tours/\n"
    "  python -m dashboard import oh-travels data/oh-travels/secretary-travels/rubio-marco.xml -o tours/\n"
    "  python -m dashboard import csv trips.csv -o tours/ --column who=Traveller --column start=From\n\n"
    "Writes one tour file per person into DIR (made if missing). See docs/archive.md."
)
EPILOG_OH_TRAVELS = (
    "examples:\n  python -m dashboard import oh-travels data/oh-travels -o tours/\n"
    "  python -m dashboard import oh-travels data/oh-travels/secretary-travels/rubio-marco.xml -o tours/\n\n"
    "The Office of the Historian's travel XML (bundled in data/oh-travels, public domain): one tour file\n"
    "per person, each visit citing its record. Places the offline gazetteer cannot locate are listed."
)
EPILOG_CSV = (
    "examples:\n  python -m dashboard import csv trips.csv -o tours/\n"
    "  python -m dashboard import csv reisen.csv -o tours/ --dayfirst --column who=Person\n\n"
    "Fields: who, country, place, start, end, notes, url, counterparts (names parted by ';'); who, country\n"
    "and start are needed. Dates: YYYY-MM-DD, d.m.yyyy (--dayfirst), m/d/yyyy or 'April 20-22, 2001'.\n"
    "Rows that cannot be read are listed with their line (exit status 1); the others are imported."
)
EPILOG_SCHEMA = "example:\n  python -m dashboard schema > tour.schema.json"
EPILOG_UPGRADE = (
    "example:\n  python -m dashboard upgrade my-tour.yaml\n\n"
    "Version 2 adds source links (url, archived_url, accessed, author), any ISO 639-1 language,\n"
    "people given as plain names and inherited sources; a version-1 file is a valid version-2 file."
)


def _cmd_validate(args: argparse.Namespace) -> int:
    from dashboard.tourfile.load import load_tour
    from dashboard.tourfile.validate import summary

    tour = load_tour(args.file)
    print(f"{args.file}: valid.\n{summary(tour)}")
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from dashboard.tourfile.model import Tour

    print(json.dumps(Tour.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _cmd_geocode(args: argparse.Namespace) -> int:
    from dashboard.geo.geocode import GeocodeOptions
    from dashboard.workflows import geocode_file

    options = GeocodeOptions(
        offline=args.offline,
        user_agent=args.user_agent,
        domain=args.domain,
        scheme=args.scheme,
        timeout=args.timeout,
        min_delay=args.min_delay,
        cache_path=args.cache,
        dry_run=args.dry_run,
    )
    report = geocode_file(Path(args.file), options, progress=_progress)
    if problems := report.problems():
        print(problems, file=sys.stderr)
    if done := report.done():
        print(done)
    return 0 if not report.unresolved else 1


def _cmd_ingest(args: argparse.Namespace) -> int:
    from dashboard.workflows import ingest_files

    given = {"url": args.url, "title": args.title, "outlet": args.outlet, "published": args.published,
             "language": args.language}  # fmt: skip
    tour = Path(args.tour) if args.tour else None
    _, summary = ingest_files(
        args.articles, Path(args.output), tour, allow_private=args.allow_private, **given
    )
    for line in summary.splitlines():  # a skipped article's warning goes to stderr, the rest to stdout
        print(line, file=sys.stderr if line.startswith("warning:") else sys.stdout)
    return 0


def _cmd_upgrade(args: argparse.Namespace) -> int:
    from dashboard.workflows import upgrade_file

    print(upgrade_file(Path(args.file)))
    return 0


def _cmd_import_oh_travels(args: argparse.Namespace) -> int:
    from dashboard.workflows import import_oh_travels

    report = import_oh_travels([Path(f) for f in args.files], Path(args.output))
    for note in report.notes:
        print(note, file=sys.stderr)
    print(report.done)
    return 0


def _cmd_import_csv(args: argparse.Namespace) -> int:
    from dashboard.workflows import import_table

    report = import_table(Path(args.file), Path(args.output), dict(args.column), args.dayfirst)
    for note in report.notes:
        print(note, file=sys.stderr)
    print(report.done)
    return 1 if report.refused else 0


def _column(text: str) -> tuple[str, str]:
    """``FIELD=HEADER`` for --column."""
    from dashboard.archive.table import FIELDS

    name, sep, header = text.partition("=")
    if not sep or name.strip() not in FIELDS or not header.strip():
        raise argparse.ArgumentTypeError(
            f"expected FIELD=HEADER, FIELD one of {', '.join(FIELDS)} (got {text!r})"
        )
    return name.strip(), header.strip()


def _progress(done: int, total: int, name: str) -> None:
    if total >= 5 or not sys.stderr.isatty():
        print(f"[{done}/{total}] {name}", file=sys.stderr)


def _cmd_export(args: argparse.Namespace) -> int:
    from dashboard.tourfile.load import DEFAULT_TOUR
    from dashboard.views.drafts import accepted, draft_count
    from dashboard.workflows import export_bytes, export_text, open_tour

    to_file = args.output not in (None, "-")
    source = Path(args.tour) if args.tour else DEFAULT_TOUR  # the embedded tour is an input too
    if to_file:  # before the work: a map takes seconds to render
        check_writable(Path(args.output), inputs=(source,))
    elif args.what in BINARY:
        raise WriteError(Path("<standard output>"), f"a {args.what} export is binary: give -o FILE")
    opened = open_tour(args.tour)
    _say_located(opened)
    if count := draft_count(opened.tour):
        print(f"note: {count} proposals (drafts) left out; accept them in the tour file to export them",
              file=sys.stderr)  # fmt: skip
    tour, lang = accepted(opened.tour), args.lang or "en"
    if args.what in BINARY:
        data = export_bytes(tour, args.what, lang, view=args.view or "map",
                            tour_file=(source.name, source.read_bytes()),
                            images=not args.no_images)  # fmt: skip
        write_atomic(Path(args.output), data)
        print(f"wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
        return 0
    text = export_text(tour, args.what, lang)
    if not to_file:
        _to_stdout(text)
        return 0
    write_atomic(Path(args.output), text)
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)", file=sys.stderr)
    return 0


def _say_located(opened: OpenedTour) -> None:
    """What the offline gazetteer placed, and which places no map or image can draw: each by its name
    (what a reader knows it by) and its id (what to look for in the tour file)."""
    report, names = opened.report, {p.id: p.name for p in opened.tour.places}

    def called(ids: Iterable[str]) -> str:
        return ", ".join(f"{names.get(pid, pid)} ({pid})" for pid in ids)

    if report and report.added:
        print(f"note: placed from the offline gazetteer: {called(report.added)}", file=sys.stderr)
    if report and report.unresolved:
        print(f"note: no coordinates, left out of maps and images: {called(report.unresolved)}",
              file=sys.stderr)  # fmt: skip


def _to_stdout(text: str) -> None:
    """Write and flush now, so that a full disk (`> /dev/full`) is reported here, not at exit."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise WriteError(Path("<standard output>"), exc.strerror or str(exc)) from None


def _seconds(text: str) -> float:
    """A positive number of seconds, for --timeout and --min-delay."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, such as 10 (got {text!r})") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0 (got {text!r})")
    return value


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Check, geocode and export a diplomatic tour file.",
        epilog=EPILOG_MAIN,
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check a tour file", epilog=EPILOG_VALIDATE, formatter_class=fmt)
    p.add_argument("file", help="tour file (YAML or JSON)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "geocode", help="fill in missing coordinates", epilog=EPILOG_GEOCODE, formatter_class=fmt
    )
    p.add_argument("file", help="tour file to update in place (atomically)")
    p.add_argument("--offline", action="store_true", help="use only the embedded gazetteer")
    p.add_argument(
        "--user-agent", default=None, help="identify yourself to Nominatim (its policy asks you to)"
    )
    p.add_argument("--domain", default="nominatim.openstreetmap.org", help="Nominatim host[:port]")
    p.add_argument("--scheme", default="https", choices=["https", "http"])
    p.add_argument("--timeout", type=_seconds, default=10.0, help="seconds per request (default 10)")
    p.add_argument("--min-delay", type=_seconds, default=1.0, help="seconds between requests (at least 1)")
    p.add_argument("--cache", type=Path, default=None, help="cache file (default: in your user cache dir)")
    p.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    p.set_defaults(func=_cmd_geocode)

    p = sub.add_parser(
        "export", help="write GeoJSON, CSV or a map page", epilog=EPILOG_EXPORT, formatter_class=fmt
    )
    p.add_argument(
        "what", choices=["geojson", "proposals", "claims", "sources", "html", "story", "png", "pack"]
    )
    p.add_argument("--tour", default=None, help="tour file (default: the embedded Kast tour)")
    p.add_argument("-o", "--output", default=None, help="output file (default: standard output)")
    p.add_argument(
        "--lang", choices=LANGS, default=None, help="language of the map, story, image or pack (default en)"
    )
    p.add_argument("--view", choices=VIEWS, default=None, help="for png: which view to draw (default map)")
    p.add_argument("--no-images", action="store_true", help="for pack: no images (no browser needed)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser(
        "upgrade",
        help="move a tour file to the current format version",
        epilog=EPILOG_UPGRADE,
        formatter_class=fmt,
    )
    p.add_argument("file", help="tour file to update in place (atomically; only its format_version changes)")
    p.set_defaults(func=_cmd_upgrade)

    p = sub.add_parser(
        "ingest", help="propose a cited draft from articles", epilog=EPILOG_INGEST, formatter_class=fmt
    )
    p.add_argument("articles", nargs="+", help="article files (.html, .txt, .md) or http(s) URLs")
    p.add_argument("-o", "--output", required=True, help="draft tour file to write (YAML)")
    p.add_argument("--tour", default=None, help="tour file the draft extends (left unchanged)")
    p.add_argument("--url", default=None, help="for a text file: where the article can be read")
    p.add_argument("--title", default=None, help="for a text file: the article's title")
    p.add_argument("--outlet", default=None, help="for a text file: who published it")
    p.add_argument("--published", type=_day, default=None, help="for a text file: its date (YYYY-MM-DD)")
    p.add_argument(
        "--language",
        choices=["en", "es", "fr", "pt"],
        default=None,
        help="for a text file: its language (English, Spanish, French or Portuguese; an article in "
        "another language is skipped with a warning)",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch from loopback and private addresses too (a newsroom's intranet); see below",
    )
    p.set_defaults(func=_cmd_ingest)

    _add_import(sub, fmt)

    p = sub.add_parser(
        "schema", help="print the tour file's JSON Schema", epilog=EPILOG_SCHEMA, formatter_class=fmt
    )
    p.set_defaults(func=_cmd_schema)
    return parser


def _add_import(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], fmt: type[argparse.HelpFormatter]
) -> None:
    """``import oh-travels|csv``: other formats read into tour files, one per person."""
    p = sub.add_parser("import", help="make tour files from travel records or a table of trips",
                       epilog=EPILOG_IMPORT, formatter_class=fmt)  # fmt: skip
    kinds = p.add_subparsers(dest="kind", required=True, metavar="FORMAT")
    k = kinds.add_parser("oh-travels", help="the Office of the Historian's travel XML",
                         epilog=EPILOG_OH_TRAVELS, formatter_class=fmt)  # fmt: skip
    k.add_argument("files", nargs="+", metavar="FILE", help="XML files, or folders holding them")
    k.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the tour files")
    k.set_defaults(func=_cmd_import_oh_travels)
    k = kinds.add_parser("csv", help="a table of trips, one row per visit", epilog=EPILOG_CSV,
                         formatter_class=fmt)  # fmt: skip
    k.add_argument("file", metavar="FILE", help="the table (CSV: comma, semicolon or tab)")
    k.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the tour files")
    k.add_argument("--column", type=_column, action="append", default=[], metavar="FIELD=HEADER",
                   help="the column holding a field, where its header is not the field's name")  # fmt: skip
    k.add_argument("--dayfirst", action="store_true", help="numeric dates are day first (d.m.yyyy)")
    k.set_defaults(func=_cmd_import_csv)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "lang", None) and args.what not in LANG_EXPORTS:
        parser.error(f"--lang applies to 'export {'/'.join(LANG_EXPORTS)}'; {args.what} is always in English")
    if getattr(args, "view", None) and args.what != "png":
        parser.error("--view applies to 'export png' only")
    if getattr(args, "no_images", False) and args.what != "pack":
        parser.error("--no-images applies to 'export pack' only")
    try:
        return int(args.func(args))
    except (TourError, WriteError, ArticleError, ExportError, ArchiveError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `... | head` closed the pipe: not an error
        # Python would report the pipe again when it flushes at exit: point stdout at nothing.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the process exits
        return 0
