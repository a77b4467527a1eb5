"""Load and validate tour files (YAML or JSON) into a typed :class:`~dashboard.model.Tour`.

Loading never raises anything but :class:`TourError`, whose message lists every
problem found: the file, the path of the field, the bad value and what was
expected. Parsing is defensive because tour files come from strangers: sizes are
capped, YAML aliases (the "billion laughs" bomb) and duplicate keys are refused, and
nesting depth is bounded.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from dashboard.errors import Problem, TourError, problem
from dashboard.model import Tour
from dashboard.validate import check_references

MAX_BYTES = 5 * 1024 * 1024  # a rich tour of 10,000 places is ~3 MiB of YAML
MAX_DEPTH = 32  # the format nests 6 levels deep; anything far deeper is hostile
DEFAULT_TOUR = Path(__file__).resolve().parent.parent / "data" / "kast-tour.yaml"


class _StrictLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses aliases and duplicate keys."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in tour files", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, list | dict) or key in seen:
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
    if not text.strip():
        raise TourError(file, [problem("", "the file is empty; expected a tour (YAML or JSON)")])
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise TourError(file, [problem("", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB")])
    is_json = fmt == "json" or (fmt is None and text.lstrip().startswith(("{", "[")))
    try:
        if is_json:
            data = json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_reject_constant)
        else:
            data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise TourError(file, [problem("", f"nesting is deeper than {MAX_DEPTH} levels")]) from None
    except (ValueError, yaml.YAMLError) as exc:
        kind = "JSON" if is_json else "YAML"
        raise TourError(file, [problem("", f"not valid {kind}: {_one_line(exc)}")]) from None
    _check_depth(data, file)
    return data


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
        return path.read_text(encoding="utf-8")
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


_UNION_TAGS = {"str", "int", "float", "bool", "date", "datetime", "none"}


def _loc_to_path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif "[" in part or part in _UNION_TAGS:
            continue  # pydantic's union branch names say nothing to a tour author
        else:
            out += f".{part}" if out else part
    return out


def _validation_problems(exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        message = err["msg"].removeprefix("Value error, ").replace("Input should be", "expected")
        if err["type"] == "missing":
            problems.append(problem(_loc_to_path(err["loc"]), "this field is required"))
        elif err["type"] == "extra_forbidden":
            problems.append(problem(_loc_to_path(err["loc"]), "unknown field", err["input"]))
        else:
            problems.append(problem(_loc_to_path(err["loc"]), message, err["input"]))
    return _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def tour_from_data(data: Any, file: str) -> Tour:
    """Validate parsed data into a :class:`Tour`, or raise :class:`TourError` listing every problem."""
    if not isinstance(data, dict):
        raise TourError(file, [problem("", "expected a mapping of tour fields at the top", data)])
    try:
        tour = Tour.model_validate(data)
    except ValidationError as exc:
        raise TourError(file, _validation_problems(exc)) from None
    except (RecursionError, OverflowError, ValueError, TypeError) as exc:
        raise TourError(file, [problem("", f"cannot be read as a tour: {_one_line(exc)}")]) from None
    problems = check_references(tour)
    if problems:
        raise TourError(file, problems)
    return tour


def load_text(text: str, file: str = "<text>", fmt: str | None = None) -> Tour:
    """Parse and validate a tour given as text (an upload, a test)."""
    return tour_from_data(parse_text(text, file, fmt), file)


def load_tour(path: str | Path | None = None) -> Tour:
    """Load and validate a tour file; the embedded Kast tour when ``path`` is None."""
    path = Path(path) if path is not None else DEFAULT_TOUR
    return load_text(read_text(path), str(path), _format_of(path))
