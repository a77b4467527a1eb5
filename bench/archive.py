"""The travel archive in the app (issue 23): ``python -m bench.archive`` (``--runs N``).

Measured against the empty app, in the same run: the Atlas's first paint (its world map drawn); a
record of 373 visits (Kerry's) drawn on the route map; switching person in the library, to a record
opened before and to one never opened in this server; and the server's peak memory once the Atlas,
Compare and every person's record have been opened. Also run by ``python -m bench.run``. Results go
to ``bench/results/archive.json``; the report renders them when the suite's results hold them.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from bench import browser as bw
from bench.run import ROOT, repeat, samples, stats
from bench.servers import streamlit, write_baselines
from dashboard.archive.library import people

LONGEST = ("kerry-john-forbes", "John Forbes Kerry")
# A record to switch to from Kerry's and back; then records never opened before, one per run.
OTHER = ("blinken-antony-j", "Antony John Blinken")
FRESH = [
    "pompeo-michael-r", "clinton-hillary-rodham", "obama-barack", "rice-condoleezza", "powell-colin-luther",
    "albright-madeleine-korbel", "bush-george-w", "clinton-william-j", "baker-james-addison",
    "shultz-george-pratt", "reagan-ronald", "kissinger-henry-a",
]  # fmt: skip
BUDGET_MB = 500


def _names() -> dict[str, str]:
    return {p.slug: p.name for p in people()}


def _open_everyone(b: Any, url: str) -> None:
    """The Atlas, Compare and every person's record opened once, in one browser page."""
    with bw.new_page(b) as page:
        for path in ("/atlas", "/compare"):
            page.goto(url + path)
            bw.settled(page)
        for slug, name in _names().items():
            page.goto(f"{url}/?tour={slug}")
            bw.until(page, bw._person_drawn(name))


def archive_metrics(b: Any, runs: int) -> dict[str, Any]:
    names = _names()
    fresh = iter(FRESH)
    with streamlit() as server:
        out = {
            "atlas_paint": repeat(runs, lambda: bw.atlas_paint(b, server.url)),
            "longest_map": repeat(runs, lambda: bw.person_map(b, server.url, *LONGEST)),
            "switch_opened": repeat(runs, lambda: bw.switch_person(b, server.url, LONGEST[0], OTHER[1])),
            "switch_new": stats(
                samples(runs, lambda: bw.switch_person(b, server.url, LONGEST[0], names[next(fresh)]))
            ),
        }
        _open_everyone(b, server.url)
        out["peak_rss_mb"] = server.peak_rss_mb()
        out["budget_mb"] = BUDGET_MB
    return out


def empty_paint(b: Any, runs: int) -> list[float]:
    """The empty app's first paint (the baseline), each run's time."""
    with tempfile.TemporaryDirectory() as tmp:
        empty = write_baselines(Path(tmp))[0]
        with streamlit(empty, cwd=Path(tmp)) as server:
            return samples(runs, lambda: bw.paint_empty(b, server.url))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (default 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "archive.json")
    args = parser.parse_args()
    with bw.browser() as b:
        # The empty app before and after, pooled (as bench.run does): its paint drifts with the load.
        start = empty_paint(b, args.runs)
        archive = archive_metrics(b, args.runs)
        end = empty_paint(b, args.runs)
    paint = stats(start + end)
    ratios = {k: round(archive[k]["median"] / paint["median"], 2) for k in ("atlas_paint", "longest_map")}
    results = {"runs": args.runs, "empty_paint": paint, "empty_paint_start": stats(start),
               "empty_paint_end": stats(end), **archive, "ratios": ratios}  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
