"""The report's sections from issue 26: the machine's load around each block, and where the map's paint
goes. Each renders from results files of older runs too, which lack their keys: it then says the figure
was not measured in that run, and the rest of the report stands."""

from __future__ import annotations

from typing import Any

from bench.load import loaded

NOT_MEASURED = "Not measured in this run."


def _load(triple: list[float]) -> str:
    return " / ".join(f"{x:.1f}" for x in triple)


def load_warning(results: dict[str, Any]) -> str:
    """The line at the top of the report: which blocks ran on a machine busier than its cores."""
    record = results.get("load")
    if not record:
        return "Machine load: not recorded in this run (runs before issue 26 did not record it)."
    n, blocks = record["cores"], record["blocks"]
    busy = [b["block"] for b in blocks if loaded(b, n)]
    if not busy:
        return f'Machine load: below the {n} cores as every block started (see "Machine load" below).'
    return (
        f"**Warning: the machine was loaded.** The 1-minute load average was at or above its {n} "
        f"cores as {len(busy)} of {len(blocks)} blocks started ({', '.join(busy)}): other work held the "
        "CPUs, and those figures are slower than the app alone makes them. Ratios to the same run's "
        "baselines and floors hold better than absolute times; compare them with a quiet run before "
        "drawing conclusions."
    )


def _load_row(block: dict[str, Any], n: int) -> str:
    verdict = f"**at or above {n} cores**" if loaded(block, n) else "below the cores"
    waited = f"{block['waited_s']:.0f} s" if block.get("waited_s") else "—"
    took = f"{block['seconds']:.0f} s" if "seconds" in block else "—"
    cells = [block["block"], _load(block["before"]), _load(block["after"]), waited, took, verdict]
    return "| " + " | ".join(cells) + " |"


LOAD_HEADER = (
    "| block | load before (1 / 5 / 15 min) | load after | waited | took | 1-minute load |\n"
    "| --- | --- | --- | --- | --- | --- |"
)


def load_section(results: dict[str, Any]) -> str:
    """Each block's load average (1, 5 and 15 minutes) before and after it, and the wait for quiet."""
    record = results.get("load")
    if not record:
        return NOT_MEASURED
    n = record["cores"]
    wait = record.get("wait_quiet_s") or 0
    how = (
        f"Before each block the suite waited up to {wait:.0f} s for the 1-minute load to fall below {n} "
        "(`--wait-quiet`); a block that still started loaded says so. The load after a block counts its "
        "own browser, server and Python, so it is given, not judged."
        if wait
        else "The suite did not wait for a quiet machine (`--wait-quiet SECONDS` makes it)."
    )
    rows = [_load_row(b, n) for b in record["blocks"]]
    return f"{n} cores. {how}\n\n{LOAD_HEADER}\n" + "\n".join(rows)


def _s(stat: dict[str, Any]) -> str:
    return f"{stat['median']:.3f} s (min {stat['min']:.3f}, max {stat['max']:.3f})"


def _saved(full: float, off: float) -> str:
    return f"{full - off:+.3f} s ({(full - off) / full:+.0%})"


def _share(saved: float, gap: float) -> str:
    """The part's saving as a share of the full map's gap to its floor (no share of a gap that is none)."""
    return f"{saved / gap:.0%}" if gap > 0 else "—"


def _part_row(what: str, figs: dict[str, Any], full: dict[str, Any], gap: float) -> str:
    painted, screen = figs["map_painted"], figs["first_screen"]
    full_paint, full_screen = full["map_painted"]["median"], full["first_screen"]["median"]
    saved = full_paint - painted["median"]
    return (
        f"| {what} | {_s(painted)} | {_saved(full_paint, painted['median'])} | {_share(saved, gap)} "
        f"| {_s(screen)} | {_saved(full_screen, screen['median'])} |"
    )


BREAKDOWN_HEADER = (
    "| switched off | map painted | saved vs full | share of the gap to the floor "
    "| first screen | saved vs full |\n"
    "| --- | --- | --- | --- | --- | --- |"
)


def breakdown_section(results: dict[str, Any]) -> str:
    """Where the map's paint goes: each part switched off, against the full map and the floors."""
    bd = results.get("breakdown")
    if not bd:
        return NOT_MEASURED
    figs = bd["figures"]
    full = figs["full"]
    floor, empty = figs["floor_map_only"]["map_painted"], figs["floor_empty"]["map_painted"]
    gap = full["map_painted"]["median"] - floor["median"]
    rows = [_part_row("nothing (the full map)", full, full, gap)]
    rows += [_part_row(what, figs[name], full, gap) for name, what in bd["parts"].items() if name in figs]
    rows += [
        f"| Floor: a page with only this map (st_folium) | {_s(floor)} | "
        f"{_saved(full['map_painted']['median'], floor['median'])} | {_share(gap, gap)} | | |",
        f"| Floor: the empty app, title shown | {_s(empty)} | | | | |",
    ]
    return (
        f"The seed map, median of {bd['runs']} rounds (after a discarded warm-up round) measured "
        f"{bd.get('measured') or results.get('measured', '—')}: each round paints every variant "
        "once, in an order rotated each round, so each part's cost is a difference within one run "
        '(`python -m bench.run --only breakdown` measures this block alone). "Map painted" is the '
        'map\'s first painted frame; "first screen" adds the figures, itinerary and filters. The '
        "gap to the floor is the full map's paint less the map-only page's: "
        f"{gap:+.3f} s in this run. A saving inside the spread between rounds (min to max) is not a "
        "cost this run resolves.\n\n"
        f"{BREAKDOWN_HEADER}\n" + "\n".join(rows)
    )


def candidates_section(results: dict[str, Any]) -> str:
    """Issue 26, item 3: each way of updating the map in place, timed on a click, beside the floor."""
    found = results.get("candidates")
    if not found:
        return NOT_MEASURED
    floor = found["select_rerun"]["median"]
    rows = [
        f"| {c['what']} | {_s(c['click_drawn'])} | {_s(c['click_shown'])} | "
        f"{c['click_shown']['median'] / floor:.2f}× |"
        for name, c in found.items()
        if isinstance(c, dict) and "what" in c
    ]
    return (
        f"Measured {found.get('measured') or results.get('measured', '—')}. "
        f"A click on a stop (2. Quito) with each candidate, median of {found['select_rerun']['n']} rounds "
        "after a discarded warm-up (the servers alternate each round): until the map draws the stop "
        "selected, and until its panel names it too. The floor is the one-selectbox rerun measured in "
        f"the same block: {floor:.3f} s (`python -m bench.run --only candidates` measures this block "
        "alone).\n\n"
        "| candidate | map draws it selected | panel names it | ratio to the select rerun |\n"
        "| --- | --- | --- | --- |\n" + "\n".join(rows)
    )
