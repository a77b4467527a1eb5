"""Surgical edits to a tour file's text: add coordinates, set the format version, change nothing else.

A YAML file is edited as text at positions found by PyYAML's composer, so comments,
quoting, key order and indentation all survive; only the new lines (or the replaced
``null`` values) differ. A JSON file is edited as text too, at positions found by a small
scanner built on the json module's own decoder: spacing, escapes and number spellings
(``-33.4570``) elsewhere in the file stay exactly as they were.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from dashboard.tourfile.model import Tour


class Coordinates(Protocol):
    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...
    @property
    def by(self) -> str: ...


Edit = tuple[int, int, str]  # replace text[start:end] with the string
_ANCHOR_KEYS = ("role", "country", "name", "id")


def add_coordinates(text: str, hits: Mapping[str, Coordinates]) -> str:
    """``text`` with latitude, longitude and geocoded_by set for each place id in ``hits``."""
    if text.lstrip().startswith("{"):
        try:
            return _add_to_json(text, hits)
        except json.JSONDecodeError:
            pass  # YAML in flow style, `{id: mini, ...}`: edited as YAML below
    return _add_to_yaml(text, hits)


def set_format_version(text: str, version: int) -> str:
    """``text`` with its top-level ``format_version`` set to ``version`` (added first if absent)."""
    if text.lstrip().startswith("{"):
        try:
            top, _ = _members(text, _skip(text, 0))
        except json.JSONDecodeError:
            pass  # YAML in flow style: below
        else:
            if "format_version" in top.values:
                return _apply(text, [(*top.values["format_version"], str(version))])
            brace = _skip(text, 0)
            first = _skip(text, brace + 1)
            gap = text[brace + 1 : first]  # "\n  " in a pretty file, "" in a compact one
            after = gap if "\n" in gap else " "
            return _apply(text, [(brace + 1, first, f'{gap}"format_version": {version},{after}')])
    return _set_yaml_version(text, version)


def _set_yaml_version(text: str, version: int) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "format_version" and isinstance(value, yaml.ScalarNode):
                return _apply(text, [(value.start_mark.index, value.end_mark.index, str(version))])
        first_key = root.value[0][0] if root.value else None
        if first_key is not None and not root.flow_style:
            at = text.rfind("\n", 0, first_key.start_mark.index) + 1  # the start of its line
            return _apply(text, [(at, at, f"format_version: {version}\n")])
        if first_key is not None:  # `{id: x, ...}`
            return _apply(
                text,
                [(first_key.start_mark.index, first_key.start_mark.index, f"format_version: {version}, ")],
            )
    return f"format_version: {version}\n{text}"


def _fields(hit: Coordinates) -> dict[str, Any]:
    return {"latitude": round(hit.latitude, 6), "longitude": round(hit.longitude, 6), "geocoded_by": hit.by}


# -- JSON, edited as text: a member added or a value replaced, every other byte as it was ----------

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


@dataclass
class _JsonObject:
    """Where one JSON object's members are in the text: value spans, and the layout between them."""

    values: dict[str, tuple[int, int]]
    last_end: int  # just after the last member's value
    separator: str  # the text between members: "," and the whitespace before a key


def _skip(text: str, at: int) -> int:
    return _SPACE.match(text, at).end()  # type: ignore[union-attr]


def _value_end(text: str, at: int) -> int:
    return _DECODER.raw_decode(text, at)[1]


def _members(text: str, at: int) -> tuple[_JsonObject, int]:
    """The object starting at ``at`` (its ``{``), and the index just after its ``}``."""
    values: dict[str, tuple[int, int]] = {}
    at, last_end, separator = _skip(text, at + 1), at + 1, ", "
    while text[at] != "}":
        key_start = at
        key, at = _DECODER.raw_decode(text, at)
        start = _skip(text, _skip(text, at) + 1)  # past the ":"
        end = _value_end(text, start)
        if values:
            separator = "," + text[last_end:key_start].split(",", 1)[-1]
        values[str(key)], last_end = (start, end), end
        at = _skip(text, end)
        at = _skip(text, at + 1) if text[at] == "," else at
    return _JsonObject(values, last_end, separator), at + 1


