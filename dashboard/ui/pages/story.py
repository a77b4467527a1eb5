"""The story page: the tour told step by step (introduction, each visit, outcomes) beside a map
that flies to each stop, with the ways to publish it (the story file, an embed snippet, images
for print and the evidence pack).

A step is part of the view (``?step=lima``), so every step has its own link; the previous and
next buttons, and the ← → keys (``render/assets/app_a11y.js``), move through it. The map is the
route map drawn once; each step sends only a small layer that flies it to the stop.
"""

from __future__ import annotations

import streamlit as st

from dashboard.render.story_map import focus_layer
from dashboard.tourfile.model import Tour
from dashboard.ui import cache, route_map, state, widgets
from dashboard.ui.publish import render as render_publish
from dashboard.ui.state import LoadedTour, Widget
from dashboard.views.filters import ViewState
from dashboard.views.formats import format_number
from dashboard.views.i18n import t
from dashboard.views.markup import md, md_link
from dashboard.views.story import StoryStep, step_index


def _go(step_id: str) -> None:
    """A step chosen by a button or the ← → keys (the address follows: see :func:`state.sync_url`)."""
    state.change_view(step=step_id)


def render_nav(steps: list[StoryStep], index: int, lang: str) -> None:
    """Previous and next (the ← → keys press them), and where the reader is."""
    back, where, ahead = st.columns([1, 3, 1], vertical_alignment="center")
    previous = steps[index - 1].id if index > 0 else None
    following = steps[index + 1].id if index + 1 < len(steps) else None
    back.button(t("tell.previous", lang), key=Widget.STORY_PREV, disabled=previous is None,
                on_click=_go, args=(previous,), width="stretch", help=t("tell.keys", lang))  # fmt: skip
    ahead.button(t("tell.next", lang), key=Widget.STORY_NEXT, disabled=following is None,
                 on_click=_go, args=(following,), width="stretch", help=t("tell.keys", lang))  # fmt: skip
    count = t("tell.step_of", lang, n=format_number(index + 1, lang), total=format_number(len(steps), lang))
    where.markdown(f"**{md(count)}** · {md(steps[index].title)}")


def render_map(loaded: LoadedTour, view: ViewState, step: StoryStep) -> None:
    """The route map, flown to the step's stop (the whole route for the introduction and outcomes)."""
    stop = step.id if step.kind == "visit" else None
    key = route_map.map_key(Widget.STORY_MAP, loaded, view.lang)
    route_map.draw(loaded, view.lang, key=key, height=420, layer=focus_layer(stop), returned=[])


def render_step(tour: Tour, step: StoryStep, lang: str) -> None:
    """The step in words: date, whom he met, what they discussed, the key quote, what changed."""
    st.subheader(md(step.title))
    rows = [
        (t("field.dates", lang), " · ".join(x for x in (step.date, step.scheduled) if x)),
        (t("field.met", lang), "; ".join(step.met)),
        (t("field.topics", lang), ", ".join(step.topics)),
    ]
    st.markdown("\n".join(f"- **{md(k)}**: {md(v)}" for k, v in rows if v))
    if step.narrative:
        st.markdown(md(step.narrative))
    if step.quote:
        quote = step.quote
        said = ", ".join(x for x in (md(quote.speaker), md_link(quote.citation, quote.url)) if x)
        # Not a Markdown block quote: Streamlit draws those at 60 % opacity, below 4.5:1 contrast.
        st.markdown(f"**“{md(quote.text)}”**\n\n— {said}")
    if step.changes:
        label = t("story.end_state" if step.kind == "outcomes" else "tell.changes", lang)
        st.markdown(f"**{md(label)}**\n\n" + "\n".join(f"- {md(c)}" for c in step.changes))
    widgets.render_sources_key(tour, step.sources, lang)


def render() -> None:
    loaded, view = state.page_context()
    lang = view.lang
    steps = cache.steps_of(loaded, lang)
    st.header(t("page.story", lang))
    if not steps:
        st.info(t("tell.empty", lang))
        return
    index = step_index(steps, view.step)
    render_nav(steps, index, lang)
    map_column, text_column = st.columns([3, 2])
    with map_column:
        render_map(loaded, view, steps[index])
    with text_column:
        render_step(loaded.tour, steps[index], lang)
    widgets.announce(steps[index].summary)
    render_publish(loaded, lang)


if __name__ == "__main__":  # run as a page by st.navigation (streamlit_app.py)
    render()
