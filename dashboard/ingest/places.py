"""Places an article names: cities from the offline gazetteer, and countries (in English, Spanish or
French, names from CLDR via babel) or their demonyms ("Ecuadorian", "peruano") standing for their
capital, flagged so a reviewer checks them.

Rules only: a capitalised run of words is looked up as it is; the longest run that is a known
place wins ("Buenos Aires" before "Aires"). A city's name that sits inside a longer name
("Cristián Valenzuela", "Rosario Navarro") is a person's, and a sentence's first word that the
article also writes in lower case ("Reunión con Noboa", "reunión") is a common word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geo.gazetteer import GazetteerHit, by_name, capital, normalise
from dashboard.ingest.words import CAPITAL

MIN_POPULATION = 100_000  # smaller towns share names with common words and people too often
WORD = rf"{CAPITAL}[\w’'-]*"
RUN = re.compile(rf"{WORD}(?:\s+(?:de|del|la|las|los|do|da|des|du|of)?\s*{WORD}){{0,3}}")
LANGS = ("en", "es", "fr")
# Endings that make a demonym of a country's name or its stem (the name less its last letter):
# Ecuador-ian, Chile-an, Peru-vian, Argentin-e, Argentin-o, Chil-eno, Canad-iense, Chil-ien.
DEMONYM_ENDINGS = (
    "ian", "an", "vian", "ese", "e", "ine", "i", "ino", "ina", "ano", "ana", "eno", "ena", "ense",
    "ien", "ienne", "ais", "aise", "ain", "aine", "ean", "o", "a", "",
)  # fmt: skip
SHORT_ENDINGS = ("o", "a", "")  # only on long stems: "argentino", "argentins", not "Franco", "francs"
MIN_DEMONYM = 5  # letters: shorter words ("Mali", "Chad") are names, not demonyms


@dataclass(frozen=True)
class PlaceMention:
    name: str  # as the gazetteer writes it ("Quito")
    country: str  # ISO alpha-2
    latitude: float
    longitude: float
    said: str  # as the article writes it ("Ecuador" for a country-only mention)
    start: int  # offset of ``said`` in the article
    country_only: bool  # the article names only the country: the place is its capital


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names in English, Spanish and French (CLDR) -> ISO alpha-2 code."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in LANGS:
        for code, name in Locale(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                out.setdefault(normalise(name), code)
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonyms made from one-word country names (singular and plural) -> ISO alpha-2 code; a
    form that is itself a country's name, or that two countries would share, is left out."""
    countries = _countries()
    made: dict[str, set[str]] = {}
    for name, code in countries.items():
        if " " in name or len(name) < 4:
            continue
        for stem in {name, name[:-1]}:
            for ending in DEMONYM_ENDINGS:
                if ending in SHORT_ENDINGS and len(stem) < 7:
                    continue
                for form in (stem + ending, stem + ending + "s"):
                    made.setdefault(form, set()).add(code)
    return {
        form: codes.pop()
        for form, codes in made.items()
        if len(codes) == 1 and len(form) >= MIN_DEMONYM and form not in countries
    }


def _lookup(words: str) -> tuple[GazetteerHit, bool] | None:
    key = normalise(words)
    code = _countries().get(key)
    if code:
        hit = capital(code)
        return (hit, True) if hit else None
    city = by_name(MIN_POPULATION).get(key)
    return (city, False) if city else None


def _in_run(text: str, run: re.Match[str]) -> list[tuple[str, int, GazetteerHit, bool]]:
    """The places in a run of capitalised words, each the longest name from where it starts
    ("After Buenos Aires" holds "Buenos Aires"; "Buenos Aires" is not also "Aires")."""
    return [(said, run.start() + at, hit, only) for said, at, hit, only in _places_in(run.group())]


@lru_cache(maxsize=65536)  # a long article names the same people and places again and again
def _places_in(run: str) -> tuple[tuple[str, int, GazetteerHit, bool], ...]:
    """:func:`_in_run` for the run's own text, offsets into it."""
    words = list(re.finditer(r"\S+", run))
    found, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            begin, end = words[i].start(), words[j - 1].end()
            hit = _lookup(run[begin:end])
            if hit:
                found.append((run[begin:end], begin, *hit))
                i = j - 1
                break
        i += 1
    return tuple(found)


def _part_of_a_name(text: str, run: re.Match[str], said: str, start: int, country_only: bool) -> bool:
    """A city's name with another capitalised word right before or after it in the same run
    ("Cristián Valenzuela", "Rosario Navarro"): a person's or an organisation's name. Countries
    keep their place ("Ministerio de Relaciones Exteriores de Perú")."""
    if country_only:
        return False
    before = text[run.start() : start].split()
    after = text[start + len(said) : run.end()].split()
    named_before = bool(before) and before[-1][:1].isupper() and not _sentence_start(text, run.start())
    return named_before or (bool(after) and after[0][:1].isupper() and _lookup(after[0]) is None)


def _sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces before ``start``, or a sentence's end, a colon, a quotation mark or a line
    break (looked at from ``start`` back, never by copying what comes before: that was quadratic)."""
    last = start - 1
    while last >= 0 and text[last].isspace():
        last -= 1
    return last < 0 or text[last] in '.!?:"“«' or text[start - 1] == "\n"


@lru_cache(maxsize=8)
def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text))


def _common_word(text: str, said: str, start: int) -> bool:
    """A sentence's first word that the article also writes in lower case: a word, not a name."""
    if " " in said or not _sentence_start(text, start):
        return False
    lower = said[:1].lower() + said[1:]
    if re.fullmatch(r"\w+", lower):  # the common case, looked up in the article's words
        return lower in _words(text)
    return re.search(rf"\b{re.escape(lower)}\b", text) is not None


def _demonym_mentions(text: str) -> list[PlaceMention]:
    out = []
    for word in re.finditer(rf"\b\w{{{MIN_DEMONYM},}}\b", text):
        code = _demonyms().get(normalise(word.group()))
        hit = capital(code) if code else None
        if hit:
            out.append(PlaceMention(hit.name, hit.country, hit.latitude, hit.longitude, word.group(),
                                    word.start(), True))  # fmt: skip
    return out


def find_places(text: str) -> list[PlaceMention]:
    """Every place named in ``text``, in order of first mention, once each."""
    return first_mentions(all_mentions(text))


@lru_cache(maxsize=32)  # ingest reads each article's places twice (its country, then its visits)
def all_mentions(text: str) -> tuple[PlaceMention, ...]:
    """Every mention of a place in ``text``, in order (a place named twice is here twice)."""
    out = []
    for match in RUN.finditer(text):
        for said, start, hit, country_only in _in_run(text, match):
            if _part_of_a_name(text, match, said, start, country_only) or _common_word(text, said, start):
                continue
            out.append(
                PlaceMention(hit.name, hit.country, hit.latitude, hit.longitude, said, start, country_only)
            )
    return tuple(sorted(out + _demonym_mentions(text), key=lambda p: p.start))


def first_mentions(mentions: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Each place once, at its first mention (by name, where the country came first)."""
    seen: dict[tuple[str, str], PlaceMention] = {}
    for mention in mentions:
        _keep(seen, mention)
    return sorted(seen.values(), key=lambda p: p.start)


def _keep(seen: dict[tuple[str, str], PlaceMention], place: PlaceMention) -> None:
    """The first mention of each place, or its first mention by name when the country came first."""
    key = (place.country, place.name)
    if key not in seen or (seen[key].country_only and not place.country_only):
        seen[key] = place
