"""A cited draft from articles: sources, places, visits, people, quotes, events and disagreements,
each proposal marked as a draft with its article and the sentence it came from.

Nothing curated is changed: a tour given to extend keeps every item as it is, and proposals are
added after them. An article that is already one of its sources is read as that source, and
nothing the tour holds is proposed again (:mod:`known`). Rules only (:mod:`quotes`, :mod:`places`,
:mod:`people`, :mod:`dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from dashboard.geo.gazetteer import ATTRIBUTION, normalise
from dashboard.ingest.articles import Article
from dashboard.ingest.cast import Traveller, find_traveller, hosts_in
from dashboard.ingest.compare import disagreement, merge_events
from dashboard.ingest.dates import DateMention
from dashboard.ingest.durations import find_lengths
from dashboard.ingest.known import Known, Sources, held_quote, same_article, same_kind
from dashboard.ingest.people import find_people
from dashboard.ingest.places import all_mentions, first_mentions
from dashboard.ingest.quotes import Quote, find_quotes
from dashboard.ingest.stops import Reading, flag_of, mark, stops
from dashboard.ingest.visits import EVENTS, Reference, cast_of, dates_in, find_visits, reference, sentences
from dashboard.tourfile.edit import tour_yaml
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Claim, Discrepancy, Draft, Event, Place, Source, Text, Topic, Tour

UNSORTED = "unsorted"
UNNAMED = "(not named next to the quote)"


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
    """A claim per quotation; one word in quotation marks with no speaker ("libertarian",
    «seguridad») is a term the writer marks, not something someone said, and is not proposed."""
    claims = []
    quotes = [q for q in find_quotes(article.text) if q.speaker or len(q.text.split()) > 1]
    for k, quote in enumerate(quotes, start=1):
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
                draft=mark(source, quote.sentence, _speaker_flag(quote)),
            )
        )
    return claims


def _speaker_flag(quote: Quote) -> str | None:
    if quote.inferred:
        return f"a pronoun speaks: {quote.speaker} is the subject of the sentence it follows; check"
    return None if quote.speaker else "name the speaker"


def _event(kind: str, day: DateMention, source: Source, sentence: str, flag: str | None) -> Event:
    label = {"election": "Election", "inauguration": "Inauguration"}[kind]
    if day.precision == "month":  # the format dates an event to the day: the reviewer must know it
        flag = f"only the month is given ({day.said!r}): the 1st stands in for an unknown day"
    return Event(
        id=kind,
        label=Text(en=label),
        date=day.day,
        sources=[source.id],
        draft=mark(source, sentence, flag if day.precision == "month" else day.flag or flag),
    )


def read_article(
    article: Article,
    source: Source,
    tour: Tour | None = None,
    others: list[dt.date] | None = None,
    traveller: Traveller | None = None,
) -> Reading:
    """Everything one article proposes, each with the sentence it came from and citing ``source``;
    ``others`` are the other articles' dates, for an article that has none (see
    :func:`visits.reference`), and ``traveller`` who travels, from where (:func:`cast.find_traveller`)."""
    traveller = traveller or find_traveller([article])
    reading = Reading(source)
    reading.claims = _quotes(article, reading.source, tour)
    mentions = all_mentions(article.text)
    ref = reference(article, others or [])
    firsts = first_mentions(mentions)
    for start, sentence in sentences(article.text):
        end = start + len(sentence)
        reading.places += [(p, sentence) for p in firsts if start <= p.start < end]
        reading.events += _events_in(sentence, article.language, ref, reading.source)
    cast = cast_of(article.text, mentions, find_people(article.text), traveller.home, traveller.words,
                   traveller.sure)  # fmt: skip
    reading.visits = find_visits(article, ref, cast)
    reading.lengths = find_lengths(article.text, cast)
    reading.hosts = hosts_in(article, traveller)
    return reading


def _events_in(sentence: str, lang: str, ref: Reference, source: Source) -> list[tuple[Event, dt.date]]:
    """An election or inauguration the sentence dates (the date nearest the word naming it), with
    the last day that date can mean (a month-only date's last day)."""
    found = []
    for kind, pattern in EVENTS.items():
        named = pattern.search(sentence)
        days = dates_in(sentence, lang, ref) if named else []
        if named and days:
            day = min(days, key=lambda d: abs(d.start - named.start()))
            found.append((_event(kind, day, source, sentence, ref.flag), day.last))
    return found


def _slug_base(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(name)).strip("-")[:50] or "place"


def _slug(name: str, taken: set[str]) -> str:
    base = _slug_base(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _place_ids(readings: list[Reading], tour: Tour | None) -> tuple[dict[tuple[str, str], str], list[Place]]:
    """Every place the articles name -> its id in the tour (curated ones kept), and the new places.
    A place is the tour's when it has the same country and the same name, or the same country and
    the id its name makes (a tour's `mexico-city` named "Ciudad de México" is the gazetteer's
    "Mexico City")."""
    held = tour.places if tour else []
    ids = {(p.country, normalise(p.name)): p.id for p in held}
    by_id = {(p.country, p.id): p.id for p in held}
    taken = set(ids.values())
    visited = {(v.place.country, normalise(v.place.name)) for r in readings for v in r.visits}
    new: list[Place] = []
    for reading in readings:
        for mention, sentence in reading.places:
            key = (mention.country, normalise(mention.name))
            if key in ids:
                continue
            if (mention.country, _slug_base(mention.name)) in by_id:
                ids[key] = by_id[mention.country, _slug_base(mention.name)]
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
                sources=[reading.source.id], draft=mark(reading.source, sentence, flag),
            ))  # fmt: skip
    return ids, new


