"""The Atlas's queries three ways, over the whole archive: ``python -m bench.atlas_queries``.

Each way answers what one Atlas page draws (the records chosen, visits and days per country, per year
and person, the top destinations, each country's first visit by office, the countries never visited)
for two views: everyone, and two people from 2017. The ways: plain Python over the records (what
:mod:`dashboard.views.atlas` does), pandas over a frame of them, and SQLite (standard library) in
memory, each giving the same answers in the same shapes. DuckDB is not a dependency; SQLite stands for
an embedded store. Medians of 20 runs, after a warm-up, printed as JSON; the loading of each store is
timed apart (it is paid once per process).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import time
from collections.abc import Callable
from typing import Any

import pandas as pd

from dashboard.archive.records import records
from dashboard.views import atlas
from dashboard.views.archive import AtlasView, by_country, chosen
from dashboard.views.world import STATES

VIEWS = {
    "everyone": AtlasView(),
    "two from 2017": AtlasView(who=("blinken-antony-j", "pompeo-michael-r"), start=2017),
}
RUNS = 20


def _median(work: Callable[[], object]) -> float:
    work()
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def python_page(rows: list[Any], view: AtlasView) -> object:
    mine = chosen(rows, view)
    firsts = [atlas.first_visits(mine, role) for role in ("president", "secretary")]
    never = atlas.never_visited(mine)
    return (
        by_country(mine),
        by_country(mine, "days"),
        atlas.per_year(mine),
        atlas.top_destinations(mine),
        firsts,
        never,
    )


def frame_of(rows: list[Any]) -> pd.DataFrame:
    data = [(r.slug, r.name, r.role, r.record_id, r.start, r.end, r.country) for r in rows]
    frame = pd.DataFrame(data, columns=["slug", "name", "role", "record_id", "start", "end", "country"])
    frame["days"] = [max((e - s).days + 1, 1) for s, e in zip(frame["start"], frame["end"], strict=True)]
    frame["first_year"] = [d.year for d in frame["start"]]
    frame["last_year"] = [d.year for d in frame["end"]]
    return frame


def pandas_page(frame: pd.DataFrame, view: AtlasView) -> object:
    keep = pd.Series(True, index=frame.index)
    if view.who:
        keep &= frame["slug"].isin(view.who)
    if view.start:
        keep &= frame["last_year"] >= view.start
    mine = frame[keep]
    visits = mine.groupby("country").size().sort_values(ascending=False)
    days = mine.groupby("country")["days"].sum().sort_values(ascending=False)
    years = mine.groupby(["first_year", "slug"]).size()
    firsts = [mine[mine["role"] == role].sort_values(["start", "record_id"]).drop_duplicates("country")
              for role in ("president", "secretary")]  # fmt: skip
    never = sorted(STATES - set(mine["country"]) - {"US"})
    return visits, days, years, visits.head(atlas.TOP), firsts, never


def sqlite_of(rows: list[Any]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("create table r (slug, name, role, record_id, start, end_, country, days, y0, y1)")
    db.executemany(
        "insert into r values (?,?,?,?,?,?,?,?,?,?)",
        [(r.slug, r.name, r.role, r.record_id, r.start.isoformat(), r.end.isoformat(), r.country,
          max((r.end - r.start).days + 1, 1), r.start.year, r.end.year) for r in rows],
    )  # fmt: skip
    db.execute("create index r_slug on r (slug)")
    return db


def sqlite_page(db: sqlite3.Connection, view: AtlasView, by_id: dict[int, Any]) -> object:
    """The same answers as :func:`python_page`, in the same shapes (a frame per year, first visits as
    records), so that the two are timed for the same work."""
    where, args = ["1"], []
    if view.who:
        where.append(f"slug in ({','.join('?' * len(view.who))})")
        args += list(view.who)
    if view.start:
        where.append("y1 >= ?")
        args.append(view.start)
    cond = " and ".join(where)
    q = db.execute
    visits = dict(
        q(
            f"select country, count(*) n from r where {cond} group by country order by n desc, country", args
        ).fetchall()
    )
    days = dict(
        q(
            f"select country, sum(days) n from r where {cond} group by country order by n desc, country", args
        ).fetchall()
    )
    years = q(
        f"select y0, r.slug, min(name), count(*) from r where {cond} group by y0, r.slug order by y0, r.slug",
        args,
    )
    per_year = pd.DataFrame(years.fetchall(), columns=["year", "slug", "person", "value"])
    firsts = []
    for role in ("president", "secretary"):
        found = q(
            "select record_id from (select record_id, row_number() over (partition by country "
            f"order by start, record_id) k from r where {cond} and role = ?) where k = 1",
            [*args, role],
        )
        firsts.append(sorted((by_id[i] for (i,) in found.fetchall()), key=lambda r: (r.start, r.country)))
    never = sorted(STATES - set(visits) - {"US"})
    return visits, days, per_year, list(visits.items())[: atlas.TOP], firsts, never


def main() -> None:
    rows = records()
    start = time.perf_counter()
    frame = frame_of(rows)
    loaded = {"pandas": time.perf_counter() - start}
    start = time.perf_counter()
    db = sqlite_of(rows)
    loaded["sqlite"] = time.perf_counter() - start
    by_id = {r.record_id: r for r in rows}
    out: dict[str, Any] = {"records": len(rows), "load_s": loaded, "page_ms": {}}
    for name, view in VIEWS.items():
        out["page_ms"][name] = {
            "python": round(_median(lambda v=view: python_page(rows, v)) * 1000, 2),
            "pandas": round(_median(lambda v=view: pandas_page(frame, v)) * 1000, 2),
            "sqlite": round(_median(lambda v=view: sqlite_page(db, v, by_id)) * 1000, 2),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
