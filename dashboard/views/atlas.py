"""The Atlas's figures and tables over the archive's records: visits per country, per year and
person, the top destinations, each country's first visit by a president or a secretary, the
countries never visited, and the visits to one country with their sources.

Pure, over plain lists (4,271 records: a pass in Python takes a millisecond or two, see
``bench/atlas_queries.py``). Tables come out with their headers in the reader's language; the
one-sentence summaries that name each chart for screen readers are made here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.views.archive import TravelRecord, amount, by_country, days, people_of
from dashboard.views.formats import country_name, format_number, format_range
from dashboard.views.i18n import t
from dashboard.views.world import STATES

TOP = 15  # destinations in the top list (its CSV has every country)
HOME = "US"  # the archive's travels are abroad: the United States is never a destination


def role_word(role: str, lang: str) -> str:
    return t(f"archive.role_{role}", lang)


def per_year(records: Iterable[TravelRecord], measure: str = "visits") -> pd.DataFrame:
    """A row per year and person: ``year, slug, person, value`` (the chart's and table's data)."""
    rows = list(records)
    names = people_of(rows)
    counts: Counter[tuple[int, str]] = Counter()
    for r in rows:
        counts[r.start.year, r.slug] += days(r) if measure == "days" else 1
    data = [(year, slug, names[slug], value) for (year, slug), value in sorted(counts.items())]
    return pd.DataFrame(data, columns=["year", "slug", "person", "value"])


def top_destinations(
    records: Iterable[TravelRecord], measure: str = "visits", n: int = TOP
) -> list[tuple[str, int]]:
    """The ``n`` countries with most visits (or days), the most first; ties by code."""
    return list(by_country(records, measure).items())[:n]


@dataclass(frozen=True)
class FirstVisit:
    """The first visit to a country by someone holding an office."""

    country: str
    record: TravelRecord


def first_visits(records: Iterable[TravelRecord], role: str) -> list[FirstVisit]:
    """Each country's first visit by a sitting president (or a secretary of state), oldest first.

    The archive records only travels in office, so a president's first record there is the first
    visit by a sitting president.
    """
    first: dict[str, TravelRecord] = {}
    for r in records:
        if r.role == role and (r.country not in first or (r.start, r.record_id) < _key(first[r.country])):
            first[r.country] = r
    return sorted((FirstVisit(c, r) for c, r in first.items()), key=lambda f: (f.record.start, f.country))


def _key(record: TravelRecord) -> tuple[object, int]:
    return record.start, record.record_id


def never_visited(records: Iterable[TravelRecord], universe: Iterable[str] = STATES) -> list[str]:
    """The states (UN members, observers, Kosovo and Taiwan) no record reaches, by code."""
    seen = {r.country for r in records}
    return sorted(code for code in set(universe) - seen if code != HOME)


def country_visits(records: Iterable[TravelRecord], code: str) -> list[TravelRecord]:
    """The visits to one country, oldest first."""
    return sorted((r for r in records if r.country == code), key=lambda r: (r.start, r.record_id))


# --- tables, in the reader's language -------------------------------------------------------


def _frame(rows: Sequence[Sequence[object]], keys: Sequence[str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=[t(f"atlas.col_{k}", lang) for k in keys])


def countries_table(records: Sequence[TravelRecord], measure: str, lang: str) -> pd.DataFrame:
    """The map as a table: a row per country with its visits and days, the most first."""
    visits, spent = by_country(records, "visits"), by_country(records, "days")
    order = by_country(records, measure)
    rows = [(country_name(c, lang), c, visits[c], spent[c]) for c in order]
    return _frame(rows, ["country", "code", "visits", "days"], lang)


def year_table(frame: pd.DataFrame, measure: str, lang: str) -> pd.DataFrame:
    """The per-year chart as a table: year, person, visits (or days)."""
    rows = frame[["year", "person", "value"]].itertuples(index=False, name=None)
    return _frame(list(rows), ["year", "person", measure], lang)


def top_table(top: Sequence[tuple[str, int]], measure: str, lang: str) -> pd.DataFrame:
    rows = [(i, country_name(c, lang), c, v) for i, (c, v) in enumerate(top, start=1)]
    return _frame(rows, ["rank", "country", "code", measure], lang)


def firsts_table(firsts: Sequence[FirstVisit], lang: str) -> pd.DataFrame:
    rows = [
        (country_name(f.country, lang), f.country, format_range(f.record.start, f.record.end, lang),
         f.record.name, f.record.locale, f.record.url)
        for f in firsts
    ]  # fmt: skip
    return _frame(rows, ["country", "code", "dates", "person", "locale", "source"], lang)


def never_table(codes: Sequence[str], lang: str) -> pd.DataFrame:
    rows = sorted(((country_name(c, lang), c) for c in codes), key=lambda row: row[0].casefold())
    return _frame(rows, ["country", "code"], lang)


def visits_table(visits: Sequence[TravelRecord], lang: str) -> pd.DataFrame:
    """One country's visits: dates, who, their office, where, what the record says, its source."""
    rows = [
        (format_range(r.start, r.end, lang), r.name, role_word(r.role, lang), r.locale, r.remarks, r.url)
        for r in visits
    ]
    return _frame(rows, ["dates", "person", "role", "locale", "remarks", "source"], lang)


