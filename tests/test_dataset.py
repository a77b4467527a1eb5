"""The embedded Kast tour: complete, every reference resolves, every fact cited, quotes verbatim."""

from __future__ import annotations

import re

import pytest

from dashboard.tourfile.model import Tour
from dashboard.tourfile.validate import check_references
from tests.conftest import SEEDS, needs_seeds


def _seed_text(tour: Tour, source_id: str) -> str:
    source = tour.source(source_id)
    assert source.file, f"source {source_id} names no seed file"
    return " ".join((SEEDS / source.file).read_text(encoding="utf-8").split())


def test_every_reference_resolves(kast: Tour):
    assert check_references(kast) == []


@needs_seeds
def test_every_source_is_a_seed_article(kast: Tour):
    files = sorted(s.file or "" for s in kast.sources)
    assert files == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_every_visit_has_coordinates_and_a_date(kast: Tour):
    for visit in kast.visits:
        place = kast.place(visit.place)
        assert place.has_coordinates, place.id
        assert visit.best_date().start is not None


def test_every_place_is_geocoded_near_the_city(kast: Tour):
    expected = {
        "santiago": (-33.45, -70.65),
        "buenos-aires": (-34.61, -58.38),
        "quito": (-0.23, -78.52),
        "lima": (-12.05, -77.04),
        "arica": (-18.48, -70.31),
        "tacna": (-18.01, -70.25),
    }
    for pid, (lat, lon) in expected.items():
        place = kast.place(pid)
        assert abs((place.latitude or 0) - lat) < 0.2 and abs((place.longitude or 0) - lon) < 0.2, pid


@needs_seeds
def test_quotes_are_verbatim_in_their_source(kast: Tour):
    quoted = [c for c in kast.claims if c.quote]
    assert len(quoted) >= 10
    for claim in quoted:
        assert claim.speaker, claim.id
        assert claim.quote_source in claim.sources, claim.id
        text = _seed_text(kast, claim.quote_source or "")
        assert " ".join(claim.quote.split()) in text, claim.id  # type: ignore[union-attr]


def test_every_text_has_both_languages(kast: Tour):
    for claim in kast.claims:
        assert claim.text.es, claim.id
    for proposal in kast.proposals:
        assert proposal.title.es and proposal.description.es, proposal.id


def test_route_and_dates_match_the_articles(kast: Tour):
    visits = [(v.place, v.best_date().start.isoformat()) for v in kast.ordered_visits()]
    assert visits == [("buenos-aires", "2025-12-16"), ("quito", "2025-12-23"), ("lima", "2026-01-07")]
    assert [p.id for p in kast.places if p.role == "discussed"] == ["arica", "tacna"]
    assert kast.place("arica").paired_with == "tacna"
    events = {e.id: e.date.isoformat() for e in kast.events}
    assert "2025-12-14" in events.values() and "2026-03-11" in events.values()


def test_peru_rejected_the_humanitarian_corridor(kast: Tour):
    corridor = next(p for p in kast.proposals if p.id == "humanitarian-corridor")
    statuses = [(row.country, row.status) for row in corridor.history]
    assert ("PE", "rejected") in statuses
    assert ("EC", "discussed") in statuses
    critics = [c for c in kast.claims if "humanitarian-corridor" in c.proposals and c.kind == "criticism"]
    assert critics, "the criticism of the corridor must be recorded"


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("visits.buenos-aires.duration", {"s003-en"}),
        ("visits.quito.dates", {"s004-en"}),
        ("visits.lima.dates", {"s004-en"}),
    ],
)
def test_known_disagreements_are_kept_with_both_sides(kast: Tour, field: str, values: set[str]):
    matching = [d for d in kast.discrepancies if d.field == field]
    assert matching, field
    cited = {s for d in matching for v in d.variants for s in v.sources}
    assert values <= cited and len(cited) >= 2


def test_milei_meeting_duration_variants(kast: Tour):
    visit = next(v for v in kast.visits if v.place == "buenos-aires")
    minutes = sorted((d.minutes, tuple(d.sources)) for d in visit.duration)
    assert [m for m, _ in minutes] == [60, 120]
    assert minutes[1][1] == ("s003-en",)


def test_figures_carry_their_source(kast: Tour):
    figures = [c for c in kast.claims if c.figure]
    assert {(c.figure.low, c.figure.high) for c in figures if c.figure} >= {(14, 16), (10, 12)}
    assert all("s004-en" in c.sources for c in figures)


def test_no_invented_urls(kast: Tour):
    from tests.conftest import ROOT

    text = (ROOT / "data" / "kast-tour.yaml").read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)


@pytest.mark.parametrize(
    ("claim_id", "countries"),
    [
        ("jeri-rejects-corridor", ["PE"]),
        ("kast-everything-fine", ["PE"]),
        ("context-peru-tightens-border", ["PE"]),
        ("copper-gdp-chile", ["CL"]),
        ("copper-gdp-peru", ["PE"]),
        (
            "kast-corridor-purpose",
            ["CL", "PE", "EC"],
        ),  # "people who are in Chile, Peru, and Ecuador illegally"
        ("context-noboa-amnesty-repeal", ["EC"]),
        ("tour-overview", ["AR", "EC", "PE"]),
        ("criticism-which-experiences", []),  # about the region's right, no one country
        ("new-geopolitical-axis", []),
    ],
)
def test_claims_tied_to_no_place_name_the_countries_they_concern(
    kast: Tour, claim_id: str, countries: list[str]
):
    claim = next(c for c in kast.claims if c.id == claim_id)
    assert claim.place is None and not claim.mentions
    assert claim.countries == countries


def test_claim_countries_are_countries_of_the_tour(kast: Tour):
    # The country filter offers the countries of the tour's places: a claim's must be among them.
    places = {p.country for p in kast.places}
    assert {code for c in kast.claims for code in c.countries} <= places
