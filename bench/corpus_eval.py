"""Ingest measured on tours its rules were not written from: ``python -m bench.ingest_eval --corpus DIR``.

Each folder of the corpus (``../shared/ingest-corpus``) is one tour: article files with a
three-line header (``URL:``, ``TITLE: … | OUTLET: … | PUBLISHED: … | LANG: …``) and a
``truth.json`` written from the texts alone. The articles of a tour are ingested together, as a
newsroom would (``ingest *.txt``, each file's header given as ``--url``/``--title``/...), and the
draft is compared with the truth:

- a visit is found when a drafted visit's place lies within ``NEAR_KM`` of it (names differ by
  language: "Ciudad de Guatemala", "Guatemala City");
- its date when that visit is drawn on the truth's day; a counterpart when a drafted
  counterpart of that visit shares a name word of four letters or more with it;
- a quote when a drafted quote holds most of it (or it holds the drafted one); every drafted
  quote must be verbatim in its article; a "non-quote" is a drafted quote that is one of the
  truth's titles and slogans;
- visit precision is the share of drafted visits that are truth visits.

The tours are split in two: ``DEVELOPMENT`` (rules were written looking at them) and the rest,
held out (read only through this table), so a rule tuned to the first shows on the second.
The articles are copyrighted: they are read where they are, never copied.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.geo.gazetteer import normalise
from dashboard.ingest.articles import Article, ArticleError, from_text
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.model import Tour, Visit

Truth = dict[str, Any]
Point = tuple[float, float]

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "ingest-corpus"
DEVELOPMENT = ("pena-nieto-latam-2012", "macron-central-africa-2023", "lula-egypt-ethiopia-2024")
NEAR_KM = 50  # an airport or a residence outside town still belongs to the city's visit
HEADER = re.compile(r"^URL:\s*(?P<url>\S*)\s*\nTITLE:(?P<meta>[^\n]*)\n\n", re.S)


@dataclass
class Score:
    """Found / out of, per measure, for one tour (or a sum of tours)."""

    counts: dict[str, list[int]] = field(default_factory=dict)
    seconds: float = 0.0
    articles: int = 0
    skipped: list[str] = field(default_factory=list)

    def add(self, what: str, found: int, total: int) -> None:
        pair = self.counts.setdefault(what, [0, 0])
        pair[0] += found
        pair[1] += total

    def plus(self, other: Score) -> Score:
        total = Score(seconds=self.seconds + other.seconds, articles=self.articles + other.articles)
        for score in (self, other):
            for what, (found, out_of) in score.counts.items():
                total.add(what, found, out_of)
            total.skipped += score.skipped
        return total


def read_article(path: Path) -> Article:
    """One corpus file as ``ingest`` would read it with its header given as options."""
    raw = path.read_text(encoding="utf-8")
    match = HEADER.match(raw)
    if match is None:
        raise ArticleError(f"{path.name}: no corpus header")
    meta = dict(_fields(match["meta"]))
    article = from_text(path.name, raw[match.end() :], meta.get("LANG"))
    published = meta.get("PUBLISHED", "unknown")
    return Article(
        path.name,
        article.text,
        article.language,
        title=meta.get("TITLE") or None,
        outlet=meta.get("OUTLET") or None,
        published=dt.date.fromisoformat(published) if published != "unknown" else None,
        url=match["url"] or None,
    )


def _fields(meta: str) -> Iterable[tuple[str, str]]:
    first, *rest = ("TITLE:" + meta).split(" | ")
    for part in (first, *rest):
        key, _, value = part.partition(":")
        yield key.strip(), value.strip()


def _plain(text: str) -> str:
    return re.sub(r"[\W_]+", " ", normalise(text)).strip()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _same_person(truth: str, drafted: str) -> bool:
    words = {w for w in _plain(truth).split() if len(w) >= 4}
    return bool(words & set(_plain(drafted).split()))


def _drafted_visits(draft: Tour) -> list[tuple[Point | None, Visit]]:
    places = {p.id: p for p in draft.places}
    out: list[tuple[Point | None, Visit]] = []
    for visit in draft.visits:
        place = places[visit.place]
        located = place.latitude is not None and place.longitude is not None
        out.append(((place.latitude, place.longitude) if located else None, visit))  # type: ignore[arg-type]
    return out


def _match(truth_visit: Truth, drafted: list[tuple[Point | None, Visit]]) -> Visit | None:
    here = (truth_visit["lat"], truth_visit["lon"])
    near = [(v, _km(here, p)) for p, v in drafted if p is not None and _km(here, p) <= NEAR_KM]
    return min(near, key=lambda pair: pair[1])[0] if near else None


def score_visits(truth: Truth, draft: Tour, score: Score) -> None:
    drafted = _drafted_visits(draft)
    for visit in truth["visits"]:
        found = _match(visit, drafted)
        score.add("visit places", found is not None, 1)
        if visit.get("date") and visit.get("date_status") is None:
            drawn = found.best_date().start.isoformat() if found is not None else None
            score.add("visit dates", drawn == visit["date"], 1)
        names = [p.name for p in getattr(found, "counterparts", []) if p.name]
        for person in visit.get("counterparts", []):
            score.add("counterparts", any(_same_person(person, n) for n in names), 1)
    truths = [(v["lat"], v["lon"]) for v in truth["visits"]]
    right = sum(p is not None and any(_km(p, t) <= NEAR_KM for t in truths) for p, _ in drafted)
    score.add("visit precision", right, len(drafted))


def _holds(big: str, small: str) -> bool:
    return bool(small) and small in big and len(small) >= 0.5 * len(big)


def score_quotes(truth: Truth, draft: Tour, texts: dict[str, str], score: Score) -> None:
    drafted = [c.quote for c in draft.claims if c.quote]
    plain = [_plain(q) for q in drafted]
    for quote in truth["quotes"]:
        want = _plain(quote["text"])
        score.add("quotes", any(_holds(want, g) or _holds(g, want) for g in plain), 1)
    flat = [" ".join(t.split()) for t in texts.values()]
    verbatim = sum(any(" ".join(q.split()) in t for t in flat) for q in drafted)
    score.add("quotes verbatim", verbatim, len(drafted))
    titles = [_plain(n["text"]) for n in truth.get("not_quotes", [])]
    score.add("non-quotes proposed", sum(g in titles for g in plain), len(titles))


def score_tour(folder: Path) -> Score:
    """Ingest one tour's articles together and score the draft against its truth."""
    score = Score()
    articles = []
    for path in sorted(folder.glob("[0-9]*.txt")):
        try:
            articles.append(read_article(path))
        except ArticleError as exc:
            score.skipped.append(str(exc))
    start = time.perf_counter()
    try:
        draft = build_draft(articles)
    except ValueError as exc:  # nothing to draw from: every measure counts zero found
        score.skipped.append(f"{folder.name}: {exc}")
        draft = Tour.model_construct(places=[], visits=[], claims=[])  # type: ignore[call-arg]
    else:
        draft_text(draft)  # every draft validates (raises otherwise)
    score.seconds = time.perf_counter() - start
    score.articles = len(articles)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    score_visits(truth, draft, score)
    score_quotes(truth, draft, {a.name: a.text for a in articles}, score)
    return score


