"""Tour text made literal for Markdown: nothing a tour file holds becomes a link, an image or markup.

Pure: nothing here imports streamlit. Streamlit renders ``st.markdown`` (and titles, headers,
expanders and notices) as GitHub-flavoured Markdown, so every text from a tour file goes
through :func:`md` on its way there.
"""

from __future__ import annotations

import functools
import re
import string
from typing import Any

_PUNCTUATION = set(string.punctuation)
# Words GFM's autolink extension would make links of: http(s)://, www. and e-mail addresses.
# It looks for them in the text after backslash escapes are resolved, so escaping cannot stop it.
_LINKABLE = re.compile(r"://|www\.|[-.\w+]@[-\w]+\.[-\w]", re.IGNORECASE)
_WORDS = re.compile(r"(\s+)")  # split on whitespace, keeping it


@functools.lru_cache(maxsize=1024)  # the same texts come back on every rerun; 1,024 bounds the memory
def md(text: str, table: bool = False) -> str:
    """Tour text made literal for st.markdown: every ASCII punctuation mark backslash-escaped.

    CommonMark allows escaping any ASCII punctuation, so links, images, emphasis, HTML
    and Streamlit's ``:colour[...]`` directives in a tour file all show as typed. A word
    the autolinker would still turn into a link goes in a code span instead (see
    :func:`_code`); ``table`` says the text goes in a Markdown table cell.
    """
    return "".join(
        _code(part, table) if _LINKABLE.search(part) else _escape(part) for part in _WORDS.split(text)
    )


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


# The marks that can start markup in a Markdown file (GFM, as GitHub and most viewers render it): emphasis,
# code, links and images, headings, tables, strikethrough, math, HTML and entities. "<" and ">" become
# entities (no tag can form, and "<img" never appears); "&" is escaped so an entity shows as typed.
_FILE_MARKS = {**{ch: "\\" + ch for ch in "\\`*_[]#|~$"}, "&": "\\&", "<": "&lt;", ">": "&gt;"}


def md_file(text: str) -> str:
    """Tour text for a Markdown file that people also read unrendered (the evidence pack's README),
    on one line: as literal as :func:`md` makes it (a word the autolinker would link in a code span,
    an entity shown as typed), with only the marks that could start markup escaped, so it stays
    readable as plain text."""
    words = _WORDS.split(" ".join(text.split()))  # one line: a line break could start a heading or a list
    return "".join(
        _span(part) if _LINKABLE.search(part) else "".join(_FILE_MARKS.get(ch, ch) for ch in part)
        for part in words
    )


def _code(word: str, table: bool) -> str:
    """``word`` in inline code spans: shown as typed, and never a link (the autolinker skips code).

    In a table cell a ``|`` ends the cell even inside code, and GFM's ``\\|`` inside code cannot
    follow a backslash (``\\\\|`` still ends the cell): so each ``|`` goes between two code
    spans, escaped as text, where ``\\|`` always reads as ``|``.
    """
    if table:
        return "\\|".join(_span(piece) if piece else "" for piece in word.split("|"))
    return _span(word)


def _span(text: str) -> str:
    """One code span of ``text`` (backslashes are literal in code): the fence is one backtick longer
    than any run inside, padded with a space when ``text`` starts or ends with one (CommonMark
    strips that space)."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_table(frame: Any) -> str:
    """A DataFrame as a Markdown table of literal text.

    The map page uses these instead of a data grid: a plain table needs none of the
    1.2 MB grid code the browser would otherwise load before the map appears.
    """

    def cell(value: object) -> str:
        return md(" ".join(str(value if value is not None else "").split()), table=True)

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def md_cards(cards: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """Cards as one Markdown list of literal text: each card an item, its title in bold, then its
    ``(label, text)`` rows as a list inside it (rows without text left out). app.css draws each item
    as a card; a screen reader hears a list of cards, each a list of details."""
    lines = []
    for title, rows in cards:
        lines.append(f"- **{md(title)}**")
        lines += [
            f"  - **{md(label)}**: {md(' '.join(text.split()))}" for label, text in rows if text.strip()
        ]
    return "\n".join(lines)


def md_link(text: str, url: str | None) -> str:
    """``text`` made literal, as a link to ``url`` when it is an http(s) address; else the text alone.

    The address goes in angle brackets (where CommonMark allows parentheses and needs no escapes
    but of ``<``, ``>`` and backslashes, which are percent-encoded, as a browser would send them).
    """
    if not url or not re.match(r"https?://", url) or re.search(r"\s", url):
        return md(text)
    safe = url.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E")
    return f"[{md(text)}](<{safe}>)"
