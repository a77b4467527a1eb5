"""From articles to a draft tour: proposals with their evidence, disagreements kept, curated items
untouched, and bad articles refused with one clear line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from dashboard import cli
from dashboard.ingest.articles import ArticleError, read
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.load import load_text
from tests.conftest import SEEDS, needs_seeds

# Articles written for these tests.
EN = """The minister of a small republic, Ana Torres, flew to Quito on Monday 5 January to meet \
President Daniel Noboa. “We will build a safer border together,” Ana Torres said after the meeting.
"""
ES = """La ministra Ana Torres llegó a Quito el martes 6 de enero para reunirse con el presidente \
Daniel Noboa. “La frontera será más segura”, dijo Ana Torres.
"""
FR = """La ministre Ana Torres est arrivée hier au Pérou pour rencontrer le président José Jerí.
« Nous avancerons ensemble », a déclaré Ana Torres.
"""
CLUTTER = """<!doctype html><html lang="en"><head><title>Torres in Quito</title>
<meta property="og:site_name" content="The Test Gazette">
<meta property="article:published_time" content="2026-01-06">
<link rel="canonical" href="https://example.org/torres-quito"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> Subscribe now</nav>
<article><h1>Torres in Quito</h1><p>{body}</p></article>
<footer>© The Test Gazette. Cookie settings. Privacy policy. All rights reserved.</footer></body></html>"""


def _article(tmp_path: Path, name: str, text: str, **given: object):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read(path, **given)


def test_a_draft_from_three_languages_validates_and_marks_every_proposal(tmp_path: Path) -> None:
    articles = [
        _article(tmp_path, "en.txt", EN, published=dt.date(2026, 1, 6)),
        _article(tmp_path, "es.txt", ES, published=dt.date(2026, 1, 7)),
        _article(tmp_path, "fr.txt", FR, published=dt.date(2026, 1, 8)),
    ]
    assert [a.language for a in articles] == ["en", "es", "fr"]
    tour = load_text(draft_text(build_draft(articles)), "draft.yaml")
    assert all(item.draft for kind in ("places", "visits", "claims") for item in getattr(tour, kind))
    quito = next(v for v in tour.visits if v.place == "quito")
    # The two articles disagree (5 and 6 January): both dates are kept, each with its source...
    assert sorted((d.start, tuple(d.sources)) for d in quito.dates) == [
        (dt.date(2026, 1, 5), ("a01-en",)),
        (dt.date(2026, 1, 6), ("a02-es",)),
    ]
    # ... and proposed as a disagreement.
    (disagreement,) = tour.discrepancies
    assert disagreement.field == "visits.quito.dates" and disagreement.draft
    # "hier" in an article of 8 January, in Peru with no city named: Lima, flagged.
    lima = next(p for p in tour.places if p.id == "lima")
    assert lima.draft and lima.draft.flag and "only the country" in lima.draft.flag
    assert next(v for v in tour.visits if v.place == "lima").dates[0].start == dt.date(2026, 1, 7)
    assert "Daniel Noboa" in [p.name for p in quito.counterparts]


def test_every_quote_is_verbatim_with_its_sentence_and_speaker(tmp_path: Path) -> None:
    article = _article(tmp_path, "en.txt", EN, published=dt.date(2026, 1, 6))
    (claim,) = build_draft([article]).claims
    assert claim.quote == "We will build a safer border together,"
    assert claim.quote in article.text and claim.speaker == "Ana Torres"
    assert claim.draft and claim.quote in claim.draft.evidence


def test_a_weekday_that_contradicts_its_date_is_flagged_on_the_visit(tmp_path: Path) -> None:
    text = "The minister flew to Quito on Tuesday 5 January to meet President Daniel Noboa.\n"
    article = _article(tmp_path, "en.txt", text, published=dt.date(2026, 1, 2))
    (visit,) = build_draft([article]).visits
    assert visit.draft and visit.draft.flag and "weekday contradicts date" in visit.draft.flag


def test_a_page_with_navigation_and_footer_gives_only_the_article(tmp_path: Path) -> None:
    article = _article(tmp_path, "page.html", CLUTTER.format(body=EN.strip()))
    assert article.title == "Torres in Quito" and article.outlet == "The Test Gazette"
    assert article.published == dt.date(2026, 1, 6) and article.url == "https://example.org/torres-quito"
    assert "Cookie" not in article.text and "Subscribe" not in article.text
    assert "Ana Torres said" in article.text


def test_extending_a_tour_changes_none_of_its_items(tmp_path: Path, kast) -> None:
    article = _article(tmp_path, "en.txt", EN, published=dt.date(2026, 1, 6))
    draft = build_draft([article], kast)
    for kind in ("sources", "places", "visits", "claims", "discrepancies", "events"):
        assert getattr(draft, kind)[: len(getattr(kast, kind))] == getattr(kast, kind), kind
    assert not [v for v in draft.visits if v.place == "quito" and v.draft]  # Quito's visit is curated
    load_text(draft_text(draft), "draft.yaml")


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("empty.html", b"   \n", "the file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        ("latin1.txt", "Perú".encode("latin-1"), "not UTF-8 text"),
        ("menu.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_bad_articles_are_refused_with_one_line(tmp_path: Path, name: str, data: bytes, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ArticleError, match=said) as caught:
        read(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_a_50_mb_page_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as out:
        out.truncate(50_000_000)  # sparse: no 50 MB written to disk
    with pytest.raises(ArticleError, match="too big"):
        read(path)


def test_script_payloads_stay_inert_text(tmp_path: Path) -> None:
    evil = "<img src=x onerror=alert(1)>"
    text = f"Ana Torres flew to Quito on Monday 5 January. “{evil} is not a plan,” Ana Torres said.\n"
    page = CLUTTER.format(body=text.replace("<", "&lt;").replace(">", "&gt;"))
    article = _article(tmp_path, "evil.html", page)
    draft_yaml = draft_text(build_draft([article]))
    tour = load_text(draft_yaml, "draft.yaml")
    assert tour.claims[0].quote == f"{evil} is not a plan,"  # kept as the article's text, verbatim
    assert yaml.safe_load(draft_yaml)["claims"][0]["quote"] == f"{evil} is not a plan,"


def test_the_command_writes_a_valid_draft_and_refuses_to_overwrite_the_tour(tmp_path: Path, capsys) -> None:
    source = tmp_path / "en.txt"
    source.write_text(EN, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    code = cli.main(
        ["ingest", str(source), "--published", "2026-01-06", "--outlet", "Gazette", "-o", str(out)]
    )
    assert code == 0, capsys.readouterr()
    assert "proposals from 1 articles" in capsys.readouterr().out
    assert load_text(out.read_text(encoding="utf-8"), str(out)).sources[0].outlet == "Gazette"
    tour = tmp_path / "tour.yaml"
    tour.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli.main(["ingest", str(source), "--tour", str(tour), "-o", str(tour)]) == 1
    assert "is the tour being extended" in capsys.readouterr().err


def test_an_offline_url_gives_one_line(capsys) -> None:
    # --allow-private: without it a loopback address is refused before any connection (test_fetch.py)
    code = cli.main(["ingest", "http://127.0.0.1:9/none.html", "--allow-private", "-o", "/tmp/never.yaml"])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: http://127.0.0.1:9/none.html: cannot be fetched") and err.count("\n") == 1


@needs_seeds
def test_the_seed_articles_give_a_draft_that_validates(kast) -> None:
    published = {s.file: s.published for s in kast.sources if s.file}
    articles = [read(p, published=published.get(p.name)) for p in sorted(SEEDS.glob("*.txt"))]
    tour = load_text(draft_text(build_draft(articles)), "seed-draft.yaml")
    for claim in tour.claims:
        article = next(a for a, s in zip(articles, tour.sources, strict=True) if s.id == claim.quote_source)
        assert claim.quote and claim.quote in article.text


def test_a_word_in_quotation_marks_is_a_term_not_a_quote_unless_someone_says_it(tmp_path: Path) -> None:
    text = (
        "The “libertarian” host met Ana Torres in Quito on Monday 5 January. “No,” said Ana Torres. "
        "“We will build a safer border together,” Ana Torres said."
    )
    tour = build_draft([_article(tmp_path, "a.txt", text, published=dt.date(2026, 1, 6))])
    assert [(c.quote, c.speaker) for c in tour.claims] == [
        ("No,", "Ana Torres"),
        ("We will build a safer border together,", "Ana Torres"),
    ]