def _events(readings: list[Reading], tour: Tour | None) -> tuple[list[Event], list[Discrepancy]]:
    """One proposal per kind of event the tour lacks (see :func:`compare.merge_events`). An event of
    a kind the tour has (its id or label names it: "runoff-election") is the tour's: on a day the
    tour gives (a month-only date: in its month), or from an article the tour's event cites, it is
    not proposed again; on another day, it is proposed as a disagreement with the tour's date (the
    nearest, if the tour has several)."""
    have = tour.events if tour else []
    new: list[Event] = []
    against: dict[str, list[Event]] = defaultdict(list)
    for event, last in (e for r in readings for e in r.events):
        same = [e for e in have if same_kind(event.id, e)]
        if not same:
            new.append(event)
        elif not any(event.date <= e.date <= last or set(event.sources) & set(e.sources) for e in same):
            against[min(same, key=lambda e: abs((e.date - event.date).days)).id].append(event)
    events, disagreements = merge_events(new)
    by_id = {e.id: e for e in have}
    for eid, said in against.items():
        cited: dict[dt.date, list[str]] = defaultdict(list)
        for event in said:
            cited[event.date] += [s for s in event.sources if s not in cited[event.date]]
        held = by_id[eid]
        variants = [
            (held.date.isoformat(), list(held.sources)),
            *((d.isoformat(), s) for d, s in cited.items()),
        ]
        mark = said[0].draft.model_copy(  # type: ignore[union-attr]
            update={"flag": flag_of(f"the tour gives {held.date.isoformat()}", said[0].draft.flag)}  # type: ignore[union-attr]
        )
        found = disagreement(f"{eid}-date", f"When the {eid} took place", f"events.{eid}", variants, mark)
        disagreements += [found] if found else []
    return events, disagreements


def _new_claims(readings: list[Reading], tour: Tour | None) -> list[Claim]:
    """The quotes proposed: none the tour holds (from whichever source, see :func:`known.same_quote`),
    none twice from one source; ids ``SOURCE-qNN``, never one the tour uses."""
    held = [c.quote for c in tour.claims if c.quote] if tour else []
    taken = {c.id for c in tour.claims} if tour else set()
    said: dict[str, list[str]] = defaultdict(list)
    claims = []
    for reading in readings:
        sid = reading.source.id
        for claim in reading.claims:
            quote = claim.quote or ""
            if held_quote(quote, held) or held_quote(quote, said[sid]):
                continue
            said[sid].append(quote)
            n = len(said[sid])
            while f"{sid}-q{n:02d}" in taken:
                n += 1
            taken.add(f"{sid}-q{n:02d}")
            claims.append(claim.model_copy(update={"id": f"{sid}-q{n:02d}"}))
    return claims


