"""Turn one run's results into docs/performance.md: figures, ratios, targets met or not."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in ln
        ),
        platform.processor() or "unknown CPU",
    )
    mem_kb = int(
        next(
            ln.split()[1]
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if ln.startswith("MemTotal")
        )
    )
    chromium = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"{cpu}, {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.0f} GiB; {platform.platform()}; "
        f"Python {platform.python_version()}; streamlit {version('streamlit')}, folium {version('folium')}, "
        f"streamlit-folium {version('streamlit-folium')}, plotly {version('plotly')}; {chromium}"
    )


def _s(stat: dict[str, Any]) -> str:
    return f"{stat['median']:.3f} s (min {stat['min']:.3f}, max {stat['max']:.3f}, n={stat['n']})"


def _ratio(value: dict[str, Any], base: dict[str, Any]) -> float:
    return float(value["median"]) / float(base["median"])


def _row(what: str, value: str, ratio: str, target: str, met: bool | None) -> str:
    verdict = "—" if met is None else ("met" if met else "**not met**")
    return f"| {what} | {value} | {ratio} | {target} | {verdict} |"


def _seed_rows(r: dict[str, Any]) -> list[str]:
    base, seed = r["baselines"], r["seed"]
    paint, rerun = base["empty_paint"], base["select_rerun"]
    map_ratio, screen_ratio = _ratio(seed["map_drawn"], paint), _ratio(seed["first_screen"], paint)
    filter_ratio, click_ratio = _ratio(seed["filter_change"], rerun), _ratio(seed["map_click"], rerun)
    kib = seed["export"]["bytes"] / 1024
    draw_ms = seed["export"]["draw"]["median"] * 1000
    warm_ms = r["apptest"]["warm"]["median"] * 1000
    return [
        _row("Baseline: empty app, title shown", _s(paint), "1.00×", "", None),
        _row("Baseline: one-selectbox rerun", _s(rerun), "1.00×", "", None),
        _row("Floor: a page with only this map (st_folium)", _s(base["map_only_paint"]),
             f"{_ratio(base['map_only_paint'], paint):.2f}×", "", None),
        _row("Floor: that page's topic filter change", _s(base["map_only_filter"]),
             f"{_ratio(base['map_only_filter'], rerun):.2f}×", "", None),
        _row("Floor: a blank HTML page from file://", _s(base["blank_file_draw"]), "", "", None),
        _row("Map: markers and route drawn", _s(seed["map_drawn"]), f"{map_ratio:.2f}×", "≤ 1.3×", map_ratio <= 1.3),
        _row("First screen (map, figures, itinerary)", _s(seed["first_screen"]), f"{screen_ratio:.2f}×", "≤ 2.0×",
             screen_ratio <= 2.0),
        _row("Filter change (topic), shown everywhere", _s(seed["filter_change"]), f"{filter_ratio:.2f}×", "≤ 1.5×",
             filter_ratio <= 1.5),
        _row("Click on a stop, shown everywhere", _s(seed["map_click"]), f"{click_ratio:.2f}×", "≤ 1.5×",
             click_ratio <= 1.5),
        _row("Exported HTML size", f"{kib:.0f} KiB", "", "≤ 250 KiB", kib <= 250),
        _row("Exported HTML drawn from file://", _s(seed["export"]["draw"]), "", "≤ 150 ms", draw_ms <= 150),
        _row("AppTest warm rerun (script time)", _s(r["apptest"]["warm"]), "", "≤ 100 ms", warm_ms <= 100),
        _row("AppTest cold first run (new process)", f"{r['apptest']['cold']:.3f} s", "", "", None),
        _row("Server peak RSS", f"{seed['peak_rss_mb']:.0f} MB", "", "", None),
    ]  # fmt: skip


def _scale_rows(r: dict[str, Any]) -> list[str]:
    paint = r["baselines"]["empty_paint"]
    rows = []
    for size, s in r["scale"].items():
        big = size == "10000"
        ratio = _ratio(s["map_drawn"], paint)
        rows += [
            _row(f"{int(size):,} places: map drawn", _s(s["map_drawn"]), f"{ratio:.2f}×", "≤ 2×" if big else "",
                 ratio <= 2 if big else None),
            _row(f"{int(size):,} places: first screen", _s(s["first_screen"]), f"{_ratio(s['first_screen'], paint):.2f}×",
                 "", None),
            _row(f"{int(size):,} places: filter change", _s(s["filter_change"]), "", "≤ 1 s" if big else "",
                 s["filter_change"]["median"] <= 1 if big else None),
            _row(f"{int(size):,} places, floor: only the map and one filter, drawn", _s(s["floor"]["map_drawn"]),
                 f"{_ratio(s['floor']['map_drawn'], paint):.2f}×", "", None),
            _row(f"{int(size):,} places, floor: that page's filter change", _s(s["floor"]["filter_change"]), "", "", None),
            _row(f"{int(size):,} places: server peak RSS", f"{s['peak_rss_mb']:.0f} MB", "", "≤ 400 MB" if big else "",
                 s["peak_rss_mb"] <= 400 if big else None),
            _row(f"{int(size):,} places: exported HTML", f"{s['export']['bytes'] / 1024:.0f} KiB", "", "", None),
            _row(f"{int(size):,} places: export drawn from file://", _s(s["export"]["draw"]), "", "≤ 1 s" if big else "",
                 s["export"]["draw"]["median"] <= 1 if big else None),
        ]  # fmt: skip
    return rows


def write_report(results: dict[str, Any], path: Path) -> None:
    header = "| figure | measured | ratio to baseline | target | verdict |\n| --- | --- | --- | --- | --- |"
    text = f"""# Performance

Measured by `python -m bench.run` on {dt.date.today().isoformat()}, one run of the suite; every figure is the
median of {results["runs"]} runs (after one discarded warm-up run) with its minimum and maximum. Ratios compare
with baselines measured in the same run, on the same machine, so they hold where absolute times do not.

Machine: {machine()}

How: headless chromium (Playwright) against `streamlit run` on loopback, a new browser context per run (cold
browser cache, warm server). Map tiles are answered locally with an empty image. "Shown everywhere" means the map
has been redrawn with the stop selected, the stop panel names it and the itinerary is drawn.

## Seed tour (Kast)

{header}
{chr(10).join(_seed_rows(results))}

## Scale (synthetic tours from `bench/synth.py`)

{header}
{chr(10).join(_scale_rows(results))}
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
