"""Direct quotations in an article, kept verbatim, with the sentence they sit in and their speaker.

Pure rules, no model: a quotation is text between a pair of quotation marks (“ ” « » „ “ ‘ ’ ‹ ›
and straight quotes), its speaker a capitalised name next to a verb of saying in English, Spanish
or French ("X said", "dijo X", "a déclaré X"). What is proposed is the article's own characters:
``article[quote.start:quote.end] == quote.text`` always holds, or the quotation is not proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
SENTENCE_END = re.compile(r"[.!?…](?=\s+[A-ZÁÉÍÓÚÑ¿¡“«\"]|\s*\n|\s*$)")


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


def _closing(article: str, opening: int) -> int | None:
    """Where the quotation opened at ``opening`` closes, or None when it does not (soon enough)."""
    mark = article[opening]
    for i in range(opening + 1, min(len(article), opening + MAX_CHARS)):
        char = article[i]
        if char == mark and mark not in PAIRS[mark]:
            return None  # « … « … »: the first never closes; the quotation is the one inside
        if char in PAIRS[mark]:
            # ’ is also an apostrophe ("Chile’s"): a closing ’ is not followed by a letter.
            if char == "’" and i + 1 < len(article) and article[i + 1].isalpha():
                continue
            return i
        if char == "\n" and article[i + 1 : i + 2] == "\n":
            return None  # a paragraph ended first
    # The text ends with the quotation still open (an excerpt cut mid-quote): kept to the end, flagged.
    return len(article) if len(article) - opening < MAX_CHARS else None


def _opens(article: str, i: int) -> bool:
    """A straight quote or ‘ opens a quotation only at the start of a word (not in "don't")."""
    if article[i] not in ('"', "‘"):
        return True
    return i == 0 or not article[i - 1].isalnum()


def _sentence(article: str, start: int, end: int) -> str:
    """From the last sentence end (or line break) before the quotation to the first after it."""
    begin = max([0, *(m.end() for m in SENTENCE_END.finditer(article, 0, start))])
    begin = max(begin, article.rfind("\n", 0, start) + 1)
    after = SENTENCE_END.search(article, end)
    line = article.find("\n", end)
    stops = [p for p in (after.end() if after else -1, line) if p >= 0]
    return article[begin : min(stops) if stops else len(article)].strip()


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


def _speaker(article: str, start: int, end: int) -> str | None:
    """A name next to a verb of saying, after the quotation (first) or before it, in its paragraph."""
    line_end = article.find("\n", end)
    match = AFTER.match(article[end + 1 : line_end if line_end >= 0 else len(article)])
    name = (match.group("a") or match.group("b")) if match else None
    if name is None:
        name = _before(article[article.rfind("\n", 0, start) + 1 : start])
    return None if name is None or name.split()[0] in NOT_NAMES else name


def find_quotes(article: str) -> list[Quote]:
    """Every quotation in ``article``, in order, each verbatim, with its sentence and speaker."""
    found: list[Quote] = []
    i = 0
    while i < len(article):
        if article[i] in PAIRS and _opens(article, i):
            close = _closing(article, i)
            if close is not None:
                raw = article[i + 1 : close]
                text = raw.strip()
                if text and any(c.isalpha() for c in text):
                    start = i + 1 + raw.index(text)
                    said = _speaker_or_subject(article, i, close)
                    cut = close == len(article)
                    found.append(Quote(text, start, _sentence(article, i, close), *said, cut=cut))
                i = close + 1
                continue
        i += 1
    return found


def _subject(sentence: str) -> str | None:
    """The name a sentence opens with ("Torres passionately argued", "Torres’s offensive"), if any."""
    match = re.match(NAME, sentence.strip())
    name = re.sub(r"[’']s$", "", match.group()) if match else None
    return None if name is None or name.split()[0] in NOT_NAMES else name


def _speaker_or_subject(article: str, start: int, end: int) -> tuple[str | None, bool]:
    """The speaker named next to the quotation; else, where a pronoun speaks ("…,” he said;
    "what he calls a “…”"), the name its sentence or the one before in the paragraph opens with."""
    named = _speaker(article, start, end)
    if named:
        return named, False
    line_end = article.find("\n", end)
    after = article[end + 1 : line_end if line_end >= 0 else len(article)]
    paragraph = article[article.rfind("\n", 0, start) + 1 : start]
    if not (PRONOUN_AFTER.match(after) or PRONOUN_BEFORE.search(paragraph)):
        return None, False
    ends = [m.end() for m in SENTENCE_END.finditer(paragraph)]
    current = paragraph[ends[-1] if ends else 0 :]
    previous = paragraph[ends[-2] if len(ends) > 1 else 0 : ends[-1]] if ends else ""
    subject = _subject(current) or _subject(previous)
    return subject, subject is not None
