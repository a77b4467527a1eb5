"""People an article names with an office before them: "President Marta Ríos", "el presidente
uruguayo, Ivo Quaresma", "la présidente Ana Torres", "o primeiro-ministro da Etiópia, Ana Vera",
"King Carl", "su homólogo, Ana Díaz". Rules only; the office is kept as written.

The offices are each language's own words for heads of state and government, ministers, monarchs
and religious heads (English, Spanish, French and Portuguese). What qualifies the office ("of
Peru", "argentino", "gabonais") says whose office it is: :func:`country_of` reads it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.places import all_mentions, country_name, country_words, lookup_place, office_demonym
from dashboard.ingest.places import country_word as _country_word
from dashboard.ingest.words import CAPITAL

# A ministry's portfolio: "of Foreign Affairs", "de Relaciones Exteriores", "des Affaires étrangères",
# "das Relações Exteriores" (capitalised words and the lower-case words between them).
PORTFOLIO = (
    rf"(?:\s+(?:of|for|de|del|de la|des|du|da|das|do|dos)\s+{CAPITAL}[\w’'-]+"
    r"(?:\s+(?:e|y|et|and|étrangères|exteriores|extranjeras|estrangeiros))*(?:\s+[A-ZÉ][\w’'-]+)?)?"
)
OFFICES = (
    # English (capitalised before a name, as English writes titles)
    r"President(?:-elect)?|Vice[- ]President|Prime Minister|Premier|(?:Foreign |Deputy )?Minister"
    rf"{PORTFOLIO}|Secretary of State|Chancellor|King|Queen|Crown Prince|Prince|Princess|Emperor|Empress|"
    r"Sultan|Emir|Sheikh|Pope|Cardinal|Archbishop|Governor[- ]General|Governor|Mayor|Head of State|"
    r"Chief Executive|Speaker|counterpart|Secretary[- ]General|[Gg]rand [Ii]mam|Imam|Grand Mufti|Mufti|"
    r"Patriarch|Chief Rabbi|Rabbi|Bishop|"
    # Spanish
    r"[Pp]residente(?: electo)?|[Pp]residenta(?: electa)?|[Vv]icepresident[ea]|[Mm]andatari[oa](?: electo)?|"
    r"[Jj]ef[ea] de(?:l)? (?:Estado|Gobierno)|[Cc]anciller|[Pp]rimer[oa]? [Mm]inistr[oa]|"
    rf"[Mm]inistr[oa]{PORTFOLIO}|[Aa]lcalde(?:sa)?|rey|reina|[Pp]ríncipe|[Pp]rincesa|[Ss]ultán|"
    r"[Ee]mir|papa|[Pp]ontífice|[Gg]obernador(?:a)?(?: [Gg]eneral)?|[Hh]om[oó]log[oa]|[Gg]ran [Ii]mán|"
    r"patriarca|obispo|arzobispo|cardenal|[Ss]ecretari[oa] [Gg]eneral|"
    # French
    r"[Pp]résidente?(?: élue?)?|[Pp]remier [Mm]inistre|[Pp]remière [Mm]inistre|"
    rf"[Mm]inistre{PORTFOLIO}|[Cc]hef de l[’'][EÉ]tat|[Cc]hef du [Gg]ouvernement|[Mm]aire|roi|"
    r"reine|pape|[Ss]ouverain(?: [Pp]ontife)?|[Gg]ouverneur(?: [Gg]énéral)?|[Hh]omologue|[Gg]rand [Ii]mam|"
    r"patriarche|évêque|archevêque|[Ss]ecrétaire [Gg]énéral(?:e)?|"
    # Portuguese
    r"[Pp]rimeir[oa][- ][Mm]inistr[oa]|[Pp]remiê|[Cc]hanceler|[Cc]hefe de (?:Estado|Governo)|"
    r"[Mm]andatári[oa]|[Pp]refeit[oa]|rei|rainha|[Pp]ríncipe|[Gg]overnador(?:a)?(?:[- ][Gg]eral)?|"
    r"[Hh]omólog[oa]|[Gg]rão[- ][Ii]mã|bispo|arcebispo|cardeal|[Ss]ecretári[oa][- ][Gg]eral"
)
WORD = rf"{CAPITAL}[\w’'-]+"
NAME = rf"{WORD}(?:\s+(?:de\s+|del\s+|la\s+|da\s+|dos\s+|bin\s+)?{WORD}){{1,3}}"
# Monarchs and popes are named by one name ("King Charles", "el papa León"); other offices by two.
# Spanish, French and Portuguese write these titles in lower case: a capitalised "Rey" is a surname.
MONARCHS = r"(?:King|Queen|Pope|Sultan|Emir|rey|reina|papa|roi|reine|pape|rei|rainha)"
ONE_NAME = re.compile(rf"\b(?P<office>{MONARCHS})\s+(?P<name>{WORD}(?:\s+{WORD})?)")
# An office, then what qualifies it: up to three lower-case words ("argentino", "interino", "do
# país") or a country after of/de/da ("of Peru", "de Uruguay"), maybe a comma, then a name.
QUALIFIER = rf"(?:\s+(?:[a-záéíóúñçêôãõ][\wáéíóúñçêôãõ’'-]*|{CAPITAL}[\w’'-]+(?=[\s,]+{CAPITAL})))"
PATTERN = re.compile(
    rf"\b(?P<office>{OFFICES})(?![\w-])(?P<between>{QUALIFIER}{{0,4}}?,?)\s+(?P<name>{NAME})"
)
# Every place an office's name begins, overlapping ones too ("Vice President" and its "President"): the
# patterns that begin with an office are tried there only (:func:`at_offices`), so the long list of
# offices is scanned once per text, not once per pattern.
OFFICE_START = re.compile(rf"\b(?=(?:{OFFICES}))")
# What English writes before an office to say whose it is: a demonym ("Ruritanian President"), or a
# country's name in the possessive ("Ruritania's Prime Minister", "the Netherlands' King").
BEFORE = re.compile(rf"((?:{CAPITAL}[\w-]+\s+){{0,3}}{CAPITAL}[\w-]+)(?:['’]s?)?\s+$")
# ... or after the name: "Prime Minister Ana Vera of Ruritania".
AFTER = re.compile(rf"\s+of\s+(?:the\s+)?((?:{CAPITAL}[\w-]+\s+){{0,3}}?{CAPITAL}[\w-]+)")
# English offices written in lower case after a name: "Ana Vera, the Ruritanian president," and
# "Ana Vera, Ruritania's prime minister".
APPOSITION = re.compile(
    rf"(?P<name>{NAME}),\s+(?:the\s+|his\s+|her\s+)?(?P<before>(?:{CAPITAL}[\w-]+(?:['’]s?)?\s+){{0,3}})"
    r"(?P<office>president(?:-elect)?|prime minister|governor[- ]general|king|queen|emperor|sultan|emir|"
    r"chancellor|premier|foreign minister|head of state|head of government)"
    rf"(?P<after>\s+of\s+(?:the\s+)?{CAPITAL}[\w-]+(?:\s+{CAPITAL}[\w-]+){{0,2}})?\b"
)
# ... and before a name, set off by a comma: "the president of Ruritania, Ana Vera", "Ruritania's
# prime minister, Ana Vera".
LOWER_OFFICE = re.compile(
    r"\b(?P<office>president(?:-elect)?|prime minister|governor[- ]general|king|queen|sultan|emir|"
    r"chancellor|premier|foreign minister)"
    rf"(?P<after>\s+of\s+(?:the\s+)?{CAPITAL}[\w-]+(?:\s+{CAPITAL}[\w-]+){{0,2}})?,\s+(?P<name>{NAME})"
)
# English names a head by their surname alone once known, or in a headline: "President Vera",
# "Prime Minister Vera's government" (not followed by another capitalised word).
SURNAME_ONLY = re.compile(
    rf"\b(?P<office>President|Prime Minister|Chancellor|Premier|Governor-General)\s+(?P<name>{WORD})"
    rf"(?:['’]s)?(?!\s+{CAPITAL}|[\w’'-])"
)
LINKS = ("of", "de", "del", "da", "do", "das", "dos", "du", "des", "of the")
# Each language's word for "country": "do país" qualifies an office but names no country.
COUNTRY_WORDS = {"pais", "paises", "pays", "country", "nation", "nacion", "nacao"}


@dataclass(frozen=True)
class PersonMention:
    name: str
    office: str  # the office as the article writes it, with what qualifies it ("presidente interino")
    start: int  # offset of ``name`` in the article
    country: str | None = None  # whose office it is, where its qualifier says ("de Uruguay", "gabonais")


def _qualifier_ok(between: str) -> bool:
    """Lower-case qualifiers, or a country after a linking word ("of Peru", "da Etiópia"): any
    other capitalised word between an office and a name is another name."""
    words = between.replace(",", " ").split()
    capitals = [i for i, w in enumerate(words) if w[:1].isupper()]
    return all((i > 0 and words[i - 1] in LINKS) or (i > 0 and words[i - 1][:1].isupper()) for i in capitals)


def _place_out(name: str, start: int, between: str) -> tuple[str, int, str]:
    """A place the name starts with ("de Uruguay Ivo Quaresma") qualifies the office, not the name."""
    words = name.split()
    while len(words) > 1 and lookup_place(words[0]) is not None:
        between = f"{between} {words[0]}".strip()
        start = name.index(words[1], name.index(words[0]) + len(words[0])) + start - name.index(words[0])
        name = name[name.index(words[1]) :]
        words = words[1:]
    return name, start, between


def country_of(qualifier: str, named: Sequence[str] = ()) -> str | None:
    """Whose office it is: the country its qualifier names ("of Peru", "de Uruguay"), or a
    lower-case adjective that begins as one country's name does in one of the four languages
    ("argentino", "egípcio", "etíope", "gabonais"); None when none, or two, fit. An adjective that
    fits two countries ("congolais") is the one of them ``named`` names first (the countries of
    the places the sentence names, then those the article names most)."""
    fits = _fitting(qualifier)
    if len(fits) == 1:
        return next(iter(fits))
    return next((code for code in named if code in fits), None) if len(fits) > 1 else None


@lru_cache(maxsize=4096)  # the same few offices come back all through a long article
def _fitting(qualifier: str) -> frozenset[str]:
    """The countries a qualifier's words fit: the ones they name, else every one they begin as."""
    words = [w for w in re.findall(r"[\w’'-]+", qualifier) if normalise(w) not in COUNTRY_WORDS]
    found = {code for word in words if (code := _country_word(word))}
    found = found or {code for word in words if (code := office_demonym(word))}  # "maltais"
    if len(found) == 1:
        return frozenset(found)
    return frozenset(found or {code for word in words for code in country_words(word)})


