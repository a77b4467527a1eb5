"""A cited draft from articles: sources, places, visits, people, quotes, events and disagreements,
each proposal marked as a draft with its article and the sentence it came from.

Nothing curated is changed: a tour given to extend keeps every item as it is, and proposals are
added after them. Rules only (:mod:`quotes`, :mod:`places`, :mod:`people`, :mod:`dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import yaml

from dashboard.geo.gazetteer import ATTRIBUTION, normalise
from dashboard.ingest.articles import Article
from dashboard.ingest.dates import DateMention, find_dates
from dashboard.ingest.people import find_people
from dashboard.ingest.places import PlaceMention, find_places
from dashboard.ingest.quotes import SENTENCE_END, find_quotes
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import (
    Claim,
    DateVariant,
    Discrepancy,
    Draft,
    Event,
    Person,
    Place,
    Source,
    Text,
    Topic,
    Tour,
    Variant,
    Visit,
)

TRAVEL = re.compile(
    r"(?i)\b(visit|arriv|met\b|meet|travel|flew|fly|trip|tour|lleg|visit|reuni|viaj|gira|recib|"
    r"arriv|rencontr|voyag|rendu|rendra|se rend)"
)
EVENTS = {
    "election": re.compile(r"(?i)\b(election|runoff|elecci|balotaje|segunda vuelta|élection|second tour)"),
    "inauguration": re.compile(r"(?i)\b(inaugurat|sworn in|investidura|asunci|asumir|investiture)"),
}
UNSORTED = "unsorted"
UNNAMED = "(not named next to the quote)"


@dataclass
class Reading:
    """What one article proposes, before the articles are put together."""

    source: Source
    visits: list[tuple[PlaceMention, DateMention, str, list[Person]]] = field(default_factory=list)
    places: list[tuple[PlaceMention, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence, split at sentence ends and line breaks."""
    out, begin = [], 0
    ends = [m.end() for m in SENTENCE_END.finditer(text)] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    for end in sorted({*ends, len(text)}):
        if text[begin:end].strip():
            out.append(
                (begin + len(text[begin:end]) - len(text[begin:end].lstrip()), text[begin:end].strip())
            )
        begin = end
    return out


def source_record(article: Article, index: int) -> Source:
    return Source(
        id=f"a{index:02d}-{article.language}",
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        language=article.language,
        published=article.published,
        url=article.url if article.url and article.url.startswith(("http://", "https://")) else None,
        file=article.name[-200:],
    )


def _draft(source: Source, sentence: str, flag: str | None = None) -> Draft:
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


def _quotes(article: Article, source: Source, tour: Tour | None) -> list[Claim]:
    claims = []
    for k, quote in enumerate(find_quotes(article.text), start=1):
        speaker = quote.speaker or UNNAMED  # the format wants a speaker for a quote: the reviewer names one
        what = (
            f"{speaker} is quoted"
            if quote.speaker
            else "A quotation whose speaker the sentence does not name"
        )
        claims.append(
            Claim(
                id=f"{source.id}-q{k:02d}",
                kind="statement",
                speaker=speaker,
                topics=_topics(quote.sentence, tour),
                text=Text(en=f"{what} (draft: describe it in your own words)."),
                quote=quote.text,
                quote_source=source.id,
                sources=[source.id],
                draft=_draft(source, quote.sentence, None if quote.speaker else "name the speaker"),
            )
        )
    return claims


def _event(kind: str, day: DateMention, source: Source, sentence: str) -> Event:
    label = {"election": "Election", "inauguration": "Inauguration"}[kind]
    return Event(
        id=kind,
        label=Text(en=label),
        date=day.day,
        sources=[source.id],
        draft=_draft(source, sentence, day.flag),
    )


def read_article(article: Article, index: int, tour: Tour | None = None) -> Reading:
    """Everything one article proposes, each with the sentence it came from."""
    reading = Reading(source_record(article, index))
    reading.claims = _quotes(article, reading.source, tour)
    places = find_places(article.text)
    people = find_people(article.text)
    for start, sentence in sentences(article.text):
        end = start + len(sentence)
        here = [p for p in places if start <= p.start < end]
        reading.places += [(p, sentence) for p in here]
        dates = find_dates(sentence, article.language, article.published) if article.published else []
        if not dates:
            continue  # with no date of its own an article's "on Monday" cannot be read: left out
        for kind, pattern in EVENTS.items():
            if pattern.search(sentence):
                reading.events.append(_event(kind, dates[0], reading.source, sentence))
        if here and TRAVEL.search(sentence):
            met = [Person(name=p.name, office=Text(en=p.office), sources=[reading.source.id])
                   for p in people if start <= p.start < end]  # fmt: skip
            reading.visits.append((_visit_place(here), dates[0], sentence, met))
    return reading


def _visit_place(here: list[PlaceMention]) -> PlaceMention:
    """The place a travel sentence is about: its first city, else its first country's capital."""
    return next((p for p in here if not p.country_only), here[0])


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")[:50] or "place"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _place_ids(readings: list[Reading], tour: Tour | None) -> tuple[dict[tuple[str, str], str], list[Place]]:
    """Every place the articles name -> its id in the tour (curated ones kept), and the new places."""
    ids = {(p.country, normalise(p.name)): p.id for p in (tour.places if tour else [])}
    taken = set(ids.values())
    visited = {(m.country, normalise(m.name)) for r in readings for m, *_ in r.visits}
    new: list[Place] = []
    for reading in readings:
        for mention, sentence in reading.places:
            key = (mention.country, normalise(mention.name))
            if key in ids:
                continue
            ids[key] = _slug(mention.name, taken)
            flag = (
                f"only the country is named ({mention.said}): its capital is assumed"
                if mention.country_only
                else None
            )
            new.append(Place(
                id=ids[key], name=mention.name, country=mention.country,
                role="visit" if key in visited else "discussed",
                latitude=mention.latitude, longitude=mention.longitude, geocoded_by=ATTRIBUTION,
                sources=[reading.source.id], draft=_draft(reading.source, sentence, flag),
            ))  # fmt: skip
    return ids, new


