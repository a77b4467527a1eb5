"""Two tours side by side: the countries each visited (and those only one did), their trips per
year, and the figures of each. Any two tours: two people of the archive, or a tour file and one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard.tourfile.model import Tour
from dashboard.views.archive import ArchivePerson
from dashboard.views.figures import figure_text
from dashboard.views.formats import country_name, format_number
from dashboard.views.i18n import t


def visited_countries(tour: Tour) -> set[str]:
    """The countries of the places the tour visited (not its origin, not places only discussed)."""
    visited = {v.place for v in tour.visits}
    return {p.country for p in tour.places if p.id in visited and p.role == "visit"}


@dataclass(frozen=True)
class Split:
    """The countries only the first tour visited, only the second, and both."""

    only_a: list[str]
    only_b: list[str]
    both: list[str]


def split(a: Tour, b: Tour) -> Split:
    ca, cb = visited_countries(a), visited_countries(b)
    return Split(sorted(ca - cb), sorted(cb - ca), sorted(ca & cb))


def trips_per_year(tour: Tour) -> Counter[int]:
    """Trips begun each year: a trip counts in the year of its first visit; a visit the tour puts
    in no trip counts as a trip of its own."""
    starts: dict[object, int] = {}
    for visit in tour.visits:
        year = visit.best_date().start.year
        key: object = visit.trip if visit.trip is not None else ("visit", visit.place)
        starts[key] = min(starts.get(key, year), year)
    return Counter(starts.values())


def trips_frame(a: Tour, b: Tour, names: tuple[str, str]) -> pd.DataFrame:
    """A row per year and side: ``year, side, name, trips`` (every year of either, zeros included)."""
    counts = [trips_per_year(a), trips_per_year(b)]
    years = sorted(set(counts[0]) | set(counts[1]))
    if years:
        years = list(range(years[0], years[-1] + 1))
    rows = [(year, side, names[side], counts[side].get(year, 0)) for side in (0, 1) for year in years]
    return pd.DataFrame(rows, columns=["year", "side", "name", "trips"])


def trips_table(frame: pd.DataFrame, names: tuple[str, str], lang: str) -> pd.DataFrame:
    """The trips chart as a table: a row per year, a column per side."""
    wide = frame.pivot_table(index="year", columns="side", values="trips", fill_value=0, aggfunc="sum")
    wide = wide.reindex(columns=[0, 1], fill_value=0).reset_index()
    wide.columns = [t("atlas.col_year", lang), names[0], names[1]]
    return wide


def split_table(parts: Split, names: tuple[str, str], lang: str) -> pd.DataFrame:
    """Every country either visited: its name, code, and who went there."""
    who = [(c, names[0]) for c in parts.only_a] + [(c, names[1]) for c in parts.only_b]
    who += [(c, t("compare.both", lang)) for c in parts.both]
    rows = sorted(((country_name(c, lang), c, w) for c, w in who), key=lambda r: r[0].casefold())
    return pd.DataFrame(
        rows, columns=[t("atlas.col_country", lang), t("atlas.col_code", lang), t("compare.col_who", lang)]
    )


def trips_summary(frame: pd.DataFrame, names: tuple[str, str], lang: str) -> str:
    """``Kerry: 120 trips over 5 years; Blinken: 95 over 4.``"""
    parts = []
    for side in (0, 1):
        rows = frame[(frame["side"] == side) & (frame["trips"] > 0)]
        parts.append(
            t(
                "compare.trips_side",
                lang,
                name=names[side],
                trips=format_number(int(rows["trips"].sum()), lang),
                years=format_number(len(rows), lang),
            )
        )
    return "; ".join(parts) + "."


def split_summary(parts: Split, names: tuple[str, str], lang: str) -> str:
    return t(
        "compare.split_summary",
        lang,
        a=names[0],
        b=names[1],
        only_a=format_number(len(parts.only_a), lang),
        only_b=format_number(len(parts.only_b), lang),
        both=format_number(len(parts.both), lang),
    )


SHOWN = "tour"  # the tour the session shows (the app's own, an upload or a person), as Compare names it


@dataclass(frozen=True)
class CompareView:
    """The two tours compared (each :data:`SHOWN` or an archive person's slug), and what the address
    asked that did not fit."""

    a: str
    b: str
    problems: tuple[str, ...] = field(default=(), compare=False)


def default_pair(people: Sequence[ArchivePerson], shown_slug: str | None) -> CompareView:
    """The tour shown beside the archive's longest record (another person's, if it is shown)."""
    ranked = sorted(people, key=lambda p: -p.visits)
    other = next((p.slug for p in ranked if p.slug != shown_slug), SHOWN)
    return CompareView(SHOWN, other)


def compare_from_query(
    params: Mapping[str, str], people: Sequence[ArchivePerson], default: CompareView
) -> CompareView:
    """``a`` and ``b`` from a link: each the tour shown or a person of the archive, else the default's."""
    known = {SHOWN} | {p.slug for p in people}
    problems = [
        f"{key}={params[key]!r}" for key in ("a", "b") if params.get(key) and params[key] not in known
    ]
    a = params.get("a") if params.get("a") in known else default.a
    b = params.get("b") if params.get("b") in known else default.b
    return CompareView(str(a), str(b), tuple(problems))


def compare_to_query(view: CompareView) -> dict[str, str]:
    return {"a": view.a, "b": view.b}


def country_list(codes: Sequence[str], lang: str) -> list[str]:
    """Country names in the reader's language, in its alphabetical order."""
    return sorted((country_name(c, lang) for c in codes), key=str.casefold)


Figures = Mapping[str, float | None]


def figures_table(
    figures: tuple[Figures, Figures], names: tuple[str, str], keys: Sequence[str], lang: str
) -> pd.DataFrame:
    """The two tours' key figures side by side, a row per figure: they line up on any screen."""
    rows = [(t(f"figure.{k}", lang), *(figure_text(side.get(k), lang) for side in figures)) for k in keys]
    return pd.DataFrame(rows, columns=["", names[0], names[1]])
