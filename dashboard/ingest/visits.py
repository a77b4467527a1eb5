"""Visits an article reports: a sentence with a verb of travel or meeting, a date and a place.

Rules only. Each verb of travel takes the date nearest it, unless an election or an inauguration
is named nearer that date; the place is the first one named after the verb ("meet Ríos in
Uruguay on Monday, December 22, and … a visit to Peru" puts 22 December in Uruguay, "este lunes
22 se verá con Ríos en Uruguay" too), else the one nearest it. A sentence that names no place
takes the place of the sentence before it in the same paragraph ("... traveled to Peru ... The
meeting took place on January 7"), else the place its counterpart was named with. The person met
is the one named nearest the place, other than the name the article uses most (the traveller's).

An article with no date of its own is read relative to a date line at its top ("Monday, December
22, 2025"), else only its calendar dates are kept, in the year nearest the other articles' dates;
either way the visit is flagged so a reviewer checks it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.geo.gazetteer import capital
from dashboard.ingest.articles import Article
from dashboard.ingest.dates import DateMention, find_dates, is_article_day
from dashboard.ingest.people import PersonMention, qualifies_office
from dashboard.ingest.places import RUN, PlaceMention, all_mentions
from dashboard.ingest.spans import NEWLINE, SENTENCE_END, People, Spots
from dashboard.tourfile.model import FIRST_DAY, LAST_DAY

# Each language's verbs (and nouns) of travel and meeting: English, Spanish, French, Portuguese.
TRAVEL = re.compile(
    r"(?i)\b(visit|arriv|met\b|meet|travel|flew|fly|trip|tour|landed|received by|welcomed by|"
    r"lleg|reuni|reún|viaj|gira|recib|arrib|aterriz|se entrevist|audiencia|se verá|sostendrá|"
    r"rencontr|voyag|rendu|rendra|se rend|arrivé|atterri|s['’]est posé|reçu|accueilli|entretenu|"
    r"chegou|chega|chegará|desembarc|pous|viaj|encontr|recebid|visita|reúne|reuniu|reunirá)"
)
EVENTS = {
    "election": re.compile(
        r"(?i)\b(election|runoff|elecci|balotaje|segunda vuelta|élection|second tour|eleição|eleições)"
    ),
    "inauguration": re.compile(
        r"(?i)\b(inaugurat|sworn in|takes? office|assumes? office|investidura|asunci|asumir|asumirá|"
        r"toma de posesión|asuma|asume|investiture|prise de fonctions|posse)"
    ),
}
# Any of the events' words: most sentences name none, and one search says so.
ANY_EVENT = re.compile("(?i)" + "|".join(f"(?:{p.pattern.removeprefix('(?i)')})" for p in EVENTS.values()))
# Words that put a visit in the future: planned, not yet made (the future tense of each language:
# "llegará", "se rendra", "chegará"; "will", "vai", "deve").
PLANNED = re.compile(
    r"(?i)\b(scheduled|set to|will|plans?|expected|announced|previst|prevé|anunciad|se verá|"
    r"prévu|prévoit|doit|attendu|deverá|deve|vai|irá|previsão|\w+(?:rá|rán|ront|rão))\b"
)
# French writes its future tense's third person in -ra ("se rendra", "participera"), which in the
# other languages ends common words ("primera", "era"): read in French only.
PLANNED_FR = re.compile(r"(?i)\b\w+(?:era|ira|dra)\b")
CLAUSE_BREAK = re.compile(
    r"(?i);|,\s*(?:and|but|then|while|y|pero|luego|mientras|et|mais|puis)\b|\s(?:and then|y luego|et puis)\b"
)
# Where the traveller came from, in each language: "a flight from X", "procedente de X".
FROM = re.compile(
    r"(?i)\b(?:from|desde|procedente de|proveniente de|depuis|en provenance de|vind[oa] de|vind[oa] do|"
    r"vind[oa] da)\s+(?:the\s+)?$"
)
# "The next day" and its kin in each language: a day counted from the date the article gave last.
NEXT_DAY = re.compile(
    r"(?i)\b(?:the (?:next|following) day|the day after (?:the|their|his|her|its) (?:arrival|visit|landing)|"
    r"al día siguiente|el día siguiente|le lendemain|no dia seguinte|o dia seguinte)\b"
)
WEEK = 7  # days: a weekday names one day in a window this long
HEAD_LINES = 6  # a page's date line sits among its first lines
MAX_SENTENCE = 2000  # characters: the longest sentence of the seed and development articles has 602


@dataclass(frozen=True)
class Reference:
    """The day an article's relative dates are read from, and how it was found."""

    day: dt.date | None
    flag: str | None = None  # set when the day is not the article's own date
    calendar_only: bool = False  # only dates naming a month can be read (their year is inferred)
    window: tuple[dt.date, dt.date] | None = None  # the tour's days the other articles give, for weekdays
    free: tuple[dt.date, ...] = ()  # the tour's days no dated article gives a visit, for "yesterday"