def _visits(
    readings: list[Reading], ids: dict[tuple[str, str], str], tour: Tour | None
) -> tuple[list[Visit], list[Discrepancy]]:
    """One visit per place the articles say was (or will be) visited; dates the articles disagree on
    are kept side by side, each with its sources, and proposed as a disagreement."""
    curated = {v.place for v in tour.visits} if tour else set()
    by_place: dict[str, list[tuple[Reading, DateMention, str, list[Person]]]] = defaultdict(list)
    for reading in readings:
        for mention, day, sentence, met in reading.visits:
            pid = ids[(mention.country, normalise(mention.name))]
            if pid not in curated:
                by_place[pid].append((reading, day, sentence, met))
    ordered = sorted(by_place.items(), key=lambda item: min(d.day for _, d, _, _ in item[1]))
    first = max((v.order for v in tour.visits), default=0) if tour else 0
    visits, disagreements = [], []
    for n, (pid, seen) in enumerate(ordered, start=first + 1):
        variants = _date_variants(seen)
        reading, _, sentence, _ = seen[0]
        flags = [d.flag for _, d, _, _ in seen if d.flag]
        people = {p.name: p for *_, met in seen for p in met}
        visits.append(Visit(place=pid, order=n, dates=variants, counterparts=list(people.values()),
                            sources=list(dict.fromkeys(r.source.id for r, *_ in seen)),
                            draft=_draft(reading.source, sentence, flags[0] if flags else None)))  # fmt: skip
        if len(variants) > 1:
            disagreements.append(_disagreement(pid, variants, reading.source, sentence))
    return visits, disagreements


def _date_variants(seen: list[tuple[Reading, DateMention, str, list[Person]]]) -> list[DateVariant]:
    """Each distinct date the articles give, citing every article that gives it."""
    cited: dict[tuple[dt.date, dt.date, str], list[str]] = defaultdict(list)
    for reading, day, _, _ in seen:
        cited[(day.day, day.last, day.precision)].append(reading.source.id)
    return [
        DateVariant(start=first, end=None if last == first else last, precision=precision,
                    kind="announced" if precision == "month" else "actual", sources=list(dict.fromkeys(ids)))
        for (first, last, precision), ids in cited.items()
    ]  # fmt: skip


def _disagreement(pid: str, variants: list[DateVariant], source: Source, sentence: str) -> Discrepancy:
    return Discrepancy(
        id=f"{pid}-date",
        subject=Text(en=f"When the visit to {pid} took place"),
        field=f"visits.{pid}.dates",
        variants=[Variant(value=Text(en=v.start.isoformat()), sources=v.sources) for v in variants],
        draft=_draft(source, sentence, "the articles give different dates"),
    )


def _events(readings: list[Reading], tour: Tour | None) -> list[Event]:
    """One proposal per kind of event the tour lacks, from the first article that dates it."""
    have = {e.id for e in tour.events} if tour else set()
    out: dict[str, Event] = {}
    for reading in readings:
        for event in reading.events:
            if event.id not in have:
                out.setdefault(event.id, event)
    return list(out.values())


def _subject(readings: list[Reading]) -> str:
    """A new tour's subject: the speaker quoted most (the reviewer corrects it)."""
    speakers = Counter(c.speaker for r in readings for c in r.claims if c.speaker and c.speaker != UNNAMED)
    return speakers.most_common(1)[0][0] if speakers else "Unknown (draft)"


def build_draft(articles: list[Article], tour: Tour | None = None) -> Tour:
    """``tour`` (or a new one) with everything the articles propose added as drafts."""
    first = len(tour.sources) + 1 if tour else 1
    readings = [read_article(a, first + i, tour) for i, a in enumerate(articles)]
    ids, places = _place_ids(readings, tour)
    if not places and not tour:
        raise ValueError("no place named in the articles: there is nothing to draw a tour from")
    visits, disagreements = _visits(readings, ids, tour)
    claims = [c for r in readings for c in r.claims]
    topics = list(tour.topics) if tour else []
    if any(UNSORTED in c.topics for c in claims) and UNSORTED not in {t.id for t in topics}:
        note = Draft(
            source=readings[0].source.id, evidence="Proposed claims that name none of the tour's topics."
        )
        topics.append(Topic(id=UNSORTED, label=Text(en="Not yet sorted", es="Sin clasificar"), draft=note))
    added: dict[str, list[Any]] = {
        "sources": [r.source for r in readings],
        "places": places,
        "visits": visits,
        "events": _events(readings, tour),
        "claims": claims,
        "discrepancies": disagreements,
    }
    if tour is None:
        title = Text(en=f"Draft tour from {len(articles)} articles")
        return Tour(
            format_version=2, id="draft-tour", title=title, subject=_subject(readings), topics=topics, **added
        )
    merged = {k: [*getattr(tour, k), *v] for k, v in added.items()}
    return tour.model_copy(update={**merged, "topics": topics})


def draft_text(tour: Tour) -> str:
    """The draft as a YAML tour file, checked by the same loader as any tour (it raises if invalid)."""
    data = tour.model_dump(mode="json", exclude_none=True)
    text = "# A draft made by `python -m dashboard ingest`: items with a `draft` mark are proposals.\n"
    text += yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
    load_text(text, "draft.yaml")
    return text
