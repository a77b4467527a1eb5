"""Record reliability figures from the tests, and render them as ``docs/reliability.md``.

Tests call :func:`record` with a section, a key and a JSON-serialisable value; the
figures accumulate in ``test-results/reliability.json`` (merged with what earlier
tests of the run wrote, each write atomic). ``python -m tests.support.reliability`` turns
that file into ``docs/reliability.md``. Safe under pytest-xdist: each read-merge-write
holds an exclusive lock on a file beside the results, so two workers never lose each
other's figures.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dashboard.tourfile.files import write_atomic

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(os.environ.get("TOUR_RELIABILITY_JSON", ROOT / "test-results" / "reliability.json"))
DOC = ROOT / "docs" / "reliability.md"

FUZZ = "fuzzed tour files"
BOMBS = "bombs"
GEOCODER = "geocoder faults"
KILL = "killed mid-write"
CSV = "csv formulas"
HOSTILE = "hostile text payloads"
CONCURRENT = "concurrent sessions"
UPLOAD_MEMORY = "upload memory"
SHAPES = "geocoder answer shapes"
PLAUSIBILITY = "geocoder plausibility"
EDITS = "concurrent edits"
INGEST_REFUSALS = "ingest refusals"
OUTPUTS = "output refusals"
DEADLINES = "image deadlines"
INGEST = "ingest articles"
NOT_MEASURED = "not measured in this run"


def load(path: Path = RESULTS) -> dict[str, dict[str, Any]]:
    """Every figure recorded so far; an absent or unreadable file is empty."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path``'s lock file for as long as the block runs (POSIX ``flock``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def record(section: str, key: str, value: Any, path: Path = RESULTS) -> None:
    """Set ``section``/``key`` to ``value`` in the results file, keeping everything else."""
    with _locked(path):
        _merge(section, key, value, path)


def _merge(section: str, key: str, value: Any, path: Path) -> None:
    data = load(path)
    entries = data.get(section)
    if not isinstance(entries, dict):
        entries = data[section] = {}
    entries[key] = value
    entries["_recorded"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


# -- rendering ------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, float):
        text = f"{value:.3f}"
    elif isinstance(value, bool):
        text = "yes" if value else "**no**"
    elif isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, list | dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _entries(data: dict[str, Any], section: str) -> dict[str, Any]:
    entries = data.get(section)
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if not k.startswith("_")}


def _when(data: dict[str, Any], section: str) -> str:
    entries = data.get(section)
    stamp = entries.get("_recorded") if isinstance(entries, dict) else None
    return f"_Last recorded {stamp}._" if stamp else ""


def _fuzz(data: dict[str, Any]) -> list[str]:
    entries = _entries(data, FUZZ)
    if not entries:
        return [NOT_MEASURED]
    rows = [
        [
            name,
            e.get("tried", 0),
            e.get("tour_error", 0),
            e.get("valid", 0),
            e.get("other", 0),
            e.get("seconds"),
        ]
        for name, e in sorted(entries.items())
        if isinstance(e, dict)
    ]
    total = [sum(r[i] for r in rows) for i in range(1, 5)]
    seconds = sum(r[5] or 0 for r in rows)
    rows.append(["**total**", *total, seconds])
    return [
        "Each generated file was loaded with `load_text` (and the raw bytes with `load_tour`). The only",
        "outcomes allowed are a `TourError` whose message starts with the file's name, or a valid `Tour`;",
        "any other exception or a hang fails the test.",
        "",
        *_table(["strategy", "files tried", "TourError", "valid Tour", "other outcome", "seconds"], rows),
    ]


def _bombs(data: dict[str, Any]) -> list[str]:
    entries = _entries(data, BOMBS)
    if not entries:
        return [NOT_MEASURED]
    rows = [
        [name, e.get("refused"), e.get("message", ""), e.get("seconds"), e.get("peak_mib")]
        for name, e in sorted(entries.items())
        if isinstance(e, dict)
    ]
    return [
        "Elapsed time is wall-clock for one refusal; the memory peak is `tracemalloc`'s, for the refusal",
        "alone (the input itself is built before measuring).",
        "",
        *_table(["input", "refused", "message shown (first problem)", "seconds", "peak MiB"], rows),
    ]


