"""Helpers every page uses: the page's tour and view, safe text, cached figures, claim tables."""

from __future__ import annotations

import base64
import functools
import gc
import os
import re
import string
import sys
from collections.abc import Iterable
from typing import Any

import streamlit as st

from dashboard.tourfile.model import Claim, Tour
from dashboard.ui.state import VIEW_KEY, LoadedTour
from dashboard.views import citations
from dashboard.views import tables as frames
from dashboard.views.derive import Stop, stops
from dashboard.views.filters import ViewState, to_query, visible_places
from dashboard.views.i18n import format_number, t

_PUNCTUATION = set(string.punctuation)
# Words GFM's autolink extension would make links of: http(s)://, www. and e-mail addresses.
# It looks for them in the text after backslash escapes are resolved, so escaping cannot stop it.
_LINKABLE = re.compile(r"://|www\.|[-.\w+]@[-\w]+\.[-\w]", re.IGNORECASE)
_WORDS = re.compile(r"(\s+)")  # split on whitespace, keeping it
MARKDOWN_ROWS = 40  # up to this many rows a table is plain Markdown; longer ones scroll in the grid
# A long tour's itinerary shows this many rows (the CSV has them all) and its stop selector lists
# this many stops: 10,000 of either kept the browser busy for seconds on every rerun.
LONG_LIST = 500
ROW_HEIGHT = 84  # px: four lines of grid text, enough for most claims and quotes


@functools.lru_cache(maxsize=1024)  # the same texts come back on every rerun; 1,024 bounds the memory
def md(text: str, table: bool = False) -> str:
    """Tour text made literal for st.markdown: every ASCII punctuation mark backslash-escaped.

    CommonMark allows escaping any ASCII punctuation, so links, images, emphasis, HTML
    and Streamlit's ``:colour[...]`` directives in a tour file all show as typed. A word
    the autolinker would still turn into a link goes in a code span instead (see
    :func:`_code`); ``table`` says the text goes in a Markdown table cell.
    """
    return "".join(
        _code(part, table) if _LINKABLE.search(part) else _escape(part) for part in _WORDS.split(text)
    )


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in _PUNCTUATION else ch for ch in text)


def _code(word: str, table: bool) -> str:
    """``word`` in inline code spans: shown as typed, and never a link (the autolinker skips code).

    In a table cell a ``|`` ends the cell even inside code, and GFM's ``\\|`` inside code cannot
    follow a backslash (``\\\\|`` still ends the cell): so each ``|`` goes between two code
    spans, escaped as text, where ``\\|`` always reads as ``|``.
    """
    if table:
        return "\\|".join(_span(piece) if piece else "" for piece in word.split("|"))
    return _span(word)


def _span(text: str) -> str:
    """One code span of ``text`` (backslashes are literal in code): the fence is one backtick longer
    than any run inside, padded with a space when ``text`` starts or ends with one (CommonMark
    strips that space)."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_table(frame: Any) -> str:
    """A DataFrame as a Markdown table of literal text.

    The map page uses these instead of st.dataframe: a plain table needs none of the
    1.2 MB grid code the browser would otherwise load before the map appears.
    """

    def cell(value: object) -> str:
        return md(" ".join(str(value if value is not None else "").split()), table=True)

    header = "| " + " | ".join(cell(c) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


@st.cache_resource(max_entries=8, show_spinner=False)
def _stops(tour_key: str, _tour: Tour) -> list[Stop]:
    return stops(_tour)


def cached_stops(loaded: LoadedTour) -> list[Stop]:
    """The tour's stops, computed once per tour (a 10,000-place tour takes 0.1 s)."""
    return _stops(loaded.key, loaded.tour)


@st.cache_data(max_entries=32, show_spinner=False)
def _visible(tour_key: str, view_key: str, _tour: Tour, _state: ViewState) -> set[str]:
    return visible_places(_tour, _state)


def visible(loaded: LoadedTour, state: ViewState) -> set[str]:
    """The places matching the filters, computed once per tour and view (the map and the itinerary)."""
    return _visible(loaded.key, repr(to_query(state)), loaded.tour, state)


@st.cache_data(max_entries=32, show_spinner=False)
def _itinerary(tour_key: str, view_key: str, _loaded: LoadedTour, _state: ViewState) -> Any:
    every, shown = cached_stops(_loaded), visible(_loaded, _state)
    return frames.stops_frame(_loaded.tour, _state, every, shown).drop(columns=["id"])


def itinerary(loaded: LoadedTour, state: ViewState) -> Any:
    return _itinerary(loaded.key, repr(to_query(state)), loaded, state)


def served(text: str, mimetype: str, name: str) -> str:
    """A URL, relative to a component's frame, where the browser fetches ``text``.

    Streamlit's media endpoint serves it from memory (one copy whatever the number of
    sessions); registering it on every run keeps it alive for this session. Custom
    component frames live at ``<app>/component/<name>/index.html``, hence ``../..``.
    """
    from streamlit import runtime

    if not runtime.exists():  # bare mode (no server): inline it instead
        return "data:" + mimetype + ";base64," + base64.b64encode(text.encode()).decode()
    url = runtime.get_instance().media_file_mgr.add(text.encode(), mimetype, f"tour-dashboard-{name}")
    return "../.." + url if url.startswith("/") else url


