"""Server memory when one session uploads many large tours: the budget a deployment must fit.

``python -m bench.upload_memory`` starts the app, opens it in headless chromium and uploads
20 different tours of just under the upload limit one after another, reading the server's
resident memory (VmRSS) after each; then closes the browser and reads it again 60 s later.
Figures go to ``bench/results/upload-memory.json`` and to the reliability records
(``docs/reliability.md`` after ``python -m tests.support.reliability``). The baseline is the same
server's memory before the session opens, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from playwright.sync_api import Page, expect

from bench.browser import browser, new_page
from bench.servers import ROOT, Server, streamlit
from bench.synth import make_tour
from dashboard.tourfile.load import MAX_BYTES

RESULTS = ROOT / "bench" / "results" / "upload-memory.json"
BUDGET_MB = {"peak": 690, "after": 500}  # Community Cloud's smallest app; the goal after a session


def rss_mb(server: Server) -> float:
    status = Path(f"/proc/{server.process.pid}/status").read_text()
    return int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS"))) / 1024


def largest_tour(seed: int, folder: Path) -> Path:
    """A valid tour of as many places as fit under the upload limit, different for every seed."""
    places = 12_000
    while True:
        text = json.dumps(make_tour(places, seed), ensure_ascii=False)
        if len(text.encode()) <= MAX_BYTES * 0.97:
            break
        places -= 500
    path = folder / f"upload-{seed:02d}.json"
    path.write_text(text, encoding="utf-8")
    return path


def upload(page: Page, path: Path) -> None:
    page.get_by_test_id("stSidebar").locator("input[type=file]").set_input_files(str(path))
    expect(page.get_by_test_id("stSidebar")).to_contain_text(f"Tour shown: {path.name}", timeout=180_000)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")


def measure(count: int, folder: Path, wait_after: float) -> dict[str, object]:
    tours = [largest_tour(seed, folder) for seed in range(1, count + 1)]
    with streamlit(ROOT / "streamlit_app.py") as server, browser() as b:
        with new_page(b) as page:
            page.goto(server.url)
            expect(page.get_by_test_id("stMetric").first).to_be_visible()
            baseline = rss_mb(server)
            page.get_by_test_id("stSidebar").get_by_text("Open your own tour file").click()
            after_each = []
            for path in tours:
                upload(page, path)
                after_each.append(round(rss_mb(server), 1))
        time.sleep(wait_after)  # the session is closed with its page's context
        after = rss_mb(server)
        peak = server.peak_rss_mb()
    return {
        "uploads": count,
        "upload_bytes": tours[0].stat().st_size,
        "baseline_mb": round(baseline, 1),
        "rss_after_each_mb": after_each,
        "peak_mb": round(peak, 1),
        "after_session_mb": round(after, 1),
        "seconds_waited_after_close": wait_after,
        "peak_ratio": round(peak / baseline, 2),
        "after_ratio": round(after / baseline, 2),
        "budget_mb": BUDGET_MB,
        "met": peak <= BUDGET_MB["peak"] and after <= BUDGET_MB["after"],
    }


def main() -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=fmt)
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait after the session closes")
    parser.add_argument("--folder", type=Path, default=ROOT / "bench" / "results" / "uploads")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    result = measure(args.uploads, args.folder, args.wait)
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    from tests.support.reliability import record

    for key in ("uploads", "upload_bytes", "baseline_mb", "peak_mb", "after_session_mb", "met"):
        record("upload memory", key, result[key])
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
