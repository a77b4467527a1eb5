"""Portuguese is read beside English, Spanish and French; an article in another language is skipped
with a one-line warning and the rest of the batch goes on (command line and library alike).
Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest.articles import ArticleError, LanguageError, detect_language, from_text
from dashboard.ingest.dates import find_dates
from dashboard.workflows import ingest_files

PT = (
    "O presidente Rui Tavares chegou nesta quarta-feira (4) a Luanda, capital de Angola, onde foi "
    "recebido pelo ministro das Relações Exteriores, Paulo Mendes. “Queremos uma parceria duradoura”, "
    "afirmou o presidente."
)
DE = "Der Präsident ist mit dem Flugzeug nach Berlin gereist und hat sich dort mit der Kanzlerin getroffen."
EN = "President Rui Tavares arrived in Luanda on Wednesday, March 4, and met President Ana Lopes there."


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("O presidente chegou ao Cairo e não falou com os jornalistas da capital.", "pt"),
        ("El presidente llegó a Lima y se reunió con los ministros del país.", "es"),
        ("Le président est arrivé à Dakar et a rencontré les ministres du pays.", "fr"),
        ("The president arrived in Lima and met the ministers of the country.", "en"),
        (DE, "de"),
    ],
)
def test_the_language_is_told_by_its_own_function_words(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_an_article_in_another_language_is_a_language_error_naming_it() -> None:
    with pytest.raises(LanguageError, match=r"de\.txt: the language \(de\) is not English, Spanish, French"):
        from_text("de.txt", DE)


def test_text_with_no_language_at_all_still_stops_with_one_line() -> None:
    with pytest.raises(ArticleError, match="cannot tell the language") as raised:
        from_text("x.txt", "xx yy zz")
    assert not isinstance(raised.value, LanguageError)


@pytest.mark.parametrize(
    ("text", "said", "day"),
    [
        ("chegou nesta quarta-feira (4) a Luanda", "quarta-feira (4)", dt.date(2026, 3, 4)),
        ("chegou na noite de ontem a Luanda", "ontem", dt.date(2026, 3, 5)),
        ("chegou esta noite a Luanda", "esta noite", dt.date(2026, 3, 6)),
        ("chegará no dia 1º de março a Luanda", "1º de março", dt.date(2026, 3, 1)),
    ],
)
def test_portuguese_dates_are_read_from_the_articles_day(text: str, said: str, day: dt.date) -> None:
    (found,) = [d for d in find_dates(text, "pt", dt.date(2026, 3, 6)) if said in d.said or d.said in said]
    assert found.day == day


def test_a_portuguese_article_does_not_stop_a_batch(tmp_path: Path) -> None:
    for name, text in (("pt.txt", PT), ("de.txt", DE), ("en.txt", EN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / n) for n in ("pt.txt", "de.txt", "en.txt")]
    count, summary = ingest_files(files, tmp_path / "draft.yaml", published=dt.date(2026, 3, 6))
    lines = summary.splitlines()
    assert lines[0].startswith("warning: ") and "de.txt" in lines[0] and lines[0].endswith("skipped")
    assert "from 2 articles" in lines[-1] and count > 0


def test_the_command_line_warns_on_stderr_and_writes_the_draft(tmp_path: Path, capsys) -> None:
    for name, text in (("pt.txt", PT), ("de.txt", DE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    args = ["ingest", str(tmp_path / "pt.txt"), str(tmp_path / "de.txt"), "--published", "2026-03-06"]
    assert cli.main([*args, "-o", str(out)]) == 0
    said = capsys.readouterr()
    assert said.err.count("\n") == 1 and "de.txt" in said.err and "Traceback" not in said.err
    assert out.is_file() and "from 1 articles" in said.out


def test_a_batch_of_only_unread_languages_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "de.txt").write_text(DE, encoding="utf-8")
    with pytest.raises(ArticleError, match="no article in a language ingest reads"):
        ingest_files([str(tmp_path / "de.txt")], tmp_path / "draft.yaml")


def test_an_undated_articles_weekday_is_read_inside_the_days_the_other_articles_give() -> None:
    from dashboard.ingest.articles import Article
    from dashboard.ingest.draft import build_draft

    dated = Article("a.txt", "Le président Rui Tavares est arrivé à Dakar le mardi 3 mars 2026.", "fr",
                    published=dt.date(2026, 3, 3))  # fmt: skip
    undated = Article("b.txt", "Le président Rui Tavares est arrivé jeudi à Bamako.", "fr")
    draft = build_draft([dated, undated])
    places = {p.id: p.name for p in draft.places}
    (bamako,) = [v for v in draft.visits if places[v.place] == "Bamako"]
    assert bamako.dates[0].start == dt.date(2026, 3, 5)
    assert "read as the one such day in the tour's days" in (bamako.draft.flag or "")
