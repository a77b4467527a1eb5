"""Places an article names: cities from the offline gazetteer, and countries (in English, Spanish or
French, names from CLDR via babel) standing for their capital, flagged so a reviewer checks them.

Rules only: a capitalised run of words is looked up as it is; the longest run that is a known
place wins ("Buenos Aires" before "Aires").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geo.gazetteer import GazetteerHit, by_name, capital, normalise
from dashboard.ingest.words import CAPITAL

MIN_POPULATION = 100_000  # smaller towns share names with common words and people too often
WORD = rf"{CAPITAL}[\w’'-]*"
RUN = re.compile(rf"{WORD}(?:\s+(?:de|del|la|las|los|do|da|des|du|of)?\s*{WORD}){{0,3}}")
LANGS = ("en", "es", "fr")


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
    words = list(re.finditer(r"\S+", run.group()))
    found, i = [], 0
    while i < len(words):
        for j in range(len(words), i, -1):
            begin, end = run.start() + words[i].start(), run.start() + words[j - 1].end()
            hit = _lookup(text[begin:end])
            if hit:
                found.append((text[begin:end], begin, *hit))
                i = j - 1
                break
        i += 1
    return found


def find_places(text: str) -> list[PlaceMention]:
    """Every place named in ``text``, in order of first mention, once each."""
    seen: dict[tuple[str, str], PlaceMention] = {}
    for match in RUN.finditer(text):
        for said, start, hit, country_only in _in_run(text, match):
            _keep(
                seen,
                PlaceMention(hit.name, hit.country, hit.latitude, hit.longitude, said, start, country_only),
            )
    return sorted(seen.values(), key=lambda p: p.start)


def _keep(seen: dict[tuple[str, str], PlaceMention], place: PlaceMention) -> None:
    """The first mention of each place, or its first mention by name when the country came first."""
    key = (place.country, place.name)
    if key not in seen or (seen[key].country_only and not place.country_only):
        seen[key] = place
