"""The view state: URL round trips, bad parameters, and what each filter keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Claim, Tour
from dashboard.views.filters import (
    ViewState,
    claim_countries,
    claim_matches,
    filter_claims,
    filter_proposals,
    from_query,
    to_query,
    visible_places,
)


@pytest.mark.parametrize(
    "state",
    [
        ViewState(),
        ViewState(lang="es"),
        ViewState(stop="lima", countries=("PE", "CL"), topics=("mining",)),
        ViewState(start=dt.date(2025, 12, 20), end=dt.date(2026, 1, 10)),
    ],
)
def test_url_round_trip(kast: Tour, state: ViewState):
    assert from_query(to_query(state), kast) == state


def test_defaults_leave_the_url_empty():
    assert to_query(ViewState()) == {}


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"lang": "de"}, "lang='de'"),
        ({"stop": "<script>"}, "stop='<script>'"),
        ({"country": "PE,ZZ"}, "country='ZZ'"),
        ({"topic": "mining,,weather"}, "topic='weather'"),
        ({"to": "2026-99-01"}, "to='2026-99-01'"),
    ],
)
def test_bad_parameters_fall_back_and_are_named(kast: Tour, params: dict[str, str], problem: str):
    state = from_query(params, kast)
    assert problem in state.problems
    assert state.lang == "en" and state.stop is None


def test_good_parts_of_a_half_bad_link_are_kept(kast: Tour):
    state = from_query({"country": "PE,ZZ", "topic": "mining"}, kast)
    assert state.countries == ("PE",) and state.topics == ("mining",)


def test_a_change_clears_the_notice(kast: Tour):
    state = from_query({"lang": "de"}, kast)
    assert state.with_(stop="lima").problems == ()


def test_topic_filter(kast: Tour):
    state = ViewState(topics=("mining",))
    assert visible_places(kast, state) == {"lima"}
    assert all("mining" in c.topics for c in filter_claims(kast, state))
    assert [p.id for p in filter_proposals(kast, state)] == ["border-tech-sharing"]


def test_country_filter_keeps_the_border_pair_side(kast: Tour):
    state = ViewState(countries=("CL",))
    assert visible_places(kast, state) == {"santiago", "arica"}


def test_date_filter(kast: Tour):
    december = ViewState(start=dt.date(2025, 12, 1), end=dt.date(2025, 12, 31))
    assert visible_places(kast, december) == {"buenos-aires", "quito"}
    claims = filter_claims(kast, december)
    assert claims and all(c.place != "lima" for c in claims)


def test_stop_filter(kast: Tour):
    state = ViewState(stop="quito")
    assert visible_places(kast, state) == {"quito"}
    claims = filter_claims(kast, state)
    assert all("quito" in (c.place, *c.mentions) or "EC" in c.countries for c in claims)
    assert {"quito-meeting", "context-noboa-amnesty-repeal"} <= {c.id for c in claims}
    corridor = [p for p in filter_proposals(kast, state) if p.id == "humanitarian-corridor"]
    assert corridor, "the corridor was discussed in Ecuador"


@pytest.mark.parametrize(
    "state",
    [
        ViewState(stop="lima"),
        ViewState(countries=("PE",)),
        ViewState(stop="tacna"),
        ViewState(countries=("EC", "PE")),
    ],
)
def test_jeri_rejection_shows_under_lima_and_peru(kast: Tour, state: ViewState):
    shown = {c.id for c in filter_claims(kast, state)}
    assert {"jeri-rejects-corridor", "kast-everything-fine"} <= shown


@pytest.mark.parametrize(
    "state", [ViewState(stop="quito"), ViewState(stop="buenos-aires"), ViewState(countries=("AR",))]
)
def test_jeri_rejection_does_not_show_elsewhere(kast: Tour, state: ViewState):
    assert "jeri-rejects-corridor" not in {c.id for c in filter_claims(kast, state)}


COUNTRIES = {"home": "CL", "lima": "PE", "quito": "EC", "tacna": "PE"}


def _claim(**fields: object) -> Claim:
    base: dict[str, object] = {"id": "c", "topics": ["t"], "text": {"en": "x"}, "sources": ["s1"]}
    return Claim.model_validate(base | fields)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, set()),
        ({"place": "lima"}, {"PE"}),
        ({"place": "quito", "mentions": ["tacna", "home"]}, {"EC", "PE", "CL"}),
        ({"countries": ["VE"]}, {"VE"}),
        ({"place": "lima", "countries": ["PE", "CL"]}, {"PE", "CL"}),
        ({"place": "gone"}, set()),
    ],
)
def test_claim_countries(fields: dict[str, object], expected: set[str]):
    assert claim_countries(_claim(**fields), COUNTRIES) == expected


@pytest.mark.parametrize(
    ("fields", "state", "matches"),
    [
        ({"countries": ["PE"]}, ViewState(countries=("PE",)), True),
        ({"countries": ["PE"]}, ViewState(countries=("EC",)), False),
        ({"countries": ["PE"]}, ViewState(stop="lima"), True),  # the stop's country
        ({"countries": ["PE"]}, ViewState(stop="tacna"), True),
        ({"countries": ["PE"]}, ViewState(stop="quito"), False),
        ({"place": "quito", "mentions": ["tacna"]}, ViewState(stop="tacna"), True),
        ({"place": "quito", "mentions": ["tacna"]}, ViewState(stop="lima"), False),  # made at another stop
        ({"place": "quito", "mentions": ["tacna"]}, ViewState(countries=("PE",)), True),
        ({}, ViewState(countries=("PE",)), False),
        ({}, ViewState(stop="lima"), False),
    ],
)
def test_claim_matches_country_and_stop(fields: dict[str, object], state: ViewState, matches: bool):
    assert claim_matches(_claim(**fields), state, COUNTRIES, {}) is matches


def _tour(data: dict[str, Any]) -> Tour:
    return load_text(yaml.safe_dump(data, allow_unicode=True), "steps.yaml")


@pytest.mark.parametrize("step", ["intro", "lima", "outcomes"])
def test_a_step_of_the_story_is_kept(kast: Tour, step: str):
    state = from_query({"step": step}, kast)
    assert state.step == step and state.problems == ()


@pytest.mark.parametrize(
    "step",
    [
        "_intro",  # the introduction is "intro" here: no place is called "intro"
        "_outcomes",
        "atlantis",
    ],
)
def test_a_step_the_story_does_not_have_is_dropped_and_named(kast: Tour, step: str):
    state = from_query({"step": step}, kast)
    assert state.step is None and state.problems == (f"step={step!r}",)
    assert "step" not in to_query(state)  # the address is corrected


def test_outcomes_is_no_step_of_a_tour_without_them(mini_data: dict[str, Any]):
    mini_data["proposals"] = []
    state = from_query({"step": "outcomes"}, _tour(mini_data))
    assert state.step is None and state.problems == ("step='outcomes'",)


def test_a_drafted_visit_is_no_step(mini_data: dict[str, Any]):
    mini_data["visits"][1]["draft"] = {"source": "s1", "evidence": "He went to Quito."}
    state = from_query({"step": "quito"}, _tour(mini_data))
    assert state.step is None and state.problems == ("step='quito'",)


def test_a_place_called_intro_moves_the_introduction_to_underscore_intro(mini_data: dict[str, Any]):
    mini_data["places"][1]["id"] = mini_data["visits"][0]["place"] = "intro"
    for claim in mini_data["claims"]:
        claim["place"] = "intro"
    tour = _tour(mini_data)
    assert from_query({"step": "_intro"}, tour).step == "_intro"
    assert from_query({"step": "intro"}, tour).step == "intro"  # the place's own step
    assert from_query({"step": "_outcomes"}, tour).problems == ("step='_outcomes'",)