def _named_countries(text: str, start: int) -> list[str]:
    """The countries of the places named in the sentence around ``start``, then those the text
    names, most named first: what chooses between two countries one adjective fits."""
    mentions = all_mentions(text)
    begin = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    end = min((i for i in (text.find(".", start), text.find("\n", start)) if i >= 0), default=len(text))
    # The mentions are in order: the sentence's are found by bisection, not by a scan of them all.
    first, last = (bisect_left(mentions, at, key=lambda p: p.start) for at in (begin, end))
    sentence = [p.country for p in mentions[first:last]]
    return list(dict.fromkeys([*sentence, *_most_named(text)]))


@lru_cache(maxsize=32)
def _most_named(text: str) -> tuple[str, ...]:
    """The countries of the places ``text`` names, most named first (once per text, not per office)."""
    return tuple(code for code, _ in Counter(p.country for p in all_mentions(text)).most_common())


LOOK_BACK = 200  # characters: a word and the gap before an office


def _organisation(text: str, start: int) -> bool:
    """An office after a capitalised word that is no country's ("Industry Confederation President",
    "Economy Minister"): an organisation's office, or a portfolio, not a host's title."""
    # Read in a window before the office: a search over all of ``text[:start]`` grows with the
    # article for every office it names (a 300 KB article took 10 s here, issue 24's linear time).
    window = text[max(0, start - LOOK_BACK) : start]
    before = re.search(r"(\S+)\s+$", window)
    word = before.group(1) if before else ""
    ahead = window[: before.start(1)].rstrip() if before else ""
    if before and not ahead and start > LOOK_BACK:
        ahead = text[: start - LOOK_BACK].rstrip()[-1:]  # the word opens the window: the char before it
    starts = not ahead or ahead[-1] in '.!?:\n"“«'  # "El presidente": the sentence's first word
    country = _country_word(word) or office_demonym(word)
    return word[:1].isupper() and not starts and word.isalpha() and country is None


