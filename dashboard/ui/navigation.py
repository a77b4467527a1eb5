"""The app's pages, in the reader's language, and the one address that is not a page of its own.

The map is the default page, so Streamlit serves it at ``/``; ``/map`` (what its title and a
hand-written link say) is a hidden page that opens the map with the same link parameters,
instead of a "Page not found" dialog.
"""

from __future__ import annotations

import streamlit as st

from dashboard.views.i18n import t

SCRIPTS = "dashboard/ui/pages"  # relative to streamlit_app.py, as st.Page wants
# (script and address, word key, icon): the default page first.
PAGES = [
    ("map", "page.map", ":material/map:"),
    ("story", "page.story", ":material/auto_stories:"),
    ("timeline", "page.timeline", ":material/event:"),
    ("topics", "page.topics", ":material/bar_chart:"),
    ("proposals", "page.proposals", ":material/checklist:"),
    ("evidence", "page.evidence", ":material/newspaper:"),
    ("atlas", "page.atlas", ":material/public:"),
    ("compare", "page.compare", ":material/compare:"),
    ("ingest", "page.ingest", ":material/post_add:"),
]
MAP_ALIAS = "map"
# Pages that show the archive, not the tour: their address holds views of their own (state.address).
OWN_VIEWS = ("atlas", "compare")


def script(name: str) -> str:
    """A page's script, as ``st.Page`` and ``st.page_link`` name it (relative to the entry script)."""
    return f"{SCRIPTS}/{name}.py"


def pages(lang: str) -> list[st.Page]:
    """Every page, titled in ``lang``; the last is the hidden ``/map`` that leads to the first."""
    # The default page is served at "/" whatever its url_path; "index" keeps "map" free for the alias.
    shown = [
        st.Page(
            script(name),
            title=t(key, lang),
            icon=icon,
            url_path=name if i else "index",
            default=not i,
        )
        for i, (name, key, icon) in enumerate(PAGES)
    ]
    alias = st.Page(
        lambda: st.switch_page(shown[0], query_params=st.query_params.to_dict()),
        title=t("page.map", lang),
        url_path=MAP_ALIAS,
        visibility="hidden",
    )
    return [*shown, alias]


def kind(page: st.Page) -> str:
    """``"atlas"`` or ``"compare"`` for those pages, ``"tour"`` for every page that shows the tour."""
    return page.url_path if page.url_path in OWN_VIEWS else "tour"
