"""A tour whose every text field carries a script payload, for the hostile-text tests.

Ids, dates and codes must stay valid (the loader refuses anything else), so only the
free text is hostile: names, offices, titles, labels, descriptions, claims, quotes.
Each payload, if it ever ran, would set ``window.__pwned`` or open a dialog.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MINI_YAML

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "javascript:window.__pwned='js-link'",
    "\"'><svg onload=\"window.__pwned='svg'\">",
    "';window.__pwned='js-string';//",
    "`${window.__pwned='template'}`",
    "</script><script>alert('close-script')</script>",
    "[click](javascript:alert('md-link')) ![x](javascript:alert('md-img'))",
    "{{ 7*7 }} {% if 1 %}jinja{% endif %}",
    '=HYPERLINK("http://example.invalid","x")',
    "<a href=\"javascript:alert('a')\">link</a>",
    ":red[colour] :material/warning: $x^2$",
]
# Free-text fields of the format: every string under these keys is replaced.
TEXT_KEYS = {
    "en",
    "es",
    "subject",
    "name",
    "outlet",
    "original_outlet",
    "speaker",
    "quote",
    "proposer",
    "unit",
}


def _poison(node: Any, payloads: itertools.cycle, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _poison(v, payloads, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, payloads, key) for v in node]
    if isinstance(node, str) and key in TEXT_KEYS:
        return f"{next(payloads)} {node}"
    return node


def hostile_data() -> dict[str, Any]:
    data = yaml.safe_load(MINI_YAML)
    data["sources"][0]["title"] = PAYLOADS[0]
    return _poison(data, itertools.cycle(PAYLOADS))  # type: ignore[no-any-return]


def write_hostile(path: Path) -> Path:
    path.write_text(json.dumps(hostile_data(), ensure_ascii=False, default=str), encoding="utf-8")
    return path
