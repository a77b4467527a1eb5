"""Ingest measured against the curated Kast dataset, and timed: ``python -m bench.ingest_eval``.

Runs ``ingest`` on the seed articles alone (into an empty tour, each text file given its
publication date from the curated source record, as ``--published`` would), then compares the
draft with ``data/kast-tour.yaml``: recall of visit places, visit dates, counterparts, quotes and
known disagreements, and the share of proposals that match a curated item (precision; a lower
bound, since the curated file does not hold every quote the articles make). Prints Markdown for
docs/ingest.md and the timings for docs/performance.md. Needs ../shared/seeds.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.articles import Article, read
from dashboard.ingest.draft import UNNAMED, build_draft, draft_text
from dashboard.tourfile.load import DEFAULT_TOUR, load_tour
from dashboard.tourfile.model import Tour

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", " ", normalise(text)).strip()


def _share(found: int, total: int) -> str:
    return f"{found}/{total} ({100 * found / total:.0f} %)" if total else "—"


def measure(curated: Tour, draft: Tour) -> list[tuple[str, int, int]]:
    """(what, found, out of) for recall, then precision rows."""
    names = {p.id: _plain(p.name) for p in curated.places}
    drafted = {p.id: _plain(p.name) for p in draft.places}
    want_places = {names[v.place] for v in curated.visits}
    got_visits = {drafted[v.place]: v for v in draft.visits}
    dates = [(names[v.place], v.best_date().start) for v in curated.visits]
    variants = [(names[v.place], d.start, d.precision) for v in curated.visits for d in v.dates]
    got_dates = {(drafted[v.place], d.start) for v in draft.visits for d in v.dates}
    got_variants = {(drafted[v.place], d.start, d.precision) for v in draft.visits for d in v.dates}
    people = {_plain(p.name) for v in curated.visits for p in v.counterparts if p.name}
    got_people = {_plain(p.name) for v in draft.visits for p in v.counterparts if p.name}
    quotes = [_plain(c.quote) for c in curated.claims if c.quote]
    got_quotes = [_plain(c.quote) for c in draft.claims if c.quote]
    hit = [q for q in quotes if any(q in g or g in q for g in got_quotes if g)]
    right_quotes = [g for g in got_quotes if any(q in g or g in q for q in quotes)]
    fields = {d.field for d in curated.discrepancies}
    return [
        ("Visit places", len(want_places & set(got_visits)), len(want_places)),
        ("Visit dates (the one each visit is drawn at)", sum(d in got_dates for d in dates), len(dates)),
        (
            "Visit dates (every date given: actual, scheduled, announced)",
            sum(d in got_variants for d in variants),
            len(variants),
        ),
        ("Counterparts", len(people & got_people), len(people)),
        ("Quotes (verbatim)", len(hit), len(quotes)),
        (
            "Known disagreements",
            sum(any(f == d.field for d in draft.discrepancies) for f in fields),
            len(fields),
        ),
        ("precision: places", sum(n in set(names.values()) for n in drafted.values()), len(drafted)),
        ("precision: visits", sum(n in want_places for n in got_visits), len(got_visits)),
        ("precision: visit dates", len(got_variants & set(variants)), len(got_variants)),
        ("precision: counterparts", len(got_people & people), len(got_people)),
        ("precision: quotes", len(right_quotes), len(got_quotes)),
        ("precision: speakers named", sum(c.speaker != UNNAMED for c in draft.claims), len(draft.claims)),
    ]


def _article(words: int) -> Article:
    """A 1,500-word article made of the seed articles' sentences (for timing only)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    body = " ".join((text.split() * 3)[:words])
    return Article("timing.txt", body, "en", published=None)


def timings() -> dict[str, float]:
    """Seconds to ingest one 1,500-word article and ten at once (best of three; warm)."""
    import datetime as dt

    one = _article(1500)
    one = Article(one.name, one.text, "en", published=dt.date(2025, 12, 22))
    build_draft([one])  # warm: the gazetteer and dateparser load once per process
    out = {}
    for label, batch in (("one 1,500-word article", [one]), ("ten 1,500-word articles", [one] * 10)):
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            draft_text(build_draft(batch))
            runs.append(time.perf_counter() - start)
        out[label] = min(runs)
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.corpus is not None:
        return _corpus(args.corpus)
    if not SEEDS.is_dir():
        print(f"the seed articles are not at {SEEDS}", file=sys.stderr)
        return 1
    curated = load_tour(DEFAULT_TOUR)
    published = {s.file: s.published for s in curated.sources if s.file}
    articles = [read(p, published=published.get(p.name)) for p in sorted(SEEDS.glob("*.txt"))]
    draft = build_draft(articles)
    draft_text(draft)  # validates
    print("| measure | found | share |\n| --- | --- | --- |")
    for what, found, total in measure(curated, draft):
        print(f"| {what} | {found} of {total} | {_share(found, total)} |")
    for label, seconds in timings().items():
        print(f"\n{label}: {seconds:.2f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.ingest_eval",
        description="Ingest measured on the seed articles (default) or on a corpus of other tours.",
        epilog="example: python -m bench.ingest_eval --corpus ../shared/ingest-corpus",
    )
    parser.add_argument("--corpus", type=Path, help="a folder of tours, each with articles and truth.json")
    return parser


def _corpus(folder: Path) -> int:
    from bench.corpus_eval import run

    if not folder.is_dir():
        print(f"{folder}: no such corpus folder", file=sys.stderr)
        return 1
    print(run(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
