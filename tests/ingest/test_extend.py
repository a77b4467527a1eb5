"""``ingest --tour`` on valid tours it used to refuse (issue 24): a visit to a place the tour holds as
discussed, a tour whose ids look like ingest's own, and an invalid draft named by the file it was to be."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest.articles import from_text
from dashboard.ingest.draft import Ingested, build_draft, draft_text
from dashboard.tourfile.load import load_text, load_tour
from tests.conftest import DATA
from tests.support import reliability

TACNA = (
    "The minister, Ana Torres, flew to Tacna on Monday 12 January to meet Mayor Pedro Ruiz. "
    "“The border is open for trade,” Ana Torres said.\n"
)


def _article(name: str, text: str, lang: str = "en"):
    article = from_text(name, text, lang)
    return article.__class__(**{**article.__dict__, "published": dt.date(2026, 1, 13)})


def test_a_visit_to_a_place_the_tour_discusses_is_proposed_at_a_new_place(mini_tour) -> None:
    assert next(p for p in mini_tour.places if p.id == "tacna").role == "discussed"
    draft = load_text(draft_text(build_draft([_article("a.txt", TACNA)], mini_tour)), "draft.yaml")
    assert draft.places[: len(mini_tour.places)] == mini_tour.places  # the tour's Tacna is not changed
    (visit,) = [v for v in draft.visits if v.draft]
    place = next(p for p in draft.places if p.id == visit.place)
    assert place.id != "tacna" and place.name == "Tacna" and place.role == "visit" and place.draft
    assert place.draft.flag and "tacna" in place.draft.flag and "discussed" in place.draft.flag
    assert visit.dates[0].start == dt.date(2026, 1, 12)
    reliability.record(
        reliability.INGEST,
        "--tour: a visit to a place the tour holds as discussed",
        "draft: the visit at a new place, flagged",
    )


def test_a_tour_whose_ids_look_like_ingests_gets_new_ids_only(tmp_path: Path) -> None:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8").replace("s1", "a01-en")
    text = text.replace(
        "sources:\n  - {id: a01-en,",
        "sources:\n  - {id: a02-en, language: en}\n  - {id: a03-es, language: es}\n  - {id: a01-en,",
    )
    text = text.replace(
        "- {id: c1,",
        "- {id: a04-en-q01, topics: [security], text: {en: Said}, sources: [a01-en]}\n  - {id: c1,",
    )
    tour = load_text(text, "tour.yaml")
    es = "La ministra Ana Torres llegó a Quito el martes 6 de enero. «Será más segura», dijo Ana Torres.\n"
    articles = [
        _article("a.txt", TACNA),
        _article("b.txt", es, "es"),
        _article("c.txt", TACNA.replace("Tacna", "Arica")),
    ]
    draft = load_text(draft_text(build_draft(articles, tour)), "draft.yaml")
    for kind in ("sources", "places", "claims", "discrepancies", "events", "topics"):
        ids = [item.id for item in getattr(draft, kind)]
        assert len(ids) == len(set(ids)), kind
    assert [s.id for s in draft.sources][3:] == ["a04-en", "a05-es", "a06-en"]
    reliability.record(
        reliability.INGEST, "--tour whose ids look like ingest's (a01-en, a04-en-q01)", "draft: new ids only"
    )


def test_an_invalid_draft_is_named_by_its_output_file(tmp_path: Path, capsys, monkeypatch, mini_tour) -> None:
    """Should a draft ever be invalid, the one line names the file it was to be written to."""
    broken = mini_tour.model_copy(update={"places": [*mini_tour.places, mini_tour.places[1]]})  # lima twice
    monkeypatch.setattr("dashboard.workflows.propose", lambda *args, **kwargs: Ingested(broken))
    article, out = tmp_path / "a.txt", tmp_path / "mine.yaml"
    article.write_text(TACNA, encoding="utf-8")
    assert cli.main(["ingest", str(article), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: ") and "draft.yaml:" not in err and "duplicate id" in err
    assert not out.exists()
    reliability.record(
        reliability.INGEST, "an invalid draft (forced)", "refused: named by the -o path, nothing written"
    )


@pytest.mark.parametrize("tour_file", ["mini.yaml", "known-tour.yaml"])
def test_extending_the_test_tours_with_an_article_validates(tour_file: str) -> None:
    tour = load_tour(DATA / tour_file)
    load_text(draft_text(build_draft([_article("a.txt", TACNA)], tour)), "draft.yaml")
