"""Reviewing a draft: accept clears the mark, reject removes the proposal (and its visit), edits apply,
curated items never change, and the result validates."""

from __future__ import annotations

import datetime as dt

from dashboard.ingest import review
from dashboard.ingest.articles import from_text
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.load import load_text

TEXT = """The minister, Ana Torres, flew to Quito on Monday 5 January to meet President Daniel Noboa. \
“We will build a safer border together,” Ana Torres said. Later she spoke of Lima.
"""


def _draft(kast=None):
    article = from_text("en.txt", TEXT)
    dated = article.__class__(**{**article.__dict__, "published": dt.date(2026, 1, 6)})
    return build_draft([dated], kast)


def test_every_proposal_is_a_row_with_its_evidence() -> None:
    rows = review.rows(_draft())
    kinds = {r.kind for r in rows}
    assert {"places", "visits", "claims"} <= kinds
    assert all(r.evidence and r.source == "a01-en" for r in rows)
    quote = next(r for r in rows if r.kind == "claims")
    assert quote.what == "Ana Torres: “We will build a safer border together,”"


def test_accept_reject_and_edit() -> None:
    draft = _draft()
    decisions = {("places", "quito"): review.ACCEPT, ("places", "lima"): review.REJECT}
    names = {("claims", "a01-en-q01"): "Ana María Torres"}
    tour = load_text(draft_text(review.apply(draft, decisions, names)), "reviewed.yaml")
    quito = next(p for p in tour.places if p.id == "quito")
    assert quito.draft is None  # accepted: a fact now
    assert "lima" not in {p.id for p in tour.places}
    assert "lima" not in {v.place for v in tour.visits}  # its proposed visit went with it
    assert (
        tour.claims[0].speaker == "Ana María Torres" and tour.claims[0].draft is not None
    )  # edited, still a draft


def test_curated_items_are_never_rows_and_never_change(kast) -> None:
    draft = _draft(kast)
    curated = {p.id for p in kast.places}
    assert not [r for r in review.rows(draft) if r.kind == "places" and r.key in curated]
    decisions = {("places", pid): review.REJECT for pid in curated}
    after = review.apply(draft, decisions)
    assert after.places[: len(kast.places)] == kast.places
