"""Publishing from the app: the story as one file and its embed snippet, the images for print and
the evidence pack. Each is made by the same function as its command-line export.

Images take a browser a few seconds each, so they are drawn when asked for, once per tour and
language, and kept in the session; a machine without a browser gets one line saying so.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard.render.embed import embed_snippet
from dashboard.render.errors import ExportError
from dashboard.render.pack import VIEWS
from dashboard.tourfile.edit import tour_yaml
from dashboard.ui import state
from dashboard.ui.state import LoadedTour, Widget, keyed
from dashboard.ui.tours import configured_path
from dashboard.views.i18n import t
from dashboard.views.library import ARCHIVE
from dashboard.views.markup import md
from dashboard.workflows import export_bytes, export_images, export_text


def _tour_file(loaded: LoadedTour) -> tuple[str, bytes]:
    """The tour file: the configured file's own bytes, or an upload or an archive person's record as it
    was loaded (written out as YAML, with any coordinates the gazetteer added), named so that it loads
    again."""
    full = state.FULL.get() or loaded
    if full.is_upload:
        return f"{Path(full.label).stem or 'tour'}.yaml", tour_yaml(full.tour).encode()
    if full.key.startswith(ARCHIVE):  # a person of the archive: the tour `import oh-travels` writes
        return f"{full.key.removeprefix(ARCHIVE)}.yaml", tour_yaml(full.tour).encode()
    path = configured_path()
    return path.name, path.read_bytes()


def render_story_file(loaded: LoadedTour, lang: str) -> None:
    tour = loaded.tour
    name = f"{tour.id}-story-{lang}.html"  # the snippet below embeds the file by this name
    st.download_button(
        t("publish.story", lang),
        lambda: export_text(tour, "story", lang),
        file_name=name,
        mime="text/html",
        on_click="ignore",
        key=keyed(Widget.DOWNLOAD, "story"),
        icon=":material/download:",
    )
    st.caption(t("publish.embed_help", lang))
    # Plain text: the highlighter's tag colour is below the contrast axe-core asks for (4.5:1).
    st.code(embed_snippet(tour.title.get(lang), lang, name), language=None, wrap_lines=True)


def _draw_images(loaded: LoadedTour, lang: str) -> None:
    """Every view's image, drawn now (a button's callback) within one deadline, or the one line saying
    why not (no browser, or one that took too long: it is stopped, not waited for)."""
    try:
        with st.spinner(t("publish.drawing", lang)):
            drawn = export_images(loaded.tour, VIEWS, lang)
    except ExportError as exc:
        state.IMAGES.set((loaded.key, lang, str(exc)))
        return
    state.IMAGES.set((loaded.key, lang, drawn))


def images_of(loaded: LoadedTour, lang: str) -> dict[str, bytes] | str | None:
    """The images drawn for this tour and language, the reason they could not be, or None."""
    kept = state.IMAGES.get()
    return kept[2] if kept is not None and kept[:2] == (loaded.key, lang) else None


def render_images(loaded: LoadedTour, lang: str) -> None:
    drawn = images_of(loaded, lang)
    if drawn is None:
        st.button(t("publish.draw", lang), key=Widget.DRAW_IMAGES, on_click=_draw_images, args=(loaded, lang))
        return
    if isinstance(drawn, str):  # said once; the button stays, for a browser that failed only once
        st.error(f"{t('publish.no_images', lang)}: {md(drawn)}")
        st.button(t("publish.draw", lang), key=Widget.DRAW_IMAGES, on_click=_draw_images, args=(loaded, lang))
        return
    columns = st.columns(len(drawn))
    for column, (view, data) in zip(columns, drawn.items(), strict=True):
        column.download_button(
            t(f"publish.image_{view}", lang),
            data,
            file_name=f"{loaded.tour.id}-{view}-{lang}.png",
            mime="image/png",
            on_click="ignore",
            key=keyed(Widget.DOWNLOAD, "png", view),
        )


def render_pack(loaded: LoadedTour, lang: str) -> None:
    drawn = images_of(loaded, lang)
    images = drawn if isinstance(drawn, dict) else None

    def pack() -> bytes:  # made on the click: writing out an uploaded tour takes seconds when it is long
        name, data = _tour_file(loaded)
        return export_bytes(loaded.tour, "pack", lang, tour_file=(name, data), images=False, drawn=images)

    st.download_button(
        t("publish.pack", lang),
        pack,
        file_name=f"{loaded.tour.id}-evidence-pack.zip",
        mime="application/zip",
        on_click="ignore",
        key=keyed(Widget.DOWNLOAD, "pack"),
        icon=":material/folder_zip:",
    )
    st.caption(t("publish.pack_help", lang))


def render(loaded: LoadedTour, lang: str) -> None:
    st.subheader(t("publish.title", lang))
    render_story_file(loaded, lang)
    st.markdown(f"**{md(t('publish.images', lang))}**")
    render_images(loaded, lang)
    render_pack(loaded, lang)
