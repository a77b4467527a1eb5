"""How long a meeting lasted, as an article says it: "a two-hour meeting", "discussions lasting
over an hour", "un encuentro que se extendió por más de una hora", "un entretien de deux heures".

Rules only: a number (in words or figures) of hours or minutes, with what qualifies it, in a
sentence about a meeting. A length followed by "after" or "before" ("less than 48 hours after the
results") is a time between events, not a meeting's length. The meeting is the visit to the place
the sentence names, else to the place its counterpart was named with, else to the last place the
sentence before it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.ingest.places import PlaceMention
from dashboard.ingest.visits import Cast, sentences

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "una": 1, "une": 1, "two": 2, "dos": 2, "deux": 2,
    "three": 3, "tres": 3, "trois": 3, "four": 4, "cuatro": 4, "quatre": 4, "uma": 1, "duas": 2,
    "três": 3, "quatro": 4, "cinq": 5, "cinco": 5, "five": 5,
}  # fmt: skip
MORE = r"more than|over|longer than|más de|mas de|plus d['’]une?|plus de|mais de"
ABOUT = (
    r"about|around|nearly|almost|some|cerca de|casi|alrededor de|environ|près d['’]une?|presque|"
    r"quase|por volta de|perto de"
)
COUNT = (
    r"\d{1,3}|an?|one|two|three|four|five|una?|dos|tres|cuatro|cinco|une?|deux|trois|quatre|cinq|"
    r"uma|duas|três|quatro"
)
LENGTH = re.compile(
    rf"(?i)\b(?:(?P<q1>{MORE}|{ABOUT})\s+)?(?P<n1>{COUNT})?\s*(?:(?P<q2>{MORE})\s+)?(?P<n2>{COUNT})?"
    rf"[\s-]*(?P<unit>hours?|horas?|heures?|minutes?|minutos?)\b(?:[\s-]+long)?(?!\s+(?:after|before|"
    r"después|despues|antes|après|avant|later|más tarde))"
)
MEETING = re.compile(
    r"(?i)\b(meeting|talks|discussions|met\b|lasting|lasted|encuentro|reuni|conversaci|se extendió|duró|"
    r"réunion|entretien|a duré|rencontrés|encontro|reunião|durou)"
)


@dataclass(frozen=True)
class Length:
    """A meeting's length at a place, as one sentence gives it."""

    place: PlaceMention
    minutes: int
    qualifier: str  # "more than" or "about", as the format's DurationVariant has them
    said: str
    sentence: str


def _length(match: re.Match[str]) -> tuple[int, str] | None:
    count = (match.group("n2") or match.group("n1") or "").lower()  # "a two-hour": two
    number = int(count) if count.isdigit() else NUMBERS.get(count)
    if number is None:
        return None
    minutes = number * (60 if match.group("unit").lower().startswith("h") else 1)
    qualifier = (match.group("q1") or match.group("q2") or "").lower()
    return minutes, "more than" if qualifier and re.fullmatch(MORE, qualifier) else "about"


def find_lengths(text: str, cast: Cast) -> list[Length]:
    """The meeting lengths ``text`` gives, each with the place of its meeting."""
    homes = cast.homes
    out, previous = [], None
    for start, sentence in sentences(text):
        here = cast.spots.within(start, start + len(sentence))
        match = LENGTH.search(sentence) if MEETING.search(sentence) else None
        length = _length(match) if match else None
        if match is not None and length is not None:
            named = [homes[p.name] for _, p in cast.named.named_in(sentence) if p.name in homes]
            near = min(here, key=lambda p: abs(p.start - start - match.start()), default=None)
            place = near or next(iter(named), None) or previous
            if place is not None:
                out.append(Length(place, *length, match.group().strip(), sentence))
        previous = here[-1] if here else None  # "... arrived in Montevideo. The talks lasted an hour."
    return out
