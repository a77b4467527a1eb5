"""Dates an article gives, read relative to its own date: "on Friday", "last week", "el martes 22",
"en enero". dateparser does the reading (it ships its language data); these rules keep only what
names a day, a weekday, a month or a relative day, and flag a weekday that contradicts its date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard.geo.gazetteer import normalise

RELATIVE = {
    "en": ("today", "yesterday", "tomorrow", "last", "next", "ago"),
    "es": ("hoy", "ayer", "mañana", "pasado", "próximo", "proximo", "hace"),
    "fr": ("aujourd'hui", "hier", "demain", "dernier", "prochain", "il y a"),
}


TRAILING = re.compile(r"(?:[\s,]+(?:and|the|at|of|to|y|el|la|de|a|et|le|les|du|à))+[\s,]*$|[\s,]+$")


@dataclass(frozen=True)
class DateMention:
    said: str  # as the text writes it
    start: int  # offset of ``said`` in the text
    day: dt.date  # the first day it means
    last: dt.date  # the last day (a month-only date spans its month)
    precision: str  # "day" or "month"
    flag: str | None = None  # e.g. a weekday that contradicts the date
    calendar: bool = False  # names its month ("22 December", "in January"), not only a weekday or "yesterday"


@lru_cache(maxsize=8)
def _names(lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated, accent-free) -> month number / weekday (0 Mon)."""
    from babel import Locale

    locale = Locale(lang)
    months = {
        normalise(name): n
        for width in ("wide", "abbreviated")
        for n, name in locale.months["format"][width].items()
    }
    days = {normalise(name): n for width in ("wide",) for n, name in locale.days["format"][width].items()}
    return months, days


def _words(text: str) -> list[str]:
    return [normalise(w) for w in re.findall(r"[\w']+", text)]


def _kind(said: str, lang: str) -> tuple[int | None, int | None, bool]:
    """(month named, weekday named, relative word) in a matched text; None where not named."""
    months, days = _names(lang)
    words = _words(said)
    month = next((months[w.rstrip(".")] for w in words if w.rstrip(".") in months and len(w) > 2), None)
    weekday = next((days[w] for w in words if w in days), None)
    relative = any(normalise(r) in normalise(said) for r in RELATIVE.get(lang, ()))
    return month, weekday, relative


def _nearest_year(day: dt.date, published: dt.date) -> dt.date:
    """A date written without its year, in the year that puts it closest to the article's date
    ("en enero" in a December article is next January)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - published).days), default=day)


def _mention(said: str, start: int, parsed: dt.datetime, lang: str, published: dt.date) -> DateMention | None:
    month, weekday, relative = _kind(said, lang)
    number = re.search(r"\b([0-3]?\d)\b", said)
    if month is None and weekday is None and not relative:
        return None  # "2", "in", "now": not a date of the tour
    day = parsed.date()
    if month is not None and not re.search(r"\b\d{4}\b", said):
        day = _nearest_year(day, published)
    if month is not None and not number and weekday is None:  # "en enero", "in January"
        first = day.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return DateMention(said, start, first, last, "month", calendar=True)
    flag = None
    if number and 1 <= int(number.group(1)) <= 31 and int(number.group(1)) != day.day:
        try:
            day = day.replace(day=int(number.group(1)))  # the day the text writes, not a guess
        except ValueError:
            return None
    if weekday is not None and number and day.weekday() != weekday:
        flag = f"weekday contradicts date: {said!r} is a {calendar.day_name[day.weekday()]}"
    return DateMention(said, start, day, day, "day", flag, calendar=month is not None)


def find_dates(text: str, lang: str, published: dt.date) -> list[DateMention]:
    """The dates ``text`` names, read relative to ``published``, in order."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time()), "RETURN_AS_TIMEZONE_AWARE": False}
    found = search_dates(text, languages=[lang], settings=settings) or []
    out, cursor = [], 0
    for said, parsed in found:
        start = text.find(said, cursor)
        if start < 0:
            continue
        cursor = start + len(said)
        said = TRAILING.sub("", said)  # "on Monday, December 22, and": the date ends at 22
        mention = _mention(said.strip(), start + len(said) - len(said.lstrip()), parsed, lang, published)
        if mention:
            out.append(mention)
    return out
