"""Hostile articles on the Add articles page (issue 24): each gives a draft that leaves out or flags
the bad part, or one line saying why; never an exception or a raw validation dump."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, first_screen
from tests.support import reliability

APP = str(ROOT / "streamlit_app.py")
TEXT = (
    "The minister, Ana Torres, flew to Montevideo on Monday 5 January to meet President Marta Ríos. "
    "“We will build a safer border together,” Ana Torres said.\n"
)
PAGE = """<!doctype html><html lang="en"><head><meta property="og:title" content="{title}">
<title>{title}</title></head>
<body><article><h1>Torres</h1><p>{body}</p>{hidden}</article></body></html>"""
SECRET = "Ana Torres flew to Quito on Tuesday 6 January. “We will sell the port,” Marta Ríos said."


def _propose(
    pasted: str = "", uploads: list[tuple[str, bytes, str]] | None = None, day: str = "2026-01-06"
) -> AppTest:
    at = first_screen(AppTest.from_file(APP, default_timeout=60))
    at = at.switch_page("dashboard/ui/pages/ingest.py").run()
    if pasted:
        at.text_area(key="w_pasted").input(pasted)
    if uploads:
        at.file_uploader(key="w_articles").set_value(uploads)
    at.text_input(key="w_published").input(day)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _table(at: AppTest):
    return at.dataframe[0].value


def _literal(markdown: str) -> str:
    """What a reader sees of Markdown whose punctuation is backslash-escaped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def _no_dump(at: AppTest) -> None:
    shown = " ".join(str(e.value) for e in [*at.error, *at.warning, *at.info])
    assert "validation error" not in shown and "pydantic" not in shown and "Traceback" not in shown


def _record(case: str, outcome: str) -> None:
    reliability.record(reliability.INGEST, f"app: {case}", outcome)


def test_a_control_character_in_a_pasted_quote_gives_a_flagged_draft() -> None:
    at = _propose(TEXT.replace("safer", "sa\x1bfer"))
    assert not at.error, [e.value for e in at.error]
    table = _table(at)
    quote = table[table["kind"] == "claims"].iloc[0]
    assert "sa fer" in quote["what"] and "control" in quote["flag"]
    _no_dump(at)
    _record("a control character (ESC) in a pasted quote", "draft: the quote flagged")


def test_an_uploaded_page_with_a_title_too_long_gives_a_draft_and_a_one_line_note() -> None:
    page = PAGE.format(title="T" * 400, body=TEXT.strip(), hidden="").encode()
    at = _propose(uploads=[("long.html", page, "text/html")])
    assert not at.error, [e.value for e in at.error]
    (note,) = at.warning
    said = _literal(note.value)
    assert said.startswith("long.html: its title") and "left out" in said and "\n" not in said.strip()
    assert any(s.value.startswith("Proposals to review") for s in at.subheader)
    _no_dump(at)
    _record("an uploaded page whose title is 400 characters", "draft: the title left out, one-line note")


def test_a_date_out_of_range_in_the_date_field_gives_a_draft_and_a_note() -> None:
    at = _propose(TEXT, day="1750-01-01")
    assert not at.error, [e.value for e in at.error]
    assert any("its date 1750-01-01 is outside" in _literal(w.value) for w in at.warning)
    _no_dump(at)
    _record("the date field set to 1750-01-01", "draft: the date left out, one-line note")


def test_an_article_naming_no_place_adds_its_quotes_to_the_tour_on_screen() -> None:
    """The page always extends a tour (the one on screen): a quote needs no place."""
    at = _propose(
        "Ana Torres spoke about the weather and the economy for an hour. “It rains,” Ana Torres said."
    )
    assert not at.error, [e.value for e in at.error]
    assert set(_table(at)["kind"]) <= {"claims", "topics"}
    _no_dump(at)
    _record("a pasted article naming no known place", "draft: its quotes, added to the tour on screen")


def test_invisible_characters_in_a_quote_are_shown_to_the_reviewer() -> None:
    at = _propose(TEXT.replace("safer", "sa\u202efer"))
    table = _table(at)
    quote = table[table["kind"] == "claims"].iloc[0]
    assert "\u202e" not in quote["what"] and "[U+202E]" in quote["what"] and "U+202E" in quote["flag"]
    _record("an RLO (U+202E) in a pasted quote", "draft: shown as [U+202E], flagged")


def test_hidden_text_in_an_uploaded_page_proposes_nothing() -> None:
    hidden = f"<p hidden>{SECRET}</p><template><p>{SECRET}</p></template><p style='display:none'>{SECRET}</p>"
    page = PAGE.format(title="Torres", body=TEXT.strip(), hidden=hidden).encode()
    at = _propose(uploads=[("page.html", page, "text/html")])
    assert not at.error, [e.value for e in at.error]
    table = _table(at)
    assert (
        not [k for k in table["key"] if k.startswith("quito")]
        and not table["what"].str.contains("sell the port").any()
    )
    _record("an uploaded page with hidden, template and display:none text", "draft: none of it proposed")


def test_the_same_article_uploaded_and_pasted_is_one_source() -> None:
    at = _propose("Torres in Montevideo\n\n" + TEXT, uploads=[("a.txt", TEXT.encode(), "text/plain")])
    assert not at.error, [e.value for e in at.error]
    table = _table(at)
    assert len(set(table["source"])) == 1 and (table["kind"] == "claims").sum() == 1
    assert any(re.search(r"same article as a\d+-en", _literal(i.value)) for i in at.info)
    _record("the same article uploaded and pasted (with a headline)", "one source: noted")


def test_a_rule_that_makes_what_the_format_refuses_is_one_line_not_a_dump(monkeypatch) -> None:
    monkeypatch.setattr("dashboard.ingest.reading.UNNAMED", "")
    at = _propose(TEXT + "“We will open the road to the north,” the statement said.")
    (error,) = at.error
    assert "a Claim the format refuses" in _literal(error.value) and "\n" not in error.value.strip()
    _no_dump(at)
    _record("a rule making what the format refuses (forced)", "refused: one line")
