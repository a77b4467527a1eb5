"""What the tour being extended already holds: the articles that are already its sources, and the
quotes, visits and events it need not be told again.

An article is one of the tour's sources, by the first of these rules that matches:

- **same url**: its address and the source's ``url`` or ``archived_url`` are the same once normalised
  (:func:`normal_url`: scheme, host case and ``www.``, a trailing slash, the fragment, tracking
  parameters, and the web.archive.org wrapper around the original address);
- **same text**: a tour keeps no article text, but it keeps verbatim quotes (``quote`` with its
  ``quote_source``) and the sentences its drafts came from (``draft.evidence`` with
  ``draft.source``). The article holds all of a source's passages (more than half, when it has
  three or more), and the passages found hold :data:`MIN_TEXT_WORDS` words or more between them;
- **same title and outlet**: both given on each side, the outlet being the source's ``outlet``
  or ``original_outlet``;
- **same file name**: the source's ``file`` names the article's file, and nothing the article says
  of itself (title, outlet, date, language, address) differs from the source.

Texts are compared as :func:`plain` makes them: Unicode-normalised, one style of quotation marks,
apostrophes and dashes, single spaces, case folded. Nothing here knows a particular tour.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath, PureWindowsPath
from typing import Any

from dashboard.ingest.articles import Article
from dashboard.ingest.chars import visible_name
from dashboard.ingest.visits import EVENTS, sentences
from dashboard.tourfile.model import DateVariant, Event, Source, Tour

MIN_TEXT_WORDS = 8  # a source recognised by its text shows at least this many of its words in the article
MARGIN_WORDS = 12  # what copies of one article add around it: a headline, a byline, a date line
MIN_QUOTE_WORDS = 3  # a quote inside a longer one is the same quotation when it has this many words
# Query parameters that say who sent the reader, not which page it is.
TRACKING = re.compile(
    r"(?i)^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_hsenc|_hsmi|"
    r"mkt_tok|ref|ref_src|src|cmpid|ito|at_medium|at_campaign|smid|guccounter|share|s_cid|ocid|__twitter_impression)$"
)
ARCHIVED = re.compile(r"(?i)^https?://(?:www\.)?web\.archive\.org/web/[^/]*/(.+)$")
DEFAULT_PORTS = {"http": "80", "https": "443"}
_QUOTES = str.maketrans(
    {c: '"' for c in "“”„‟«»‹›〝〞＂"} | {c: "'" for c in "‘’‚‛′`´"} | {c: "-" for c in "‐‑‒–—―−"}
)
_EDGES = " \t\n\"'.,;:!?…-()[]"
WORDS = re.compile(r"\w+")


def plain(text: str) -> str:
    """Text as the rules compare it: NFKC, one style of quotation marks, apostrophes and dashes,
    single spaces, case folded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split()).casefold()


def normal_url(url: str) -> str:
    """An address as the rules compare it: the original of a web.archive.org copy; http and https,
    host case, ``www.``, a default port, a trailing slash and the fragment make no difference, and
    tracking parameters (``utm_*``, ``fbclid``...) are dropped."""
    url = url.strip()
    archived = ARCHIVED.match(url)
    if archived:
        inner = archived.group(1)
        url = inner if re.match(r"(?i)^https?:/", inner) else f"http://{inner}"
        url = re.sub(r"(?i)^(https?):/+", r"\1://", url)  # the archive sometimes keeps one slash
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = (
        parts.port
        if parts.port is not None and str(parts.port) != DEFAULT_PORTS.get(parts.scheme.lower())
        else None
    )
    query = urllib.parse.urlencode(
        sorted(
            (k, v)
            for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
            if not TRACKING.match(k)
        )
    )
    path = parts.path.rstrip("/")
    return f"{host}{f':{port}' if port else ''}{path}{f'?{query}' if query else ''}"


def _file_name(name: str) -> str:
    return PureWindowsPath(PurePath(name).name).name.casefold()


