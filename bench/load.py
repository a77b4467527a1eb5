"""The machine's load around each block of the suite (issue 26, item 4: honest measurements).

A figure measured while other work holds the CPUs is slower for reasons that are not the app's: each
block records the load average (``os.getloadavg``) before and after it, the report says where it was
above the number of cores, and ``--wait-quiet SECONDS`` waits, before each block, for the load to fall
below that number (up to SECONDS; the block then runs anyway and the report says so).
"""

from __future__ import annotations

import faulthandler
import os
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
POLL_S = 5.0  # how often a wait reads the load again: the 1-minute average moves slowly
# A block that runs past this is stuck (a run of 2026-12-07 spun for 20 minutes once its browser
# driver had gone): every thread's stack is printed and the run exits, instead of spinning on.
BLOCK_LIMIT_S = 1500.0


def cores() -> int:
    return os.cpu_count() or 1


def load_now() -> list[float]:
    """The 1-, 5- and 15-minute load averages, rounded (the report gives one decimal)."""
    return [round(x, 2) for x in os.getloadavg()]


def wait_quiet(limit_s: float, sleep: Callable[[float], None] = time.sleep) -> float:
    """Wait until the 1-minute load is below the core count, for at most ``limit_s`` seconds; the
    seconds waited. A wait that ends at the limit leaves the block loaded, and its record says so."""
    start = time.monotonic()
    while os.getloadavg()[0] >= cores() and time.monotonic() - start < limit_s:
        sleep(min(POLL_S, max(0.0, limit_s - (time.monotonic() - start))))
    return round(time.monotonic() - start, 1)


class LoadLog:
    """The load before and after each named block of one run, and the waits for quiet."""

    def __init__(self, wait_s: float = 0.0, limit_s: float = BLOCK_LIMIT_S) -> None:
        self.wait_s = wait_s
        self.limit_s = limit_s
        self.measured: dict[str, Any] = {}  # each block's result by its name, as it ends
        self.after: Callable[[], object] = lambda: None  # called after each block (the run saves them)
        self.blocks: list[dict[str, Any]] = []

    def block(self, name: str, measure: Callable[[], T]) -> T:
        """Run ``measure`` as the block ``name``, its load recorded on either side."""
        waited = wait_quiet(self.wait_s) if self.wait_s > 0 else 0.0
        before, start = load_now(), time.monotonic()
        print(f"bench: {name} (load {before[0]:.1f})", file=sys.stderr, flush=True)
        faulthandler.dump_traceback_later(self.limit_s, exit=True)
        try:
            result = measure()
        finally:
            faulthandler.cancel_dump_traceback_later()
        seconds = round(time.monotonic() - start, 1)
        self.blocks.append(
            {"block": name, "before": before, "after": load_now(), "waited_s": waited, "seconds": seconds}
        )
        self.measured[name] = result
        self.after()
        return result

    def record(self) -> dict[str, Any]:
        """What the results keep: the cores, the wait allowed and each block's load."""
        return {"cores": cores(), "wait_quiet_s": self.wait_s, "blocks": self.blocks}


def loaded(block: dict[str, Any], n_cores: int) -> bool:
    """Whether other work held the cores as ``block`` started: its 1-minute load before it at or above
    the core count. The load after a block is not the test: it counts the block's own browser, server
    and Python (a quiet run of 2026-12-07 read 3.3 to 4.6 after its browser blocks, from 1.6 to 2.0
    before them), so it says what the block cost, not what else ran."""
    return bool(block["before"][0] >= n_cores)
