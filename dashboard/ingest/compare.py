"""Where articles agree and where they disagree: one item citing every article that gives the same
value, and a proposed ``discrepancies`` entry, with each value and its sources, where they differ.

Compared: a visit's dates, how long its meeting lasted, and the date of an election or an
inauguration. Each takes ``(source id, what it says)`` pairs, in the articles' order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from dashboard.ingest.durations import Length
from dashboard.ingest.visits import Sighting
from dashboard.tourfile.model import DateVariant, Discrepancy, Draft, DurationVariant, Event, Text, Variant


def date_variants(said: list[tuple[str, Sighting]]) -> list[DateVariant]:
    """Each distinct date the articles give, citing every article that gives it; actual where any
    article says the visit took place that day, else as the first article puts it."""
    cited: dict[tuple[dt.date, dt.date, str], list[tuple[str, str]]] = defaultdict(list)
    for source, sighting in said:
        day = sighting.day
        cited[(day.day, day.last, day.precision)].append((source, sighting.kind))
    return [
        DateVariant(start=first, end=None if last == first else last, precision=precision,
                    kind="actual" if any(k == "actual" for _, k in kinds) else kinds[0][1],
                    sources=list(dict.fromkeys(sid for sid, _ in kinds)))
        for (first, last, precision), kinds in cited.items()
    ]  # fmt: skip


def duration_variants(said: list[tuple[str, Length]]) -> list[DurationVariant]:
    """Each distinct length the articles give a meeting, citing every article that gives it."""
    cited: dict[tuple[int, str], list[str]] = defaultdict(list)
    for source, length in said:
        cited[(length.minutes, length.qualifier)].append(source)
    return [
        DurationVariant(text=Text(en=_length_words(minutes, qualifier)), minutes=minutes,
                        qualifier=qualifier, sources=list(dict.fromkeys(sources)))
        for (minutes, qualifier), sources in cited.items()
    ]  # fmt: skip


def _length_words(minutes: int, qualifier: str) -> str:
    amount = (
        f"{minutes // 60} hour{'s' if minutes >= 120 else ''}" if minutes % 60 == 0 else f"{minutes} minutes"
    )
    return f"{qualifier.capitalize()} {amount}"


def disagreement(id_: str, subject: str, field: str, variants: list[tuple[str, list[str]]],
                 mark: Draft) -> Discrepancy | None:  # fmt: skip
    """A proposed discrepancy when there are two values or more, else None (they agree)."""
    if len(variants) < 2:
        return None
    return Discrepancy(
        id=id_,
        subject=Text(en=subject),
        field=field,
        variants=[Variant(value=Text(en=value), sources=sources) for value, sources in variants],
        draft=mark,
    )


def merge_events(events: list[Event]) -> tuple[list[Event], list[Discrepancy]]:
    """One event per kind, dated as the first article dates it and citing every article that gives
    that date; a kind the articles date differently is also proposed as a disagreement."""
    by_kind: dict[str, dict[dt.date, list[Event]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        by_kind[event.id][event.date].append(event)
    merged, disagreements = [], []
    for kind, dates in by_kind.items():
        first = next(iter(dates.values()))
        sources = list(dict.fromkeys(s for e in first for s in e.sources))
        merged.append(first[0].model_copy(update={"sources": sources}))
        variants = [
            (day.isoformat(), list(dict.fromkeys(s for e in es for s in e.sources)))
            for day, es in dates.items()
        ]
        mark = first[0].draft.model_copy(update={"flag": "the articles give different dates"})  # type: ignore[union-attr]
        found = disagreement(f"{kind}-date", f"When the {kind} took place", f"events.{kind}", variants, mark)
        disagreements += [found] if found else []
    return merged, disagreements
