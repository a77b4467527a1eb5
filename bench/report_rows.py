"""The report's table cells, one formatter each, shared by every section's rows."""

from __future__ import annotations

from typing import Any


def stat_text(stat: dict[str, Any]) -> str:
    """A timing's median with its spread: ``0.123 s (min …, max …, n=5)``."""
    return f"{stat['median']:.3f} s (min {stat['min']:.3f}, max {stat['max']:.3f}, n={stat['n']})"


def ratio(value: dict[str, Any], base: dict[str, Any]) -> float:
    """A timing's median against its floor's, measured in the same run."""
    return float(value["median"]) / float(base["median"])


def row(what: str, value: str, ratio_text: str, target: str, met: bool | None) -> str:
    """One row of a figures table, with its verdict ("—" where there is no target)."""
    verdict = "—" if met is None else ("met" if met else "**not met**")
    return f"| {what} | {value} | {ratio_text} | {target} | {verdict} |"
