"""What one article proposes: its quotes, the places it names, the visits, meeting lengths and events
it reports, each with the sentence it came from and citing the article's source (rules only:
:mod:`quotes`, :mod:`places`, :mod:`people`, :mod:`dates`, :mod:`visits`, :mod:`durations`)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.articles import Article
from dashboard.ingest.cast import Host, Traveller, find_traveller, hosts_in
from dashboard.ingest.chars import controls_in, invisible_in
from dashboard.ingest.dates import DateMention
from dashboard.ingest.durations import Length, find_lengths
from dashboard.ingest.known import quote_key
from dashboard.ingest.people import find_people
from dashboard.ingest.places import PlaceMention, all_mentions, first_mentions
from dashboard.ingest.quotes import Quote, find_quotes
from dashboard.ingest.spans import Spots
from dashboard.ingest.titles import is_designation, is_name, is_term, is_title
from dashboard.ingest.visits import (
    ANY_EVENT,
    EVENTS,
    Reference,
    Sighting,
    cast_of,
    dates_in,
    find_visits,
    reference,
    sentences,
)
from dashboard.tourfile.model import Claim, Draft, Event, Source, Text, Tour

UNSORTED = "unsorted"
UNNAMED = "(not named next to the quote)"


@dataclass
class Reading:
    """What one article proposes, before the articles are put together."""

    source: Source
    visits: list[Sighting] = field(default_factory=list)
    lengths: list[Length] = field(default_factory=list)
    places: list[tuple[PlaceMention, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[tuple[Event, dt.date]] = field(default_factory=list)  # and its last day (a month's)
    hosts: list[Host] = field(default_factory=list)  # people named with an office, and their country


def draft_mark(source: Source, sentence: str, flag: str | None = None) -> Draft:
    return Draft(source=source.id, evidence=sentence[:5000], flag=flag)


def _topics(sentence: str, tour: Tour | None) -> list[str]:
    """The tour's topics a sentence speaks of: a long word of a topic's label (either language) in it."""
    words = {normalise(w)[:6] for w in re.findall(r"\w{5,}", sentence)}
    found = []
    for topic in tour.topics if tour else []:
        labels = " ".join(x for x in (topic.label.en, topic.label.es) if x)
        if words & {normalise(w)[:6] for w in re.findall(r"\w{5,}", labels)}:
            found.append(topic.id)
    return found or [UNSORTED]


def _quotes(article: Article, source: Source, tour: Tour | None, raw: str, plain: str = "") -> list[Claim]:
    """A claim per quotation; what no one says is not proposed (:mod:`titles`): a term the writer
    marks ("libertarian", «dos palabras»), a title or slogan, a name the articles also write
    plainly (``plain``: the batch's texts without their quotations). ``raw`` is the article's text
    before its control characters were read as spaces."""
    claims, seen = [], set()
    text = article.text
    quotes = [
        q for q in find_quotes(text)
        if not (is_term(q) or is_title(text, q) or is_designation(text, q) or is_name(q, plain))
    ]  # fmt: skip
    for quote in quotes:
        if (key := quote_key(quote.text)) in seen:
            continue  # said again in the same article: proposed once (merge.new_claims), built once
        seen.add(key)
        speaker = quote.speaker or UNNAMED  # the format wants a speaker for a quote: the reviewer names one
        what = (
            f"{speaker} is quoted"
            if quote.speaker
            else "A quotation whose speaker the sentence does not name"
        )
        claims.append(
            Claim(
                id=f"{source.id}-q{len(seen):02d}",
                kind="statement",
                speaker=speaker,
                topics=_topics(quote.sentence, tour),
                text=Text(en=f"{what} (draft: describe it in your own words)."),
                quote=quote.text,
                quote_source=source.id,
                sources=[source.id],
                draft=draft_mark(source, quote.sentence, _quote_flag(quote, raw)),
            )
        )
    return claims


def _speaker_flag(quote: Quote) -> str | None:
    if quote.inferred:
        return f"a pronoun speaks: {quote.speaker} is the subject of the sentence it follows; check"
    return None if quote.speaker else "name the speaker"


def _quote_flag(quote: Quote, raw: str) -> str | None:
    """What a reviewer checks first in a quote: its speaker, characters it held that the tour cannot
    (control characters, read as spaces), and characters it keeps that no reader sees (RLO U+202E
    turns the rest of a line around wherever the quote is shown)."""
    controls = controls_in(raw[quote.start : quote.end])
    held = f"control characters in the article ({', '.join(controls)}) read as spaces" if controls else None
    unseen = invisible_in(quote.text)
    kept = f"invisible characters kept as written: {', '.join(unseen)}; check it" if unseen else None
    cut = "the article's text ends inside this quotation: the rest is missing" if quote.cut else None
    return joined(_speaker_flag(quote), held, kept, cut)


def joined(*parts: str | None) -> str | None:
    """Flags joined into one, as long as the format lets a flag be (300 characters)."""
    return "; ".join(p for p in parts if p)[:300] or None


def _event(kind: str, day: DateMention, source: Source, sentence: str, flag: str | None) -> Event:
    label = {"election": "Election", "inauguration": "Inauguration"}[kind]
    if day.precision == "month":  # the format dates an event to the day: the reviewer must know it
        flag = f"only the month is given ({day.said!r}): the 1st stands in for an unknown day"
    return Event(
        id=kind,
        label=Text(en=label),
        date=day.day,
        sources=[source.id],
        draft=draft_mark(source, sentence, flag if day.precision == "month" else day.flag or flag),
    )


def read_article(
    article: Article,
    source: Source,
    tour: Tour | None = None,
    others: list[dt.date] | None = None,
    traveller: Traveller | None = None,
    raw: str | None = None,
    plain: str = "",
    window: tuple[dt.date, dt.date] | None = None,
    free: tuple[dt.date, ...] = (),
) -> Reading:
    """Everything one article proposes, each with the sentence it came from and citing ``source``;
    ``others`` are the other articles' dates, for an article that has none (see
    :func:`visits.reference`), ``traveller`` who travels and from where (:func:`cast.find_traveller`),
    and ``raw`` the article's text as given, when it was mended (:func:`mend.mend`)."""
    traveller = traveller or find_traveller([article])
    reading = Reading(source)
    reading.claims = _quotes(article, reading.source, tour, raw or article.text, plain)
    mentions = all_mentions(article.text)
    ref = reference(article, others or [], window, free)
    firsts = Spots(first_mentions(mentions))
    for start, sentence in sentences(article.text):
        reading.places += [(p, sentence) for p in firsts.within(start, start + len(sentence))]
        reading.events += _events_in(sentence, article.language, ref, reading.source)
    people = find_people(article.text)
    cast = cast_of(article.text, mentions, people, traveller.home, traveller.words, traveller.sure)
    reading.visits = find_visits(article, ref, cast)
    reading.lengths = find_lengths(article.text, cast)
    reading.hosts = hosts_in(article, traveller)
    return reading


def _events_in(sentence: str, lang: str, ref: Reference, source: Source) -> list[tuple[Event, dt.date]]:
    """An election or inauguration the sentence dates (the date nearest the word naming it), with
    the last day that date can mean (a month-only date's last day)."""
    found: list[tuple[Event, dt.date]] = []
    if not ANY_EVENT.search(sentence):
        return found
    for kind, pattern in EVENTS.items():
        named = pattern.search(sentence)
        days = dates_in(sentence, lang, ref) if named else []
        if named and days:
            day = min(days, key=lambda d: abs(d.start - named.start()))
            found.append((_event(kind, day, source, sentence, ref.flag), day.last))
    return found