def freeze_startup_heap() -> None:
    """Leave what the process has loaded so far out of every later garbage collection.

    Streamlit collects garbage after each script run (``runner.postScriptGC``). Profiled with
    py-spy, that full pass took 60-90 ms per rerun, nearly all of it rescanning ~145,000
    objects of imported modules that live as long as the process, and it holds the
    interpreter lock while the run's messages wait to be sent to the browser. Frozen once,
    at the first run, those objects are skipped; whatever runs create is still collected.
    """
    # Only in a process `streamlit run` started: AppTest runs the script inside the test process,
    # whose heap is not ours to freeze.
    if gc.get_freeze_count() == 0 and "streamlit.web.bootstrap" in sys.modules:
        gc.freeze()


LIGHT_KEY = "light_run"
SEEN_KEY = "session_ran"


def start_run(map_page: bool) -> bool:
    """Whether this run is light: a session's first run of the map page sends the map first.

    Everything else on the screen (figures, stop panel, itinerary, sidebar widgets) waits
    for the next run, which st_folium asks for as soon as its map is drawn: its widgets'
    code would otherwise load ahead of the map's, in the same browser thread.
    """
    light = map_page and not st.session_state.get(SEEN_KEY)
    st.session_state[SEEN_KEY] = True
    st.session_state[LIGHT_KEY] = light
    return light


def light_run() -> bool:
    return bool(st.session_state.get(LIGHT_KEY))


def page_context() -> tuple[LoadedTour, ViewState]:
    """The tour and view the entry script prepared for this run."""
    return st.session_state["loaded_tour"], st.session_state[VIEW_KEY]


def tiles_enabled() -> bool:
    """Background tiles are the only thing the map fetches; TOUR_TILES=none turns them off."""
    return os.environ.get("TOUR_TILES", "osm").lower() != "none"


@st.cache_data(max_entries=16, show_spinner=False)
def _key_figures(tour_key: str, _tour: Tour) -> dict[str, Any]:
    return frames.key_figures(_tour, ViewState())


def key_figures(tour: Tour) -> dict[str, Any]:
    loaded: LoadedTour = st.session_state["loaded_tour"]
    return _key_figures(loaded.key, tour)


def empty_notice(tour_has_any: bool, none_key: str, lang: str, filtered_key: str = "no_match") -> None:
    """Why a table is empty: the filters leave nothing (``filtered_key``), or the tour file has
    nothing of the kind (``none_key``): blaming the filters then would send readers looking for one."""
    st.info(t(filtered_key if tour_has_any else none_key, lang))


def claim_columns(lang: str) -> dict[str, Any]:
    """Grid columns of a claims table: room for the claim and the quote, help on the headers, no id."""

    def column(key: str, width: int) -> Any:
        return st.column_config.TextColumn(width=width, help=t(f"{key}_help", lang))

    return {
        frames.header("text", lang): column("claim", 340),
        frames.header("quote", lang): column("quote", 260),
        frames.header("speaker", lang): column("speaker", 130),
        frames.header("sources", lang): column("sources", 130),
        frames.header("id", lang): None,  # None hides a column: an internal key, not for readers
    }


def render_claims(tour: Tour, claims: list[Claim], lang: str, key: str = "claims") -> None:
    """Claims and quotes as a table (plain text cells: nothing in them is rendered as markup)."""
    if not claims:
        empty_notice(bool(tour.claims), "no_claims", lang)
        return
    frame = frames.claims_frame(tour, claims, lang)
    if len(frame) <= MARKDOWN_ROWS:  # a plain table: no grid code to fetch before it shows
        st.markdown(md_table(frame.drop(columns=[frames.header("id", lang)])))
    else:
        # Taller rows let the claim and the quote wrap onto up to four lines.
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key=key,
            column_config=claim_columns(lang),
            row_height=ROW_HEIGHT,
        )


def render_sources_key(tour: Tour, ids: Iterable[str], lang: str) -> None:
    """A compact key to the source ids this part of the page shows: what each article is."""
    rows = citations.source_key(tour, ids, lang)
    if not rows:
        return
    with st.expander(t("sources_key", lang, count=format_number(len(rows), lang))):
        st.markdown("\n".join(f"- **{md(sid)}**: {md(line)}" for sid, line in rows))


def key_figure(column: Any, key: str, value: float | None, lang: str) -> None:
    """One key figure: a short label (a fifth of the page wide), its meaning in the help, the number
    written as a reader of ``lang`` expects (``6.802`` in Spanish)."""
    shown = "—" if value is None else format_number(value, lang)
    column.metric(t(key, lang), shown, help=t(f"{key}_help", lang))