@dataclass(frozen=True)
class Sighting:
    """One visit an article reports."""

    place: PlaceMention
    day: DateMention
    kind: str  # actual, scheduled or announced
    sentence: str
    met: tuple[PersonMention, ...]
    flag: str | None
    venue: str | None = None  # a smaller place nearby where it happened (:mod:`subplaces`)


def date_line(text: str) -> dt.date | None:
    """A full date (with its year) standing alone on one of the text's first lines."""
    import dateparser

    for line in [x.strip() for x in text.splitlines() if x.strip()][:HEAD_LINES]:
        line = re.sub(r"(?i)^(date|fecha|published|publicado|publié le)\s*:?\s*", "", line)
        if len(line) <= 40 and re.search(r"\b(19|20)\d\d\b", line) and re.search(r"[A-Za-z-]", line):
            parsed: dt.datetime | None = dateparser.parse(line, settings={"STRICT_PARSING": True})
            if parsed:
                return parsed.date()
    return None


def reference(
    article: Article,
    others: list[dt.date],
    window: tuple[dt.date, dt.date] | None = None,
    free: tuple[dt.date, ...] = (),
) -> Reference:
    """The article's own date, else its date line, else the latest of the other articles' dates
    (and the tour's ``window``, where a weekday is read: see :func:`tour_window`)."""
    if article.published:
        return Reference(article.published)
    line = date_line(article.text)
    if line:
        return Reference(line, f"the article has no date: read relative to its date line ({line})")
    if others:
        latest = max(others)
        flag = f"the article has no date: year taken from the other articles ({latest})"
        return Reference(latest, flag, calendar_only=True, window=window, free=free)
    return Reference(None)


def tour_window(days: Sequence[dt.date]) -> tuple[dt.date, dt.date] | None:
    """The days the dated articles give the tour's visits, widened to a week when shorter: the
    window an undated article's weekday ("arrivé vendredi") is read in, where it fits one day."""
    if not days:
        return None
    first, last = min(days), max(days)
    pad = max(0, WEEK - 1 - (last - first).days) // 2
    return first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)


def free_days(days: Sequence[dt.date]) -> tuple[dt.date, ...]:
    """The days between the first and the last visit day the dated articles give that none of them
    gives a visit: where an undated article's "yesterday" can fall."""
    if not days:
        return ()
    first, taken = min(days), set(days)
    span = [first + dt.timedelta(days=n) for n in range((max(days) - first).days + 1)]
    return tuple(d for d in span if d not in taken)


def _in_free_days(day: DateMention, ref: Reference, lang: str) -> DateMention | None:
    """The article's own day ("ayer", "today", "hier", "ontem") in an undated article: the days the
    dated articles leave free between their visits (one, or the span of them), flagged with how."""
    if not ref.free or not is_article_day(day.said, lang):
        return None
    first, last = ref.free[0], ref.free[-1]
    span = f"{first}" if first == last else f"{first} to {last}"
    how = f"the article has no date: {day.said!r} read as the tour's days no dated article gives a visit"
    how += f" ({span})"
    return replace(day, day=first, last=last, flag=how, how=how)