def _share(found: int, total: int) -> str:
    return f"{found}/{total} ({100 * found / total:.0f} %)" if total else "—"


MEASURES = (
    "visit places",
    "visit dates",
    "counterparts",
    "quotes",
    "quotes verbatim",
    "non-quotes proposed",
    "visit precision",
)


def table(scores: Sequence[tuple[str, Score]]) -> str:
    """Markdown: a row per tour (and per group), a column per measure."""
    head = "| tour | " + " | ".join(MEASURES) + " | articles read | seconds |"
    lines = [head, "|" + " --- |" * (len(MEASURES) + 3)]
    for name, score in scores:
        cells = [_share(*score.counts.get(m, [0, 0])) for m in MEASURES]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {score.articles} | {score.seconds:.2f} |")
    return "\n".join(lines)


def run(corpus: Path) -> str:
    tours = sorted(p for p in corpus.iterdir() if (p / "truth.json").is_file())
    build_draft([from_text("warm-up.txt", "The president visited Paris on 1 March 2023 and said so.", "en")])
    scored = [(p.name, score_tour(p)) for p in tours]
    dev = [s for n, s in scored if n in DEVELOPMENT]
    held = [s for n, s in scored if n not in DEVELOPMENT]
    rows = list(scored)
    for label, group in (("development tours", dev), ("held-out tours", held), ("all tours", dev + held)):
        if group:
            total = group[0]
            for s in group[1:]:
                total = total.plus(s)
            rows.append((f"**{label}**", total))
    skipped = [line for _, s in scored for line in s.skipped]
    notes = "".join(f"\n- skipped: {line}" for line in skipped)
    return table(rows) + ("\n" + notes if notes else "")