OFFICE_AFTER = re.compile(rf"(?:['’]s?)?\s+(?:{OFFICES})(?![\w-])")
OFFICE_BEFORE = re.compile(rf"(?:{OFFICES})\s+(?:of|de|del|da|do|du|des)\s+(?:the\s+|la\s+|l['’])?$")


def qualifies_office(text: str, start: int, end: int) -> bool:
    """A place that says whose an office is ("Ruritania's President", "Ruritanian Prime Minister",
    "presidente de Ruritania"): it names a host's country, not where anyone went."""
    return bool(OFFICE_AFTER.match(text, end) or OFFICE_BEFORE.search(text[max(0, start - 60) : start]))


def _named_by(words: str) -> str | None:
    """The one country a few capitalised words name or begin as ("Ruritania's", "Ruritanian",
    "of the Ruritanian Republic"), by their longest run that is a country's name, else by a demonym."""
    tokens = [w.rstrip("'’s") if w.endswith(("'s", "’s")) else w.rstrip("'’") for w in words.split()]
    tokens = [w for w in tokens if w[:1].isupper()]
    for size in range(len(tokens), 0, -1):
        for i in range(len(tokens) - size + 1):
            code = country_name(" ".join(tokens[i : i + size]))
            if code:
                return code
    return (country_of(tokens[0]) or office_demonym(tokens[0])) if len(tokens) == 1 else None


