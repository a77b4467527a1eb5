"""Ingest's time as an article grows: ``python -m bench.ingest_scale`` (``bench.run --only ingest``).

The articles are synthetic, built here from short quoted sentences, dated travel sentences and place
names (no real article's text): 100 KB, 1 MB and 5 MB (the app's upload limit). Each is ingested
into a validated draft (``propose`` then ``draft_text``, as the command and the app do), and timed
against a baseline measured in the same run on the same text: one pass of ingest's sentence splitter
(:func:`dashboard.ingest.visits.sentences`), which is linear by construction. Ingest is linear when
its time per megabyte stays level from 100 KB to 5 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from dashboard.ingest.articles import Article
from dashboard.ingest.draft import draft_text, propose
from dashboard.ingest.visits import sentences

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "5 MB": 5_000_000}
PUBLISHED = dt.date(2026, 6, 30)
PLACES = ["Quito", "Lima", "Montevideo", "Bogotá", "La Paz", "Caracas", "Brasília", "Córdoba", "Rosario",
          "Sucre", "Arequipa", "Guayaquil", "Cali", "Medellín", "Salta", "Managua", "Cochabamba", "Trujillo",
          "Piura", "Cuenca", "Barranquilla", "Cartagena", "Maracaibo", "Tegucigalpa"]  # fmt: skip
# Made-up people: no real person's words are put in their mouths.
PEOPLE = ["Ana Torres", "Marta Ríos", "Pedro Salas", "Lucía Vega", "Tomás Ibarra", "Elena Soto",
          "Raúl Campos", "Inés Duarte", "Hugo Maldonado", "Clara Reyes"]  # fmt: skip
OFFICES = ["President", "Foreign Minister", "Mayor", "Governor", "Prime Minister"]
VERBS = ["build", "open", "protect", "review", "finish", "widen", "defend", "fund", "study", "sign"]
THINGS = ["the border", "a new port", "the trade deal", "our schools", "the corridor", "the railway",
          "water rights", "the fisheries", "mining permits", "the highway"]  # fmt: skip
WHEN = ["together", "this year", "soon", "without delay", "with care", "step by step", "in good faith"]
TRAVEL = ["flew to", "arrived in", "travelled to", "landed in"]


def _quote(rng: random.Random) -> str:
    said = f"We will {rng.choice(VERBS)} {rng.choice(THINGS)} {rng.choice(WHEN)}"
    return f"“{said},” {rng.choice(PEOPLE)} said."


def _itinerary() -> dict[str, dt.date]:
    """Each place's day: a tour of the places in order, two days apart, ending before the article."""
    first = PUBLISHED - dt.timedelta(days=2 * len(PLACES))
    return {place: first + dt.timedelta(days=2 * n) for n, place in enumerate(PLACES)}


def _travel(rng: random.Random, days: dict[str, dt.date]) -> str:
    """A dated travel sentence; one in twenty gives the day after (the articles' disagreements)."""
    place = rng.choice(PLACES)
    day = days[place] + dt.timedelta(days=int(rng.random() < 0.05))
    when = f"{day.strftime('%A')} {day.day} {day.strftime('%B')}"
    met = f"{rng.choice(OFFICES)} {rng.choice(PEOPLE)}"
    return f"{rng.choice(PEOPLE)} {rng.choice(TRAVEL)} {place} on {when} to meet {met}."


def article_text(size: int, seed: int = 1) -> str:
    """About ``size`` bytes of paragraphs, each two short quoted sentences, a dated travel sentence
    (a long article tells its tour's visits again and again) and another quoted sentence."""
    rng, days = random.Random(seed), _itinerary()
    paragraphs, total = [], 0
    while total < size:
        paragraph = " ".join([_quote(rng), _quote(rng), _travel(rng, days), _quote(rng)])
        paragraphs.append(paragraph)
        total += len(paragraph.encode()) + 2
    return "\n\n".join(paragraphs) + "\n"


def article(size: int, seed: int = 1) -> Article:
    """The synthetic article of about ``size`` bytes, dated, as ``ingest --published`` would give it."""
    return Article(f"synthetic-{size}-{seed}.txt", article_text(size, seed), "en", published=PUBLISHED)


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds: on a shared machine the process may wait for a CPU."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _stats(values: list[float]) -> dict[str, Any]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def _ingest(one: Article) -> None:
    draft_text(propose([one]).tour)


def measure_size(size: int, runs: int) -> dict[str, Any]:
    """One size: each run a new article (another seed), so that nothing ingest caches by text helps;
    the baseline runs on the same texts, uncached."""
    texts = [article(size, seed) for seed in range(1, runs + 1)]
    split = sentences.__wrapped__  # the splitter itself: ingest caches its answer per text
    baseline = [_seconds(functools.partial(split, one.text)) for one in texts]
    ingest = [_timed(functools.partial(_ingest, one)) for one in texts]
    return {
        "bytes": statistics.median(len(one.text.encode()) for one in texts),
        "baseline": _stats(baseline),
        "ingest": _stats([wall for wall, _ in ingest]),
        "cpu": _stats([cpu for _, cpu in ingest]),
        "load": os.getloadavg()[0],  # the machine's, over the last minute
    }


def measure(runs: int = 3, sizes: dict[str, int] | None = None) -> dict[str, Any]:
    """Every size, after one discarded warm-up (the gazetteer, dateparser's and babel's data load on
    first use), with the machine's cores (its load is given per size)."""
    _ingest(article(100_000, seed=0))
    chosen = sizes or SIZES
    return {
        "runs": runs,
        "measured": dt.date.today().isoformat(),
        "cores": os.cpu_count(),
        "sizes": {label: measure_size(size, runs) for label, size in chosen.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="measured runs per size (default 3)")
    args = parser.parse_args()
    print(json.dumps(measure(args.runs), indent=2))


if __name__ == "__main__":
    main()
