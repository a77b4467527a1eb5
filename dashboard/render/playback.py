"""The route playback's timing: a date slider's steps, each stop's first step, the few stops with more
to say (a date that moved, a date known only to the month) and the month bands on the slider's track.

A step is a day from the tour's first to its last, or a few days for a tour longer than
:data:`PLAY_STEPS` days. Labels and notes are HTML-escaped here: the map's script shows them as markup.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from dashboard.render.safe_html import esc
from dashboard.render.schema import BAND, PLAY_WORDS, TIMING, record
from dashboard.tourfile.model import DateVariant, Visit
from dashboard.views.derive import Stop
from dashboard.views.formats import format_date, format_range, stop_title
from dashboard.views.i18n import t

PLAY_STEPS = 366  # the date slider's most positions: a tour longer than a year steps by several days


def planned(visit: Visit) -> DateVariant | None:
    """The visit's scheduled or announced date where it differs from the date it is drawn at."""
    best = visit.best_date()
    moved = (
        d for d in visit.ranked_dates() if d.kind != "actual" and (d.start, d.last) != (best.start, best.last)
    )
    return next(moved, None)


def span(date: DateVariant) -> tuple[dt.date, dt.date]:
    """A date's first and last day: one known only to the month covers the whole month."""
    if date.precision != "month":
        return date.start, date.last
    last = date.last
    return date.start.replace(day=1), last.replace(day=calendar.monthrange(last.year, last.month)[1])


def _when(date: DateVariant, lang: str) -> str:
    return format_range(date.start, date.end, lang, date.precision)


class Days:
    """The slider's positions: a step per day from the tour's first to its last, a few days a step
    for a tour longer than :data:`PLAY_STEPS` days (so its labels stay a few kilobytes)."""

    def __init__(self, dates: list[DateVariant]) -> None:
        spans = [span(d) for d in dates]
        self.first, last = min(a for a, _ in spans), max(b for _, b in spans)
        self.step = -(-((last - self.first).days + 1) // PLAY_STEPS)
        self.end = self.at(last)

    def at(self, day: dt.date) -> int:
        return (day - self.first).days // self.step

    def of(self, date: DateVariant) -> tuple[int, int]:
        """The steps of a date's first and last day."""
        first, last = span(date)
        return self.at(first), self.at(last)

    def labels(self, lang: str) -> list[str]:
        step = dt.timedelta(days=self.step)
        return [esc(format_date(self.first + k * step, lang)) for k in range(self.end + 1)]


def stop_timing(stop: Stop, visit: Visit, days: Days, lang: str) -> list[Any] | None:
    """A :data:`~dashboard.render.schema.TIMING` record for a stop that spans several steps or moved;
    None for a plain one-day stop."""
    best, moved_from, title = visit.best_date(), planned(visit), stop_title(stop.order, stop.place.name)
    (first, last), month = days.of(best), best.precision == "month"
    if moved_from is None and first == last:
        return None
    moved = month_note = ""
    if moved_from is not None:
        kind = t(f"date_kind.{moved_from.kind}", lang)
        said = t("playback.moved", lang, kind=kind, planned=_when(moved_from, lang), held=_when(best, lang))
        moved = f"{title} — {said}"
    if month:
        month_note = f"{title} — " + t("playback.month", lang, month=_when(best, lang))
    planned_at = None if moved_from is None else days.of(moved_from)[0]
    return record(
        TIMING, last=last, month=int(month), planned=planned_at, moved=esc(moved), monthNote=esc(month_note)
    )


def bands(dated: list[Stop], days: Days, lang: str) -> list[list[Any]]:
    """Dates known only to the month as :data:`~dashboard.render.schema.BAND` records: a band on the
    slider's track, one per span (the labels of the stops that share it joined)."""
    spans: dict[tuple[int, int], list[str]] = {}
    for stop in dated:
        assert stop.visit is not None
        for date in (stop.visit.best_date(), planned(stop.visit)):
            if date is not None and date.precision == "month":
                kind = t(f"date_kind.{date.kind}", lang)
                label = f"{stop_title(stop.order, stop.place.name)}: {_when(date, lang)} ({kind})"
                spans.setdefault(days.of(date), []).append(label)
    return [
        record(BAND, first=a, last=b, label=esc("; ".join(labels[:3]) + ("; …" if len(labels) > 3 else "")))
        for (a, b), labels in spans.items()
    ]


def playback(drawn: list[Stop], lang: str) -> dict[str, Any] | None:
    """What the date slider needs: a label per step, each stop's first step (None: undated, always
    shown), the few stops with more to say (:func:`stop_timing`) and the month bands. None when
    the dated stops all fall on one day: there is nothing to play."""
    dated = [s for s in drawn if s.visit]
    dates = [d for s in dated if s.visit for d in (s.visit.best_date(), planned(s.visit)) if d]
    if not dates:
        return None
    days = Days(dates)
    if days.end == 0:
        return None
    timing = {i: stop_timing(s, s.visit, days, lang) for i, s in enumerate(drawn) if s.visit}
    return {
        "labels": days.labels(lang),
        "at": [days.of(s.visit.best_date())[0] if s.visit else None for s in drawn],
        "more": {str(i): row for i, row in timing.items() if row},
        "bands": bands(dated, days, lang),
        "words": {k: esc(t(f"playback.{k}", lang)) for k in PLAY_WORDS},
    }