@dataclass(frozen=True)
class Known:
    """An article that is a source already read: the tour's (``earlier`` False) or an article given
    before it in the same batch. ``rule`` is a key of :data:`RULE_WORDS`; for ``text``, ``found`` of the
    source's ``count`` passages are in the article."""

    article: str  # the file or address it was read from
    source: Source
    rule: str
    earlier: bool = False
    found: int = 0
    count: int = 0

    def note(self) -> str:
        """The one line the command prints about it."""
        rule = RULE_WORDS[self.rule]
        if self.count:
            rule += f" ({self.found} of its {self.count} quotes and evidence sentences)"
        source = described(self.source)
        article = visible_name(self.article)  # a file name's control characters would drive the terminal
        if self.earlier:
            return f"note: {article} is the same article as {source}: {rule}; nothing is proposed twice"
        return f"note: {article} is already the tour's source {source}: {rule}"


RULE_WORDS = {
    "url": "same url",
    "text": "same text",
    "nearly": "same text but for a few lines",
    "wire": "the same wire copy, carried by another outlet",
    "title": "same title and outlet",
    "file": "same file name",
}


def described(source: Source) -> str:
    """A source as a note names it: its id, with its title and outlet when it has them."""
    said = [f'"{source.title}"' if source.title else "", source.outlet or ""]
    about = ", ".join(x for x in said if x)
    return f"{source.id} ({about})" if about else source.id


def _passages(tour: Tour) -> dict[str, set[str]]:
    """Each source's passages the tour keeps verbatim: quotes cited to it, the sentences its drafts
    came from (a draft topic's evidence is ingest's own words, not an article's)."""
    found: dict[str, set[str]] = {}
    for claim in tour.claims:
        if claim.quote and claim.quote_source:
            found.setdefault(claim.quote_source, set()).add(plain(claim.quote).strip(_EDGES))
    for kind in ("places", "visits", "events", "claims", "discrepancies"):
        for item in getattr(tour, kind):
            if item.draft is not None:
                found.setdefault(item.draft.source, set()).add(plain(item.draft.evidence).strip(_EDGES))
    return {sid: {p for p in passages if p} for sid, passages in found.items()}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and plain(a) == plain(b)  # type: ignore[arg-type]


def _differs(a: object, b: object) -> bool:
    """Both sides say something, and not the same thing."""
    if a is None or b is None:
        return False
    if isinstance(a, str) and isinstance(b, str):
        return plain(a) != plain(b)
    return a != b


class Sources:
    """The tour's sources, and how an article is recognised as one of them."""

    def __init__(self, tour: Tour | None) -> None:
        self.sources = list(tour.sources) if tour else []
        self.passages = _passages(tour) if tour else {}

    def recognise(self, article: Article) -> Known | None:
        """The tour's source ``article`` is, by the first rule that matches (see the module)."""
        return (
            self._by_url(article)
            or self._by_text(article)
            or self._by_title(article)
            or self._by_file(article)
        )

    def _by_url(self, article: Article) -> Known | None:
        if not article.url:
            return None
        mine = normal_url(article.url)
        for source in self.sources:
            if mine in {normal_url(u) for u in (source.url, source.archived_url) if u}:
                return Known(article.name, source, "url")
        return None

    def _by_text(self, article: Article) -> Known | None:
        text = f" {plain(article.text)} "
        best: tuple[float, int, Known] | None = None
        for source in self.sources:
            passages = self.passages.get(source.id, set())
            found = [p for p in passages if p in text]
            needed = len(passages) if len(passages) <= 2 else len(passages) // 2 + 1
            words = sum(len(p.split()) for p in found)
            if not found or len(found) < needed or words < MIN_TEXT_WORDS:
                continue
            known = Known(article.name, source, "text", found=len(found), count=len(passages))
            score = (len(found) / len(passages), words)
            if best is None or score > best[:2]:
                best = (*score, known)
        return best[2] if best else None

    def _by_title(self, article: Article) -> Known | None:
        for source in self.sources:
            outlets = (source.outlet, source.original_outlet)
            if _same(article.title, source.title) and any(_same(article.outlet, o) for o in outlets):
                return Known(article.name, source, "title")
        return None

    def _by_file(self, article: Article) -> Known | None:
        mine = _file_name(article.name)
        for source in self.sources:
            if not source.file or _file_name(source.file) != mine:
                continue
            said = (
                (article.title, source.title),
                (article.outlet, source.outlet),
                (article.published, source.published),
                (article.language, source.language),
                (
                    normal_url(article.url) if article.url else None,
                    normal_url(source.url) if source.url else None,
                ),
            )
            if not any(_differs(a, b) for a, b in said):
                return Known(article.name, source, "file")
        return None


