"""Direct quotations in an article, kept verbatim, with the sentence they sit in and their speaker.

Pure rules, no model: a quotation is text between a pair of quotation marks (“ ” « » „ “ ‘ ’ ‹ ›
and straight quotes), its speaker a capitalised name next to a verb of saying in English, Spanish
or French ("X said", "dijo X", "a déclaré X"). What is proposed is the article's own characters:
``article[quote.start:quote.end] == quote.text`` always holds, or the quotation is not proposed.
Each quotation's sentence, paragraph and closing mark are looked up (:mod:`spans`), so the work
grows with the article, not with its square.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.ingest.spans import Breaks, Closings
from dashboard.ingest.words import CAPITAL

# Opening mark -> closing marks that end it (German „ closes with “ or ”).
PAIRS = {"“": "”", "«": "»", "„": "“”", "‘": "’", "‹": "›", '"': '"'}
MAX_CHARS = 600  # a "quotation" longer than this is an unclosed mark, not a quote
NAME = (
    rf"(?:{CAPITAL}[\w’'.-]+"
    rf"(?:\s+(?:de|del|la|las|los|van|von|da|di|le)?\s*{CAPITAL}[\w’'-]+){{0,3}})"
)
SAY = (
    r"(?:said|says|saying|told|added|stated|stating|declared|insisted|warned|wrote|responded|replied|"
    r"remarked|explained|noted|calls|called|has described as|described as|"
    r"dijo|afirmó|señaló|declaró|aseguró|sostuvo|indicó|expresó|añadió|advirtió|agregó|respondió|"
    r"explicó|a déclaré|a dit|a affirmé|a ajouté|a assuré|a souligné|a répondu|déclare|affirme|"
    r"a insisté|a indiqué|a expliqué|a estimé|a lancé|selon|"
    r"disse|afirmou|declarou|escreveu|acrescentou|ressaltou|destacou|informou|completou)"
)
AFTER = re.compile(rf"^[\s,.:;—–-]*(?:{SAY}\s+(?P<a>{NAME})|(?P<b>{NAME}),?\s+{SAY})")
VERB = re.compile(rf"\b{SAY}\b")
NAMES = re.compile(NAME)
# "the Peruvian president": a capitalised word after an article is an adjective or a title, not a name.
ARTICLE = re.compile(r"(?i)\b(?:the|a|an|el|la|los|las|un|una|le|les|une)\s+$")
GAP = 40  # characters at most between a name and its verb ("Torres, however, remained optimistic, stating")
# Capitalised words that are not names: a pronoun leaves the speaker for the reviewer to name.
NOT_NAMES = {
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "The",
    "Él",
    "Ella",
    "Ellos",
    "Il",
    "Elle",
    "Ils",
    "Elles",
    "On",
    "Her",
    "His",
    "Their",
    "Su",
    "Sus",
    "Son",
    "Sa",
    "Ses",
    "Leur",
}
PRONOUN = r"(?:[Hh]e|[Ss]he|él|ella|il|elle)"  # not "El"/"Il" capitalised: "El presidente dijo"
PRONOUN_AFTER = re.compile(rf"^[\s,.:;—–-]*(?:{PRONOUN}\s+{SAY}|{SAY}\s+{PRONOUN})\b")
PRONOUN_BEFORE = re.compile(rf"\b{PRONOUN}\s+(?:\w+\s+){{0,2}}{SAY}\b[^.!?]{{0,25}}$")
OPENING = re.compile("[" + "".join(PAIRS) + "]")
WINDOW = 300  # characters around a quotation its speaker is looked for in (a name and its verb are near)
MAX_SENTENCE = 2500  # characters of evidence on each side of a quotation, in a run-on text with no full stops


@dataclass(frozen=True)
class Quote:
    text: str  # exactly as in the article, between its marks (edge spaces of « » left out)
    start: int  # offset of ``text`` in the article
    sentence: str  # the sentence around it: the evidence a reviewer reads
    speaker: str | None  # None when no speaker is named next to it
    inferred: bool = False  # the speaker is a pronoun's ("he said"), taken from the sentence's subject
    cut: bool = False  # the text ends before the quotation closes (an excerpt): kept to the end, flagged

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _opens(article: str, i: int) -> bool:
    """A straight quote or ‘ opens a quotation only at the start of a word (not in "don't")."""
    if article[i] not in ('"', "‘"):
        return True
    return i == 0 or not article[i - 1].isalnum()


def _sentence(article: str, start: int, end: int, breaks: Breaks) -> str:
    """From the last sentence end (or line break) before the quotation to the first after it (at
    most :data:`MAX_SENTENCE` characters either side)."""
    begin = max([0, *breaks.ends_before(start), breaks.line_start(start), start - MAX_SENTENCE])
    after = breaks.next_end(end)
    stop = min(after if after is not None else len(article), breaks.line_end(end), end + MAX_SENTENCE)
    return article[begin:stop].strip()


def _before(prefix: str) -> str | None:
    """The speaker of a quotation that follows ``prefix``: the name nearest before its verb of saying."""
    verbs = [v for v in VERB.finditer(prefix) if len(prefix) - v.end() <= 25]
    if not verbs:
        return None
    verb = verbs[-1]
    names = [
        m
        for m in NAMES.finditer(prefix, 0, verb.start())
        if verb.start() - m.end() <= GAP and not ARTICLE.search(prefix[: m.start()])
    ]
    after = re.match(rf"\s+({NAME})", prefix[verb.end() :])  # "dijo Ana Torres: «...»"
    return names[-1].group() if names else (after.group(1) if after else None)


def _after_quote(article: str, end: int, breaks: Breaks) -> str:
    """The start of the rest of the quotation's line (as far as a speaker is looked for)."""
    return article[end + 1 : min(breaks.line_end(end), end + 1 + WINDOW)]


