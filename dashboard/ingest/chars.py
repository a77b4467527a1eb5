"""Characters an article may hold that a tour file cannot, or that a reviewer must be shown.

Control characters (C0 but tab and line breaks, DEL, C1: ESC, NEL, CSI...) are refused by the tour
format, as they are in tour files: ingest reads each as a space, so that every offset into the
article still holds, and flags the quotes that held one. Invisible characters (bidirectional
overrides such as RLO U+202E, zero-width spaces and joiners, the byte order mark, tag characters)
are allowed in a tour, but they change what a reader sees without being seen: RLO turns the rest of
a line around. A quote keeps them, being verbatim, and is flagged; the review shows each as
``[U+202E]``.
"""

from __future__ import annotations

import re
import unicodedata

from dashboard.tourfile.model import CONTROLS

# The short names terminals and Unicode charts give the controls most often met in pasted, scraped
# or mis-decoded text; any other is named by its code point.
CONTROL_NAMES = {
    "\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x0b": "VT", "\x0c": "FF", "\x1b": "ESC", "\x7f": "DEL",
    "\x85": "NEL", "\x9b": "CSI",
}  # fmt: skip
# Format characters a reader cannot see: the soft hyphen (a hyphenation hint, common in pages) aside.
INVISIBLE = re.compile(
    "[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def control_name(char: str) -> str:
    return CONTROL_NAMES.get(char, f"U+{ord(char):04X}")


def without_controls(text: str) -> str:
    """``text`` with each control character read as a space (its length, and so every offset, kept)."""
    return CONTROLS.sub(" ", text)


def controls_in(text: str) -> list[str]:
    """The names of the control characters in ``text``, each once, in order."""
    return list(dict.fromkeys(control_name(c) for c in CONTROLS.findall(text)))


def _called(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}"


def invisible_in(text: str) -> list[str]:
    """The invisible characters in ``text`` by code point and name ("U+202E RIGHT-TO-LEFT
    OVERRIDE"), each once, in order."""
    return list(dict.fromkeys(_called(c) for c in INVISIBLE.findall(text)))


def shown(text: str) -> str:
    """``text`` with each invisible character written out as ``[U+202E]``, for a reviewer's eyes."""
    return INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def visible_name(name: str) -> str:
    """A file name with its control characters shown as ``?``, as ``ls`` shows them."""
    return CONTROLS.sub("?", name)
