"""Synthetic tour files of any size, valid by construction, for the scale benchmarks.

``python -m bench.synth 10000 -o /tmp/tour-10000.yaml`` writes a tour of 10,000 places:
one origin, half the rest visited in order (one day each), half discussed; a claim per
visit, a few topics, proposals and sources. Coordinates are random (seeded) inside South
America, so maps and distances look like a real tour's, only much larger.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

TOPICS = ["security", "border", "migration", "trade", "mining"]
COUNTRIES = ["AR", "BO", "BR", "CL", "CO", "EC", "PE", "PY", "UY", "VE"]


def _place(i: int, rng: random.Random, role: str) -> dict[str, Any]:
    return {
        "id": f"p{i}",
        "name": f"Place {i}",
        "country": rng.choice(COUNTRIES),
        "role": role,
        "latitude": round(rng.uniform(-50, 10), 5),
        "longitude": round(rng.uniform(-80, -35), 5),
        "sources": ["s1"],
    }


def _visit(i: int, order: int, start: dt.date) -> dict[str, Any]:
    day = start + dt.timedelta(days=order)
    return {
        "place": f"p{i}",
        "order": order,
        "dates": [{"start": day.isoformat(), "sources": ["s1"]}],
        "venue": {"en": f"Palace {i}", "es": f"Palacio {i}"},
        "counterparts": [{"name": f"Leader {i}", "office": {"en": "President"}, "sources": ["s1"]}],
        "sources": ["s1"],
    }


def _claim(i: int, rng: random.Random) -> dict[str, Any]:
    return {
        "id": f"c{i}",
        "place": f"p{i}",
        "speaker": f"Leader {i}",
        "topics": rng.sample(TOPICS, 2),
        "text": {"en": f"They discussed item {i}.", "es": f"Hablaron del asunto {i}."},
        "quote": f"Quote number {i}",
        "quote_source": "s1",
        "sources": ["s1"],
    }


def _proposal(k: int, countries: list[str]) -> dict[str, Any]:
    return {
        "id": f"prop{k}",
        "title": {"en": f"Proposal {k}", "es": f"Propuesta {k}"},
        "proposer": "Someone",
        "description": {"en": "A synthetic proposal."},
        "topics": [TOPICS[k % len(TOPICS)]],
        "history": [{"country": c, "status": "discussed", "sources": ["s1"]} for c in countries],
        "sources": ["s1"],
    }


def make_tour(n_places: int, seed: int = 1) -> dict[str, Any]:
    """A valid tour with ``n_places`` places (at least 2)."""
    rng = random.Random(seed)
    n_visits = max(1, (n_places - 1) // 2)
    places = [_place(0, rng, "origin")]
    places += [_place(i, rng, "visit" if i <= n_visits else "discussed") for i in range(1, n_places)]
    start = dt.date(2025, 12, 15)
    return {
        "format_version": 1,
        "id": f"synthetic-{n_places}",
        "title": {
            "en": f"Synthetic tour of {n_places:,} places",
            "es": f"Gira sintética de {n_places:,} lugares",
        },
        "subject": "Benchmark",
        "sources": [{"id": "s1", "language": "en", "title": "Synthetic"}],
        "places": places,
        "visits": [_visit(i, i, start) for i in range(1, n_visits + 1)],
        "topics": [{"id": t, "label": {"en": t.title(), "es": t}} for t in TOPICS],
        "claims": [_claim(i, rng) for i in range(1, n_visits + 1)],
        "proposals": [_proposal(k, COUNTRIES[k : k + 3]) for k in range(5)],
    }


def write_tour(n_places: int, path: Path, seed: int = 1) -> Path:
    path.write_text(json.dumps(make_tour(n_places, seed), ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("places", type=int, help="how many places (at least 2)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the JSON tour file to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(write_tour(max(2, args.places), args.output, args.seed))


if __name__ == "__main__":
    main()