# --- one sentence per chart (its accessible description) -------------------------------------


def map_summary(records: Sequence[TravelRecord], measure: str, lang: str) -> str:
    """``1,234 visits to 98 countries; most to the United Kingdom (87).``"""
    totals = by_country(records, measure)
    if not totals:
        return t("atlas.summary_empty", lang)
    top, value = next(iter(totals.items()))
    return t(
        f"atlas.map_summary_{measure}",
        lang,
        total=format_number(amount(records, measure), lang),
        countries=format_number(len(totals), lang),
        top=country_name(top, lang),
        value=format_number(value, lang),
    )


def years_summary(frame: pd.DataFrame, measure: str, lang: str) -> str:
    """``From 2013 to 2017, most in 2014 (92 visits).``"""
    if frame.empty:
        return t("atlas.summary_empty", lang)
    per = frame.groupby("year")["value"].sum()
    return t(
        f"atlas.years_summary_{measure}",
        lang,
        first=str(per.index.min()),
        last=str(per.index.max()),
        top=str(per.idxmax()),
        value=format_number(int(per.max()), lang),
        people=format_number(frame["slug"].nunique(), lang),
    )


def top_summary(top: Sequence[tuple[str, int]], measure: str, lang: str) -> str:
    if not top:
        return t("atlas.summary_empty", lang)
    names = ", ".join(country_name(c, lang) for c, _ in top[:3])
    return t(f"atlas.top_summary_{measure}", lang, count=format_number(len(top), lang), first=names)


def firsts_summary(firsts: Sequence[FirstVisit], role: str, lang: str) -> str:
    if not firsts:
        return t("atlas.summary_empty", lang)
    oldest = firsts[0]
    return t(
        "atlas.firsts_summary",
        lang,
        count=format_number(len(firsts), lang),
        role=role_word(role, lang),
        country=country_name(oldest.country, lang),
        person=oldest.record.name,
        year=str(oldest.record.start.year),
    )


def never_summary(codes: Sequence[str], lang: str) -> str:
    return t(
        "atlas.never_summary",
        lang,
        count=format_number(len(codes), lang),
        total=format_number(len(STATES) - 1, lang),
    )


def classes(values: Iterable[int], n: int = 5) -> list[tuple[int, int]]:
    """The map's shades as ranges of values, ``[(1, 2), (3, 7), ...]``: up to ``n`` ranges that each
    hold about as many countries (quantiles), so a few very visited countries do not leave every
    other one in the palest shade. Adjacent, never overlapping; the last ends at the largest value."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return []
    tops = sorted({ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // n - 1)] for i in range(n)})
    tops[-1] = ordered[-1]
    out, low = [], ordered[0]
    for top in tops:
        if top >= low:
            out.append((low, top))
            low = top + 1
    return out


def class_of(value: int, ranges: Sequence[tuple[int, int]]) -> int | None:
    """The index of the range ``value`` falls in (None for no visits)."""
    return next((i for i, (low, high) in enumerate(ranges) if low <= value <= high), None)


def range_label(low: int, high: int, lang: str) -> str:
    return (
        format_number(low, lang) if low == high else f"{format_number(low, lang)}–{format_number(high, lang)}"
    )
