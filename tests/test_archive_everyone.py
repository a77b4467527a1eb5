"""Every page works on every person in the travel archive: each person's record, as the library opens
it, through what every page draws (the map's payload, the itinerary and its cards, the figures, the
timeline and its chart, the topics, the proposals, the sources, the story, Compare's map and tables)."""

from __future__ import annotations

import pytest

from dashboard.archive.library import people, person_tour
from dashboard.render import charts, compare_map
from dashboard.render.map_data import payload
from dashboard.views import citations, compare, tables
from dashboard.views.figures import key_figures
from dashboard.views.filters import ViewState, from_query, to_query
from dashboard.views.story import story_steps

EVERYONE = [p.slug for p in people()]


@pytest.mark.slow
@pytest.mark.parametrize("slug", EVERYONE)
def test_every_page_draws_every_person(slug: str) -> None:
    tour = person_tour(slug)
    view = ViewState()
    data = payload(tour, "en")
    assert len(data["ids"]) == sum(p.has_coordinates for p in tour.places)
    itinerary = tables.stops_frame(tour, view)
    assert len(itinerary) == len(tour.places) and tables.stop_cards(itinerary.head(40), "en")
    assert key_figures(tour)["visits"] == len(tour.visits)
    timeline = tables.timeline_frame(tour, view)
    assert charts.timeline_figure(timeline, "en").layout.height > 0
    assert tables.topic_counts(tour, view).empty == (not tour.claims)
    tables.proposal_grid(tour, view)
    assert len(citations.articles_frame(tour, "en", None)) == len(tour.sources)
    steps = story_steps(tour, "es")
    assert steps[0].kind == "intro"
    assert sum(s.kind not in ("intro", "outcomes") for s in steps) == len(tour.visits)
    side = compare_map.side(tour, tour.subject, "fr")
    located = {p.id for p in tour.places if p.has_coordinates}
    assert len(side.stops) == sum(v.place in located for v in tour.visits)
    assert side.countries == sorted(compare.visited_countries(tour))
    # A link to one of its trips opens that trip's visits.
    trips = sorted({v.trip for v in tour.visits if v.trip is not None})
    one = from_query(to_query(ViewState(trips=(trips[-1],))), tour)
    assert one.trips == (trips[-1],) and not one.problems
