"""dashboard.ui.runtime's process-level helper: the heap is frozen under `streamlit run` only."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

SCRIPT = """
import gc, sys
{setup}
from dashboard.ui.runtime import freeze_startup_heap
freeze_startup_heap()
freeze_startup_heap()  # once per process: a second call changes nothing
print(gc.get_freeze_count())
"""


@pytest.mark.slow  # a new Python process
@pytest.mark.parametrize(
    ("setup", "frozen"),
    [
        ("import streamlit.web.bootstrap  # as `streamlit run` does", True),
        ("", False),  # a test process running the app through AppTest: not ours to freeze
    ],
)
def test_the_start_up_heap_is_frozen_only_in_a_streamlit_run_process(setup: str, frozen: bool) -> None:
    code = SCRIPT.format(setup=setup)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count = int(done.stdout.split()[-1])
    assert (count > 10_000) == frozen, count
