"""The story's steps: derived from the data for any tour, in the reader's language, with the optional
``story:`` section's words where it gives them."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Tour
from dashboard.views.formats import source_citation, source_names
from dashboard.views.story import StoryStep, step_ids, step_index, story_steps

KAST_IDS = ["intro", "buenos-aires", "quito", "lima", "outcomes"]


def _tour(data: dict[str, Any]) -> Tour:
    return load_text(yaml.safe_dump(data, allow_unicode=True), "story.yaml")


def _step(steps: list[StoryStep], step_id: str) -> StoryStep:
    return next(s for s in steps if s.id == step_id)


@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_the_kast_story_is_intro_then_each_visit_in_order_then_outcomes(kast: Tour, lang: str):
    steps = story_steps(kast, lang)
    assert [s.id for s in steps] == KAST_IDS
    assert [s.kind for s in steps] == ["intro", "visit", "visit", "visit", "outcomes"]
    assert [s.title for s in steps[1:4]] == ["1. Buenos Aires", "2. Quito", "3. Lima"]
    assert [(s.latitude, s.longitude) for s in steps[1:4]] == [
        (kast.place(i).latitude, kast.place(i).longitude) for i in KAST_IDS[1:4]
    ]
    assert steps[0].latitude is None and steps[-1].longitude is None


@pytest.mark.parametrize(
    ("lang", "stop", "date", "scheduled"),
    [
        ("en", "quito", "23 December 2025", "scheduled for 22 December 2025"),
        ("es", "quito", "23 de diciembre de 2025", "fecha prevista: 22 de diciembre de 2025"),
        ("en", "buenos-aires", "16 December 2025", None),
        # Announced for January, held on 7 January: the plan held, nothing to point out.
        ("en", "lima", "7 January 2026", None),
    ],
)
def test_a_visit_shows_its_date_and_the_planned_date_it_did_not_keep(
    kast: Tour, lang: str, stop: str, date: str, scheduled: str | None
):
    step = _step(story_steps(kast, lang), stop)
    assert (step.date, step.scheduled) == (date, scheduled)


def test_a_visit_says_whom_he_met_and_what_they_discussed(kast: Tour):
    steps = story_steps(kast, "es")
    buenos_aires = _step(steps, "buenos-aires")
    assert buenos_aires.met == ["Javier Milei (Presidente de Argentina)"]  # the counterparts
    assert "Comercio e inversión" in buenos_aires.topics
    assert "Migración" in _step(steps, "lima").topics


@pytest.mark.parametrize(
    ("lang", "quote", "source"), [("en", "will copy", "s000-en"), ("es", "va a copiar", "s001-es")]
)
def test_the_key_quote_is_verbatim_and_in_the_readers_language_when_there_is_one(
    kast: Tour, lang: str, quote: str, source: str
):
    said = _step(story_steps(kast, lang), "buenos-aires").quote
    assert said is not None
    assert (said.text, said.speaker) == (quote, "Javier Milei")
    assert said.citation == source_citation(kast.source(source), lang, source_names(kast.sources, lang))
    assert source not in said.citation  # by name, never by id
    assert said.url == kast.source(source).url


def test_a_stop_where_nothing_was_quoted_has_no_quote(kast: Tour):
    assert _step(story_steps(kast, "en"), "quito").quote is None


def test_the_proposals_whose_status_changed_at_a_stop_are_listed_there(kast: Tour):
    lima = _step(story_steps(kast, "en"), "lima")
    assert "Regional Humanitarian Corridor, Peru: discussed" in lima.changes
    # Peru's rejection is tied to no visit in the data: it belongs to the outcomes, not to Lima.
    assert "Regional Humanitarian Corridor, Peru: rejected" not in lima.changes
    assert _step(story_steps(kast, "en"), "buenos-aires").changes == [
        "Chile–Argentina joint roadmap, Argentina: agreed"
    ]


@pytest.mark.parametrize(
    ("lang", "end"),
    [
        ("en", "Regional Humanitarian Corridor, Peru: rejected"),
        ("es", "Corredor Humanitario Regional, Perú: rechazada"),
        ("fr", "Regional Humanitarian Corridor, Pérou : rejetée"),
    ],
)
def test_the_outcomes_give_each_proposals_end_state(kast: Tour, lang: str, end: str):
    outcomes = story_steps(kast, lang)[-1]
    assert end in outcomes.changes
    # The latest status per country only: Peru's earlier "discussed" row is not an end state.
    assert len(outcomes.changes) == sum(len({r.country for r in p.history}) for p in kast.proposals)
    assert set(outcomes.sources) >= {"s002-en", "s004-en"}


def test_each_step_has_a_summary_for_screen_readers(kast: Tour):
    summaries = [s.summary for s in story_steps(kast, "en")]
    assert (
        summaries[3]
        == "Step 4 of 5: Lima, Peru. 7 January 2026. Met José Jerí (President of Peru (interim))."
    )
    assert summaries[0].startswith("Step 1 of 5: Introduction.")
    assert summaries[-1] == "Step 5 of 5: Outcomes. Proposals tracked: 6."


def test_without_a_story_section_the_narratives_are_the_tours_and_visits_summaries(kast: Tour):
    steps = story_steps(kast, "es")
    quito = kast.visits[1]
    assert kast.summary is not None and quito.place == "quito" and quito.summary is not None
    assert steps[0].narrative == kast.summary.es
    assert steps[2].narrative == quito.summary.es
    assert steps[-1].narrative is None


def test_the_sources_of_a_step_are_those_it_cites_in_the_tours_order(kast: Tour):
    lima = _step(story_steps(kast, "en"), "lima")
    order = [s.id for s in kast.sources]
    assert lima.sources == sorted(lima.sources, key=order.index)
    assert lima.quote is not None and "s004-en" in lima.sources


STORY = {
    "intro": {"en": "How it began.", "es": "Cómo empezó."},
    "steps": [{"stop": "quito", "text": {"en": "In Quito.", "es": "En Quito."}, "sources": ["s1"]}],
    "outcomes": {"en": "What came of it."},
    "sources": ["s1"],
}


@pytest.mark.parametrize(
    ("lang", "intro", "quito", "outcomes"),
    [
        ("en", "How it began.", "In Quito.", "What came of it."),
        ("es", "Cómo empezó.", "En Quito.", "What came of it."),  # no Spanish given: the English
    ],
)
def test_the_story_section_gives_the_intro_a_narrative_per_stop_and_the_outcomes(
    mini_data: dict[str, Any], lang: str, intro: str, quito: str, outcomes: str
):
    mini_data["story"] = STORY
    steps = story_steps(_tour(mini_data), lang)
    assert [s.narrative for s in steps] == [intro, None, quito, outcomes]
    assert steps[0].sources == ["s1"] and steps[2].sources == ["s1"]


@pytest.mark.parametrize(
    ("step_id", "index"), [("intro", 0), ("lima", 3), ("outcomes", 4), (None, 0), ("paris", 0), ("", 0)]
)
def test_step_index_finds_a_step_by_id_and_falls_back_to_the_first(
    kast: Tour, step_id: str | None, index: int
):
    assert step_index(story_steps(kast, "en"), step_id) == index


# -- any tour -----------------------------------------------------------------------------------------


def test_a_tour_without_proposals_or_words_on_them_has_no_outcomes_step(mini_data: dict[str, Any]):
    mini_data["proposals"] = []
    assert [s.id for s in story_steps(_tour(mini_data), "en")] == ["intro", "lima", "quito"]


def test_a_tour_without_visits_is_its_introduction(mini_data: dict[str, Any]):
    mini_data.update(visits=[], proposals=[], claims=[])
    (intro,) = story_steps(_tour(mini_data), "en")
    assert intro.narrative == "Mini tour" and intro.date is None and intro.summary.startswith("Step 1 of 1")


def test_a_visit_known_only_to_the_month_is_dated_by_its_month(mini_data: dict[str, Any]):
    mini_data["visits"][0]["dates"] = [{"start": "2026-01-01", "precision": "month", "sources": ["s1"]}]
    steps = story_steps(_tour(mini_data), "en")
    assert steps[1].date == "January 2026"
    assert steps[0].date is None  # the tour's span is not known to the day


def test_a_visit_only_scheduled_says_so(mini_data: dict[str, Any]):
    mini_data["visits"][0]["dates"] = [{"start": "2026-01-07", "kind": "scheduled", "sources": ["s1"]}]
    lima = story_steps(_tour(mini_data), "en")[1]
    assert (lima.date, lima.scheduled) == ("7 January 2026", "scheduled for 7 January 2026")


def test_drafts_are_not_part_of_the_story(mini_data: dict[str, Any]):
    mini_data["visits"][1]["draft"] = {"source": "s1", "evidence": "He went to Quito."}
    assert "quito" not in [s.id for s in story_steps(_tour(mini_data), "en")]


def test_a_place_called_intro_keeps_its_own_step(mini_data: dict[str, Any]):
    mini_data["places"][1]["id"] = mini_data["visits"][0]["place"] = "intro"
    mini_data["claims"][0]["place"] = mini_data["claims"][1]["place"] = "intro"
    steps = story_steps(_tour(mini_data), "en")
    ids = [s.id for s in steps]
    assert ids == ["_intro", "intro", "quito", "outcomes"] == step_ids(_tour(mini_data))
    assert steps[step_index(steps, "intro")].kind == "visit"


def test_step_ids_are_the_ids_of_the_steps(kast: Tour, mini_data: dict[str, Any]):
    assert step_ids(kast) == KAST_IDS
    mini_data["proposals"] = []
    mini_data["visits"][1]["draft"] = {"source": "s1", "evidence": "He went to Quito."}
    tour = _tour(mini_data)
    assert step_ids(tour) == [s.id for s in story_steps(tour, "en")] == ["intro", "lima"]


def test_a_visit_without_counterparts_names_the_others_met(mini_data: dict[str, Any]):
    mini_data["visits"][0]["others_met"] = mini_data["visits"][0].pop("counterparts")
    lima = story_steps(_tour(mini_data), "en")[1]
    assert lima.met == ["José Jerí (President of Peru)"]
    assert lima.summary.endswith("Met José Jerí (President of Peru).")
    mini_data["visits"][0].pop("others_met")
    lima = story_steps(_tour(mini_data), "en")[1]
    assert lima.met == [] and lima.summary == "Step 2 of 4: Lima, Peru. 7 January 2026."


def test_a_stop_without_coordinates_is_a_step_without_a_position(mini_data: dict[str, Any]):
    del mini_data["places"][1]["latitude"], mini_data["places"][1]["longitude"]
    lima = story_steps(_tour(mini_data), "en")[1]
    assert (lima.id, lima.latitude, lima.longitude) == ("lima", None, None)
