"""Drafts in the views: hidden unless asked for, and marked when shown.

A tour file may hold proposals that ``ingest`` made (items with a ``draft`` mark). Until a person
accepts them they are not facts: every view shows the tour without them (and without what refers
to them), or, when the reader asks, with each drafted item marked ✎ wherever its name or text is
shown (map, tables, charts, exports of the view).
"""

from __future__ import annotations

from typing import Any

from dashboard.tourfile.model import DRAFTED, Text, Tour

MARK = "✎ "  # language-neutral; the sidebar says what it means


def draft_count(tour: Tour) -> int:
    return sum(1 for kind in DRAFTED for item in getattr(tour, kind) if item.draft is not None)


def accepted(tour: Tour) -> Tour:
    """What a person has accepted: the tour itself when it holds no draft, else
    :func:`without_drafts` (what the story and every published file show)."""
    return without_drafts(tour) if draft_count(tour) else tour


def without_drafts(tour: Tour) -> Tour:
    """The tour as accepted: drafted items gone, and references to drafted places and topics dropped
    (a claim left with no topic goes too; a visit at a drafted place goes with it)."""
    places = {p.id for p in tour.places if p.draft}
    topics = {t.id for t in tour.topics if t.draft}
    claims = []
    for claim in (c for c in tour.claims if c.draft is None):
        kept_topics = [t for t in claim.topics if t not in topics]
        if kept_topics:
            claims.append(claim.model_copy(update={
                "topics": kept_topics,
                "place": None if claim.place in places else claim.place,
                "mentions": [m for m in claim.mentions if m not in places],
            }))  # fmt: skip
    return tour.model_copy(update={
        "places": [_unpaired(p, places) for p in tour.places if p.draft is None],
        "visits": [v for v in tour.visits if v.draft is None and v.place not in places],
        "events": [e for e in tour.events if e.draft is None],
        "topics": [t for t in tour.topics if t.draft is None],
        "discrepancies": [d for d in tour.discrepancies if d.draft is None],
        "claims": claims,
        "proposals": [_without_topics(p, topics) for p in tour.proposals],
    })  # fmt: skip


def _without_topics(proposal: Any, gone: set[str]) -> Any:
    return proposal.model_copy(update={"topics": [t for t in proposal.topics if t not in gone]})


def _unpaired(place: Any, gone: set[str]) -> Any:
    return place.model_copy(update={"paired_with": None}) if place.paired_with in gone else place


def _marked(text: Text) -> Text:
    return Text(en=MARK + text.en, es=MARK + text.es if text.es else None)


def marked_drafts(tour: Tour) -> Tour:
    """The tour with every drafted item's name or text marked ✎, so no view shows it as a fact."""

    def mark(item: Any, **fields: Any) -> Any:
        return item.model_copy(update=fields) if item.draft is not None else item

    return tour.model_copy(update={
        "places": [mark(p, name=MARK + p.name) for p in tour.places],
        "events": [mark(e, label=_marked(e.label)) for e in tour.events],
        "topics": [mark(t, label=_marked(t.label)) for t in tour.topics],
        "claims": [mark(c, text=_marked(c.text)) for c in tour.claims],
        "discrepancies": [mark(d, subject=_marked(d.subject)) for d in tour.discrepancies],
    })  # fmt: skip
