"""The corpus measure (``python -m bench.ingest_eval --corpus``): how it reads a corpus file, and
that on the real corpus every draft validates and every proposed quote is verbatim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.corpus_eval import read_article, run
from bench.ingest_eval import main
from dashboard.ingest.articles import ArticleError
from tests.conftest import CORPUS, needs_corpus

HEADER = "URL: https://example.org/a\nTITLE: A title | OUTLET: An outlet | PUBLISHED: {day} | LANG: en\n\n"
BODY = "The president arrived in Paris on Monday and met the prime minister, who said he was glad."


@pytest.mark.parametrize(("day", "published"), [("2023-03-01", dt.date(2023, 3, 1)), ("unknown", None)])
def test_a_corpus_file_is_read_with_its_header_as_options(tmp_path: Path, day: str, published):
    path = tmp_path / "01-outlet-en.txt"
    path.write_text(HEADER.format(day=day) + BODY, encoding="utf-8")
    article = read_article(path)
    assert (article.title, article.outlet, article.url) == ("A title", "An outlet", "https://example.org/a")
    assert article.published == published
    assert article.text == BODY


def test_a_file_without_the_header_is_named(tmp_path: Path):
    path = tmp_path / "02-x-en.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(ArticleError, match=r"02-x-en\.txt"):
        read_article(path)


def test_a_missing_corpus_folder_is_refused(tmp_path: Path, capsys):
    assert main(["--corpus", str(tmp_path / "nowhere")]) == 1
    assert "nowhere" in capsys.readouterr().err


@needs_corpus
@pytest.mark.slow
def test_the_corpus_table_has_a_row_per_tour_and_every_quote_is_verbatim():
    table = run(CORPUS)
    rows = {line.split(" | ")[0].strip("| *"): line for line in table.splitlines() if line.startswith("|")}
    for tour in (p.name for p in CORPUS.iterdir() if (p / "truth.json").is_file()):
        assert tour in rows
    verbatim = rows["all tours"].split(" | ")[5]
    found, total = verbatim.split(" ")[0].split("/")
    assert found == total, verbatim
