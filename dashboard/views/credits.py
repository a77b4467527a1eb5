"""What a printed view says about itself: its title, whose reporting it draws and how current it is.

Pure: plain text in the reader's language, escaped where it is placed (plotly markup or HTML).
A printed image travels without the app around it, so it carries its sources' names and the
date of its data in the picture itself.
"""

from __future__ import annotations

import datetime as dt

from dashboard.tourfile.model import Source, Tour
from dashboard.views.formats import format_date
from dashboard.views.i18n import t

MAX_NAMES = 6  # outlets named in a credit line; the rest are counted ("and 3 more")
TITLE_CHARS = 48  # an untitled outlet is named by its article's title, cut to this many characters
SEPARATOR = " · "


def newest_source_day(tour: Tour) -> dt.date | None:
    """The newest day a source was published or read (None when no source is dated)."""
    return max((day for s in tour.sources for day in (s.published, s.accessed) if day), default=None)


def data_as_of(tour: Tour) -> dt.date | None:
    """The date the data speaks as of: the newest day a source was published or read.

    The sources, not the records: a tour holds scheduled dates still to come (an inauguration
    in March), which say nothing of when its reporting stops. A tour whose sources give no
    date falls back to the newest day something was reported to have happened (a visit's
    actual date, a status change, a claim); None when even that is missing.
    """
    read = newest_source_day(tour)
    if read:
        return read
    happened = [d.last for v in tour.visits for d in v.dates if d.kind == "actual"]
    happened += [row.date for p in tour.proposals for row in p.history if row.date]
    happened += [c.date for c in tour.claims if c.date]
    return max(happened, default=None)


def as_of_text(tour: Tour, lang: str) -> str:
    """``Data as of 22 December 2025``, or that the data is undated."""
    day = data_as_of(tour)
    return t("image.as_of", lang, date=format_date(day, lang)) if day else t("image.undated", lang)


def _short(title: str) -> str:
    """The title whole, or its words up to TITLE_CHARS characters and an ellipsis (no comma before it)."""
    if len(title) <= TITLE_CHARS:
        return title
    cut = title[:TITLE_CHARS].rsplit(" ", 1)[0] if " " in title[:TITLE_CHARS] else title[:TITLE_CHARS]
    return cut.rstrip(" ,;:.-–—") + "…"


def source_name(source: Source, lang: str) -> str | None:
    """Who a credit names for a source: its outlet, where it first ran, or its title in quotes."""
    if source.outlet or source.original_outlet:
        return source.outlet or source.original_outlet
    return t("image.quoted", lang, title=_short(source.title)) if source.title else None


def sources_text(tour: Tour, lang: str) -> str:
    """``Sources (5): Latin America Reports, Ámbito, “Kast encadena…” and 1 more``: each name once,
    the first MAX_NAMES in the tour's order, the rest counted."""
    names = list(dict.fromkeys(n for n in (source_name(s, lang) for s in tour.sources) if n))
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
    """``Timeline · Data as of 22 December 2025``."""
    return SEPARATOR.join([view_name, as_of_text(tour, lang)])
