"""Cross-reference checks of the tour format: the draft mark's source."""

from __future__ import annotations

import pytest
import yaml

from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import load_text


def test_a_draft_mark_names_one_of_the_tours_sources(mini_data):
    mini_data["places"][1]["draft"] = {"source": "nope", "evidence": "a sentence"}
    with pytest.raises(TourError) as caught:
        load_text(yaml.safe_dump(mini_data), "x.yaml")
    (problem,) = caught.value.problems
    assert "draft.source" in str(problem) and "'nope'" in str(problem)
    mini_data["places"][1]["draft"] = {"source": "s1", "evidence": "a sentence"}
    assert load_text(yaml.safe_dump(mini_data), "x.yaml").places[1].draft is not None