def same_article(article: Article, earlier: Article) -> str | None:
    """Which rule makes ``article`` the same as one given before it in the batch: the same address,
    the same text (:func:`plain`) under whatever headline (a page's text opens with its title), or
    the same sentences but for a few lines around them (:func:`_nearly`)."""
    if article.url and earlier.url and normal_url(article.url) == normal_url(earlier.url):
        return "url"
    if _body(article) == _body(earlier):
        return "text"
    if _nearly(article.text, earlier.text):
        return "nearly"
    return "wire" if wire_copy(article.text, earlier.text) else None


# News agencies' credits, as the four languages' papers print them: "(AP)", "(AFP) —", "— Reuters".
# Words of the trade, not names of any one tour.
AGENCIES = r"AP|AFP|Reuters|EFE|ANSA|Lusa|dpa|Xinhua|Notimex|RFI|Agence France-Presse"
CREDIT = re.compile(rf"\((?P<a>{AGENCIES})\)|[—–-]\s*(?P<b>{AGENCIES})\s*$", re.M)
SHINGLE = 5  # words: a run this long shared by two texts is seldom chance
WIRE_SHARE = 0.5  # of the shorter text's runs: copies cut to different lengths are still one text
MIN_SHINGLES = 30


def wire_credit(text: str) -> str | None:
    """The agency a text credits ("(AP)", "— Reuters"), if any."""
    found = CREDIT.search(text)
    return (found.group("a") or found.group("b")) if found else None


