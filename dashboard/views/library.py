"""The library: every tour the app can open (the bundled archive's people, the app's own tour, an
uploaded one), how each is named in a list, and the search that finds one by person, role, year
or country.

A search is words; an entry matches when every word does, each against its person's name, its
office in the reader's language, a year it covers, or a country it reached (its code, or its
name in the reader's language). Case and accents do not matter: "perez" finds "Pérez".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dashboard.views.archive import ArchivePerson
from dashboard.views.formats import country_name, format_number
from dashboard.views.i18n import t

ARCHIVE = "person:"  # an archive person's key: "person:<slug>"


@dataclass(frozen=True)
class Entry:
    """A tour the library lists: its key, who it follows, their office, the days and countries it covers."""

    key: str
    name: str
    role: str | None = None  # "president", "secretary", or None for a tour file
    first: dt.date | None = None
    last: dt.date | None = None
    visits: int = 0
    countries: frozenset[str] = frozenset()

    @property
    def slug(self) -> str | None:
        """The archive person's slug (None for a tour file)."""
        return self.key.removeprefix(ARCHIVE) if self.key.startswith(ARCHIVE) else None


def person_key(slug: str) -> str:
    return ARCHIVE + slug


def archive_entries(people: Iterable[ArchivePerson]) -> list[Entry]:
    """The archive's people as entries, presidents then secretaries, each office in order of time."""
    ordered = sorted(people, key=lambda p: (p.role != "president", p.first_day, p.name))
    return [
        Entry(person_key(p.slug), p.name, p.role, p.first_day, p.last_day, p.visits, frozenset(p.countries))
        for p in ordered
    ]


def _folded(text: str) -> str:
    """Lower case without accents, for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(query: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", _folded(query)) if w]


def _year_matches(entry: Entry, word: str) -> bool:
    if not (word.isdigit() and len(word) == 4 and entry.first and entry.last):
        return False
    return entry.first.year <= int(word) <= entry.last.year


def _country_matches(entry: Entry, word: str, lang: str) -> bool:
    if len(word) == 2 and word.upper() in entry.countries:
        return True
    return len(word) > 2 and any(word in _folded(country_name(c, lang)) for c in entry.countries)


def _word_matches(entry: Entry, word: str, lang: str) -> bool:
    if word in _folded(entry.name) or _year_matches(entry, word):
        return True
    if entry.role and word in _folded(t(f"archive.role_{entry.role}", lang)):
        return True
    return _country_matches(entry, word, lang)


def matches(entry: Entry, query: str, lang: str) -> bool:
    """Whether every word of ``query`` matches the entry (an empty query matches everything)."""
    return all(_word_matches(entry, word, lang) for word in words(query))


def search(entries: Sequence[Entry], query: str, lang: str) -> list[Entry]:
    """The entries ``query`` matches, in the library's order."""
    return [e for e in entries if matches(e, query, lang)]


def label(entry: Entry, lang: str) -> str:
    """``John Kerry — Secretary of State, 2013–2017, 348 visits``; a tour file by its name alone."""
    if entry.role is None or entry.first is None or entry.last is None:
        return entry.name
    years = (
        str(entry.first.year)
        if entry.first.year == entry.last.year
        else f"{entry.first.year}–{entry.last.year}"
    )
    return t(
        "library.entry",
        lang,
        name=entry.name,
        role=t(f"archive.role_{entry.role}", lang),
        years=years,
        visits=format_number(entry.visits, lang),
    )
