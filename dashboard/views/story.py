"""The tour as a story: an introduction, each visit in tour order, then the proposals' outcomes.

Pure (nothing here imports streamlit): the app's story page and the exported story file both
show these steps. Every step is derived from the data, so any tour has a story; the optional
``story:`` section of a tour file adds an introduction, a narrative per stop and words on the
outcomes. Every string is plain text: whoever places it in HTML escapes it.

Drafts are never part of a story: it tells what the tour's editors accepted, whether or not the
reader asked to see drafts elsewhere (see :mod:`dashboard.views.drafts`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.tourfile.model import Claim, DateVariant, Proposal, StatusChange, Tour, Visit
from dashboard.views.derive import Stop, current_status, stops
from dashboard.views.drafts import accepted
from dashboard.views.formats import (
    country_name,
    format_number,
    format_range,
    person,
    source_citation,
    source_names,
    stop_title,
)
from dashboard.views.i18n import t

INTRO, OUTCOMES = "intro", "outcomes"


@dataclass(frozen=True)
class StoryQuote:
    text: str  # verbatim, as in the tour file
    speaker: str
    citation: str  # the source's name (outlet: title), language and date: the shared citation (plain text)
    url: str | None  # the source's link


@dataclass(frozen=True)
class StoryStep:
    id: str  # "intro", a stop's place id, or "outcomes"
    kind: str  # "intro" | "visit" | "outcomes"
    title: str  # "1. Buenos Aires", or the intro/outcomes heading in lang
    date: str | None  # the date in lang; a month-only date as the month
    scheduled: str | None  # "scheduled for 22 December 2025" where the planned date differed
    met: list[str]  # formatted counterparts (the others met when no counterpart is recorded)
    topics: list[str]  # topic labels in lang
    quote: StoryQuote | None  # the key quote said there (one in lang preferred)
    changes: list[
        str
    ]  # proposals whose status changed here ("Regional Humanitarian Corridor, Peru: rejected")
    narrative: str | None  # the story: section's text in lang; else the tour's or the visit's summary
    sources: list[str]  # ids of the sources the step cites, in the tour's order of sources
    latitude: float | None
    longitude: float | None
    summary: str  # one sentence for screen readers: step n of N, place, date, whom he met


def story_steps(tour: Tour, lang: str) -> list[StoryStep]:
    """The story's steps: the introduction, each visit in tour order, then the outcomes (when the
    tour has proposals or words on them)."""
    shown = accepted(tour)
    visits = [s for s in stops(shown) if s.visit is not None]
    with_outcomes = _has_outcomes(shown)
    total = 1 + len(visits) + int(with_outcomes)
    reserved = {s.place.id for s in visits}
    steps = [_intro(shown, lang, total, reserved)]
    steps += [_visit(shown, stop, lang, n, total) for n, stop in enumerate(visits, start=2)]
    if with_outcomes:
        steps.append(_outcomes(shown, lang, total, reserved))
    return steps


def step_ids(tour: Tour) -> list[str]:
    """The ids of :func:`story_steps`, in order, without making the steps: what a link's ``?step=``
    or the story file's ``#id`` may name."""
    shown = accepted(tour)
    visited = [s.place.id for s in stops(shown) if s.visit is not None]
    taken = set(visited)
    ends = [_own_id(OUTCOMES, taken)] if _has_outcomes(shown) else []
    return [_own_id(INTRO, taken), *visited, *ends]


def _has_outcomes(tour: Tour) -> bool:
    """Whether the story ends with the outcomes: the tour tracks proposals, or its story has words on them."""
    return bool(tour.proposals) or bool(tour.story and tour.story.outcomes)


def step_index(steps: list[StoryStep], step_id: str | None) -> int:
    """The position of the step ``step_id`` (a deep link's ``?step=lima``); 0 when unknown or None."""
    return next((i for i, step in enumerate(steps) if step.id == step_id), 0)


# -- the steps ---------------------------------------------------------------------------------------


def _own_id(name: str, taken: set[str]) -> str:
    """``intro`` or ``outcomes``, unless a visited place has that id: then ``_intro`` (no place id
    starts with ``_``), so that every step keeps an address of its own."""
    return f"_{name}" if name in taken else name


def _intro(tour: Tour, lang: str, total: int, taken: set[str]) -> StoryStep:
    story = tour.story
    text = story.intro if story and story.intro else tour.summary or tour.title
    title, when = t("story.intro", lang), _span(tour, lang)
    parts = [_step_of(1, total, title, lang), tour.title.get(lang), when]
    return StoryStep(
        id=_own_id(INTRO, taken), kind="intro", title=title, date=when, scheduled=None, met=[], topics=[],
        quote=None, changes=[], narrative=text.get(lang),
        sources=_ordered(tour, story.sources if story and story.intro else []),
        latitude=None, longitude=None, summary=_sentence(parts),
    )  # fmt: skip


