"""The people a record's remarks say were met: "Met with President José Raúl Mulino and Foreign
Minister Alexandra Hill Tinoco." -> two people, each an office and a name.

Rules only, and cautious: a person is read only after "met with" (or "talks with", "discussed ...
with"...), only with an office the rules know, and only with a name written after it. A person the
remarks merely mention ("Accompanied President Clinton", "memorial services for former President
De Gaulle") is not taken. The remarks themselves are kept verbatim beside them, as the visit's summary.
"""

from __future__ import annotations

import re

# The clause after a meeting verb, up to the end of its sentence or a semicolon.
_MEETING = re.compile(
    r"\b(?:met|meeting|meetings|talks|conferred|consulted|discussions|discussed[^.;]*?|audience)"
    r"\s+(?:informally\s+|separately\s+|also\s+)?with\s+(?P<clause>[^;]*?)(?=;|(?<![\s.][A-Z])\.(?:\s|$)|$)",
    re.IGNORECASE,
)
OFFICES = (
    "Acting President", "Vice President", "President-elect", "President", "Deputy Prime Minister",
    "Prime Minister", "Foreign Minister", "Minister of Foreign Affairs", "Foreign Secretary",
    "Defense Minister", "Minister of Defense", "Chancellor", "Premier", "Crown Prince", "Prince",
    "Princess", "King", "Queen", "Emperor", "Empress", "Pope", "Sultan", "Emir", "Amir", "Shah",
    "Grand Duke", "Governor-General", "Governor General", "General Secretary", "Secretary-General",
    "Secretary General", "Chairman", "Supreme Leader", "Taoiseach", "Chief Executive",
)  # fmt: skip
# An office, with the nationality or "former" before it that belongs to it ("Russian Foreign Minister").
_OFFICE = re.compile(
    r"(?P<office>(?:(?:former|then|the)\s+)?(?:[A-Z][a-z]+\s+)?(?:"
    + "|".join(re.escape(o) for o in sorted(OFFICES, key=len, reverse=True))
    + r"))\s+(?P<rest>.*)",
    re.DOTALL,
)
# Lower-case words that belong inside a name: "Mohammed bin Salman", "Giscard d'Estaing".
PARTICLES = {
    "bin",
    "ibn",
    "bint",
    "al",
    "el",
    "de",
    "da",
    "di",
    "do",
    "dos",
    "du",
    "van",
    "von",
    "der",
    "la",
    "le",
}
# What parts the people of a clause: commas, "and", "and with".
_PEOPLE = re.compile(r"(?:,\s*|\s+)(?:and\s+)?with\s+|,\s*and\s+|,\s*|\s+and\s+")
_STOP = {"And", "The", "His", "Her", "Of", "In", "On", "At", "To", "For", "With", "Also"}


def people_met(remarks: str) -> list[tuple[str, str]]:
    """(office, name) of each person the remarks say was met, in the order written, once each."""
    found: list[tuple[str, str]] = []
    for meeting in _MEETING.finditer(remarks):
        for chunk in re.split(
            r"(?:,\s*|\s+)(?:and\s+)?with\s+|,\s*and\s+|,\s*|\s+and\s+", meeting.group("clause")
        ):
            person = _person(chunk.strip())
            if person and person not in found:
                found.append(person)
    return found


def _person(chunk: str) -> tuple[str, str] | None:
    match = _OFFICE.match(chunk)
    if not match:
        return None
    name = _name(match.group("rest").split())
    office = re.sub(r"^the\s+", "", match.group("office"))
    return (office, name) if name else None


def _name(words: list[str]) -> str:
    """The name at the start of ``words``: capitalised words, initials and particles."""
    taken: list[str] = []
    for word in words:
        bare = word.rstrip(".,;:)")
        lower = bare.split("-")[0].split("'")[0].lower()
        if (
            not bare
            or bare in _STOP
            or not (bare[0].isupper() or lower in PARTICLES or bare.startswith("d'"))
        ):
            break
        initial = len(bare) == 1 and word.endswith(".")  # "George H. W. Bush"
        taken.append(word if initial else bare)
        if word != bare and not initial:  # punctuation after a word ends the name
            break
    while taken and taken[-1].lower() in PARTICLES:  # a particle never ends a name
        taken.pop()
    return " ".join(taken)
