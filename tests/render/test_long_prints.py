"""Images for print of long tours: a chart never grows past a bounded height (a timeline of 5,000 visits
was 280,000 px tall); it draws its first rows and says, on the image, what it leaves out. No browser
needed: these read the figures that would be drawn."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import plotly.graph_objects as go
import pytest
import yaml

from dashboard.render import prints
from dashboard.tourfile.load import load_text
from dashboard.tourfile.model import Tour
from dashboard.views.formats import format_date
from tests.conftest import MINI_YAML

TALLEST = 4_500  # px: every chart below is far taller uncut; the heading and credit line included


@pytest.fixture(scope="module")
def five_thousand() -> Tour:
    from bench.synth import make_tour

    return load_text(json.dumps(make_tour(2 * 5000 + 1)), "long.json")  # 5,000 visits, a row each


def _mini(**changes: Any) -> Tour:
    data = yaml.safe_load(MINI_YAML)
    data.update(changes)
    return load_text(yaml.safe_dump(data, allow_unicode=True), "mini.yaml")


def _note(figure: go.Figure) -> str:
    """The subtitle's last line: where the image says what it leaves out."""
    return str(figure.layout.title.subtitle.text).split("<br>", 1)[-1].replace("<br>", " ")


def test_a_timeline_of_5000_visits_draws_its_first_rows_and_says_what_it_leaves_out(five_thousand: Tour):
    figure = prints.print_figure(five_thousand, "timeline", "en")
    rows = len(figure.layout.yaxis.tickvals)
    assert figure.layout.height <= TALLEST and 0 < rows <= prints.FIRST_ROWS
    labels = figure.layout.yaxis.ticktext  # the first rows, in date order
    assert (labels[0], labels[-1]) == ("1. Place 1 — Leader 1", f"{rows}. Place {rows} — Leader {rows}")
    assert _note(figure) == (
        f"<b>The first {rows} of 5,000 rows are drawn; the {5000 - rows:,} rows from "
        f"{_day(rows)} on are left out of this image (the app's Timeline page shows every one).</b>"
    )


def _day(rows: int) -> str:
    """The first day left out: the synthetic tour's visit ``rows + 1``, a day after 15 December 2025."""
    return format_date(dt.date(2025, 12, 15) + dt.timedelta(days=rows + 1), "en")


@pytest.mark.parametrize(("lang", "said"), [("es", "Se dibujan las primeras"), ("fr", "Les ")])
def test_the_note_is_in_the_images_language(five_thousand: Tour, lang: str, said: str):
    assert _note(prints.print_figure(five_thousand, "timeline", lang)).startswith(f"<b>{said}")


def test_a_tracker_of_500_proposals_draws_its_first_rows_and_says_so():
    base = yaml.safe_load(MINI_YAML)["proposals"][0]
    proposals = [{**copy.deepcopy(base), "id": f"p{i}", "title": {"en": f"Plan {i}"}} for i in range(500)]
    figure = prints.print_figure(_mini(proposals=proposals), "proposals", "en")
    rows = len(figure.data[0].cells.values[0])
    assert figure.layout.height <= TALLEST and 0 < rows < 500
    assert _note(figure) == (
        f"<b>The first {rows} of 500 proposals are drawn; the other {500 - rows} are left out of this image "
        "(the app's Proposals page shows every one).</b>"
    )


def test_a_chart_of_400_topics_draws_the_first_topics_and_says_so():
    topics = [{"id": f"t{i}", "label": {"en": f"Topic {i}"}} for i in range(400)]
    claims = [{"id": "c1", "place": "lima", "topics": [t["id"] for t in topics], "text": {"en": "All"},
               "sources": ["s1"]}]  # fmt: skip
    figure = prints.print_figure(_mini(topics=topics, claims=claims), "topics", "en")
    shown = [trace.name for trace in figure.data if trace.type == "bar"]
    assert figure.layout.height <= TALLEST and 0 < len(shown) < 400 and shown[0] == "Topic 0"
    assert _note(figure) == (
        f"<b>The first {len(shown)} of 400 topics are drawn; the other {400 - len(shown)} are left out of "
        "this image (the app's Topics per stop page shows every one).</b>"
    )


@pytest.mark.parametrize("view", ["timeline", "topics", "proposals"])
def test_a_short_tours_chart_is_whole_and_says_nothing_of_the_kind(kast: Tour, view: str):
    figure = prints.print_figure(kast, view, "en")
    assert "left out" not in str(figure.layout.title.subtitle.text)
