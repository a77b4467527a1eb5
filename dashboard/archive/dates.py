"""Dates as tables write them: ISO, numeric day-first or month-first, or written out in English.

"2001-04-20", "20.4.2001" (``dayfirst``), "4/20/2001", "April 20, 2001", "20 April 2001", and ranges:
"April 20–22, 2001", "20–22 April 2001", "April 30 – May 2, 2001", "2001-04-20/2001-04-22". A range's
missing month or year is its end's. Anything else is refused with the reason, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DASH = r"\s*(?:-|–|—|to|until)\s*"
# Written out, month first ("April 30 – May 2, 2001") and day first ("30 April – 2 May 2001").
_MONTH_FIRST = re.compile(
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"(?:{_DASH}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}}))?,?\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH}))?(?:\s+(?P<y1>\d{{4}}))?"
    rf"(?:{_DASH}(?P<d2>\d{{1,2}}))?\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})",
    re.IGNORECASE,
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def parse_dates(text: str, dayfirst: bool = False) -> tuple[dt.date, dt.date | None]:
    """The first day and, for a range, the last (else None); raises ValueError saying why."""
    value = " ".join(text.split()).strip(" .")
    if not value:
        raise ValueError("no date")
    for parse in (_iso, lambda v: _numeric(v, dayfirst), _written):
        found = parse(value)
        if found is not None:
            return found
    raise ValueError(
        "not a date this importer reads (YYYY-MM-DD, d.m.yyyy with --dayfirst, or 'April 20, 2001')"
    )


def _iso(value: str) -> tuple[dt.date, dt.date | None] | None:
    days = [_day(int(y), int(m), int(d)) for y, m, d in _ISO.findall(value)]
    return _range(days) if days and _ISO.sub("", value).strip(" /–—-") == "" else None


def _numeric(value: str, dayfirst: bool) -> tuple[dt.date, dt.date | None] | None:
    found = _NUMERIC.findall(value)
    if not found or _NUMERIC.sub("", value).strip(" /–—-") != "":
        return None
    try:
        days = [
            _day(int(y), int(b), int(a)) if dayfirst else _day(int(y), int(a), int(b)) for a, b, y in found
        ]
    except ValueError as exc:
        hint = "" if dayfirst else "; is the day first (d.m.yyyy)? give --dayfirst"
        raise ValueError(f"{exc} (read as month first){hint}") from None
    return _range(days)


def _written(value: str) -> tuple[dt.date, dt.date | None] | None:
    match = _MONTH_FIRST.fullmatch(value) or _DAY_FIRST.fullmatch(value)
    if match is None:
        return None
    parts = match.groupdict()
    m2, y2 = _month(parts["m2"] or parts["m1"]), int(parts["y2"])
    m1, y1 = _month(parts["m1"]) if parts["m1"] else m2, int(parts["y1"] or y2)
    start = _day(y1, m1, int(parts["d1"]))
    return _range([start, _day(y2, m2, int(parts["d2"]))] if parts["d2"] else [start])


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"no such day: {exc}") from None


def _range(days: list[dt.date]) -> tuple[dt.date, dt.date | None]:
    if len(days) > 2:
        raise ValueError("more than two dates")
    if len(days) == 2 and days[1] < days[0]:
        raise ValueError(f"the range ends ({days[1].isoformat()}) before it starts ({days[0].isoformat()})")
    return days[0], days[1] if len(days) == 2 and days[1] != days[0] else None
