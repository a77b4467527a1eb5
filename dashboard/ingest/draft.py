"""A cited draft from articles: sources, places, visits, people, quotes, events and disagreements,
each proposal marked as a draft with its article and the sentence it came from.

Nothing curated is changed: a tour given to extend keeps every item as it is, and proposals are
added after them. An article that is already one of its sources is read as that source, and
nothing the tour holds is proposed again (:mod:`known`). Rules only (:mod:`quotes`, :mod:`places`,
:mod:`people`, :mod:`dates`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from dashboard.ingest.articles import Article
from dashboard.ingest.known import Known
from dashboard.ingest.merge import events, new_claims, place_ids, unique, visits
from dashboard.ingest.places import all_mentions
from dashboard.ingest.reading import UNNAMED, UNSORTED, Reading, read_article
from dashboard.ingest.sources import sources_of
from dashboard.ingest.visits import home_country
from dashboard.tourfile.edit import tour_yaml
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Draft, Text, Topic, Tour

__all__ = ["UNNAMED", "UNSORTED", "Ingested", "build_draft", "draft_text", "propose"]


def _subject(readings: list[Reading]) -> str:
    """A new tour's subject: the speaker quoted most (the reviewer corrects it)."""
    speakers = Counter(c.speaker for r in readings for c in r.claims if c.speaker and c.speaker != UNNAMED)
    return speakers.most_common(1)[0][0] if speakers else "Unknown (draft)"


@dataclass(frozen=True)
class Ingested:
    """A draft, and the articles that were already read: the tour's sources, or articles given twice."""

    tour: Tour
    known: tuple[Known, ...] = ()


def propose(articles: list[Article], tour: Tour | None = None) -> Ingested:
    """``tour`` (or a new one) with everything the articles propose added as drafts, and the articles
    that were already read (see :func:`sources.sources_of`): nothing the tour holds is proposed again."""
    records, known = sources_of(articles, tour)
    dated = [a.published for a in articles if a.published]
    home = home_country([all_mentions(a.text) for a in articles])
    readings = [read_article(a, s, tour, dated, home) for a, s in zip(articles, records, strict=True)]
    ids, places = place_ids(readings, tour)
    if not places and not tour:
        raise ValueError("no place named in the articles: there is nothing to draw a tour from")
    proposed, disagreements = visits(readings, ids, tour)
    new_events, event_disagreements = events(readings, tour)
    claims = new_claims(readings, tour)
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
        "visits": proposed,
        "events": new_events,
        "claims": claims,
        "discrepancies": unique(
            disagreements + event_disagreements, {d.id for d in tour.discrepancies} if tour else set()
        ),
    }
    if tour is None:
        title = Text(en=f"Draft tour from {len(articles)} articles")
        draft = Tour(
            format_version=2, id="draft-tour", title=title, subject=_subject(readings), topics=topics, **added
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
