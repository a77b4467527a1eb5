"""The benchmark suite: ``python -m bench.run`` (``--quick`` for a smoke run, ``--only ingest`` for the
ingest rows alone, added to the saved results).

Measures the dashboard against baselines measured in the same run (an empty Streamlit
app, a one-selectbox app), in headless chromium against `streamlit run` on loopback,
and writes ``bench/results/latest.json`` and ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bench import breakdown, candidates, ingest_scale
from bench import browser as bw
from bench.load import LoadLog
from bench.report import write_report
from bench.servers import ROOT, streamlit, write_baselines
from bench.synth import write_tour
from dashboard.render.images import png
from dashboard.render.pack import VIEWS, pack_zip
from dashboard.tourfile.load import DEFAULT_TOUR, load_tour

APP = ROOT / "streamlit_app.py"
REPORT = ROOT / "docs" / "performance.md"
T = TypeVar("T")


def stats(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def samples(runs: int, measure: Callable[[], T]) -> list[T]:
    measure()  # warm-up, discarded: the server compiles and caches on its first visitor
    return [measure() for _ in range(runs)]


def repeat(runs: int, measure: Callable[[], float]) -> dict[str, Any]:
    return stats(samples(runs, measure))


def _paint(b: Any, url: str, runs: int) -> tuple[dict[str, Any], dict[str, Any]]:
    pairs = samples(runs, lambda: bw.paint_map(b, url))
    return stats([p[0] for p in pairs]), stats([p[1] for p in pairs])


def empty_and_select(b: Any, folder: Path, runs: int) -> tuple[list[float], list[float]]:
    """The two baselines' runs: the empty app's paint and the one-selectbox app's rerun.

    The suite measures them at its start and again at its end (see :func:`pooled`): the empty
    app's paint time has been seen to drift between runs of the suite.
    """
    empty, select, _, _ = write_baselines(folder)
    with streamlit(empty, cwd=folder) as server:
        paint = samples(runs, lambda: bw.paint_empty(b, server.url))
    with streamlit(select, cwd=folder) as server:
        rerun = samples(runs, lambda: bw.rerun_select(b, server.url))
    return paint, rerun


def pooled(start: tuple[list[float], list[float]], end: tuple[list[float], list[float]]) -> dict[str, Any]:
    """Each baseline over both sets of runs (what ratios divide by), and each set on its own."""
    out: dict[str, Any] = {}
    for key, first, last in zip(("empty_paint", "select_rerun"), start, end, strict=True):
        out.update({key: stats(first + last), f"{key}_start": stats(first), f"{key}_end": stats(last)})
    return out


def floors(b: Any, folder: Path, runs: int) -> dict[str, Any]:
    """The map-only page's paint and filter change, and a blank file's draw."""
    _, _, map_only, blank = write_baselines(folder)
    floor = floor_metrics(b, map_only, None, runs)
    return {
        "map_only_paint": floor["map_drawn"],
        "map_only_filter": floor["filter_change"],
        "blank_file_draw": repeat(runs, lambda: bw.export_draw(b, blank.as_uri(), 0)),
    }


def floor_metrics(b: Any, map_only: Path, tour: Path | None, runs: int) -> dict[str, Any]:
    """The same map alone on a page with one filter: st_folium's cost before our page adds anything."""
    env = {"TOUR_FILE": str(tour)} if tour else {}
    with streamlit(map_only, env=env, cwd=map_only.parent) as server:
        return {
            "map_drawn": repeat(runs, lambda: bw.paint_map_only(b, server.url)),
            "filter_change": repeat(runs, lambda: bw.filter_change(b, server.url, "Mining", table=False)),
        }


def export_metrics(b: Any, tour: Path | None, folder: Path, places: int, runs: int) -> dict[str, Any]:
    out = folder / f"export-{places}.html"
    cmd = [sys.executable, "-m", "dashboard", "export", "html", "-o", str(out)]
    if tour:
        cmd += ["--tour", str(tour)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    draw = repeat(runs, lambda: bw.export_draw(b, out.as_uri(), places))
    return {"bytes": out.stat().st_size, "draw": draw}


def seed_metrics(b: Any, folder: Path, runs: int) -> dict[str, Any]:
    with streamlit(APP) as server:
        drawn, screen = _paint(b, server.url, runs)
        clicks = samples(runs, lambda: bw.map_click(b, server.url, "2", "2. Quito", "quito"))
        result = {
            "map_drawn": drawn,
            "first_screen": screen,
            "filter_change": repeat(runs, lambda: bw.filter_change(b, server.url, "Mining")),
            "map_click": stats([c[1] for c in clicks]),
            "click_drawn": stats([c[0] for c in clicks]),
            "peak_rss_mb": server.peak_rss_mb(),
        }
    result["export"] = export_metrics(b, None, folder, 6, runs)
    return result


def _seconds(measure: Callable[[], object]) -> float:
    start = time.perf_counter()
    measure()
    return time.perf_counter() - start


def publish_metrics(b: Any, folder: Path, runs: int) -> dict[str, Any]:
    """Issue 12: a story step in the app, the story file (size, first step drawn from disk), the
    evidence pack without images, and each image for print (one each: a browser draws it)."""
    with streamlit(APP) as server:
        step = repeat(runs, lambda: bw.story_step(b, server.url))
    story = folder / "story.html"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "story", "-o", str(story)],
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    tour, data = load_tour(DEFAULT_TOUR), DEFAULT_TOUR.read_bytes()
    return {
        "story_step": step,
        "story_bytes": story.stat().st_size,
        "story_draw": repeat(runs, lambda: bw.story_draw(b, story.as_uri())),
        "pack": repeat(runs, lambda: _seconds(lambda: pack_zip(tour, DEFAULT_TOUR.name, data, images=False))),
        "png": {view: _seconds(functools.partial(png, tour, view)) for view in VIEWS},
    }


