"""The story page's map: the route map of :mod:`dashboard.render.maps`, flown to each step's stop.

The app sends this small layer with each step (as st_folium's ``feature_group_to_add``), so a
step moves the map already drawn instead of reloading it: the stop is selected as anywhere else,
and the map flies to it (or, for the introduction and the outcomes, back to the whole route).
Readers who ask for reduced motion get a jump, not a flight.
"""

from __future__ import annotations

import folium
from jinja2 import Template

from dashboard.render.asset_files import asset, shipped
from dashboard.render.maps import RawMacroElement
from dashboard.render.safe_html import script_json

STOP_ZOOM = 6  # close enough to see the stop's country, far enough to keep its neighbours


class StoryFocus(RawMacroElement):
    """Selects a step's stop and flies to it; with no stop, flies back to the whole route."""

    template = Template(asset("story_focus.js.j2"))
    script_body = shipped(asset("story_focus.js"))

    def __init__(self, stop: str | None) -> None:
        super().__init__("StoryFocus", self.template)
        self.focus_json = script_json({"stop": stop, "zoom": STOP_ZOOM})


def focus_layer(stop: str | None) -> folium.FeatureGroup:
    """The layer for a step at ``stop`` (a place id), or for the whole route (None)."""
    group = folium.FeatureGroup(name="story-focus", control=False)
    StoryFocus(stop).add_to(group)
    return group
