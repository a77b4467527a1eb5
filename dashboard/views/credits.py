"""What a printed view says about itself: its title, whose reporting it draws and how current it is.

Pure: plain text in the reader's language, escaped where it is placed (plotly markup or HTML).
A printed image travels without the app around it, so it carries its sources' names and how
current its data is in the picture itself: the newest fact it records and the newest day of its
sources (see :func:`newest_fact` for what counts as a fact).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from dashboard.tourfile.model import Source, Tour
from dashboard.views.formats import format_date, shortened
from dashboard.views.i18n import t

MAX_NAMES = 6  # outlets named in a credit line; the rest are counted ("and 3 more")
TITLE_CHARS = 48  # an untitled outlet is named by its article's title, cut to this many characters
SEPARATOR = " · "


def newest_source_day(tour: Tour) -> dt.date | None:
    """The newest day a source was published or read (None when no source is dated)."""
    return max((day for s in tour.sources for day in (s.published, s.accessed) if day), default=None)


class Dated(NamedTuple):
    """A day something took place, as precisely as the tour gives it (a day, or only its month)."""

    day: dt.date
    precision: str = "day"

    @property
    def last(self) -> dt.date:
        """The last day it may have been: a month-only date may be any day of its month."""
        if self.precision == "month":
            return self.day.replace(day=calendar.monthrange(self.day.year, self.day.month)[1])
        return self.day


def newest_fact(tour: Tour) -> Dated | None:
    """The newest dated fact of the tour: the last thing it records as having taken place.

    What counts: a visit's actual date (its last day), a claim's date (when it was said or
    reported), a status change's date, and an event on or before the newest of those and of the
    sources' days. What does not: a visit's scheduled or announced date (a plan, whether or not it
    was kept), and an event later than everything the sources report (an inauguration still to
    come: the format does not say whether an event took place). None when nothing is dated.
    """
    facts = [Dated(d.end or d.start, d.precision) for v in tour.visits for d in v.dates if d.kind == "actual"]
    facts += [Dated(row.date) for p in tour.proposals for row in p.history if row.date]
    facts += [Dated(c.date) for c in tour.claims if c.date]
    reported = max([f.last for f in facts] + [d for d in [newest_source_day(tour)] if d], default=None)
    facts += [Dated(e.date) for e in tour.events if reported and e.date <= reported]
    return max(facts, key=lambda fact: fact.last, default=None)


def as_of_text(tour: Tour, lang: str) -> str:
    """How current the data is, in words: ``Facts up to 7 January 2026 · Sources dated up to 22
    December 2025``, either part alone, or that the data is undated.

    Both, because neither says it alone: a source undated (s004-en) may report the newest fact,
    and a source published after the facts says the reporting went on that long.
    """
    fact, read = newest_fact(tour), newest_source_day(tour)
    parts = []
    if fact:
        key = "image.facts_month" if fact.precision == "month" else "image.facts"
        parts.append(t(key, lang, date=format_date(fact.day, lang, fact.precision)))
    if read:
        parts.append(t("image.sources_dated", lang, date=format_date(read, lang)))
    return SEPARATOR.join(parts) or t("image.undated", lang)


def credit_name(source: Source, lang: str) -> str | None:
    """Who a credit names for a source: its outlet, where it first ran, or its title in quotes."""
    if source.outlet or source.original_outlet:
        return source.outlet or source.original_outlet
    return t("image.quoted", lang, title=shortened(source.title, TITLE_CHARS)) if source.title else None


def sources_text(tour: Tour, lang: str) -> str:
    """``Sources (5): Latin America Reports, Ámbito, “Kast encadena…” and 1 more``: each name once,
    the first MAX_NAMES in the tour's order, the rest counted."""
    names = list(dict.fromkeys(n for n in (credit_name(s, lang) for s in tour.sources) if n))
    shown = ", ".join(names[:MAX_NAMES])
    if len(names) > MAX_NAMES:
        shown = t("image.more", lang, names=shown, count=len(names) - MAX_NAMES)
    return t("image.sources", lang, count=len(tour.sources), names=shown)


def credit_text(tour: Tour, lang: str, map_credit: str | None = None) -> str:
    """The credit line: the sources, then (for a map) whose geography it draws."""
    parts = [sources_text(tour, lang)]
    if map_credit:
        parts.append(t("image.map_credit", lang, credit=map_credit))
    return SEPARATOR.join(parts)


def print_title(tour: Tour, lang: str) -> str:
    """The tour's title, as the heading of every printed view."""
    return tour.title.get(lang)


def print_subtitle(tour: Tour, view_name: str, lang: str) -> str:
    """``Timeline · Facts up to 7 January 2026 · Sources dated up to 22 December 2025``."""
    return SEPARATOR.join([view_name, as_of_text(tour, lang)])