def _before_quote(article: str, start: int, breaks: Breaks) -> str:
    """The end of its line before the quotation (as far back as a speaker is looked for)."""
    return article[max(breaks.line_start(start), start - WINDOW) : start]


def _speaker(article: str, start: int, end: int, breaks: Breaks) -> str | None:
    """A name next to a verb of saying, after the quotation (first) or before it, in its paragraph."""
    match = AFTER.match(_after_quote(article, end, breaks))
    name = (match.group("a") or match.group("b")) if match else None
    if name is None:
        name = _before(_before_quote(article, start, breaks))
    return None if name is None or name.split()[0] in NOT_NAMES else name


def _closing(article: str, opening: int, closings: Closings) -> int | None:
    """Where the quotation opened at ``opening`` closes, or None when it does not (soon enough). A
    mark opened again before it closes (« … « … ») never closes: the quotation is the one inside. A
    text that ends with the quotation still open (an excerpt cut mid-quote) closes it at its end."""
    mark = article[opening]
    close = closings.closing(opening, PAIRS[mark], MAX_CHARS)
    if close is not None:
        again = mark not in PAIRS[mark] and article.find(mark, opening + 1, close) >= 0
        return None if again else close
    if len(article) - opening < MAX_CHARS and closings.open_to_end(opening, PAIRS[mark]):
        return None if mark not in PAIRS[mark] and article.find(mark, opening + 1) >= 0 else len(article)
    return None


def find_quotes(article: str) -> list[Quote]:
    """Every quotation in ``article``, in order, each verbatim, with its sentence and speaker."""
    return list(_quotes_in(article))


@lru_cache(maxsize=8)  # read twice per article: for its names written plainly, then for its quotes
def _quotes_in(article: str) -> tuple[Quote, ...]:
    found: list[Quote] = []
    breaks, closings = Breaks(article), Closings(article, "".join(set("".join(PAIRS.values()))))
    opening = OPENING.search(article)
    while opening is not None:
        i = opening.start()
        close = _closing(article, i, closings) if _opens(article, i) else None
        if close is not None:
            raw = article[i + 1 : close]
            text = raw.strip()
            if text and any(c.isalpha() for c in text):
                start = i + 1 + raw.index(text)
                sentence = _sentence(article, i, close, breaks)
                said = _speaker_or_subject(article, i, close, breaks)
                found.append(Quote(text, start, sentence, *said, cut=close == len(article)))
        opening = OPENING.search(article, close + 1 if close is not None else i + 1)
    return tuple(found)


def _subject(sentence: str) -> str | None:
    """The name a sentence opens with ("Torres passionately argued", "Torres’s offensive"), if any."""
    match = re.match(NAME, sentence.strip())
    name = re.sub(r"[’']s$", "", match.group()) if match else None
    return None if name is None or name.split()[0] in NOT_NAMES else name


def _speaker_or_subject(article: str, start: int, end: int, breaks: Breaks) -> tuple[str | None, bool]:
    """The speaker named next to the quotation; else, where a pronoun speaks ("…,” he said;
    "what he calls a “…”"), the name its sentence or the one before in the paragraph opens with."""
    named = _speaker(article, start, end, breaks)
    if named:
        return named, False
    after, before = _after_quote(article, end, breaks), _before_quote(article, start, breaks)
    if not (PRONOUN_AFTER.match(after) or PRONOUN_BEFORE.search(before)):
        return None, False
    paragraph = breaks.line_start(start)
    ends = breaks.ends_before(start, paragraph)
    current = ends[-1] if ends else paragraph
    previous = ends[-2] if len(ends) > 1 else paragraph
    subject = _subject(article[current : min(start, current + WINDOW)])
    if subject is None and ends:
        subject = _subject(article[previous : min(ends[-1], previous + WINDOW)])
    return subject, subject is not None
