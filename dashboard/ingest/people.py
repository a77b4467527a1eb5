"""People an article names with an office before them: "President Daniel Noboa", "el presidente
argentino, Javier Milei", "la présidente Ana Torres". Rules only; the office is kept as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.ingest.words import CAPITAL

OFFICES = (
    r"President|Vice President|Prime Minister|Foreign Minister|Minister|Chancellor|King|Queen|"
    r"President-elect|Governor|Mayor|Head of State|"
    r"[Mm]andatari[oa]|[Jj]efe de Estado|[Cc]hef de l’État|"
    r"[Pp]residente(?: electo)?|[Pp]residenta(?: electa)?|[Vv]icepresidente|[Cc]anciller|"
    r"[Pp]rimer [Mm]inistro|[Mm]inistr[oa](?: de \w+)?|[Aa]lcalde(?:sa)?|"
    r"[Pp]résidente?(?: élue?)?|[Pp]remier [Mm]inistre|[Mm]inistre(?: des \w+| de l’\w+)?|[Mm]aire"
)
NAME = rf"{CAPITAL}[\w’'-]+(?:\s+(?:de\s+|del\s+|la\s+)?{CAPITAL}[\w’'-]+){{1,3}}"
# An office, up to three lower-case words ("argentino", "interino", "of Ecuador"), maybe a comma, a name.
PATTERN = re.compile(
    rf"\b(?P<office>{OFFICES})\b(?P<between>(?:\s+[a-záéíóúñç][\wáéíóúñç’'-]*){{0,3}}?,?)\s+(?P<name>{NAME})"
)


@dataclass(frozen=True)
class PersonMention:
    name: str
    office: str  # the office as the article writes it, with what qualifies it ("presidente interino")
    start: int  # offset of ``name`` in the article


def find_people(text: str) -> list[PersonMention]:
    """Every person named after an office, once each (their first mention), in order."""
    seen: dict[str, PersonMention] = {}
    for match in PATTERN.finditer(text):
        between = match.group("between").strip(" ,")
        if any(
            word[:1].isupper() and word not in ("of", "de") for word in between.split()[:1]
        ) and not between.startswith(("of", "de")):
            continue  # a capitalised word between office and name: not a qualifier but another name
        name = match.group("name")
        office = " ".join([match.group("office"), between]).strip()
        seen.setdefault(name, PersonMention(name, office, match.start("name")))
    return sorted(seen.values(), key=lambda p: p.start)