def scale_metrics(b: Any, folder: Path, size: int, runs: int) -> dict[str, Any]:
    tour = write_tour(size, folder / f"tour-{size}.json")
    with streamlit(APP, env={"TOUR_FILE": str(tour)}) as server:
        drawn, screen = _paint(b, server.url, runs)
        result = {
            "map_drawn": drawn,
            "first_screen": screen,
            "filter_change": repeat(runs, lambda: bw.filter_change(b, server.url, "Mining")),
            "peak_rss_mb": server.peak_rss_mb(),
        }
    result["export"] = export_metrics(b, tour, folder, size, runs)
    result["floor"] = floor_metrics(b, folder / "map_only_app.py", tour, runs)
    return result


def apptest_metrics(tour: Path | None = None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "bench.apptest_timing", *([str(tour)] if tour else [])]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {"cold": data["cold"], "warm": stats(data["warm"])}


def run_suite(runs: int, sizes: list[int], log: LoadLog, partial: Path | None = None) -> dict[str, Any]:
    """The whole suite, each block's load recorded (and, with ``--wait-quiet``, waited down) by ``log``;
    what is measured so far is written to ``partial`` after each block, so a run that is stopped
    keeps its figures."""
    if partial is not None:
        log.after = lambda: partial.write_text(
            json.dumps(log.measured, indent=2, default=str), encoding="utf-8"
        )
    results: dict[str, Any] = {"runs": runs}
    with tempfile.TemporaryDirectory() as tmp, bw.browser() as b:
        folder = Path(tmp)
        start = log.block("baselines (start)", lambda: empty_and_select(b, folder, runs))
        results["baselines"] = log.block("floors", lambda: floors(b, folder, runs))
        results["seed"] = log.block("seed", lambda: seed_metrics(b, folder, runs))
        results["breakdown"] = log.block("breakdown", lambda: breakdown.measure(b, folder, runs))
        results["candidates"] = log.block("candidates", lambda: candidates.measure(b, folder, runs))
        results["apptest"] = log.block("apptest", apptest_metrics)
        results["publish"] = log.block("publish", lambda: publish_metrics(b, folder, runs))
        results["scale"] = {
            str(n): log.block(f"scale {n:,}", functools.partial(scale_metrics, b, folder, n, runs))
            for n in sizes
        }
        from bench.archive import archive_metrics  # here: bench.archive uses this module's helpers

        results["archive"] = log.block("archive", lambda: archive_metrics(b, runs))
        end = log.block("baselines (end)", lambda: empty_and_select(b, folder, runs))
        results["baselines"].update(pooled(start, end))
    results["ingest"] = log.block("ingest", lambda: ingest_scale.measure(runs))
    results["measured"] = dt.date.today().isoformat()
    results["load"] = log.record()
    return results


def _saved(out: Path) -> dict[str, Any]:
    """The saved results, with the date of the run that measured them (read from the report when they
    have none), so that rows measured alone keep the rest's date."""
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    if "seed" in results and "measured" not in results:
        said = re.search(r"python -m bench.run` on (\d{4}-\d\d-\d\d)", REPORT.read_text(encoding="utf-8"))
        results["measured"] = said.group(1) if said else None
    return results


def only_ingest(runs: int, out: Path, log: LoadLog | None = None) -> dict[str, Any]:
    """Issue 24's rows alone (no browser): ingest measured and put into the saved results, whose other
    figures keep the date of the run that measured them."""
    results = _saved(out)
    results["ingest"] = (log or LoadLog()).block("ingest", lambda: ingest_scale.measure(runs))
    return _with_load(results, log)


BLOCKS_ALONE = {"breakdown": breakdown.measure, "candidates": candidates.measure}


def only_block(name: str, runs: int, out: Path, log: LoadLog) -> dict[str, Any]:
    """One of issue 26's browser blocks alone (each has its own floors), put into the saved results."""
    results = _saved(out)
    with tempfile.TemporaryDirectory() as tmp, bw.browser() as b:
        results[name] = log.block(name, lambda: BLOCKS_ALONE[name](b, Path(tmp), runs))
    results[name]["measured"] = dt.date.today().isoformat()
    return _with_load(results, log)


def _with_load(results: dict[str, Any], log: LoadLog | None) -> dict[str, Any]:
    """A block measured alone adds its load record to the saved run's (the report lists every block)."""
    if log is not None:
        saved = results.get("load") or {**log.record(), "blocks": []}
        saved["blocks"] = [*saved["blocks"], *log.blocks]
        results["load"] = saved
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (default 5)")
    parser.add_argument("--sizes", default="100,1000,10000", help="synthetic tour sizes")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 run, 100 places, no report")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latest.json")
    parser.add_argument(
        "--only",
        choices=["ingest", *BLOCKS_ALONE],
        default=None,
        help="measure only these rows and add them to --out's results",
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each block, wait up to SECONDS for the load average to fall below the core count",
    )
    args = parser.parse_args()
    runs, sizes = (1, [100]) if args.quick else (args.runs, [int(s) for s in args.sizes.split(",")])
    log = LoadLog(args.wait_quiet)
    if args.only == "ingest":
        results = only_ingest(runs, args.out, log)
    elif args.only in BLOCKS_ALONE:
        results = only_block(args.only, runs, args.out, log)
    else:
        results = run_suite(runs, sizes, log, args.out.with_suffix(".partial.json"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.quick and "seed" in results:  # a report needs the whole suite's figures
        write_report(results, REPORT)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