def _visit(tour: Tour, stop: Stop, lang: str, n: int, total: int) -> StoryStep:
    visit, place = stop.visit, stop.place
    assert visit is not None  # story_steps passes visited stops only
    best = visit.best_date()
    when = format_range(best.start, best.end, lang, best.precision)
    met = [person(p, lang) for p in visit.counterparts or visit.others_met]
    quote, claim = _quote(tour, stop, lang)
    rows = [(p, row) for p in tour.proposals for row in p.history if row.visit == place.id]
    own = next((s for s in tour.story.steps if s.stop == place.id), None) if tour.story else None
    text = own.text if own else visit.summary
    where = f"{place.name}, {country_name(place.country, lang)}"
    said = t("story.met_people", lang, people=", ".join(met)) if met else ""
    cited = [
        *_visit_sources(stop, claim),
        *(s for _, r in rows for s in r.sources),
        *(own.sources if own else []),
    ]
    return StoryStep(
        id=place.id, kind="visit", title=stop_title(visit.order, place.name), date=when,
        scheduled=_scheduled(visit, lang), met=met, topics=_topics(tour, stop.topics, lang), quote=quote,
        changes=[_change(p, row, lang) for p, row in rows], narrative=text.get(lang) if text else None,
        sources=_ordered(tour, cited),
        latitude=place.latitude, longitude=place.longitude,
        summary=_sentence([_step_of(n, total, where, lang), when, said]),
    )  # fmt: skip


def _outcomes(tour: Tour, lang: str, total: int, taken: set[str]) -> StoryStep:
    """Each proposal's end state: its latest status in each country, in the tracker's order."""
    story = tour.story
    ends = [(p, row) for p in tour.proposals for row in current_status(p).values()]
    title = t("story.outcomes", lang)
    count = t("story.proposals_count", lang, count=format_number(len(tour.proposals), lang))
    parts = [_step_of(total, total, title, lang), count if tour.proposals else ""]
    cited = [s for _, row in ends for s in row.sources] + (story.sources if story and story.outcomes else [])
    return StoryStep(
        id=_own_id(OUTCOMES, taken), kind="outcomes", title=title, date=None, scheduled=None, met=[],
        topics=[], quote=None, changes=[_change(p, row, lang) for p, row in ends],
        narrative=story.outcomes.get(lang) if story and story.outcomes else None,
        sources=_ordered(tour, cited), latitude=None, longitude=None, summary=_sentence(parts),
    )  # fmt: skip


# -- the parts of a step -----------------------------------------------------------------------------


def _quote(tour: Tour, stop: Stop, lang: str) -> tuple[StoryQuote | None, Claim | None]:
    """The key quote said at the stop: the first one, or the first from a source in ``lang``."""
    languages = {s.id: s.language for s in tour.sources}
    said = [c for c in stop.claims if c.quote and c.place == stop.place.id]
    claim = min(said, key=lambda c: languages.get(c.quote_source or c.sources[0]) != lang, default=None)
    if claim is None or claim.quote is None:
        return None, None
    source = tour.source(claim.quote_source or claim.sources[0])
    citation = source_citation(source, lang, source_names(tour.sources, lang))
    return StoryQuote(claim.quote, claim.speaker or "", citation, source.url), claim


def _visit_sources(stop: Stop, claim: Claim | None) -> list[str]:
    """What a visit step cites: the place, the visit, its dates and people, its claims, its quote."""
    visit = stop.visit
    assert visit is not None
    people = (*visit.counterparts, *visit.others_met)
    quoted = [*claim.sources, *([claim.quote_source] if claim.quote_source else [])] if claim else []
    return [
        *stop.sources,
        *(s for p in people for s in p.sources),
        *(s for d in visit.dates for s in d.sources),
        *quoted,
    ]


def _topics(tour: Tour, ids: Iterable[str], lang: str) -> list[str]:
    labels = {topic.id: topic.label.get(lang) for topic in tour.topics}
    return [labels.get(i, i) for i in ids]


def _change(proposal: Proposal, row: StatusChange, lang: str) -> str:
    status = t(f"status.{row.status}", lang)
    country = country_name(row.country, lang)
    return t("story.change", lang, proposal=proposal.title.get(lang), country=country, status=status)


def _last_day(variant: DateVariant) -> dt.date:
    """The last day a date stands for: a month-only date (``January 2026``) covers the month."""
    if variant.precision == "month":  # "January–February 2026" runs to the end of February
        last = variant.end or variant.start
        return last.replace(day=calendar.monthrange(last.year, last.month)[1])
    return variant.last


def _scheduled(visit: Visit, lang: str) -> str | None:
    """The planned dates the visit did not keep: a scheduled or announced date that does not hold the
    date shown (``January 2026`` holds 7 January), or the date shown itself when only planned."""
    best = visit.best_date()
    notes = []
    for plan in visit.ranked_dates():
        held = plan.start <= best.start and best.last <= _last_day(plan)
        if plan.kind == "actual" or (plan is not best and held):
            continue
        when = format_range(plan.start, plan.end, lang, plan.precision)
        notes.append(t(f"story.{plan.kind}", lang, date=when))
    return "; ".join(dict.fromkeys(notes)) or None


def _span(tour: Tour, lang: str) -> str | None:
    """The tour's dates, first day to last, when both are known to the day."""
    dates = [v.best_date() for v in tour.visits]
    if not dates or any(d.precision != "day" for d in dates):
        return None
    return format_range(min(d.start for d in dates), max(d.last for d in dates), lang)


def _ordered(tour: Tour, ids: Iterable[str]) -> list[str]:
    """``ids`` once each, in the tour's order of sources (how the source keys list them)."""
    wanted = set(ids)
    return [s.id for s in tour.sources if s.id in wanted]


def _step_of(n: int, total: int, title: str, lang: str) -> str:
    return t("story.step_of", lang, n=format_number(n, lang), total=format_number(total, lang), title=title)


def _sentence(parts: Iterable[str | None]) -> str:
    """The parts as one text for a screen reader: ``Step 2 of 5: Buenos Aires, Argentina. 16 ….``"""
    return " ".join(f"{p.rstrip(' .')}." for p in parts if p and p.strip(" ."))
