"""The session in one place: only ``dashboard/ui/state.py`` touches ``st.session_state``, every
widget key is one of its names, and its slots read back only values of their type."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ui.state import Widget, keyed
from tests.conftest import ROOT

UI_FILES = sorted([*(ROOT / "dashboard" / "ui").rglob("*.py"), ROOT / "streamlit_app.py"])
STATE = ROOT / "dashboard" / "ui" / "state.py"


def _session_state_uses(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if (isinstance(node, ast.Attribute) and node.attr == "session_state")
        or (isinstance(node, ast.Name) and node.id == "session_state")
    ]


def _literal_widget_keys(path: Path) -> list[int]:
    """``key="..."`` (or an f-string) given to a widget; containers' keys name CSS classes, not state."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        for keyword in node.keywords:
            literal = isinstance(keyword.value, ast.Constant | ast.JoinedStr)
            if keyword.arg == "key" and literal and called != "container":
                found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", [p for p in UI_FILES if p != STATE], ids=lambda p: p.name)
def test_only_the_state_module_touches_the_session(path: Path):
    assert _session_state_uses(path) == [], f"{path.relative_to(ROOT)} reads or writes st.session_state"


@pytest.mark.parametrize("path", [p for p in UI_FILES if p != STATE], ids=lambda p: p.name)
def test_every_widget_key_is_named_in_the_state_module(path: Path):
    assert _literal_widget_keys(path) == [], f"{path.relative_to(ROOT)}: a widget key written out"


def test_the_check_finds_what_it_forbids(tmp_path: Path):
    bad = tmp_path / "page.py"
    bad.write_text('import streamlit as st\nst.session_state["x"] = 1\nst.button("b", key="raw")\n')
    assert _session_state_uses(bad) == [2]
    assert _literal_widget_keys(bad) == [3]


def test_widget_keys_are_unique_and_keyed_ones_read_as_before():
    assert len({w.value for w in Widget}) == len(Widget)
    assert keyed(Widget.DOWNLOAD, "png", "map") == "dl_png_map"
    assert keyed(Widget.MAP, 42) == "map-42"


def test_a_slot_reads_back_only_a_value_of_its_type():
    def app() -> None:
        import streamlit as st

        from dashboard.ui import state

        st.session_state["view"] = "not a view"  # left by an older version of the app
        st.write(repr(state.VIEW.get()), repr(state.view().lang))
        state.CHART_ROUND.set(3)
        state.forget_chart_selections()
        st.write(state.chart_key(state.Widget.TOPICS_CHART))

    at = AppTest.from_function(app).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["None 'en'", "topics_chart_4"]
