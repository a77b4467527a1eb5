"""The optional ``story:`` section of the tour format: its fields, and its references checked like the
rest of the file's (each problem with its path, line and column)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Tour
from tests.conftest import MINI_YAML, plain

STORY = """\
story:
  intro: {en: How it began., es: Cómo empezó.}
  steps:
    - stop: lima
      text: {en: In Lima., es: En Lima.}
      sources: [s1]
    - stop: quito
      text: {en: In Quito.}
  outcomes: {en: What came of it.}
  sources: [s1]
"""


def test_a_story_section_loads_with_every_field():
    story = load_text(MINI_YAML + STORY, "story.yaml").story
    assert story is not None and story.intro is not None and story.outcomes is not None
    assert story.intro.get("es") == "Cómo empezó."
    assert [(s.stop, s.text.get("en"), s.sources) for s in story.steps] == [
        ("lima", "In Lima.", ["s1"]),
        ("quito", "In Quito.", []),
    ]
    assert story.sources == ["s1"]


def test_the_story_section_is_optional_and_each_of_its_parts_too():
    assert load_text(MINI_YAML, "mini.yaml").story is None
    story = load_text(MINI_YAML + "story: {}\n", "mini.yaml").story
    assert story is not None and (story.intro, story.steps, story.outcomes, story.sources) == (
        None,
        [],
        None,
        [],
    )


def _problems(text: str) -> list[str]:
    with pytest.raises(TourError) as caught:
        load_text(text, "story.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "mark", "expected"),
    [
        # A place that exists, but is only discussed: a story step goes with a visit.
        ("stop: quito", "stop: tacna", "stop: tacna", "story.steps[1].stop ({at}): this place has no visit"),
        (
            "stop: quito",
            "stop: qito",
            "stop: qito",
            "story.steps[1].stop ({at}): unknown visited place id: no visited place has this id "
            "(got 'qito'); did you mean 'quito'?",
        ),
        (
            "[s1]\n    - stop",
            "[s9]\n    - stop",
            "s9]",
            "story.steps[0].sources[0] ({at}): unknown source id",
        ),
        (
            "\n  sources: [s1]\n",
            "\n  sources: [s1, s7]\n",
            "s7]",
            "story.sources[1] ({at}): unknown source id",
        ),
        (
            "stop: quito",
            "stop: lima",
            "stop: lima",
            "story.steps[1].stop ({at}): this stop already has a narrative (story.steps[0])",
        ),
    ],
)
def test_a_broken_reference_in_the_story_is_named_with_its_line_and_column(
    old: str, new: str, mark: str, expected: str
):
    text = MINI_YAML + STORY.replace(old, new, 1)
    at = text.rindex(mark)  # where the problem is: the last one, in the story at the end
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    (problem,) = _problems(text)
    assert problem.startswith(expected.format(at=f"line {line}, column {column}")), problem


@pytest.mark.parametrize(
    ("old", "new", "field", "shown"),
    [
        ("  outcomes:", "  colour: red\n  outcomes:", "story.colour", "unknown field"),
        ("      text: {en: In Quito.}\n", "", "story.steps[1].text", "required"),
        ("- stop: quito", "- stop: Quito", "story.steps[1].stop", "'Quito'"),
        ("  intro: {en: How it began., es: Cómo empezó.}", "  intro: Hello", "story.intro", "'Hello'"),
    ],
)
def test_a_malformed_story_is_refused_clearly(old: str, new: str, field: str, shown: str):
    problems = plain(_raised(MINI_YAML + STORY.replace(old, new, 1)).problems)
    line = next((p for p in problems if p.startswith(field)), None)
    assert line is not None and shown in line, problems


def _raised(text: str) -> TourError:
    with pytest.raises(TourError) as caught:
        load_text(text, "story.yaml")
    return caught.value


def test_story_references_are_checked_along_with_type_errors(mini_data: dict[str, Any]):
    """One load lists a type error elsewhere and a broken story reference together."""
    mini_data["places"][1]["latitude"] = 100
    mini_data["story"] = {"steps": [{"stop": "paris", "text": {"en": "x"}}], "sources": ["s9"]}
    problems = plain(_raised(json.dumps(mini_data, default=str)).problems)
    assert any(p.startswith("places[1].latitude") for p in problems), problems
    assert any(p.startswith("story.steps[0].stop") and "'paris'" in p for p in problems), problems
    assert any(p.startswith("story.sources[0]") and "'s9'" in p for p in problems), problems


def test_the_json_schema_documents_the_story_section():
    schema = Tour.model_json_schema()
    assert "story" in schema["properties"]
    story, narrative = schema["$defs"]["Story"], schema["$defs"]["Narrative"]
    assert set(story["properties"]) == {"intro", "steps", "outcomes", "sources"}
    assert set(narrative["properties"]) == {"stop", "text", "sources"}
    described = [story["properties"][k] for k in ("intro", "steps", "outcomes", "sources")]
    described += [narrative["properties"][k] for k in ("stop", "text", "sources")]
    assert all(re.search(r"\w", d.get("description", "")) for d in described)
    assert narrative["required"] == ["stop", "text"]