def _country_around(text: str, start: int, end: int) -> str | None:
    """Whose office it is, where English says so around it: a demonym or a possessive country
    before the office ("Ruritanian President Ana Vera", "Ruritania's Prime Minister Ana Vera"), or
    "of Ruritania" after the name."""
    before = BEFORE.search(text[max(0, start - 60) : start])
    after = AFTER.match(text, end)
    return (_named_by(before.group(1)) if before else None) or (_named_by(after.group(1)) if after else None)


def name_taken(name: str, seen: dict[str, PersonMention]) -> bool:
    """A name already found by a longer or shorter form of it ("Ana Vera", "Vera")."""
    words = set(name.split())
    return any(words & set(known.split()) for known in seen)


@lru_cache(maxsize=8)
def _office_starts(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in OFFICE_START.finditer(text))


def at_offices(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that begins with an office (``\\b(?:OFFICES)``): the same
    matches, tried only where an office begins."""
    resume = 0
    for at in _office_starts(text):
        if at >= resume and (match := pattern.match(text, at)):
            yield match
            resume = max(match.end(), at + 1)


def find_people(text: str) -> list[PersonMention]:
    """Every person named after an office, once each (their first mention), in order."""
    return list(_people(text))


@lru_cache(maxsize=32)  # an article's people are read for its traveller, its hosts and its visits
def _people(text: str) -> tuple[PersonMention, ...]:
    seen: dict[str, PersonMention] = {}
    for match in at_offices(PATTERN, text):
        between = match.group("between").strip(" ,")
        if not _qualifier_ok(between) or _organisation(text, match.start()):
            continue
        name, start, between = _place_out(match.group("name"), match.start("name"), between)
        if len(name.split()) < 2 or between.split()[-1:] in (["de"], ["of"], ["la"], ["the"], ["da"], ["do"]):
            continue  # one word left, or "presidente de la Confederación…": an organisation's head
        if name in seen:
            continue  # their first mention is kept: whose office it is was read there
        office = " ".join([match.group("office"), between]).strip()
        country = (
            country_of(between)
            or _country_around(text, match.start(), match.end())
            or country_of(between, _named_countries(text, match.start()))
        )
        seen[name] = PersonMention(name, office, start, country)
    for match in LOWER_OFFICE.finditer(text):
        name = match.group("name")
        if name not in seen and lookup_place(name) is None and not name_taken(name, seen):
            after = match.group("after") or ""
            country = _named_by(after) or _country_around(text, match.start(), match.start("office"))
            office = f"{match.group('office')}{after}"
            seen[name] = PersonMention(name, office, match.start("name"), country)
    for match in APPOSITION.finditer(text):
        name = match.group("name").strip()
        if name not in seen and lookup_place(name) is None and not name_taken(name, seen):
            whose = f"{match.group('before')} {match.group('after') or ''}"
            office = (
                " ".join(w for w in match.group("before", "office") if w.strip()).replace("  ", " ").strip()
            )
            seen[name] = PersonMention(name, office, match.start("name"), _named_by(whose))
    for match in SURNAME_ONLY.finditer(text):
        name = re.sub(r"['’]s$", "", match.group("name"))
        if len(name) >= 4 and lookup_place(name) is None and not name_taken(name, seen):
            country = _country_around(text, match.start(), match.end())
            seen[name] = PersonMention(name, match.group("office"), match.start("name"), country)
    for match in ONE_NAME.finditer(text):
        if lookup_place(match.group("name")) is None and match.group("name") not in seen:
            office, name = match.group("office"), match.group("name")
            country = _country_around(text, match.start(), match.end())
            seen.setdefault(name, PersonMention(name, office, match.start("name"), country))
    return tuple(sorted(seen.values(), key=lambda p: p.start))
