"""The tour's cast, read from all its articles together: who travels, from which country, and whom
they meet at each stop.

The traveller is the person named with an office who is most often the subject of the verbs of
travel ("X arrived", "X se reunió", "X chegou": named before the verb in its sentence), then the
one the most articles name. Their country is the one their own office names ("the French
president X"), else the one the articles' offices without a name name most ("el presidente electo
mexicano", "le chef de l'État français"), else the country named in the most articles.

Everyone else named with an office is a possible counterpart, with the country their office names
("presidente de Uruguay", "primeiro-ministro etíope"), else the nearest place named in their
sentence, else the place named last before them: a host is met at the stop in their country.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.ingest.articles import Article
from dashboard.ingest.people import OFFICES, PersonMention, at_offices, country_of, find_people
from dashboard.ingest.places import PlaceMention, all_mentions
from dashboard.ingest.visits import FROM, PLANNED, home_country, sentences, travel_verbs

# An office with only lower-case words after it, and no name: "le chef de l'État français".
BARE_OFFICE = re.compile(rf"\b(?:{OFFICES})(?P<qualifier>(?:\s+[a-záéíóúñçêôãõ][\w’'-]*){{1,3}})")
# Offices of a host met as the tour's counterpart: heads of state and of government, monarchs,
# popes, and "counterpart" itself, in each language (a minister counts where they received the traveller).
HEADS = re.compile(
    r"(?i)^(president|presidente|presidenta|président|présidente|mandatari|mandatári|jef[ea] de estado|"
    r"jef[ea] de gobierno|chef de l|chef du gouvernement|chefe de|prime minister|premier|primer|"
    r"primeir|première|premiê|chancellor|king|queen|rey|reina|roi|reine|rei\b|rainha|sultan|emir|"
    r"pope|papa|pape|souverain|governor[- ]general|gobernador general|gouverneur général|"
    r"governador[- ]geral|counterpart|homólog|homolog|crown prince|prince|príncipe|emperor)"
)
# The traveller received by someone on arrival: each language's passive of "receive" and "welcome".
RECEIVED = re.compile(
    r"(?i)\b(received by|welcomed by|greeted by|recibido por|recibida por|reçue? par|accueillie? par|"
    r"recebid[oa] (?:pelo|pela|por))\b"
)


RECEIVED_NOTE = "received the traveller"


@dataclass(frozen=True)
class Traveller:
    name: str | None  # as first written after an office
    words: frozenset[str]  # the name's words of four letters or more: how articles refer to them
    home: str | None  # ISO code of their own country
    sure: bool = (
        False  # the home is what an office says (not only the country named most): its capital is the origin
    )


@dataclass(frozen=True)
class Host:
    """A person named with an office in one article, and the country they are met in."""

    person: PersonMention
    country: str | None
    sentence: str
    note: str | None  # "received the traveller", "planned: …"


def is_head(office: str) -> bool:
    """A head of state or government's office, also with whose it is before it in English
    ("Ruritanian prime minister", "Ruritania's president"), never a vice-president's."""
    if HEADS.match(office):
        return True
    rest = re.sub(r"^(?:[A-Z][\w’'-]*\s+)+", "", office)
    return rest != office and rest[:1].islower() and HEADS.match(rest) is not None


