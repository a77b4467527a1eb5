"""Where an article's sentences, lines, closing quotation marks, places and people are, found once.

Each quotation used to find its sentence by scanning the article from its start, and its closing
mark character by character: the work grew with the square of the article (a megabyte of short
quotes took minutes). Here one pass over the text records every position, and each question ("the
last sentence end before this offset", "the next closing mark after it", "the places named in this
sentence", "the people it names") is a binary search or a look-up.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence

from dashboard.ingest.people import PersonMention
from dashboard.ingest.places import PlaceMention

SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZÁÉÍÓÚÑ¿¡“«\"]|\s*\n|\s*$)")
END_MARKS = ".!?…"  # what SENTENCE_END's class holds
NEWLINE = re.compile("\n")
PARAGRAPH_BREAK = re.compile("\n(?=\n)")  # a blank line: where a quotation left open ends
WORD = re.compile(r"\w+")


def _after(positions: list[int], at: int) -> int | None:
    """The first of ``positions`` (sorted) above ``at``, or None."""
    k = bisect_right(positions, at)
    return positions[k] if k < len(positions) else None


class Breaks:
    """The sentence ends (SENTENCE_END's match ends) and line breaks of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in SENTENCE_END.finditer(text)]
        self.lines = [m.start() for m in NEWLINE.finditer(text)]

    def line_start(self, at: int) -> int:
        """Where the line holding ``at`` starts: ``text.rfind("\\n", 0, at) + 1``."""
        k = bisect_left(self.lines, at)
        return self.lines[k - 1] + 1 if k else 0

    def line_end(self, at: int) -> int:
        """The first line break at or after ``at``, else the text's length."""
        k = bisect_left(self.lines, at)
        return self.lines[k] if k < len(self.lines) else len(self.text)

    def next_end(self, at: int) -> int | None:
        """The end of the first sentence end at or after ``at``: ``SENTENCE_END.search(text, at)``."""
        k = bisect_left(self.ends, at + 1)
        return self.ends[k] if k < len(self.ends) else None

    def ends_before(self, at: int, floor: int = 0) -> list[int]:
        """The last two sentence ends that ``SENTENCE_END.finditer(text[floor:at])`` finds, as offsets
        into the text: the text's own, plus one right before ``at`` (only spaces between), which the
        cut-off text's end makes a sentence end."""
        k = bisect_right(self.ends, at)
        found = [e for e in self.ends[max(0, k - 2) : k] if e > floor]
        last = at - 1
        while last >= floor and self.text[last].isspace():
            last -= 1
        if last >= floor and self.text[last] in END_MARKS and last + 1 not in found:
            found.append(last + 1)
        return found[-2:]


class Closings:
    """Where each closing quotation mark and each blank line of one text is."""

    def __init__(self, text: str, marks: str) -> None:
        self.at = {mark: [m.start() for m in re.finditer(re.escape(mark), text)] for mark in marks}
        # ’ is also an apostrophe ("Chile’s"): a closing ’ is not followed by a letter.
        self.at["’"] = [i for i in self.at.get("’", []) if not text[i + 1 : i + 2].isalpha()]
        self.breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)]

    def closing(self, opening: int, closers: str, within: int) -> int | None:
        """The first of ``closers`` after ``opening`` and less than ``within`` characters on, unless
        a paragraph ends first."""
        found = [i for mark in closers if (i := _after(self.at[mark], opening)) is not None]
        close = min(found, default=None)
        if close is None or close >= opening + within:
            return None
        paragraph = _after(self.breaks, opening)
        return None if paragraph is not None and paragraph < close else close

    def open_to_end(self, opening: int, closers: str) -> bool:
        """No closing mark of ``closers`` and no paragraph's end after ``opening``: the text ends
        inside the quotation."""
        closes = any(_after(self.at[mark], opening) is not None for mark in closers)
        return not closes and _after(self.breaks, opening) is None


class Spots:
    """Place mentions in the text's order, found by where they are: the ones within a sentence are a
    binary search away, not a scan of every mention for every sentence."""

    def __init__(self, mentions: Sequence[PlaceMention]) -> None:
        self.mentions = list(mentions)  # in order of ``start`` (as all_mentions gives them)
        self.starts = [m.start for m in self.mentions]

    def within(self, begin: int, end: int) -> list[PlaceMention]:
        """The mentions that start in ``[begin, end)``."""
        return self.mentions[bisect_left(self.starts, begin) : bisect_left(self.starts, end)]


class People:
    """People found in a sentence through an index of their surname's first word: a sentence asks
    only about the people whose surname it holds, not about everyone the article names."""

    def __init__(self, people: Sequence[PersonMention]) -> None:
        self.people = list(people)
        self.patterns = [
            re.compile(rf"\b(?:{re.escape(p.name)}|{re.escape(p.name.split()[-1])})\b") for p in self.people
        ]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for n, person in enumerate(self.people):
            words = WORD.findall(person.name.split()[-1])
            self.by_word[words[0] if words else ""].append(n)

    def named_in(self, sentence: str) -> list[tuple[int, PersonMention]]:
        """(where, person) for each person ``sentence`` names by full name or surname (the first
        place either is written), in the people's order."""
        words = {*WORD.findall(sentence), ""}
        candidates = sorted({n for word in words for n in self.by_word.get(word, ())})
        found = [(n, self.patterns[n].search(sentence)) for n in candidates]
        return [(match.start(), self.people[n]) for n, match in found if match]
