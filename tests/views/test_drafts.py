"""Drafts in the views: hidden by default, marked ✎ when shown, and nothing left pointing at them."""

from __future__ import annotations

import datetime as dt

from dashboard.ingest.articles import from_text
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.load import load_text
from dashboard.views.drafts import MARK, draft_count, marked_drafts, without_drafts
from dashboard.views.filters import ViewState, from_query, to_query

TEXT = (
    "The minister, Ana Torres, flew to Montevideo on Monday 5 January to meet President Marta Ríos. "
    "“We will build a safer border together,” Ana Torres said."
)


def _draft(kast):
    article = from_text("en.txt", TEXT)
    article = article.__class__(**{**article.__dict__, "published": dt.date(2026, 1, 6)})
    return load_text(draft_text(build_draft([article], kast)), "draft.yaml")


def test_without_drafts_is_the_curated_tour(kast) -> None:
    draft = _draft(kast)
    assert draft_count(draft) > 0 and draft_count(kast) == 0
    hidden = without_drafts(draft)
    for kind in ("places", "visits", "events", "claims", "discrepancies", "topics"):
        assert getattr(hidden, kind) == getattr(kast, kind), kind
    load_text(draft_text(hidden), "hidden.yaml")  # still a valid tour: nothing points at what went


def test_shown_drafts_are_marked_and_curated_items_are_not(kast) -> None:
    shown = marked_drafts(_draft(kast))
    montevideo = next(p for p in shown.places if p.id == "montevideo")
    assert montevideo.name == MARK + "Montevideo"
    assert all(not p.name.startswith(MARK) for p in shown.places if p.draft is None)
    assert all(c.text.en.startswith(MARK) for c in shown.claims if c.draft is not None)


def test_the_drafts_switch_lives_in_the_address(kast) -> None:
    assert to_query(ViewState(drafts=True)) == {"drafts": "1"}
    assert from_query({"drafts": "1"}, kast).drafts is True
    assert from_query({}, kast).drafts is False