def _geocoder(data: dict[str, Any]) -> list[str]:
    entries = _entries(data, GEOCODER)
    kill = _entries(data, KILL)
    if not entries and not kill:
        return [NOT_MEASURED]
    lines: list[str] = []
    if entries:
        rows = [
            [
                name,
                e.get("requests"),
                e.get("min_gap_s"),
                e.get("reported"),
                e.get("cache_clean"),
                e.get("file_intact"),
                e.get("seconds"),
            ]
            for name, e in sorted(entries.items())
            if isinstance(e, dict)
        ]
        survived = sum(1 for r in rows if all(v is True for v in r[3:6]))
        lines += [
            f"{survived} of {len(rows)} faults survived: every unresolved place named in the report, no",
            "failure cached, and the tour file byte-for-byte unchanged when nothing could be added.",
            "",
            *_table(
                [
                    "fault (local Nominatim)",
                    "requests",
                    "min gap s",
                    "place reported",
                    "not cached",
                    "file intact",
                    "seconds",
                ],
                rows,
            ),
        ]
    if kill:
        rows = [
            [name, e.get("file_intact"), e.get("reloads"), e.get("leftover_temp_files", [])]
            for name, e in sorted(kill.items())
            if isinstance(e, dict)
        ]
        lines += [
            "",
            "The writer was killed with SIGKILL inside `write_atomic` (while flushing the temporary file, or",
            "just before the rename). The original stays intact; the leftover temporary file is a hidden",
            "`.<name>.*.tmp` dot-file next to the tour, never the tour's own name; the next run succeeds.",
            "",
            *_table(["writer killed", "original intact", "re-loads", "leftover temp files"], rows),
        ]
    return lines


def _csv(data: dict[str, Any]) -> list[str]:
    entries = _entries(data, CSV)
    if not entries:
        return [NOT_MEASURED]
    return _table(["figure", "value"], [[k, v] for k, v in sorted(entries.items())])


def _generic(data: dict[str, Any], section: str) -> list[str]:
    entries = _entries(data, section)
    if not entries:
        return [NOT_MEASURED]
    return _table(["figure", "value"], [[k, v] for k, v in sorted(entries.items())])


def _ingest(data: dict[str, Any]) -> list[str]:
    entries = _entries(data, INGEST)
    if not entries:
        return [NOT_MEASURED]
    return [
        "Articles as hostile as tour files, given to `ingest` (`tests/ingest/test_hostile_articles.py` and",
        "its neighbours) and to the Add articles page (`tests/ui/test_ingest_hostile.py`). The only outcomes",
        "allowed are a draft that validates (leaving out or flagging the bad part) or a one-line reason; a",
        "traceback fails the test.",
        "",
        *_table(["article", "outcome"], [[k, v] for k, v in sorted(entries.items())]),
    ]


def _explained(data: dict[str, Any], section: str, *intro: str) -> list[str]:
    body = _generic(data, section)
    return body if body == [NOT_MEASURED] else [*intro, "", *body]


def _refusals(data: dict[str, Any], section: str, *intro: str) -> list[str]:
    """A refusal per case: the case tried and the one line shown (``case -> message``)."""
    entries = _entries(data, section)
    if not entries:
        return [NOT_MEASURED]
    rows = [[case, message] for case, message in sorted(entries.items())]
    one_line = sum(1 for _, message in rows if isinstance(message, str) and "\n" not in message)
    return [
        *intro,
        "",
        f"{len(rows)} cases refused, {one_line} of them in one line naming the file or address.",
        "",
        *_table(["case", "message shown"], rows),
    ]