def _in_window(day: DateMention, window: tuple[dt.date, dt.date]) -> DateMention | None:
    """A weekday (with its day's number, if written) read as the one such day in the window."""
    first, last = window
    span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    fits = [d for d in span if d.weekday() == day.weekday and (not day.numbered or d.day == day.day.day)]
    if day.weekday is None or len(fits) != 1:
        return None  # no weekday, or two such days in the window: unknown stays unknown
    how = f"the article has no date: {day.said!r} read as the one such day in the tour's days "
    how += f"({first} to {last})"
    return replace(day, day=fits[0], last=fits[0], flag=day.flag or how, how=how)


def _nearest(items: list[PlaceMention], at: int) -> PlaceMention | None:
    return min(items, key=lambda p: abs(p.start - at), default=None)


def traveller(text: str) -> str | None:
    """The name the article uses most (the last word of its runs of capitalised words, places
    aside): the person travelling ("Torres"), not one met."""
    places = {p.said.split()[-1] for p in all_mentions(text)}
    names = Counter(run.group().split()[-1] for run in RUN.finditer(text))
    return next((name for name, _ in names.most_common() if name not in places and len(name) > 2), None)


def _met(sentence: str, at: int, people: People) -> tuple[PersonMention, ...]:
    """The person named nearest ``at`` in the sentence, if any."""
    named = [(abs(pos - at), p) for pos, p in people.named_in(sentence)]
    return (min(named, key=lambda x: x[0])[1],) if named else ()


def _gap(sentence: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap); spans in different clauses
    ("…on Monday, December 22, and plans a visit to Peru") are as far apart as the sentence allows."""
    between = sentence[min(a[1], b[1]) : max(a[0], b[0])]
    return len(sentence) + 1 if CLAUSE_BREAK.search(between) else max(0, b[0] - a[1], a[0] - b[1])


def _travel_dates(sentence: str, days: list[DateMention]) -> list[tuple[DateMention, re.Match[str]]]:
    """(date, verb) for each date that is the nearest one to a verb of travel, with its nearest such
    verb; a date nearer an election or inauguration than to that verb is the event's, not a visit's."""
    events = [m.span() for pattern in EVENTS.values() for m in pattern.finditer(sentence)]
    best: dict[int, tuple[int, DateMention, re.Match[str]]] = {}  # day -> its nearest verb
    spans = [((d.start, d.start + len(d.said)), d) for d in days]
    for verb in TRAVEL.finditer(sentence) if spans else ():
        gaps = ((_gap(sentence, sp, verb.span()), sp, d) for sp, d in spans)
        gap, span, day = min(gaps, key=lambda x: x[0])
        key = day.day.toordinal()  # "Monday, December 22" read as two mentions is one day
        if (
            gap <= len(sentence)
            and all(gap <= _gap(sentence, span, e) for e in events)
            and gap < best.get(key, (10**9,))[0]
        ):
            best[key] = (gap, day, verb)
    return [(day, verb) for _, day, verb in sorted(best.values(), key=lambda x: x[1].start)]


def _destination(
    here: list[PlaceMention], start: int, verb: re.Match[str], sentence: str
) -> PlaceMention | None:
    """The first place named after the verb (before the next verb of travel), else the nearest one."""
    stop = next((m.start() for m in TRAVEL.finditer(sentence, verb.end())), len(sentence))
    after = [p for p in here if start + verb.end() <= p.start < start + stop]
    return after[0] if after else _nearest(here, start + verb.start())


def _kind(sentence: str, day: DateMention, ref: Reference, lang: str = "en") -> str:
    future = PLANNED.search(sentence) or (lang == "fr" and PLANNED_FR.search(sentence))
    planned = future or (ref.day is not None and not ref.flag and day.day > ref.day)
    if day.precision == "month":
        return "announced"
    return "scheduled" if planned else "actual"


@lru_cache(maxsize=8)  # each article's sentences are read by several rules
def sentences(text: str) -> tuple[tuple[int, str], ...]:
    """(offset, sentence) for each sentence, split at sentence ends and line breaks. A "sentence"
    longer than :data:`MAX_SENTENCE` characters (a text whose full stops were lost) is read in
    pieces cut at a space, so that no rule's work on one sentence grows with the article."""
    out, begin = [], 0
    ends = {*(m.end() for m in SENTENCE_END.finditer(text)), *(m.end() for m in NEWLINE.finditer(text))}
    for end in sorted({*ends, len(text)}):
        for first, last in _pieces(text, begin, end):
            piece = text[first:last]
            if piece.strip():
                out.append((first + len(piece) - len(piece.lstrip()), piece.strip()))
        begin = end
    return tuple(out)


