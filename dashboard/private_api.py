"""Every use of another project's private API, in one place, each checked by a test that fails loudly.

Nothing else in the project may reach into another package's internals. When an upgrade of
Streamlit, streamlit-folium or requests changes one of these, ``tests/test_private_api.py``
names which one broke, instead of a blank map or a lost click in a browser.

Kept free of imports of the packages concerned: callers pass the objects in, so this
module sits below every layer and imports nothing from them.
"""

from __future__ import annotations

from typing import Any

# streamlit-folium's map frame keeps its state in this global (its frontend's `window.__GLOBAL_DATA__`);
# the map's script reads it to report a click at once instead of after st_folium's 250 ms debounce.
ST_FOLIUM_GLOBAL = "__GLOBAL_DATA__"
# The fields of that global the script reads or writes (render/tour_layer.js.j2).
ST_FOLIUM_FIELDS = ("previous_data", "returned_objects", "wrap_longitude", "last_object_clicked_count")


def serve_from_memory(runtime: Any, data: bytes, mimetype: str, name: str) -> str:
    """A URL at which Streamlit's media endpoint serves ``data`` (``Runtime.media_file_mgr.add``).

    ``runtime`` is ``streamlit.runtime.get_instance()``. Streamlit has no public API to serve
    bytes to a component frame; its media file manager is what ``st.image`` and
    ``st.download_button`` use, and keeps one copy however many sessions ask.
    """
    return str(runtime.media_file_mgr.add(data, mimetype, name))


def set_response_body(response: Any, body: bytes) -> None:
    """Give a ``requests.Response`` the body we read ourselves, as requests does after reading one.

    ``requests`` has no public way to hand a response a body read under our own deadline and
    size cap (see ``geo.geocode``); these are the two attributes its ``content`` reads.
    """
    response._content = body
    response._content_consumed = True
