"""Invisible characters inside a verbatim quote (issue 24): the article's bytes are kept, the quote is
flagged, and the reviewer sees each character by its code point."""

from __future__ import annotations

from dashboard.ingest import review
from dashboard.ingest.articles import from_text
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.load import load_text
from tests.support.articles import TEXT, dated, record_case


def test_invisible_characters_in_a_quote_are_kept_flagged_and_shown_to_the_reviewer() -> None:
    text = TEXT.replace("safer", "sa\u202efer\u200b")
    article = from_text("a.txt", text, "en")
    draft = build_draft([dated(article)])
    (claim,) = draft.claims
    assert claim.quote == "We will build a sa\u202efer\u200b border together,"  # the article's own characters
    assert claim.draft and claim.draft.flag
    assert "U+202E" in claim.draft.flag and "U+200B" in claim.draft.flag
    (row,) = [r for r in review.rows(draft) if r.kind == "claims"]
    assert "\u202e" not in row.what and "\u200b" not in row.what
    assert "[U+202E]" in row.what and "[U+200B]" in row.what and "[U+202E]" in row.evidence
    load_text(draft_text(draft), "draft.yaml")
    record_case(
        "invisible characters (RLO U+202E, ZWSP U+200B) in a quote", "draft: kept, flagged, shown as [U+…]"
    )
