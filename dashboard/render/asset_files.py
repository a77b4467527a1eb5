"""The render layer's scripts, stylesheets and templates: the files in ``render/assets/``, read once.

They are plain files so that an editor, ESLint (``eslint.config.js``) and a reviewer see them as
what they are; the Python beside them only reads them and puts them into pages.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets"

# A comment alone on its line(s): ``// ...`` or ``/* ... */`` (a block that closes where its last line
# ends, never one that code follows or that holds a second ``*/``).
_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*(?:(?!\*/)[\s\S])*\*/[ \t]*)$", re.M)


@functools.cache
def asset(name: str) -> str:
    """The text of ``render/assets/<name>``."""
    return (ASSETS / name).read_text(encoding="utf-8")


def shipped(text: str) -> str:
    """A script or stylesheet as pages get it: without its comment lines, indentation and blank lines,
    which are for whoever reads the source (a quarter of its bytes, sent with every map and export)."""
    lines = (line.strip() for line in _COMMENT_LINES.sub("", text).splitlines())
    return "\n".join(line for line in lines if line)
