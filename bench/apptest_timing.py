"""Server-side script time per rerun, through Streamlit's AppTest, in a fresh process.

``python -m bench.apptest_timing [TOUR_FILE] [--runs N]`` prints JSON: the cold first run
(caches empty, in a new process) and the warm reruns (caches filled), in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import time

from bench.servers import ROOT


def measure(runs: int) -> dict[str, object]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    start = time.perf_counter()
    at.run()
    cold = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - start)
    return {"cold": cold, "warm": warm}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tour", nargs="?", help="tour file (default: the Kast tour)")
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    if args.tour:
        os.environ["TOUR_FILE"] = args.tour
    print(json.dumps(measure(args.runs)))


if __name__ == "__main__":
    main()