@lru_cache(maxsize=64)
def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = plain(text).split()
    return frozenset(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def wire_copy(text: str, other: str) -> bool:
    """The same agency text carried by two outlets, each cutting or heading it its own way: half the
    shorter one's five-word runs or more are the other's."""
    mine, theirs = _shingles(text), _shingles(other)
    shorter = min(len(mine), len(theirs))
    return shorter >= MIN_SHINGLES and len(mine & theirs) >= WIRE_SHARE * shorter


@lru_cache(maxsize=64)  # each article is compared with every one before it
def _sentence_words(text: str) -> dict[str, int]:
    """Each sentence of ``text`` as :func:`plain` makes it -> its number of words."""
    return {plain(sentence): len(sentence.split()) for _, sentence in sentences(text)}


def _nearly(text: str, other: str) -> bool:
    """The same sentences, but for a headline, a byline, a date line: what only one of the two holds
    is at most :data:`MARGIN_WORDS` words (or a tenth of what they share), and they share
    :data:`MIN_TEXT_WORDS` words or more. Two articles that share a sentence or two stay two."""
    mine, theirs = _sentence_words(text), _sentence_words(other)
    shared = sum(words for sentence, words in mine.items() if sentence in theirs)
    extra = max(
        sum(words for sentence, words in mine.items() if sentence not in theirs),
        sum(words for sentence, words in theirs.items() if sentence not in mine),
    )
    return shared >= MIN_TEXT_WORDS and extra <= max(MARGIN_WORDS, shared // 10)


def _body(article: Article) -> str:
    text, title = plain(article.text), plain(article.title or "")
    return text[len(title) :].strip() if title and text.startswith(title) else text


# -- what the tour holds ------------------------------------------------------------------------------


def quote_key(quote: str) -> str:
    """A quotation as it is compared: :func:`plain`, less the punctuation around it."""
    return plain(quote).strip(_EDGES)


def same_quote(a: str, b: str) -> bool:
    """The same quotation: the same words, or one quoted inside the other (at least
    :data:`MIN_QUOTE_WORDS` words: a tour often keeps a part of a longer quotation)."""
    return _same_keys(quote_key(a), quote_key(b))


def _same_keys(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return (
        len(short.split()) >= MIN_QUOTE_WORDS
        and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None
    )


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    """Every run of three words in a quotation's words."""
    return [tuple(words[i : i + 3]) for i in range(len(words) - 2)]


class Held:
    """Quotations already held, asked about (:func:`same_quote`) in time that does not grow with how
    many are held (asking every held quotation in turn made a long article's quotes cost the square
    of their number). A quotation inside a held one has all its runs of three words in it: the held
    ones holding its rarest run are asked. A held one inside a quotation is its words from some word
    on: a tree of the held ones' words, walked from each of its words, finds them."""

    def __init__(self, quotes: Iterable[str] = ()) -> None:
        self.keys: set[str] = set()
        self.runs: dict[tuple[str, ...], set[str]] = defaultdict(set)  # every run -> the keys holding it
        self.tree: dict[str, Any] = {}  # word -> the next words' tree; "" -> the keys that end there
        self.few: set[str] = set()  # keys of fewer than three words: asked every time (rare)
        for quote in quotes:
            self.add(quote)

    def add(self, quote: str) -> None:
        key = quote_key(quote)
        words = WORDS.findall(key)
        self.keys.add(key)
        if len(words) < 3:
            self.few.add(key)
            return
        for run in _runs(words):
            self.runs[run].add(key)
        node = self.tree
        for word in words:
            node = node.setdefault(word, {})
        node.setdefault("", set()).add(key)

    def _within(self, words: list[str]) -> set[str]:
        """The held keys whose words are the words of ``words`` from some word on."""
        found: set[str] = set()
        for start in range(len(words)):
            node: dict[str, Any] | None = self.tree
            for word in words[start:]:
                node = node.get(word) if node is not None else None
                if node is None:
                    break
                found |= node.get("", set())
        return found

    def holds(self, quote: str) -> bool:
        """Whether a held quotation is the same as ``quote`` (:func:`same_quote`)."""
        key = quote_key(quote)
        if key in self.keys:
            return bool(key)
        words = WORDS.findall(key)
        if len(words) < 3:  # a short quotation inside a longer one shares no run with it: ask them all
            return any(_same_keys(key, other) for other in self.keys)
        rarest = min(_runs(words), key=lambda run: len(self.runs.get(run, ())))
        inside = self.runs.get(rarest, set())  # the held quotations that may hold this one
        return any(_same_keys(key, other) for other in (*inside, *self._within(words), *self.few))


def overlaps(first: dt.date, last: dt.date, date: DateVariant) -> bool:
    """A day (or span) that falls within a date the tour gives (or overlaps it)."""
    return first <= date.last and date.start <= last


def date_words(date: DateVariant) -> str:
    """A date the tour gives, as a disagreement lists it."""
    said = date.start.isoformat()[:7] if date.precision == "month" else date.start.isoformat()
    said += f" to {date.end.isoformat()}" if date.end and date.precision != "month" else ""
    return said if date.kind == "actual" else f"{said} ({date.kind})"


def same_kind(kind: str, event: Event) -> bool:
    """The tour's event is an election (or an inauguration) when its id or its label says so."""
    words = [event.id.replace("-", " ").replace("_", " "), event.label.en, event.label.es or ""]
    return any(EVENTS[kind].search(w) for w in words)
