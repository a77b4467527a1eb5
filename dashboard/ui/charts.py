"""A chart as every page shows it: named for screen readers by the caption kept with it (a bold
name, then a one-sentence summary; ``render/assets/app_a11y.js`` links them), drawn by plotly
with its logo off, and selectable, its selection forgotten when the view is reset."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from dashboard.ui import state
from dashboard.ui.state import Widget
from dashboard.views.markup import md

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def selectable_chart(
    name: str, figure: go.Figure, caption: str, widget: Widget, on_select: Callable[[str], None]
) -> None:
    """The chart in a ``chart-<name>`` container with its caption; ``on_select(key)`` runs when
    a reader selects (or clears) a point, with the chart's key to read the selection from."""
    key = state.chart_key(widget)
    with st.container(key=f"chart-{name}"):
        st.caption(caption)
        st.plotly_chart(
            figure,
            config=PLOTLY_CONFIG,
            key=key,
            on_select=lambda: on_select(key),
            selection_mode="points",
        )


def named_chart(name: str, figure: go.Figure, caption: str, key: str) -> None:
    """A chart to read, not to click: in a ``chart-<name>`` container with its caption (its name)."""
    with st.container(key=f"chart-{name}"):
        st.caption(caption)
        st.plotly_chart(figure, config=PLOTLY_CONFIG, key=key)


def caption(name: str, summary: str) -> str:
    """A chart's caption: its name in bold, then its one-sentence summary (both escaped Markdown)."""
    return f"**{md(name)}.** {md(summary)}"
