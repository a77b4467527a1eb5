"""A cited draft from articles: sources, places, visits, people, quotes, events and disagreements,
each proposal marked as a draft with its article and the sentence it came from.

Nothing curated is changed: a tour given to extend keeps every item as it is, and proposals are
added after them. An article that is already one of its sources is read as that source, and
nothing the tour holds is proposed again (:mod:`known`). Rules only (:mod:`quotes`, :mod:`places`,
:mod:`people`, :mod:`dates`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from dashboard.ingest.articles import Article, ArticleError
from dashboard.ingest.cast import Traveller, find_traveller
from dashboard.ingest.chars import visible_name
from dashboard.ingest.known import Known
from dashboard.ingest.mend import SHOWN, LeftOut, mend
from dashboard.ingest.merge import events, new_claims, place_ids, unique, visits
from dashboard.ingest.places import MIN_POPULATION
from dashboard.ingest.reading import UNNAMED, UNSORTED, Reading, read_article
from dashboard.ingest.sources import sources_of
from dashboard.ingest.subplaces import join_sub_places
from dashboard.ingest.titles import unquoted
from dashboard.ingest.visits import free_days, tour_window
from dashboard.tourfile.errors import TourError, problem
from dashboard.tourfile.load import MAX_BYTES, tour_from_data
from dashboard.tourfile.model import Claim, Draft, Place, Source, Text, Topic, Tour

SEASON = 90  # days: a visit date further from its article's date is history, not this tour
HEADER = "# A draft made by `python -m dashboard ingest`: items with a `draft` mark are proposals.\n"
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["UNNAMED", "UNSORTED", "Ingested", "build_draft", "draft_text", "propose"]


def _subject(readings: list[Reading]) -> str:
    """A new tour's subject: the speaker quoted most (the reviewer corrects it)."""
    speakers = Counter(c.speaker for r in readings for c in r.claims if c.speaker and c.speaker != UNNAMED)
    return speakers.most_common(1)[0][0] if speakers else "Unknown (draft)"


@dataclass(frozen=True)
class Ingested:
    """A draft, the articles that were already read (the tour's sources, or articles given twice),
    and what the articles said of themselves that their sources cannot hold (:mod:`mend`)."""

    tour: Tour
    known: tuple[Known, ...] = ()
    left_out: tuple[LeftOut, ...] = ()


def _mended(articles: list[Article]) -> tuple[list[Article], list[str], list[LeftOut]]:
    """The articles as their sources can hold them, their texts as given, and what was left out."""
    mended = [mend(article) for article in articles]
    return [a for a, _ in mended], [a.text for a in articles], [n for _, notes in mended for n in notes]


def _nowhere(articles: list[Article]) -> ArticleError:
    names = ", ".join(visible_name(a.name) for a in articles)
    return ArticleError(
        f"{names}: no place named that the offline gazetteer knows (a country, or a city of "
        f"{MIN_POPULATION:,} people or more): there is nothing to draw a tour from"
    )


def _visit_days(articles: list[Article], readings: list[Reading]) -> list[dt.date]:
    """The days dated articles give visits (to the day, within a season of the article's date)."""
    return [
        s.day.day
        for a, r in zip(articles, readings, strict=True)
        if a.published
        for s in r.visits
        if s.day.precision == "day" and abs((s.day.day - a.published).days) <= SEASON
    ]


def propose(articles: list[Article], tour: Tour | None = None) -> Ingested:
    """``tour`` (or a new one) with everything the articles propose added as drafts, and the articles
    that were already read (see :func:`sources.sources_of`): nothing the tour holds is proposed again.
    Raises ArticleError, one line, when there is nothing to draft or a rule made what the format
    refuses (which the rules are written never to do: a net, so that no article ends in a traceback)."""
    try:
        return _propose(articles, tour)
    except ValidationError as exc:
        raise ArticleError(_refused(articles, exc)) from None


