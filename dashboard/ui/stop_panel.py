"""The selected stop's panel, shown by the map and the timeline: a key to its sources, its
description, its visit as a Detail | Value table, and its claims."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from dashboard.tourfile.model import Person, Visit
from dashboard.ui import cache, widgets
from dashboard.ui.state import LoadedTour
from dashboard.views import citations, markup, tables
from dashboard.views.filters import ViewState, filter_claims
from dashboard.views.formats import cited, date_variants, person, stop_title
from dashboard.views.i18n import t


def _people(people: list[Person], lang: str, names: Mapping[str, str]) -> str:
    return "; ".join(cited(person(p, lang), p.sources, names) for p in people)


def _visit_rows(visit: Visit, lang: str, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """The visit's details, each with its sources by name (the key under them says what each is)."""
    durations = [cited(d.text.get(lang), d.sources, names) for d in visit.duration]
    return [
        (t("field.dates", lang), date_variants(visit.ranked_dates(), lang, names)),
        (t("field.venue", lang), visit.venue.get(lang) if visit.venue else t("word.unknown", lang)),
        (t("field.met", lang), _people(visit.counterparts, lang, names)),
        (t("field.others_met", lang), _people(visit.others_met, lang, names)),
        (t("field.delegation", lang), _people(visit.delegation, lang, names)),
        (t("field.duration", lang), "; ".join(durations)),
    ]


def _visit_sources(visit: Visit) -> list[str]:
    """Every source id the stop's details table shows, in the order it shows them."""
    people = (*visit.counterparts, *visit.others_met, *visit.delegation)
    groups = [
        *(d.sources for d in visit.ranked_dates()),
        *(p.sources for p in people),
        *(d.sources for d in visit.duration),
    ]
    return [sid for group in groups for sid in group]


def render_stop(loaded: LoadedTour, view: ViewState) -> None:
    """The selected stop (nothing when none is selected)."""
    tour, lang = loaded.tour, view.lang
    stop = next((s for s in cache.cached_stops(loaded) if s.place.id == view.stop), None)
    if stop is None:
        return
    # Keyed: a map card's "more" brings this panel into view (render/assets/tour_layer.js).
    with st.container(key="stop-panel"):
        title = stop_title(stop.order, stop.place.name)
        st.subheader(f"{t('section.selected', lang)}: {markup.md(title)}")
        claims = filter_claims(tour, view)
        sources = (_visit_sources(stop.visit) if stop.visit else []) + citations.claim_sources(claims)
        widgets.render_sources_key(tour, sources, lang)
        if stop.place.description:
            st.markdown(markup.md(stop.place.description.get(lang)))
        if stop.visit:
            rows = [(k, v) for k, v in _visit_rows(stop.visit, lang, tables.reader_names(tour, lang)) if v]
            table = pd.DataFrame(rows, columns=[t("field.detail", lang), t("field.value", lang)])
            st.markdown(markup.md_table(table))
        widgets.render_claims(tour, claims, lang)
