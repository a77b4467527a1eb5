"""Load and validate tour files (YAML or JSON) into a typed :class:`~dashboard.model.Tour`.

Loading never raises anything but :class:`TourError`, whose message lists every
problem found: the file, the path of the field, the bad value and what was
expected. Parsing is defensive because tour files come from strangers: sizes are
capped, YAML aliases (the "billion laughs" bomb) and duplicate keys are refused, and
nesting depth is bounded.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dashboard.tourfile.errors import Problem, TourError, dedupe, problem
from dashboard.tourfile.locate import locate
from dashboard.tourfile.messages import validation_problems
from dashboard.tourfile.model import Tour
from dashboard.tourfile.validate import check_data, check_references, check_version, inherit_sources

# 5 MB, decimal, as Streamlit's uploader counts ("5MB per file", server.maxUploadSize = 5): one limit
# for files and uploads alike. Room for a rich tour of 10,000 places (docs/performance.md).
MAX_BYTES = 5_000_000
MAX_MB = MAX_BYTES // 1_000_000
MAX_DEPTH = 32  # the format nests 6 levels deep; anything far deeper is hostile
DEFAULT_TOUR = Path(__file__).resolve().parents[2] / "data" / "kast-tour.yaml"


class _TooDeep(yaml.YAMLError):
    pass


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases, duplicate keys and deep nesting."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in tour files", event.start_mark
            )
        # Refuse deep nesting as it is read: waiting for a RecursionError far down took
        # seconds, as PyYAML's scanner is quadratic in the depth.
        if self._depth > MAX_DEPTH:
            raise _TooDeep()
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable) or key in seen:  # `? !!set {a}` is a set: unhashable
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate or invalid key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


# Dates stay strings so that pydantic checks them and names the field of a bad one
# (PyYAML's own date parsing fails with no path: "month must be in 1..12").
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number a tour file may contain")


def parse_text(text: str, file: str, fmt: str | None = None) -> Any:
    """Parse YAML or JSON text into plain Python data, or raise :class:`TourError`."""
    # Size first, by length: a character is at least one byte, so a huge text is refused
    # without copying it (encoding a huge text to count its bytes would double the memory).
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise TourError(file, [problem("", f"the file is larger than {MAX_MB} MB ({MAX_BYTES:,} bytes)")])
    text = text.removeprefix("\ufeff")  # a byte order mark, as Windows Notepad writes: not content
    if not text.strip():
        raise TourError(file, [problem("", "the file is empty; expected a tour (YAML or JSON)")])
    is_json = fmt == "json" or (fmt is None and text.lstrip().startswith(("{", "[")))
    try:
        if is_json:
            data = _json_or_flow_yaml(text, guessed=fmt is None)
        else:
            data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except (RecursionError, _TooDeep):
        raise TourError(file, [problem("", f"nesting is deeper than {MAX_DEPTH} levels")]) from None
    except (ValueError, yaml.YAMLError) as exc:
        kind = "JSON" if is_json else "YAML"
        raise TourError(file, [problem("", f"not valid {kind}: {_one_line(exc)}")]) from None
    _check_depth(data, file)
    return data


def _json_or_flow_yaml(text: str, guessed: bool) -> Any:
    """JSON; when the format was only guessed from a leading brace, YAML in flow style too.

    ``{id: mini, ...}`` is YAML (what ``yaml.safe_dump(default_flow_style=True)`` writes)
    but not JSON. If it is not YAML either, the JSON error is the one reported.
    """
    try:
        return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError:
        if not guessed:
            raise
        try:
            return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
        except _TooDeep:
            raise
        except yaml.YAMLError:
            pass
        raise


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()).replace(' in "<unicode string>",', " at")
    return text[:300]


def _check_depth(data: Any, file: str) -> None:
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise TourError(file, [problem("", f"nesting is deeper than {MAX_DEPTH} levels")])
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)


def read_text(path: Path) -> str:
    """Read a tour file's text, refusing huge or non-UTF-8 files with a clear message."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TourError(file, [problem("", f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}")])
        # Read no more than the limit allows: a pipe, /dev/zero or a file still growing has
        # no honest size, and reading it to the end would take unbounded time and memory.
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise TourError(
                file, [problem("", f"the file has more than {MAX_BYTES:,} bytes; the limit is {MAX_BYTES:,}")]
            )
        # Universal newlines, as reading in text mode gives: CRLF and a lone CR become LF.
        return raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except FileNotFoundError:
        raise TourError(file, [problem("", "no such file")]) from None
    except IsADirectoryError:
        raise TourError(file, [problem("", "this is a directory, not a tour file")]) from None
    except UnicodeDecodeError as exc:
        raise TourError(file, [problem("", f"not UTF-8 text (byte {exc.start})")]) from None
    except OSError as exc:
        raise TourError(file, [problem("", f"cannot be read: {exc.strerror}")]) from None


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return "json" if suffix == ".json" else "yaml" if suffix in (".yaml", ".yml") else None


def tour_from_data(data: Any, file: str, text: str | None = None) -> Tour:
    """Validate parsed data into a :class:`Tour`, or raise :class:`TourError` listing every problem,
    each with its item's id and, when the ``text`` it was parsed from is given, its line and column."""
    if not isinstance(data, dict):
        raise TourError(file, [problem("", "expected a mapping of tour fields at the top", data)])
    try:
        tour = Tour.model_validate(data)
    except ValidationError as exc:
        raise TourError(file, locate(_schema_and_references(exc, data), text, data)) from None
    except (RecursionError, OverflowError, ValueError, TypeError) as exc:
        raise TourError(file, [problem("", f"cannot be read as a tour: {_one_line(exc)}")]) from None
    tour = inherit_sources(tour)
    problems = [*check_version(data), *check_references(tour)]
    if problems:
        raise TourError(file, locate(problems, text, data))
    return tour


def _schema_and_references(exc: ValidationError, data: dict[str, Any]) -> list[Problem]:
    """The schema's problems, then the reference checks run on the raw data (best effort).

    A field the schema already faults is not faulted again as a reference: a visit to
    'Paris' is one problem (not an id), not two (not an id, and no such place).
    """
    schema = validation_problems(exc, data)
    faulted = {p.path for p in schema}
    try:
        references = [p for p in [*check_version(data), *check_data(data)] if p.path not in faulted]
    except (RecursionError, TypeError, ValueError):  # too broken to check: the schema has said why
        references = []
    return dedupe([*schema, *references])


def load_text(text: str, file: str = "<text>", fmt: str | None = None) -> Tour:
    """Parse and validate a tour given as text (an upload, a test)."""
    return tour_from_data(parse_text(text, file, fmt), file, text.removeprefix("\ufeff"))


def load_tour(path: str | Path | None = None) -> Tour:
    """Load and validate a tour file; the embedded Kast tour when ``path`` is None."""
    path = Path(path) if path is not None else DEFAULT_TOUR
    return load_text(read_text(path), str(path), _format_of(path))