def _json_places(text: str) -> dict[str, _JsonObject]:
    """Each place object of a tour's JSON text, by id (the text is valid JSON: it was loaded)."""
    top, _ = _members(text, _skip(text, 0))
    if "places" not in top.values or text[top.values["places"][0]] != "[":
        return {}
    found: dict[str, _JsonObject] = {}
    at = _skip(text, top.values["places"][0] + 1)
    while text[at] != "]":
        if text[at] == "{":
            place, at = _members(text, at)
            if "id" in place.values:
                found[str(json.loads(text[slice(*place.values["id"])]))] = place
        else:
            at = _value_end(text, at)
        at = _skip(text, at)
        at = _skip(text, at + 1) if text[at] == "," else at
    return found


def _json_edits(place: _JsonObject, fields: dict[str, Any], ascii_only: bool) -> list[Edit]:
    def scalar(value: Any) -> str:
        return json.dumps(value, ensure_ascii=ascii_only)

    edits = [(*place.values[k], scalar(v)) for k, v in fields.items() if k in place.values]
    added = [f"{place.separator}{scalar(k)}: {scalar(v)}" for k, v in fields.items() if k not in place.values]
    if added:
        edits.append((place.last_end, place.last_end, "".join(added)))
    return edits


def _add_to_json(text: str, hits: Mapping[str, Coordinates]) -> str:
    """New members go after each place's last one, in the layout that object already uses (a new
    line and its indent, or a space); an existing ``null`` is replaced. Nothing else changes."""
    places = _json_places(text)
    ascii_only = "\\u" in text  # a file that escapes non-ASCII characters gets its new ones escaped
    edits = [
        e
        for pid, hit in hits.items()
        if pid in places
        for e in _json_edits(places[pid], _fields(hit), ascii_only)
    ]
    return _apply(text, edits)


def _scalar_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string or number is a valid YAML scalar


def _place_nodes(root: yaml.Node) -> dict[str, yaml.MappingNode]:
    found: dict[str, yaml.MappingNode] = {}
    if not isinstance(root, yaml.MappingNode):
        return found
    for key, value in root.value:
        if key.value == "places" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    ids = [
                        v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)
                    ]
                    if ids:
                        found[ids[0]] = item
    return found


def _edits_for(text: str, node: yaml.MappingNode, fields: dict[str, Any]) -> list[Edit]:
    existing = {k.value: v for k, v in node.value}
    edits: list[Edit] = []
    for key, value in list(fields.items()):
        old = existing.get(key)
        if isinstance(old, yaml.ScalarNode):  # e.g. `latitude: null` or an empty `latitude:`
            start, end = old.start_mark.index, old.end_mark.index
            edits.append((start, end, (" " if start == end else "") + _scalar_text(value)))
            del fields[key]
    if fields and node.flow_style:
        close = node.end_mark.index - 1
        added = "".join(f", {k}: {_scalar_text(v)}" for k, v in fields.items())
        if text[:close].rstrip().endswith(","):  # a trailing comma, `{id: a, }`: no second one
            added = added.removeprefix(", ")
        edits.append((close, close, added))
    elif fields:
        edits.append(_block_insert(text, node, fields))
    return edits


def _block_insert(text: str, node: yaml.MappingNode, fields: dict[str, Any]) -> Edit:
    pairs = {k.value: (k, v) for k, v in node.value}
    anchor = next(
        (
            pairs[k]
            for k in _ANCHOR_KEYS
            if k in pairs and pairs[k][1].start_mark.line == pairs[k][1].end_mark.line
        ),
        node.value[-1],
    )
    _, value_node = anchor
    # The mapping's own column: where its keys start, or its `? ` indicators for explicit keys.
    indent = " " * node.start_mark.column
    line_end = text.find("\n", value_node.end_mark.index)
    position = len(text) if line_end == -1 else line_end + 1
    prefix = "" if line_end != -1 else "\n"
    added = "".join(f"{indent}{k}: {_scalar_text(v)}\n" for k, v in fields.items())
    return (position, position, prefix + added)


def _add_to_yaml(text: str, hits: Mapping[str, Coordinates]) -> str:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes = _place_nodes(root) if root is not None else {}
    edits = [
        e for pid, hit in hits.items() if pid in nodes for e in _edits_for(text, nodes[pid], _fields(hit))
    ]
    return _apply(text, edits)


def _apply(text: str, edits: list[Edit]) -> str:
    for start, end, new in sorted(edits, reverse=True):  # from the end, so indices stay valid
        text = text[:start] + new + text[end:]
    return text


def tour_yaml(tour: Tour) -> str:
    """A tour written out as a YAML tour file (an ingest draft, an upload put in the evidence pack)."""
    data = tour.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
