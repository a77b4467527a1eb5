"""The report's ingest rows (issue 24): an article's time as it grows, and why a target is missed."""

from __future__ import annotations

from typing import Any

from bench.report_rows import ratio as _ratio
from bench.report_rows import row as _row
from bench.report_rows import stat_text as _s

INGEST_SECONDS = 10.0  # a 5 MB article, the app's upload limit, in seconds (issue 24)
LINEAR = 1.5  # time per megabyte, 5 MB against 100 KB: linear work stays level (quadratic: 50×)


def _per_mb(s: dict[str, Any]) -> float:
    return float(s["ingest"]["median"]) / (float(s["bytes"]) / 1_000_000)


def ingest_rows(r: dict[str, Any]) -> list[str]:
    """Issue 24: ingest's time per article size, each to its own baseline (the same texts split into
    sentences once), and the time per megabyte of the largest against the smallest."""
    ing = r.get("ingest")
    if not ing:
        return ["| (not measured in this run) | | | | |"]
    rows = []
    for label, s in ing["sizes"].items():
        big = label == "5 MB"
        rows += [
            _row(f"Baseline: the {label} article split into sentences once", _s(s["baseline"]), "1.00×", "", None),
            _row(f"Ingest: the {label} article to a checked draft", _s(s["ingest"]) + _cpu(s),
                 f"{_ratio(s['ingest'], s['baseline']):.0f}×", f"≤ {INGEST_SECONDS:.0f} s" if big else "",
                 s["ingest"]["median"] <= INGEST_SECONDS if big else None),
        ]  # fmt: skip
    return rows + _growth_rows(ing["sizes"])


def _cpu(s: dict[str, Any]) -> str:
    """The process's own CPU time beside the wall clock (runs from before issue 24's have none)."""
    return f"; CPU {s['cpu']['median']:.3f} s, load average {s['load']:.1f}" if "cpu" in s else ""


def _growth_rows(sizes: dict[str, Any]) -> list[str]:
    """The largest article's time per megabyte against the smallest's: level when ingest is linear."""
    items = list(sizes.items())
    (first, small), (last, large) = items[0], items[-1]
    if first == last:
        return []
    growth = _per_mb(large) / _per_mb(small)
    said = f"{_per_mb(large):.2f} s/MB against {_per_mb(small):.2f} s/MB"
    return [_row(f"Ingest time per MB, {last} against {first}", said, f"{growth:.2f}×", f"≤ {LINEAR}× (linear)",
                 growth <= LINEAR)]  # fmt: skip


def ingest_reasons(r: dict[str, Any]) -> list[str]:
    """Why an ingest target is missed, from the same run (empty when all are met)."""
    ing = r.get("ingest") or {}
    big = ing["sizes"].get("5 MB") if ing else None
    if not big or big["ingest"]["median"] <= INGEST_SECONDS:
        return []
    waited = (
        f" The process itself used {big['cpu']['median']:.1f} s of CPU: with a load average of "
        f"{big['load']:.1f} on {ing.get('cores')} cores, it waited for a CPU the rest of the time."
        if "cpu" in big
        else ""
    )
    return [
        f"- **Ingest of a 5 MB article, {big['ingest']['median']:.1f} s (target {INGEST_SECONDS:.0f} s).** "
        f"Splitting the same text into sentences once took {big['baseline']['median']:.2f} s in this run; "
        f"every rule reads the text once more, and dateparser reads each new date phrase.{waited}"
    ]
