"""The render layer's scripts, stylesheets and templates: the files in ``render/assets/``, read once.

They are plain files so that an editor, ESLint (``eslint.config.js``) and a reviewer see them as
what they are; the Python beside them only reads them and puts them into pages.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import rcssmin
import rjsmin

ASSETS = Path(__file__).resolve().parent / "assets"

# A comment alone on its line(s): ``// ...`` or ``/* ... */`` (a block that closes where its last line
# ends, never one that code follows or that holds a second ``*/``).
_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*(?:(?!\*/)[\s\S])*\*/[ \t]*)$", re.M)


@functools.cache
def asset(name: str) -> str:
    """The text of ``render/assets/<name>``."""
    return (ASSETS / name).read_text(encoding="utf-8")


def shipped(text: str, kind: str = "js") -> str:
    """A script (``kind="js"``) or stylesheet (``"css"``) as pages get it: minified, without the
    comments, indentation and spaces that are for whoever reads the source (more than a third of its
    bytes, sent with every map, export and rerun of the app's map). rjsmin and rcssmin only remove
    what is insignificant: no name is changed."""
    lines = (line.strip() for line in _COMMENT_LINES.sub("", text).splitlines())
    kept = "\n".join(line for line in lines if line)
    return str(rcssmin.cssmin(kept) if kind == "css" else rjsmin.jsmin(kept))