def _propose(articles: list[Article], tour: Tour | None) -> Ingested:
    articles, raws, left_out = _mended(articles)
    records, known = sources_of(articles, tour)
    traveller = find_traveller(articles)
    readings = _readings(articles, records, raws, tour, traveller)
    ids, places = place_ids(readings, tour)
    if not places and not tour:
        raise _nowhere(articles)
    added = _added(readings, records, ids, places, tour)
    topics = _topics(added["claims"], readings, tour)
    if tour is None:
        title = Text(en=f"Draft tour from {len(articles)} articles")
        subject = traveller.name or _subject(readings)
        draft = Tour(format_version=2, id="draft-tour", title=title, subject=subject, topics=topics, **added)
    else:
        draft = tour.model_copy(
            update={**{k: [*getattr(tour, k), *v] for k, v in added.items()}, "topics": topics}
        )
    return Ingested(draft, tuple(known), tuple(left_out))


def _readings(
    articles: list[Article], records: list[Source], raws: list[str], tour: Tour | None, traveller: Traveller
) -> list[Reading]:
    """Each article read as its source, with the other articles' dates, the traveller and the batch's
    plain text at hand; an undated article is read again inside the days the others give."""
    dated = [a.published for a in articles if a.published]
    plain = unquoted([a.text for a in articles])
    readings = [
        read_article(a, s, tour, dated, traveller, raw, plain)
        for a, s, raw in zip(articles, records, raws, strict=True)
    ]
    days = _visit_days(articles, readings)
    window = tour_window(days)
    if window:  # an undated article's weekdays are read again, inside the days the others give
        free = free_days(days)
        readings = [
            read_article(a, s, tour, dated, traveller, raw, plain, window, free) if not a.published else r
            for a, s, raw, r in zip(articles, records, raws, readings, strict=True)
        ]
    return join_sub_places(readings)


def _added(
    readings: list[Reading],
    records: list[Source],
    ids: dict[tuple[str, str], str],
    places: list[Place],
    tour: Tour | None,
) -> dict[str, list[Any]]:
    """What the draft adds to the tour, kind by kind (new sources only; ids the tour does not use)."""
    proposed, disagreements = visits(readings, ids, tour)
    new_events, event_disagreements = events(readings, tour)
    cited = {s.id for s in tour.sources} if tour else set()
    held = {d.id for d in tour.discrepancies} if tour else set()
    return {
        "sources": list({s.id: s for s in records if s.id not in cited}.values()),
        "places": places,
        "visits": proposed,
        "events": new_events,
        "claims": new_claims(readings, tour),
        "discrepancies": unique(disagreements + event_disagreements, held),
    }


def _topics(claims: list[Claim], readings: list[Reading], tour: Tour | None) -> list[Topic]:
    """The tour's topics, and "unsorted" (a draft) when a proposed claim names none of them."""
    topics = list(tour.topics) if tour else []
    if any(UNSORTED in c.topics for c in claims) and UNSORTED not in {t.id for t in topics}:
        note = Draft(
            source=readings[0].source.id, evidence="Proposed claims that name none of the tour's topics."
        )
        topics.append(Topic(id=UNSORTED, label=Text(en="Not yet sorted", es="Sin clasificar"), draft=note))
    return topics


def _refused(articles: list[Article], exc: ValidationError) -> str:
    """One line: the articles, the item the rules could not make of them, where, and the value."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or exc.title
    value = repr(error.get("input"))
    value = value if len(value) <= SHOWN else value[:SHOWN] + "…"
    names = ", ".join(visible_name(a.name) for a in articles)
    return f"{names}: a {exc.title} the format refuses was made of it ({where}: {error['msg']}; got {value})"


def build_draft(articles: list[Article], tour: Tour | None = None) -> Tour:
    """``tour`` (or a new one) with everything the articles propose added as drafts."""
    return propose(articles, tour).tour


def draft_text(tour: Tour, name: str = "draft.yaml") -> str:
    """The draft as a YAML tour file, checked as any tour is (its size, the schema, references and
    roles): it raises TourError, naming ``name`` (the file it is for), if the draft is invalid.

    The YAML is written and read back by libyaml where PyYAML has it: this program wrote it, so the
    pure-Python strict parser's guards against hostile files have nothing to catch, and a draft of
    a long article is checked in a fraction of the time."""
    data = tour.model_dump(mode="json", exclude_none=True)
    text = HEADER + yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=110)
    if len(text.encode("utf-8")) > MAX_BYTES:
        too_big = f"the draft is larger than a tour file may be ({MAX_BYTES:,} bytes)"
        raise TourError(name, [problem("", f"{too_big}: give fewer or shorter articles")])
    tour_from_data(yaml.load(text, Loader=_LOADER), name, text)  # noqa: S506 - a safe loader
    return text
