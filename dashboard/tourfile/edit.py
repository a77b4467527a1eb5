"""Surgical edits to a tour file's text: add coordinates, change nothing else.

A YAML file is edited as text at positions found by PyYAML's composer, so comments,
quoting, key order and indentation all survive; only the new lines (or the replaced
``null`` values) differ. A JSON file is re-serialised in the style detected from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Protocol

import yaml


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


def _fields(hit: Coordinates) -> dict[str, Any]:
    return {"latitude": round(hit.latitude, 6), "longitude": round(hit.longitude, 6), "geocoded_by": hit.by}


def _add_to_json(text: str, hits: Mapping[str, Coordinates]) -> str:
    data = json.loads(text)
    indent = _json_indent(text)
    ascii_only = "\\u" in text
    for place in data.get("places", []):
        hit = hits.get(place.get("id"))
        if hit is not None:
            place.update(_fields(hit))
    out = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    return out + "\n" if text.endswith("\n") else out


def _json_indent(text: str) -> int | str | None:
    match = re.search(r"\n([ \t]+)\S", text)
    if match is None:
        return None
    indent = match.group(1)
    return len(indent) if set(indent) == {" "} else indent  # tabs kept as they are


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
    key_node, value_node = anchor
    indent = " " * key_node.start_mark.column
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
    for start, end, new in sorted(edits, reverse=True):  # from the end, so indices stay valid
        text = text[:start] + new + text[end:]
    return text
