"""Where a problem is: the item it belongs to, by id, and the line and column in the file.

A problem's path (``visits[2].dates[0].start``) is what the validator knows; a newcomer needs
more to act on it: the item's own id (``visit 'lima' (visits[2]).dates[0].start``) and where to
look in the file (``line 14, column 16``). Positions come from PyYAML's composer for YAML, and
from a walk of the JSON text built on the json module's own decoder for JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any

import yaml

from dashboard.tourfile.errors import Problem

Key = str | int
Path = tuple[Key, ...]
# The lists whose items have ids, and what one item is called.
KINDS = {
    "sources": "source",
    "places": "place",
    "visits": "visit",
    "topics": "topic",
    "claims": "claim",
    "proposals": "proposal",
    "discrepancies": "discrepancy",
    "events": "event",
}
_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def parse_path(path: str) -> Path:
    """``visits[2].dates[0]`` -> ``("visits", 2, "dates", 0)``."""
    return tuple(int(i) if i else key for i, key in _PART.findall(path))


def locate(problems: list[Problem], text: str | None, data: Any) -> list[Problem]:
    """``problems`` with each one's item label and, where ``text`` allows, its line and column."""
    positions = _positions(text) if text is not None else {}
    return [_located(p, positions, data) for p in problems]


def _located(found: Problem, positions: dict[Path, tuple[int, int]], data: Any) -> Problem:
    path = parse_path(found.path)
    # The deepest part of the path found in the file: a missing field is shown at its record.
    at = next((positions[path[:n]] for n in range(len(path), 0, -1) if path[:n] in positions), None)
    line, column = at if at else (None, None)
    return replace(found, label=_label(found.path, path, data), line=line, column=column)


def _label(text: str, path: Path, data: Any) -> str:
    """``visit 'lima' (visits[2]).dates[0].start`` for a path inside a list item that has an id."""
    if len(path) < 2 or path[0] not in KINDS or not isinstance(path[1], int) or not isinstance(data, dict):
        return ""
    items = data.get(str(path[0]))
    item = items[path[1]] if isinstance(items, list) and 0 <= path[1] < len(items) else None
    ident = item.get("place" if path[0] == "visits" else "id") if isinstance(item, dict) else None
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        return ""
    head = f"{path[0]}[{path[1]}]"
    return f"{KINDS[str(path[0])]} {str(ident)!r} ({head}){text[len(head) :]}"


# -- positions of every value in the text, by path (line and column counted from 1) --------------


def _positions(text: str) -> dict[Path, tuple[int, int]]:
    try:
        if text.lstrip().startswith(("{", "[")):
            try:
                return _json_positions(text)
            except (ValueError, IndexError):
                pass  # YAML in flow style: below
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return {}  # a file that does not parse has no positions: its one problem says where
    found: dict[Path, tuple[int, int]] = {}
    if root is not None:
        _walk_yaml(root, (), found)
    return found


def _walk_yaml(node: yaml.Node, path: Path, found: dict[Path, tuple[int, int]]) -> None:
    found.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                found.setdefault((*path, key.value), (key.start_mark.line + 1, key.start_mark.column + 1))
                _walk_yaml(value, (*path, key.value), found)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk_yaml(item, (*path, i), found)


def _json_positions(text: str) -> dict[Path, tuple[int, int]]:
    starts: dict[Path, int] = {}
    _walk_json(text, _SPACE.match(text, 0).end(), (), starts)  # type: ignore[union-attr]
    lines = [0, *(m.end() for m in re.finditer("\n", text))]
    return {path: _line_column(lines, at) for path, at in starts.items()}


def _line_column(lines: list[int], at: int) -> tuple[int, int]:
    low, high = 0, len(lines) - 1
    while low < high:  # the last line starting at or before ``at``
        middle = (low + high + 1) // 2
        low, high = (middle, high) if lines[middle] <= at else (low, middle - 1)
    return low + 1, at - lines[low] + 1


def _skip(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]


def _walk_json(text: str, at: int, path: Path, starts: dict[Path, int]) -> int:
    """Record where the value at ``at`` (and everything in it) starts; return the index after it."""
    starts[path] = at
    if text[at] == "{":
        at = _skip(text, at + 1)
        while text[at] != "}":
            key, after = _DECODER.raw_decode(text, at)
            at = _walk_json(text, _skip(text, _skip(text, after) + 1), (*path, str(key)), starts)
            at = _skip(text, at)
            at = _skip(text, at + 1) if text[at] == "," else at
        return at + 1
    if text[at] == "[":
        at, i = _skip(text, at + 1), 0
        while text[at] != "]":
            at = _skip(text, _walk_json(text, at, (*path, i), starts))
            at, i = (_skip(text, at + 1) if text[at] == "," else at), i + 1
        return at + 1
    return int(_DECODER.raw_decode(text, at)[1])
