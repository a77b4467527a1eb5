"""Imported tours as tour files: YAML, checked by the same validator as any tour file loaded.

The data written is what :func:`dashboard.tourfile.load.tour_from_data` validates (every type, range
and reference, and the format version), so a file that is written loads. Fields at their defaults are
left out (a date's ``kind: actual``, an empty list), and dates and people inherit their visit's
sources (format version 2): the files stay readable and small.

The YAML is written here rather than by PyYAML, whose representer took 1.7 s of the archive's 5
(4 MB in 55 files): the data is only mappings, lists, strings, numbers and booleans, so block style
with JSON's double-quoted strings (valid YAML) wherever a plain scalar could be misread is enough.
A test reads every file back with PyYAML and compares.
"""

from __future__ import annotations

import json
import re
from typing import Any

from dashboard.tourfile.load import tour_from_data
from dashboard.tourfile.model import FORMAT_VERSION, Tour

# A plain scalar that every YAML 1.1 and 1.2 reader reads back as this very string: it starts with
# a letter, holds no ": " or " #", ends with no space, and is no word a reader takes for a boolean.
_PLAIN = re.compile(r"[A-Za-z][\w .,'’()/&-]*", re.UNICODE)
_KEYWORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
_UNPRINTABLE = re.compile("[\ufffe\uffff]")  # left as they are by JSON, refused by YAML readers


def tour_data(tour: Tour) -> dict[str, Any]:
    """The tour as a tour file's data: its format version first, then every field not at its default."""
    return {"format_version": FORMAT_VERSION, **tour.model_dump(mode="json", exclude_defaults=True)}


def valid_tour(tour: Tour, file: str) -> Tour:
    """``tour`` as loading its file gives it (sources inherited), validated; raises TourError."""
    return tour_from_data(tour_data(tour), file)


def tour_text(tour: Tour, file: str, header: str = "") -> str:
    """The tour file's text, after the validator has passed its data; raises TourError if it fails."""
    data = tour_data(tour)
    tour_from_data(data, file)
    return header + "\n".join(_mapping(data, "")) + "\n"


def scalar(value: Any) -> str:
    """One value as YAML: plain where that is unambiguous, else JSON (a YAML double-quoted string)."""
    if isinstance(value, str):
        plain = _PLAIN.fullmatch(value) and not value.endswith(" ") and value.lower() not in _KEYWORDS
        if plain:
            return value
        return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))
    return json.dumps(value)  # numbers, booleans, null: JSON writes them as YAML reads them


def _mapping(data: dict[str, Any], pad: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict | list) and value:
            lines.append(f"{pad}{key}:")
            lines += _mapping(value, pad + "  ") if isinstance(value, dict) else _sequence(value, pad)
        else:
            lines.append(f"{pad}{key}: {_empty(value) if isinstance(value, dict | list) else scalar(value)}")
    return lines


def _sequence(items: list[Any], pad: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item:
            inner = _mapping(item, pad + "  ")
            lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        elif isinstance(item, list) and item:
            inner = _sequence(item, pad + "  ")
            lines += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        else:
            lines.append(f"{pad}- {_empty(item) if isinstance(item, dict | list) else scalar(item)}")
    return lines


def _empty(value: dict[str, Any] | list[Any]) -> str:
    return "{}" if isinstance(value, dict) else "[]"
