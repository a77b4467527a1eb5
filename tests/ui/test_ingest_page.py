"""The Add articles page: paste an article, see its proposals beside their evidence, download a
validated tour file; a bad article gets one line, never a traceback."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.conftest import DATA, ROOT, first_screen

APP = str(ROOT / "streamlit_app.py")
TEXT = (
    "The minister, Ana Torres, flew to Montevideo on Monday 5 January to meet President Marta Ríos. "
    "“We will build a <b>safer</b> border together,” Ana Torres said."
)


def _page() -> AppTest:
    at = first_screen(AppTest.from_file(APP, default_timeout=60))
    return at.switch_page("dashboard/ui/pages/ingest.py").run()


def test_pasted_article_gives_proposals_and_a_download() -> None:
    at = _page()
    assert at.header[0].value == "Add articles"
    at.text_area(key="w_pasted").input(TEXT)
    at.text_input(key="w_published").input("2026-01-06")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any(s.value.startswith("Proposals to review") for s in at.subheader)
    table = at.dataframe[0].value
    assert {"places", "visits", "claims"} <= set(table["kind"])
    quote = table[table["kind"] == "claims"].iloc[0]
    # The evidence is the article's sentence, as plain text in a grid cell: the tag is shown, not rendered.
    assert "<b>safer</b>" in quote["evidence"] and set(table["decision"]) == {"keep as draft"}
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download the reviewed tour file (YAML)" in labels


def test_a_bad_date_or_an_unreadable_article_is_one_line() -> None:
    at = _page()
    at.text_area(key="w_pasted").input("xx yy")
    at.button[0].click().run()
    assert not at.exception
    assert len(at.error) == 1 and "cannot be used" in at.error[0].value


def test_a_draft_tour_shows_its_proposals_only_when_asked_and_marked(kast) -> None:
    import datetime as dt

    from dashboard.ingest.articles import from_text
    from dashboard.ingest.draft import build_draft, draft_text

    article = from_text("en.txt", TEXT)
    article = article.__class__(**{**article.__dict__, "published": dt.date(2026, 1, 6)})
    data = draft_text(build_draft([article], kast)).encode()
    at = first_screen(AppTest.from_file(APP, default_timeout=60))
    at.file_uploader(key="w_upload").set_value(("draft.yaml", data, "application/yaml")).run()
    stops = at.selectbox(key="w_stop").options
    assert not [s for s in stops if "Montevideo" in s]  # hidden by default: not a fact yet
    assert at.metric[0].value == "3"  # and not counted
    at.toggle(key="w_drafts").set_value(True).run()
    assert "4. ✎ Montevideo" in at.selectbox(key="w_stop").options
    assert at.query_params["drafts"] == "1" and at.metric[0].value == "4"


def _literal(markdown: str) -> str:
    """What a reader sees of Markdown whose punctuation is backslash-escaped."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def test_an_article_the_tour_already_cites_is_named_above_the_table_in_the_readers_language() -> None:
    # The tour on screen: the made-up river tour, with a title the notice must show as typed.
    tour = (DATA / "known-tour.yaml").read_text(encoding="utf-8")
    tour = tour.replace('"A long day on the river"', '"A *long* day on the [river](#top)"')
    at = first_screen(AppTest.from_file(APP, default_timeout=60))
    at.file_uploader(key="w_upload").set_value(("river.yaml", tour.encode(), "application/yaml")).run()
    at = at.switch_page("dashboard/ui/pages/ingest.py").run()
    at.text_area(key="w_pasted").input((DATA / "known-article-en.txt").read_text(encoding="utf-8"))
    at.text_input(key="w_published").input("2026-01-09")
    at.button[0].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    (notice,) = at.info
    assert _literal(notice.value) == (
        "pasted text is already the tour's source k2 (“A *long* day on the [river](#top)”, "
        "The Example Post): same text (3 of its 3 quotes and evidence sentences). Nothing the tour holds is "
        "proposed again."
    )
    assert "\\[river\\]\\(\\#top\\)" in notice.value and "\\*long\\*" in notice.value  # no link, no emphasis
    table = at.dataframe[0].value
    assert list(zip(table["kind"], table["source"], strict=True)) == [("claims", "k2"), ("topics", "k2")]
    at.segmented_control(key="w_lang").set_value("es").run()  # the notice stays, in Spanish
    (notice,) = at.info  # (the article keeps the name it was read under)
    assert _literal(notice.value).startswith(
        "pasted text ya es la fuente k2 («A *long* day on the [river](#top)», "
        "The Example Post) de la gira: mismo texto (3 de sus 3 citas y frases de evidencia)."
    )


PAGE = (
    '<!doctype html><html lang="en"><head>{meta}<title>Torres in Montevideo</title></head><body><article>'
    "<p>{text}</p></article></body></html>"
)


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="w_articles").set_value((name, data, "text/html"))
    at.text_input(key="w_published").input("2026-01-06")
    return at.button[0].click().run()


def test_an_uploaded_latin_1_page_that_declares_its_charset_is_read() -> None:
    """Issue 24, item 15: the page is read in the charset it declares, its curly quotes (windows-1252,
    as browsers read a page that says Latin-1) kept as quotes."""
    text = TEXT.replace("Ríos", "Ríos, in Perú").replace("“", "\x93").replace("”", "\x94")
    data = PAGE.format(meta='<meta charset="iso-8859-1">', text=text).encode("latin-1")
    at = _upload(_page(), "latin.html", data)
    assert not at.exception and not at.error, [e.value for e in at.error]
    table = at.dataframe[0].value
    assert "Ana Torres: “We will build a safer border together,”" in list(table["what"])


def test_an_uploaded_page_with_one_control_character_reference_keeps_its_text() -> None:
    text = TEXT.replace("Ana Torres said", "Ana Torres&#27; said")
    at = _upload(_page(), "esc.html", PAGE.format(meta="", text=text).encode())
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert {"places", "visits", "claims"} <= set(at.dataframe[0].value["kind"])
