"""Ingest knows the tour it extends: an article that is already one of its sources is read as that
source and named in a note (with the rule that recognised it), what the tour holds is not proposed
again, the same article given twice is read once, and a new article still gets its proposals.

The tour and the article are made up (tests/data/known-tour.yaml, tests/data/known-article-en.txt,
which is the text of the tour's source k2); the seed articles are checked against the Kast tour."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.ingest.articles import read
from dashboard.ingest.draft import build_draft, draft_text
from dashboard.tourfile.load import DEFAULT_TOUR, load_text, load_tour
from tests.conftest import DATA, SEEDS, needs_seeds

TOUR = DATA / "known-tour.yaml"
K2 = DATA / "known-article-en.txt"  # the text of source k2, which the tour quotes three times
DAY = dt.date(2026, 1, 9)
# Words of its own, and one of the tour's visits on its day: what source k1 could have said.
K1_TEXT = (
    "Minister Lena Varga met President Tomás Arrieta in Montevideo on Thursday 8 January. "
    "“A bridge is only as good as the two banks it joins,” Lena Varga said.\n"
)
# A made-up article that is none of the tour's sources.
NEW = (
    "Minister Lena Varga flew to Córdoba on Wednesday 14 January to meet Governor Marcos Peña. "
    "“Córdoba builds the trucks our ports will fill,” Lena Varga said. She spoke of Asunción and "
    "of Montevideo again.\n"
)


@pytest.fixture
def tour():
    return load_tour(TOUR)


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _proposed(draft, tour, kind: str) -> list:
    return getattr(draft, kind)[len(getattr(tour, kind)) :]


def _ingest(capsys, *args: str) -> tuple[str, object]:
    """Run the command; its output and the draft it wrote."""
    out = Path(args[args.index("-o") + 1])
    assert cli.main(["ingest", *args]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    return printed, load_text(out.read_text(encoding="utf-8"), str(out))


@pytest.mark.parametrize(
    "url",
    [
        "HTTPS://WWW.News.Example.org/world/varga-river-talks/?utm_source=feed&id=7&fbclid=x#top",
        "https://web.archive.org/web/20260301000000/http://news.example.org/world/varga-river-talks?id=7",
    ],
)
def test_an_article_at_a_sources_address_is_that_source(tmp_path: Path, capsys, tour, url: str) -> None:
    article = _file(tmp_path, "saved.txt", K1_TEXT)
    printed, draft = _ingest(
        capsys, str(article), "--url", url, "--published", "2026-01-09", "--tour", str(TOUR),
        "-o", str(tmp_path / "draft.yaml"),
    )  # fmt: skip
    notes = [line for line in printed.splitlines() if line.startswith("note:")]
    assert notes == [
        f"note: {article} is already the tour's source k1 "
        '("Varga opens the river talks", The Example Herald): same url'
    ]
    assert draft.sources == tour.sources  # no second record of the same article
    (claim,) = _proposed(draft, tour, "claims")  # its own quote, cited to the source it is
    assert claim.quote_source == "k1" and claim.draft.source == "k1" and claim.id == "k1-q01"
    assert not _proposed(draft, tour, "visits") and not _proposed(draft, tour, "discrepancies")


def test_an_article_holding_a_sources_quotes_is_that_source(tmp_path: Path, capsys, tour) -> None:
    printed, draft = _ingest(
        capsys, str(K2), "--published", "2026-01-09", "--tour", str(TOUR), "-o", str(tmp_path / "d.yaml")
    )
    assert printed.splitlines()[0] == (
        f'note: {K2} is already the tour\'s source k2 ("A long day on the river", The Example Post): '
        "same text (3 of its 3 quotes and evidence sentences)"
    )
    assert draft.sources == tour.sources
    # The three quotes the tour holds (one of them with other capitals and punctuation around it)
    # and the visit on its day are not proposed again; the one quote the tour lacks is, as k2's.
    assert [(c.quote, c.quote_source) for c in _proposed(draft, tour, "claims")] == [
        ("Nobody on either bank wants a wall of paperwork,", "k2")
    ]
    assert not _proposed(draft, tour, "visits") and not _proposed(draft, tour, "places")
    assert not _proposed(draft, tour, "discrepancies")


def test_the_same_title_and_outlet_or_the_same_file_name_is_that_source(tmp_path: Path, tour) -> None:
    titled = read(_file(tmp_path, "x.txt", K1_TEXT), title="Varga Opens the River Talks",
                  outlet="the example herald", published=DAY)  # fmt: skip
    named = read(_file(tmp_path, "k3-river-notes.txt", K1_TEXT), published=DAY)
    draft = build_draft([titled, named], tour)
    assert draft.sources == tour.sources
    assert {c.draft.source for c in _proposed(draft, tour, "claims")} == {"k1", "k3"}
    # A file of that name that says it is another article is not that source.
    (tmp_path / "elsewhere").mkdir()
    other = read(_file(tmp_path / "elsewhere", "k3-river-notes.txt", K1_TEXT), title="Another", published=DAY)
    assert [s.id for s in _proposed(build_draft([other], tour), tour, "sources")] == ["a04-en"]


def test_a_quote_held_in_part_is_not_proposed_again(tmp_path: Path, tour) -> None:
    text = (
        "Lena Varga spoke in Montevideo on Thursday 8 January. “Montevideo is where the new route "
        "begins, and Córdoba is where it ends,” Lena Varga said. “Begins,” she repeated.\n"
    )
    draft = build_draft([read(_file(tmp_path, "a.txt", text), published=DAY)], tour)
    # The tour keeps the start of that quotation (from another source): the longer one is the same.
    # One word the tour also quotes is too little to be the same quotation: it is proposed.
    assert [c.quote for c in _proposed(draft, tour, "claims")] == ["Begins,"]


def test_a_new_article_gets_its_proposals_but_none_the_tour_holds(tmp_path: Path, capsys, tour) -> None:
    article = _file(tmp_path, "new.txt", NEW)
    printed, draft = _ingest(
        capsys, str(article), "--published", "2026-01-15", "--tour", str(TOUR), "-o", str(tmp_path / "d.yaml")
    )
    assert "note:" not in printed
    assert [s.id for s in _proposed(draft, tour, "sources")] == ["a04-en"]
    # Córdoba is new: a place, a visit and a quote. Asunción is the tour's place (its id is the
    # name's), though the tour names it otherwise; Montevideo is the tour's too.
    assert [p.id for p in _proposed(draft, tour, "places")] == ["cordoba"]
    assert [(v.place, v.dates[0].start) for v in _proposed(draft, tour, "visits")] == [
        ("cordoba", dt.date(2026, 1, 14))
    ]
    assert [c.quote for c in _proposed(draft, tour, "claims")] == [
        "Córdoba builds the trucks our ports will fill,"
    ]


def test_another_date_for_a_visit_the_tour_holds_is_a_disagreement(tmp_path: Path, tour) -> None:
    text = (
        "Minister Lena Varga arrived in Montevideo on Saturday 10 January to meet President Tomás Arrieta.\n"
    )
    same = (
        "Minister Lena Varga arrived in Montevideo on Thursday 8 January to meet President Tomás Arrieta.\n"
    )
    articles = [
        read(_file(tmp_path, "a.txt", text), published=dt.date(2026, 1, 11)),
        read(_file(tmp_path, "b.txt", same), published=dt.date(2026, 1, 11)),
    ]
    draft = load_text(draft_text(build_draft(articles, tour)), "draft.yaml")
    assert draft.visits == tour.visits  # the tour's visit is not changed, nor proposed again
    (found,) = _proposed(draft, tour, "discrepancies")
    assert found.field == "visits.montevideo.dates" and found.draft.source == "a04-en"
    assert [(v.value.en, v.sources) for v in found.variants] == [
        ("2026-01-08", ["k1", "k2"]),  # the tour's date, with the sources it inherits from its place
        ("2026-01-10", ["a04-en"]),  # b.txt gives the tour's date: it adds nothing
    ]


def test_an_event_on_a_day_the_tour_gives_is_not_proposed_again(tmp_path: Path, tour) -> None:
    text = "Lena Varga visited Montevideo on Thursday 8 January, weeks before the election on 1 March.\n"
    draft = build_draft([read(_file(tmp_path, "a.txt", text), published=DAY)], tour)
    assert draft.events == tour.events  # `general-election` is that election


def test_the_same_article_given_twice_is_read_once(tmp_path: Path, capsys) -> None:
    first = _file(tmp_path, "first.txt", NEW)
    again = _file(tmp_path, "again.txt", "  " + NEW.replace(" ", "  "))  # the same text, spaced otherwise
    printed, draft = _ingest(
        capsys, str(first), str(again), "--published", "2026-01-15", "-o", str(tmp_path / "d.yaml")
    )
    assert f"note: {again} is the same article as a01-en: same text; nothing is proposed twice" in printed
    assert [s.id for s in draft.sources] == ["a01-en"]
    assert [c.id for c in draft.claims] == ["a01-en-q01"]
    (cordoba,) = draft.visits
    assert [d.sources for d in cordoba.dates] == [["a01-en"]]


def test_the_same_page_under_another_headline_is_read_once(tmp_path: Path) -> None:
    page = (
        "<html lang='en'><head><title>{0}</title></head>"
        "<body><article><h1>{0}</h1><p>{1}</p></article></body></html>"
    )
    first = read(_file(tmp_path, "a.html", page.format("Varga in Córdoba", NEW)), published=DAY)
    again = read(_file(tmp_path, "b.html", page.format("The minister goes inland", NEW)), published=DAY)
    assert first.text != again.text  # each opens with its own headline
    draft = build_draft([first, again])
    assert [s.id for s in draft.sources] == ["a01-en"] and [c.id for c in draft.claims] == ["a01-en-q01"]


@needs_seeds
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
def test_a_seed_article_is_its_source_in_the_kast_tour(tmp_path: Path, capsys, kast, name: str) -> None:
    (source,) = [s for s in kast.sources if s.file == name]
    article = shutil.copy(SEEDS / name, tmp_path / name)
    printed, draft = _ingest(
        capsys, str(article), "--tour", str(DEFAULT_TOUR), "-o", str(tmp_path / "draft.yaml")
    )
    note = printed.splitlines()[0]
    assert note.startswith(f"note: {article} is already the tour's source {source.id}"), note
    assert draft.sources == kast.sources
    assert not _proposed(draft, kast, "visits") and not _proposed(draft, kast, "events")
    held = {(p.country, p.name) for p in kast.places}
    assert not [p for p in _proposed(draft, kast, "places") if (p.country, p.name) in held]
    quotes = [" ".join(c.quote.split()).casefold() for c in kast.claims if c.quote]
    for claim in _proposed(draft, kast, "claims"):
        mine = " ".join(claim.quote.split()).casefold().strip(' ,.;:“”"')
        assert not [q for q in quotes if mine in q or q in mine], claim.quote
        assert claim.quote_source == source.id


def test_a_date_from_an_article_the_visit_already_cites_is_not_a_disagreement(tmp_path: Path, tour) -> None:
    # k1 is the article with this address; the tour's Montevideo visit cites it (from its place):
    # its curators read it, so a date the rules read otherwise from it is not proposed.
    text = (
        "Minister Lena Varga arrived in Montevideo on Saturday 10 January to meet President Tomás Arrieta.\n"
    )
    path = _file(tmp_path, "k1.txt", text)
    url = "https://news.example.org/world/varga-river-talks?id=7"
    draft = build_draft([read(path, url=url, published=dt.date(2026, 1, 11))], tour)
    assert draft.sources == tour.sources and not _proposed(draft, tour, "discrepancies")


def test_a_place_the_tour_holds_as_its_origin_is_not_made_a_visit(tmp_path: Path, tour) -> None:
    text = "Before the tour, Lena Varga met the mayor of Santiago on Friday 2 January in Santiago.\n"
    draft = build_draft([read(_file(tmp_path, "a.txt", text), published=dt.date(2026, 1, 3))], tour)
    assert draft.visits == tour.visits and draft.places == tour.places
    load_text(draft_text(draft), "draft.yaml")  # a visit at the origin would make it invalid