def name_words(name: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[\w’'-]+", name) if len(w) >= 4 and w[:1].isupper())


def _names_any(text: str, words: frozenset[str]) -> bool:
    """Whether ``text`` holds one of ``words`` as a whole word. A plain substring test first: most
    sentences hold none, and a regular expression per word and sentence made a long article slow."""
    return any(w in text and re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _subject_count(text: str, words: frozenset[str]) -> int:
    """Sentences where one of ``words`` comes before a verb of travel: the person travels."""
    return sum(1 for before in _before_travel(text) if _names_any(before, words))


@lru_cache(maxsize=8)  # asked once per person named in the text
def _before_travel(text: str) -> tuple[str, ...]:
    """What each sentence with a verb of travel says before its first one (the verbs are found once
    per text, :func:`visits.travel_verbs`)."""
    verbs = zip(sentences(text), travel_verbs(text), strict=True)
    return tuple(sentence[:at] for (_, sentence), at in verbs if at >= 0)


def find_traveller(articles: Sequence[Article]) -> Traveller:
    """Who travels, and from which country (see the module's docstring)."""
    people = [p for a in articles for p in find_people(a.text)]
    scores: Counter[str] = Counter()
    for person in {p.name: p for p in people}.values():
        words = name_words(person.name)
        named = sum(any(w in a.text for w in words) for a in articles)
        scores[person.name] = sum(_subject_count(a.text, words) for a in articles) * 100 + named
    name, score = scores.most_common(1)[0] if scores else (None, 0)
    if name is None or score < 100:  # named, but never travelling: someone met, not the traveller
        return Traveller(None, frozenset(), *_home([], articles))
    words = name_words(name)
    words = words - {name.split()[0]} if len(words) > 1 else words  # a given name is shared by many
    own = [p.country for p in people if p.country and name_words(p.name) & words]
    return Traveller(name, words, *_home(own, articles))


def _home(own: Sequence[str | None], articles: Sequence[Article]) -> tuple[str | None, bool]:
    """The traveller's country (and whether an office says it): their office's, else the unnamed
    offices', else the country named in the most articles."""
    if own:
        return Counter(own).most_common(1)[0][0], True
    bare: Counter[str] = Counter()
    for article in articles:
        named = {p.start for p in find_people(article.text)}
        for match in at_offices(BARE_OFFICE, article.text):
            code = country_of(match.group("qualifier"))
            followed = any(match.end() + gap in named for gap in range(4))  # a name follows the office
            if code and not followed:
                bare[code] += 1
    if bare:
        return bare.most_common(1)[0][0], True
    return home_country([all_mentions(a.text) for a in articles]), False


def _place_near(
    text: str, mentions: Sequence[PlaceMention], begin: int, end: int, at: int
) -> PlaceMention | None:
    """The place nearest ``at`` in [begin, end), else the last one named before ``begin`` that is
    not where the traveller came from ("after a flight from X")."""
    inside = [p for p in mentions if begin <= p.start < end]
    if inside:
        return min(inside, key=lambda p: abs(p.start - at))
    before = [
        p for p in mentions if p.start < begin and not FROM.search(text[max(0, p.start - 30) : p.start])
    ]
    return before[-1] if before else None


def hosts_in(article: Article, traveller: Traveller) -> list[Host]:
    """The people an article names with an office, the traveller aside, with their country."""
    mentions = all_mentions(article.text)
    spans = sentences(article.text)
    starts = [start for start, _ in spans]
    named = find_people(article.text)
    words = frozenset().union(*(name_words(p.name) for p in named))
    by_word = _sentences_by_word(article.text, spans, starts, words)
    out = []
    for person in named:
        if name_words(person.name) & traveller.words:
            continue
        k = _sentence_of(spans, starts, person.start, person.start + 1)
        begin, sentence = spans[k] if k >= 0 else (0, "")
        place = _place_near(article.text, mentions, begin, begin + len(sentence), person.start)
        country = person.country or (place.country if place else None)
        note = _note(person, spans, by_word)
        if is_head(person.office) or note == RECEIVED_NOTE:  # other ministers: met, not hosts
            out.append(Host(person, country, sentence, note))
    return out


def _received_by(sentence: str, words: frozenset[str]) -> bool:
    """ "received by [office,] the person": named within a few words after the verb."""
    return any(
        re.search(rf"\b{re.escape(w)}\b", sentence[m.end() : m.end() + 60])
        for m in RECEIVED.finditer(sentence)
        for w in words
    )  # fmt: skip


def _sentence_of(spans: Sequence[tuple[int, str]], starts: Sequence[int], begin: int, end: int) -> int:
    """The index in ``spans`` (offset and text, in order; ``starts`` their offsets) of the sentence
    holding ``begin:end``, or -1."""
    k = bisect_right(starts, begin) - 1
    return k if k >= 0 and end <= starts[k] + len(spans[k][1]) else -1


def _sentences_by_word(
    text: str, spans: Sequence[tuple[int, str]], starts: Sequence[int], words: frozenset[str]
) -> dict[str, set[int]]:
    """Each of ``words`` -> the sentences (indices into ``spans``: offset and text, in order) naming it:
    the words of every person are found in one pass over the text, then each match is put in its
    sentence (a search of every sentence for every person made a long article slow)."""
    if not words:
        return {}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b")
    found: dict[str, set[int]] = {}
    for match in pattern.finditer(text):
        if (k := _sentence_of(spans, starts, match.start(), match.end())) >= 0:
            found.setdefault(match.group(), set()).add(k)
    return found


def _note(
    person: PersonMention, spans: Sequence[tuple[int, str]], by_word: dict[str, set[int]]
) -> str | None:
    """How the person was met: received the traveller, or only named as someone to meet (``by_word``:
    the sentences naming each word, :func:`_sentences_by_word`)."""
    words = name_words(person.name)
    said = [spans[k][1] for k in sorted(set().union(*(by_word.get(w, set()) for w in words)))]
    if any(_received_by(s, words) for s in said):
        return RECEIVED_NOTE
    if said and all(PLANNED.search(s) for s in said):
        return "planned: named only as someone to be met"
    return None
