"""The test tiers (tests/support/tiers.py): registered, run by CI as two parts that together are every
test once, and the guard that keeps the fast tier free of chromium and of new Python processes."""

from __future__ import annotations

import itertools
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import MARKED_BY_FIXTURE, ROOT
from tests.support import reliability, tiers

PYTEST = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
MARKER_SETS = [set(chosen) for n in range(4) for chosen in itertools.combinations(tiers.TIERS, n)]
CHROMIUM = os.path.realpath("/usr/bin/chromium")


def _registered() -> dict[str, str]:
    return dict(line.split(":", 1) for line in PYTEST["markers"])


def _ci_pytest_runs() -> list[list[str]]:
    """The arguments of each ``python -m pytest`` in .ci/run (through its ``tier`` function)."""
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return [shlex.split(line)[2:] for line in re.findall(r"^tier \S+ .*$", text, re.M)]


def test_every_tier_is_a_registered_marker_with_a_description():
    registered = _registered()
    assert "--strict-markers" in PYTEST["addopts"]
    for marker in tiers.TIERS:
        assert len(registered.get(marker, "").strip()) > 40, marker
    assert set(MARKED_BY_FIXTURE.values()) <= set(tiers.TIERS)


@pytest.mark.parametrize("markers", MARKER_SETS, ids=lambda m: "+".join(sorted(m)) or "unmarked")
def test_a_test_is_in_exactly_one_of_the_fast_tier_and_the_rest(markers: set[str]):
    assert tiers.selected(tiers.FAST, markers) != tiers.selected(tiers.REST, markers)
    assert tiers.selected(tiers.FAST, markers) == (not markers)


def test_ci_runs_the_fast_tier_then_the_rest_and_nothing_else():
    runs = _ci_pytest_runs()
    expressions = [run[run.index("-m") + 1] for run in runs]
    assert expressions == [tiers.FAST, tiers.REST]
    # Nothing else narrows a run: no paths, -k or --lf, so the two parts are the whole suite.
    for run in runs:
        rest = [arg for arg in run if arg not in ("-m", tiers.FAST, tiers.REST)]
        assert all(re.fullmatch(r"-n|auto|\d+|-p|no:randomly|--dist|worksteal|load", a) for a in rest), run


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ([sys.executable, "-c", "pass"], "python"),
        (f"{sys.executable} -m dashboard validate x.yaml", "python"),
        (["/bin/sh", "-c", "true"], None),
        (["git", "status"], None),
        ([sys.executable, "wrapper.py", CHROMIUM, "--headless"], "chromium"),  # kaleido's way
        ([CHROMIUM, "--headless", "--screenshot=x.png", "file:///x.html"], "chromium"),  # the map's
        (["chromium", "--version"], None),  # draws nothing
        (["echo", "chromium"], None),  # a word, not the program
    ],
)
def test_the_guard_names_what_a_process_is(command: list[str] | str, kind: str | None):
    assert tiers.started(command, browsers={CHROMIUM}) == kind


def test_a_console_script_is_a_python_process():
    vulture = Path(sys.executable).with_name("vulture")
    assert tiers.started([str(vulture)], browsers=set()) == "python"


def test_a_stand_in_browser_is_not_chromium(tmp_path: Path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    fake.chmod(0o755)
    assert tiers.started([str(fake), "--headless"], browsers={CHROMIUM}) is None


@pytest.mark.parametrize(
    ("kind", "markers", "lacking"),
    [
        ("chromium", set(), "chromium"),
        ("chromium", {"slow"}, "chromium"),
        ("chromium", {"chromium"}, None),
        ("python", set(), "slow"),
        ("python", {"chromium"}, "slow"),
        ("python", {"slow"}, None),
        ("python", {"browser"}, None),  # a browser test starts the app with `streamlit run`
    ],
)
def test_each_kind_of_process_needs_its_marker(kind: str, markers: set[str], lacking: str | None):
    assert tiers.missing_marker(kind, markers) == lacking


def test_a_process_that_is_neither_is_seen_and_allowed():
    with tiers.watch_processes() as seen:
        subprocess.run(["true"], check=True)
    assert seen == []


@pytest.mark.slow  # it starts a Python process, which is what it checks
def test_a_python_process_is_seen():
    with tiers.watch_processes() as seen:
        subprocess.run([sys.executable, "-c", "pass"], check=True)
    assert [kind for kind, _ in seen] == ["python"]
    assert tiers.missing_marker("python", set()) == "slow"


class _Item:
    """What the collection hook reads and writes of a test item."""

    def __init__(self, *fixtures: str) -> None:
        self.fixturenames = list(fixtures)
        self.marks: list[str] = []

    def add_marker(self, mark: pytest.MarkDecorator) -> None:
        self.marks.append(mark if isinstance(mark, str) else mark.name)

    def get_closest_marker(self, name: str) -> str | None:
        return name if name in self.marks else None


def test_the_users_of_the_chromium_fixture_are_marked_and_run_first(pytestconfig: pytest.Config):
    from tests.conftest import pytest_collection_modifyitems

    plain, drawing = _Item("tmp_path"), _Item("chromium", "tmp_path")
    items = [plain, drawing]
    pytest_collection_modifyitems(pytestconfig, items)  # type: ignore[arg-type]
    assert drawing.marks == ["chromium"] and plain.marks == []
    assert items == [drawing, plain]


def test_playwright_never_deletes_the_reliability_records(pytestconfig: pytest.Config):
    """pytest-playwright deletes its --output folder at every session start: the records the fast
    tier wrote must survive the second tier's session (and one xdist worker's late start)."""
    output = Path(pytestconfig.getoption("--output")).resolve()
    assert not reliability.RESULTS.resolve().is_relative_to(output), output
