"""The hostile-article tests' shared article (issue 24): one made-up travel story the tests bend (a
control character in its quote, hidden copies, the same text twice), dated the day after its
travel, and each case's outcome recorded for docs/reliability.md ("ingest articles")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dashboard.ingest.articles import Article
from tests.support import reliability

TEXT = (
    "The minister, Ana Torres, flew to Montevideo on Monday 5 January to meet President Marta Ríos. "
    "“We will build a safer border together,” Ana Torres said.\n"
)
PUBLISHED = dt.date(2026, 1, 6)


def record_case(case: str, outcome: str) -> None:
    reliability.record(reliability.INGEST, case, outcome)


def dated(article: Article) -> Article:
    """The article published the day after its travel, so that "Monday 5 January" reads as 2026."""
    return replace(article, published=PUBLISHED)
