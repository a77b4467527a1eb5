"""What readers cannot see is not evidence (issue 24): hidden, template, aria-hidden and display:none
text in a saved page proposes nothing."""

from __future__ import annotations

import pytest

from dashboard.ingest.articles import from_html
from dashboard.ingest.draft import build_draft
from tests.support.articles import dated, record_case

HIDDEN = """<!doctype html><html lang="en"><head><title>Torres in Quito</title></head><body><article>
<h1>Torres in Quito</h1>
<p>The minister, Ana Torres, flew to Quito on Monday 5 January to meet President Daniel Noboa.
“We will build a safer border together,” Ana Torres said after the meeting in Quito.</p>
{hidden}
<p>Her visit was short, and the talks were friendly, officials in the capital of Ecuador said.</p>
</article></body></html>"""
SECRET = (
    "Ana Torres flew to Montevideo on Tuesday 6 January to meet President Marta Ríos. "
    "“We will sell the port,” Marta Ríos said."
)


@pytest.mark.parametrize(
    "hidden",
    [
        f"<p hidden>{SECRET}</p>",
        f"<template><p>{SECRET}</p></template>",
        f'<div aria-hidden="true"><p>{SECRET}</p></div>',
        f'<p style="color: red; display : none">{SECRET}</p>',
        f"<div style='visibility:hidden'><p>{SECRET}</p></div>",
    ],
    ids=["hidden", "template", "aria-hidden", "display-none", "visibility-hidden"],
)
def test_text_readers_cannot_see_proposes_nothing(hidden: str) -> None:
    article = from_html("page.html", HIDDEN.format(hidden=hidden))
    assert "Montevideo" not in article.text and "sell the port" not in article.text
    draft = build_draft([dated(article)])
    assert [v.place for v in draft.visits] == ["quito"]
    assert [c.speaker for c in draft.claims] == ["Ana Torres"] and draft.subject == "Ana Torres"
    kind = hidden.split(">")[0].lstrip("<")
    record_case(f"text in `<{kind}>`", "left out of the article: proposes nothing")


def test_a_templates_speaker_does_not_become_the_drafts_subject() -> None:
    quotes = " ".join(f"“We will sell port number {n},” Marta Ríos said." for n in range(5))
    page = HIDDEN.format(hidden=f"<template><p>{quotes}</p></template>")
    draft = build_draft([dated(from_html("page.html", page))])
    assert draft.subject == "Ana Torres"


def test_the_text_around_a_hidden_element_stays() -> None:
    body = (
        "<p>The minister, Ana Torres, flew to Quito <span hidden>and Lima </span>on Monday 5 January "
        "to meet President Daniel Noboa. “We will build a safer border together,” Ana Torres said.</p>"
    )
    article = from_html("page.html", HIDDEN.format(hidden="").replace("<h1>Torres in Quito</h1>", body))
    assert "flew to Quito on Monday 5 January to meet President Daniel Noboa." in article.text
    assert "Lima" not in article.text