@lru_cache(maxsize=8)
def travel_verbs(text: str) -> tuple[int, ...]:
    """Where each sentence of :func:`sentences` has its first verb of travel (-1: none), found once per
    text for every rule that asks (the traveller's, the visits')."""
    return tuple(verb.start() if (verb := TRAVEL.search(sentence)) else -1 for _, sentence in sentences(text))


def _pieces(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    """``text[begin:end]`` in pieces of at most :data:`MAX_SENTENCE` characters, cut after a space."""
    pieces = []
    while end - begin > MAX_SENTENCE:
        cut = text.rfind(" ", begin + 1, begin + MAX_SENTENCE) + 1 or begin + MAX_SENTENCE
        pieces.append((begin, cut))
        begin = cut
    return [*pieces, (begin, end)]


def dates_in(sentence: str, lang: str, ref: Reference) -> list[DateMention]:
    """The dates a sentence names that can be read from ``ref`` (none without a reference day), and
    that a tour can hold: "5 January 1750" is left out, as the format refuses it."""
    if ref.day is None:
        return []  # with no date to read from, "on Monday" cannot be read: left out
    found = [d for d in find_dates(sentence, lang, ref.day) if d.day >= FIRST_DAY and d.last <= LAST_DAY]
    if not ref.calendar_only:
        return found
    window = ref.window
    read = [
        d if d.calendar else (_in_window(d, window) if window else None) or _in_free_days(d, ref, lang)
        for d in found
    ]
    return [d for d in read if d is not None]


def homes_of(
    text: str, mentions: Sequence[PlaceMention], people: Sequence[PersonMention]
) -> dict[str, PlaceMention]:
    """Each person -> the place named nearest them in the first sentence naming both."""
    homes: dict[str, PlaceMention] = {}
    spots, named = Spots(mentions), People(people)
    for start, sentence in sentences(text):
        if len(homes) == len(named.people):
            break
        here = spots.within(start, start + len(sentence))
        for at, person in named.named_in(sentence) if here else ():
            if person.name not in homes:
                homes[person.name] = _nearest(here, start + at)  # type: ignore[assignment]
    return homes


def home_country(texts: Sequence[Sequence[PlaceMention]]) -> str | None:
    """The traveller's own country: the one named in the most articles (then most often), where a
    tour does not visit ("su llegada a La Moneda … fuera de Chile")."""
    articles = Counter(code for mentions in texts for code in {p.country for p in mentions})
    times = Counter(p.country for mentions in texts for p in mentions)
    return max(articles, key=lambda code: (articles[code], times[code]), default=None)


@dataclass(frozen=True)
class Cast:
    """Where and whom an article's visits and meetings involve, worked out once per article."""

    places: tuple[PlaceMention, ...]  # every mention, less the traveller's own country named alone
    met: tuple[PersonMention, ...]  # the people named with an office, the traveller aside
    homes: dict[str, PlaceMention]  # each of them -> the place they were first named with
    spots: Spots  # the places, found by where they are
    named: People  # the people met, found by their names


def cast_of(text: str, mentions: Sequence[PlaceMention], people: Sequence[PersonMention],
            home: str | None = None, traveller_words: frozenset[str] | None = None,
            sure: bool = False) -> Cast:  # fmt: skip
    """The article's cast; the traveller's own country (``home``, see :func:`home_country`) named
    alone (and its capital, where an office says which country is home: ``sure``) are not places
    of the tour, though its other cities may be. The
    traveller is the person sharing a name word with ``traveller_words``, else the name the
    article uses most."""
    name = traveller(text)
    if traveller_words:
        met = tuple(p for p in people if not set(p.name.split()) & traveller_words)
    else:
        met = tuple(p for p in people if p.name.split()[-1] != name)
    origin = capital(home) if home and sure else None
    places = tuple(
        p for p in mentions
        if p.country != home or not (p.country_only or (origin is not None and p.name == origin.name))
    )  # fmt: skip
    return Cast(places, met, homes_of(text, places, met), Spots(places), People(met))


def _home_of(met: Sequence[PersonMention], homes: dict[str, PlaceMention]) -> PlaceMention | None:
    """The place the person met was first named with, where it is in their office's country: a
    place named beside a head of state of another country ("between X and the president of Y,
    warnings to Z") is where they were discussed, not where they were met."""
    return next(
        (homes[p.name] for p in met if p.name in homes and p.country in (None, homes[p.name].country)), None
    )


def _not_qualifiers(text: str, here: list[PlaceMention]) -> list[PlaceMention]:
    """The sentence's places less a country that only says whose an office is ("meeting Ruritania's
    President X", "the Ruritanian prime minister") where the sentence names a place of that country
    too: that place is where the meeting was ("in Zenda")."""
    owners = [p for p in here if qualifies_office(text, p.start, p.start + len(p.said))]
    return [
        p for p in here
        if p not in owners or not any(q.country == p.country for q in here if q not in owners)
    ]  # fmt: skip


def _next_day(sentence: str, start: int, last: Sighting | None, ref: Reference, lang: str,
              others: People) -> Sighting | None:  # fmt: skip
    """A sentence with no date of its own that opens with "the next day" ("The day after their
    arrival, the two leaders met …"): the day after the article's last visit day, at that visit's
    place unless the sentence names another, flagged with how the day was found."""
    if last is None or last.day.precision != "day" or (said := NEXT_DAY.search(sentence)) is None:
        return None
    verb = TRAVEL.search(sentence)
    if verb is None or said.start() > verb.start():
        return None
    day = last.day.day + dt.timedelta(days=1)
    how = f"{said.group()!r} read as the day after {last.day.said!r} ({day})"
    mention = DateMention(said.group(), start + said.start(), day, day, "day", flag=how, how=how)
    met = _met(sentence, verb.start(), others)
    return Sighting(last.place, mention, _kind(sentence, mention, ref, lang), sentence, met, how)


def find_visits(article: Article, ref: Reference, cast: Cast) -> list[Sighting]:
    """The visits ``article`` reports, once per place and sentence, in order."""
    others, homes = cast.named, cast.homes
    out: dict[tuple[str, str, int], Sighting] = {}
    previous: list[PlaceMention] = []
    last: Sighting | None = None  # the last visit found: "the next day" counts from its day
    last_end, before = 0, (0, "")
    for (start, sentence), verb_at in zip(sentences(article.text), travel_verbs(article.text), strict=True):
        here = cast.spots.within(start, start + len(sentence))
        if "\n" in article.text[last_end:start]:
            previous = []  # a new paragraph: the last one's place is not carried over
        last_end = start + len(sentence)
        days = dates_in(sentence, article.language, ref) if verb_at >= 0 else []
        if (
            not days
            and not here
            and (after := _next_day(sentence, start, last, ref, article.language, others))
        ):
            last = out.setdefault((after.place.country, after.place.name, start), after)
        going = _not_qualifiers(article.text, here) if days else []
        for day, verb in _travel_dates(sentence, days) if days else ():
            place = _destination(going, start, verb, sentence) or (previous[-1] if previous else None)
            met = _met(sentence, (place.start - start) if place in here else verb.start(), others)
            if place and place not in here and not met:  # the place and the person met came before
                met = _met(before[1], place.start - before[0], others)
            place = place or _home_of(met, homes)
            if place is not None:
                kind = _kind(sentence, day, ref, article.language)
                sighting = Sighting(place, day, kind, sentence, met, day.flag or ref.flag)
                last = out.setdefault((place.country, place.name, start), sighting)
        went = [p for p in here if not FROM.search(article.text[max(0, p.start - 30) : p.start])]
        previous, before = (went, (start, sentence)) if went else (previous, before)
    return list(out.values())