def render(data: dict[str, Any]) -> str:
    known = {
        FUZZ,
        BOMBS,
        GEOCODER,
        KILL,
        CSV,
        HOSTILE,
        CONCURRENT,
        UPLOAD_MEMORY,
        SHAPES,
        PLAUSIBILITY,
        EDITS,
        INGEST,
        INGEST_REFUSALS,
        OUTPUTS,
        DEADLINES,
    }
    parts: list[tuple[str, str, list[str]]] = [
        ("Fuzzed tour files tried and their outcomes", FUZZ, _fuzz(data)),
        ("Bombs refused", BOMBS, _bombs(data)),
        ("Geocoder faults survived, files intact", GEOCODER, _geocoder(data)),
        (
            "Geocoder answers of the wrong shape",
            SHAPES,
            _explained(
                data,
                SHAPES,
                "Well-formed JSON that is not a Nominatim answer, for one place of three: that place fails,",
                "reported; the places before and after it are geocoded, and nothing wrong is cached.",
            ),
        ),
        (
            "Geocoder answers refused as implausible",
            PLAUSIBILITY,
            _explained(
                data,
                PLAUSIBILITY,
                "An answer in another country than the place's (from `addressdetails=1`), or a redirect to",
                "another host, is refused for that place and never cached.",
            ),
        ),
        (
            "Concurrent edits of a tour file",
            EDITS,
            _explained(
                data,
                EDITS,
                "`geocode` never overwrites an edit made while it runs, nor runs twice on one file.",
            ),
        ),
        (
            "Ingest refusals",
            INGEST_REFUSALS,
            _refusals(
                data,
                INGEST_REFUSALS,
                "Articles `ingest` refuses (`tests/ingest/test_articles.py`, `test_fetch.py`): files that",
                "are no file (devices, FIFOs), pages over the limit, and addresses it does not fetch (other",
                "schemes, loopback, private and link-local addresses, given or redirected to, too many",
                "redirects, a slow drip past the deadline). A local server stands in for the web,",
                "`news.test` for a public host; the test server's port reads PORT.",
            ),
        ),
        (
            "Outputs refused",
            OUTPUTS,
            _refusals(
                data,
                OUTPUTS,
                "An `-o` that is one of the command's inputs, or a file marked read-only, is refused before",
                "any work and left as it was (`tests/test_outputs.py`).",
            ),
        ),
        (
            "Images for print past their deadline",
            DEADLINES,
            _explained(
                data,
                DEADLINES,
                "A browser or a chart's drawing process that hangs is killed when the wall-clock deadline",
                "passes, with every process it started (kaleido's browser runs in a session of its own), and",
                "the export is refused in one line; the evidence pack is made without its images and its",
                "README says why.",
            ),
        ),
        ("Hostile articles ingested", INGEST, _ingest(data)),
        ("CSV exports neutralise formulas", CSV, _csv(data)),
        ("Hostile text payloads", HOSTILE, _generic(data, HOSTILE)),
        ("Concurrent sessions", CONCURRENT, _generic(data, CONCURRENT)),
        (
            "Upload memory budget",
            UPLOAD_MEMORY,
            _explained(
                data,
                UPLOAD_MEMORY,
                "One session uploads 20 different tours of just under the 5 MB limit (`python -m",
                "bench.upload_memory`); the server's resident memory at its peak, and 60 s after the",
                "browser closed. Budget: a peak under 690 MB (Community Cloud's smallest app), and",
                "under 500 MB after the session.",
            ),
        ),
    ]
    parts += [(name.capitalize(), name, _generic(data, name)) for name in sorted(set(data) - known)]
    out = [
        "# Reliability",
        "",
        "Figures recorded by the test suite (`tests/tourfile/test_fuzz.py`, `tests/tourfile/test_bombs.py`,",
        "`tests/geo/test_geocode_faults.py`, ...) into `test-results/reliability.json`, rendered by",
        "`python -m tests.support.reliability`. Regenerate after a full `python -m pytest` run.",
    ]
    for title, section, body in parts:
        out += ["", f"## {title}", ""]
        when = _when(data, section)
        out += [*body, *(["", when] if when else [])]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = Path(args[0]) if args else RESULTS
    target = Path(args[1]) if len(args) > 1 else DOC
    data = load(source)
    if not data:
        print(f"no figures in {source}; run the tests first", file=sys.stderr)
        return 1
    write_atomic(target, render(data))
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
