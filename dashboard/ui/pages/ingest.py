"""Add articles: upload or paste articles, review what they propose beside its evidence, accept,
edit or reject each proposal, and download the tour file those decisions make (validated).

An article that is already one of the tour's sources (or is given twice) is named above the
table, with the rule that recognised it; nothing the tour holds is proposed again.

Nothing is fetched and nothing is saved on the server: the draft lives in this session only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.ingest import review
from dashboard.ingest.articles import Article, ArticleError, LanguageError, decode_page, from_html, from_text
from dashboard.ingest.draft import draft_text, propose
from dashboard.ingest.known import Known
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import MAX_MB
from dashboard.ui import state
from dashboard.ui.state import Widget
from dashboard.views import markup
from dashboard.views.i18n import t

DECISIONS = {review.ACCEPT: "decision.accept", review.REJECT: "decision.reject", review.KEEP: "decision.keep"}
RULES = {
    "url": "ingest.rule_url",
    "text": "ingest.rule_text",
    "nearly": "ingest.rule_nearly",
    "wire": "ingest.rule_wire",
    "title": "ingest.rule_title",
    "file": "ingest.rule_file",
}


def _articles(uploads: list[Any], pasted: str, published: dt.date | None, lang: str) -> list[Article]:
    """The uploaded files and the pasted text as articles; one in a language ingest does not read is
    skipped with a one-line warning, any other bad one stops with its one-line reason."""
    out = []
    for upload in uploads:
        try:
            article = _upload(upload)
        except LanguageError as exc:
            st.warning(markup.md(str(exc)), icon=":material/translate:")
            continue
        out.append(article if article.published or not published else _dated(article, published))
    if pasted.strip():
        try:
            out.append(_dated(from_text(t("ingest.pasted", lang), pasted), published))
        except LanguageError as exc:
            st.warning(markup.md(str(exc)), icon=":material/translate:")
    return out


def _upload(upload: Any) -> Article:
    html = upload.name.lower().endswith((".html", ".htm"))
    text = decode_page(upload.name, upload.getvalue(), html)  # a page in the charset it declares
    return from_html(upload.name, text) if html else from_text(upload.name, text)


def _dated(article: Article, published: dt.date | None) -> Article:
    return replace(article, published=published)


def render_inputs(lang: str) -> None:
    with st.form(Widget.INGEST_FORM):
        uploads = st.file_uploader(
            t("ingest.upload", lang), type=["html", "htm", "txt", "md"], accept_multiple_files=True,
            max_upload_size=MAX_MB, key=Widget.ARTICLES,
        )  # fmt: skip
        pasted = st.text_area(t("ingest.paste", lang), key=Widget.PASTED, height=160)
        day = st.text_input(t("ingest.published", lang), placeholder="2026-01-06", key=Widget.PUBLISHED)
        if st.form_submit_button(t("ingest.propose", lang)):
            _propose(uploads or [], pasted, day, lang)


def _propose(uploads: list[Any], pasted: str, day: str, lang: str) -> None:
    loaded = state.full()  # the tour with its drafts, whatever the other pages show
    try:
        published = dt.date.fromisoformat(day) if day.strip() else None
        articles = _articles(uploads, pasted, published, lang)
        if not articles:
            st.warning(t("ingest.nothing", lang))
            return
        ingested = propose(articles, loaded.tour)
        state.INGEST_DRAFT.set(ingested.tour)
        state.INGEST_KNOWN.set(ingested.known)
        state.INGEST_LEFT_OUT.set(ingested.left_out)
    except (ArticleError, UnicodeDecodeError, ValueError) as exc:
        st.error(f"{t('ingest.error', lang)}: {markup.md(str(exc))}")


def notice(known: Known, lang: str) -> str:
    """What the page says of an article already read, in the reader's language, as Markdown (the
    article's name and the source's id, title and outlet made literal)."""
    about = [
        t("ingest.quoted", lang, title=known.source.title) if known.source.title else "",
        known.source.outlet,
    ]
    named = ", ".join(x for x in about if x)
    source = markup.md(f"{known.source.id} ({named})" if named else known.source.id)
    rule = t(RULES[known.rule], lang)
    if known.count:
        rule += " (" + t("ingest.rule_found", lang, found=known.found, count=known.count) + ")"
    key = "ingest.again" if known.earlier else "ingest.known"
    return t(key, lang, article=markup.md(known.article), source=source, rule=rule)


def render_review(lang: str) -> None:
    draft = state.INGEST_DRAFT.get()
    if draft is None:
        return
    rows = review.rows(draft)
    st.subheader(t("ingest.review", lang, count=len(rows)))
    for known in state.INGEST_KNOWN.get() or ():
        st.info(notice(known, lang), icon=":material/library_books:")
    for left in state.INGEST_LEFT_OUT.get() or ():  # one line each: what a source could not hold
        st.warning(markup.md(left.words(lang)), icon=":material/content_cut:")
    keep = t(DECISIONS[review.KEEP], lang)
    frame = pd.DataFrame(
        [
            {"decision": keep, "kind": r.kind, "key": r.key, "what": r.what, "evidence": r.evidence}
            | {"source": r.source, "flag": r.flag}
            for r in rows
        ]
    )
    columns = {
        "decision": st.column_config.SelectboxColumn(
            options=[t(word, lang) for word in DECISIONS.values()], required=True
        ),
        "evidence": st.column_config.TextColumn(width="large"),
    }
    locked = ["kind", "key", "evidence", "source", "flag"]  # "what" stays editable: a name, a speaker
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        key=Widget.INGEST_TABLE,
        disabled=locked,
        column_config=columns,
    )
    render_download(draft, edited, frame, lang)


def render_download(draft: Any, edited: pd.DataFrame, original: pd.DataFrame, lang: str) -> None:
    now, before = edited.to_dict("records"), original.to_dict("records")
    said = {t(word, lang): decision for decision, word in DECISIONS.items()}  # the words shown -> decisions
    decisions = {(str(r["kind"]), str(r["key"])): said.get(str(r["decision"]), review.KEEP) for r in now}
    names = {
        (str(r["kind"]), str(r["key"])): str(r["what"])
        for r, o in zip(now, before, strict=True)
        if r["what"] != o["what"] and r["kind"] in ("places", "claims")
    }
    try:
        text = draft_text(review.apply(draft, decisions, _speakers(names)))
    except TourError as exc:
        st.error(f"{t('notice.tour_error', lang)}: " + markup.md("; ".join(str(p) for p in exc.problems)))
        return
    st.download_button(t("ingest.download", lang), text, file_name="draft-tour.yaml", mime="application/yaml")


def _speakers(names: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
    """An edited quote row reads "Speaker: “quote”": the speaker is what comes before the colon."""
    return {k: (v.split(":", 1)[0].strip() if k[0] == "claims" else v.strip()) for k, v in names.items()}


def render() -> None:
    lang = state.view().lang
    st.header(t("page.ingest", lang))
    st.caption(t("ingest.intro", lang))
    render_inputs(lang)
    render_review(lang)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