def _unique(items: list[Discrepancy], taken: set[str]) -> list[Discrepancy]:
    """Proposed disagreements with ids the tour does not use (nothing refers to a disagreement)."""
    out = []
    for item in items:
        eid, n = item.id, 2
        while eid in taken:
            eid, n = f"{item.id}-{n}", n + 1
        taken.add(eid)
        out.append(item if eid == item.id else item.model_copy(update={"id": eid}))
    return out


def _subject(readings: list[Reading]) -> str:
    """A new tour's subject: the speaker quoted most (the reviewer corrects it)."""
    speakers = Counter(c.speaker for r in readings for c in r.claims if c.speaker and c.speaker != UNNAMED)
    return speakers.most_common(1)[0][0] if speakers else "Unknown (draft)"


@dataclass(frozen=True)
class Ingested:
    """A draft, and the articles that were already read: the tour's sources, or articles given twice."""

    tour: Tour
    known: tuple[Known, ...] = ()


def _sources(articles: list[Article], tour: Tour | None) -> tuple[list[Source], list[Known]]:
    """Each article's source: the tour's, when it is one of them already (:class:`known.Sources`);
    an earlier article's, when the same article is given twice; else a new record."""
    tours = Sources(tour)
    taken = {s.id for s in tour.sources} if tour else set()
    number = len(taken) + 1  # the next new article's: aNN-LANG, never an id the tour uses
    records: list[Source] = []
    known: list[Known] = []
    for i, article in enumerate(articles):
        found = tours.recognise(article)
        for earlier, record in zip(articles[:i], records, strict=True):
            if found is None and (rule := same_article(article, earlier)):
                found = Known(article.name, record, rule, earlier=True)
        if found is not None:
            known.append(found)
            records.append(found.source)
            continue
        while f"a{number:02d}-{article.language}" in taken:
            number += 1
        records.append(source_record(article, number))
        number += 1
    return records, known


def propose(articles: list[Article], tour: Tour | None = None) -> Ingested:
    """``tour`` (or a new one) with everything the articles propose added as drafts, and the articles
    that were already read (see :func:`_sources`): nothing the tour holds is proposed again."""
    records, known = _sources(articles, tour)
    dated = [a.published for a in articles if a.published]
    traveller = find_traveller(articles)
    readings = [read_article(a, s, tour, dated, traveller) for a, s in zip(articles, records, strict=True)]
    ids, places = _place_ids(readings, tour)
    if not places and not tour:
        raise ValueError("no place named in the articles: there is nothing to draw a tour from")
    visits, disagreements = stops(readings, ids, tour)
    events, event_disagreements = _events(readings, tour)
    claims = _new_claims(readings, tour)
    topics = list(tour.topics) if tour else []
    if any(UNSORTED in c.topics for c in claims) and UNSORTED not in {t.id for t in topics}:
        note = Draft(
            source=readings[0].source.id, evidence="Proposed claims that name none of the tour's topics."
        )
        topics.append(Topic(id=UNSORTED, label=Text(en="Not yet sorted", es="Sin clasificar"), draft=note))
    cited = {s.id for s in tour.sources} if tour else set()
    added: dict[str, list[Any]] = {
        "sources": list({s.id: s for s in records if s.id not in cited}.values()),
        "places": places,
        "visits": visits,
        "events": events,
        "claims": claims,
        "discrepancies": _unique(
            disagreements + event_disagreements, {d.id for d in tour.discrepancies} if tour else set()
        ),
    }
    if tour is None:
        title = Text(en=f"Draft tour from {len(articles)} articles")
        draft = Tour(
            format_version=2,
            id="draft-tour",
            title=title,
            subject=traveller.name or _subject(readings),
            topics=topics,
            **added,
        )
        return Ingested(draft, tuple(known))
    merged = {k: [*getattr(tour, k), *v] for k, v in added.items()}
    return Ingested(tour.model_copy(update={**merged, "topics": topics}), tuple(known))


def build_draft(articles: list[Article], tour: Tour | None = None) -> Tour:
    """``tour`` (or a new one) with everything the articles propose added as drafts."""
    return propose(articles, tour).tour


def draft_text(tour: Tour) -> str:
    """The draft as a YAML tour file, checked by the same loader as any tour (it raises if invalid)."""
    text = "# A draft made by `python -m dashboard ingest`: items with a `draft` mark are proposals.\n"
    text += tour_yaml(tour)
    load_text(text, "draft.yaml")
    return text
