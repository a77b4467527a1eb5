"""Shared fixtures: small valid tours (in ``tests/data/``) as text, data and files, the embedded Kast tour."""

from __future__ import annotations

import copy
import difflib
import functools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import settings
from streamlit.testing.v1 import AppTest

from dashboard.tourfile.load import DEFAULT_TOUR, load_tour
from dashboard.tourfile.model import Tour
from tests.support import tiers

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # tour files the tests share (test data, not real events)
SEEDS = ROOT.parent / "shared" / "seeds"
needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the seed articles are not beside this clone ({SEEDS}); they are not ours to copy into the "
    "repository, and CI has them",
)
CORPUS = ROOT.parent / "shared" / "ingest-corpus"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the ingest corpus is not beside this clone ({CORPUS}); its articles are not ours to copy "
    "into the repository, and CI has them",
)

# Hypothesis profiles: "ci" (the default, what CI and the README's command run) keeps the full example
# counts; "quick" runs a tenth of them while developing; "thorough" five times as many.
# Choose one with HYPOTHESIS_PROFILE=quick. Tests size their runs with `examples(n)`.
SCALE = {"ci": 1.0, "quick": 0.1, "thorough": 5.0}
for _name in SCALE:
    settings.register_profile(_name, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


# A test that uses one of these fixtures carries the marker: the rule lives with the fixture, not in
# marks scattered over the tests (tests/support/tiers.py says what each tier holds).
MARKED_BY_FIXTURE = {"chromium": "chromium"}


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the users of :data:`MARKED_BY_FIXTURE`; then the longest tests first (``slow`` and
    ``chromium``): run in parallel (``-n``), they start at once instead of leaving one worker busy
    alone at the end."""
    for item in items:
        for fixture, marker in MARKED_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
    items.sort(key=lambda item: not (item.get_closest_marker("slow") or item.get_closest_marker("chromium")))


@pytest.fixture(autouse=True)
def _tier_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every process the test starts, seen: chromium without the ``chromium`` marker, or a Python
    process without ``slow``, fails it (at teardown, so that its own result is shown too)."""
    with tiers.watch_processes() as seen:
        yield
    markers = {mark.name for mark in request.node.iter_markers()}
    for kind, command in seen:
        if lacking := tiers.missing_marker(kind, markers):
            how = "use the `chromium` fixture" if lacking == "chromium" else "mark it @pytest.mark.slow"
            pytest.fail(
                f"this test started {'chromium' if kind == 'chromium' else 'a Python process'} ({command}) "
                f'but is not marked `{lacking}`: {how}, so that the fast tier (-m "{tiers.FAST}") '
                "stays fast (tests/support/tiers.py)",
                pytrace=False,
            )


@pytest.fixture(scope="session", autouse=True)
def _component_manifests_scanned_once() -> Iterator[None]:
    """Each new AppTest scans every installed package's metadata for Streamlit component manifests
    (0.3-0.5 s: most of a page test's time). The installed packages do not change while the tests
    run, so each test process scans once and every AppTest gets the same answer."""
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)

    def scanned(*args: Any, **kwargs: Any) -> list[Any]:
        return list(scan(*args, **kwargs))  # a copy: a caller may change its list

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", scanned)
        yield


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Debian's chromium, to draw images with (``BROWSER_PATH``, whatever PATH says); its users are
    marked ``chromium``. Skips where it is not installed."""
    if not tiers.CHROMIUM.is_file():
        pytest.skip(
            f"{tiers.CHROMIUM} not found: images are drawn by Debian's chromium "
            "(`apt-get update && apt-get install -y chromium`)"
        )
    monkeypatch.setenv("BROWSER_PATH", str(tiers.CHROMIUM))
    return tiers.CHROMIUM


def tour_text(name: str) -> str:
    """The text of ``tests/data/<name>``, a tour file several tests share."""
    return (DATA / name).read_text(encoding="utf-8")


def examples(count: int) -> int:
    """``count`` examples, scaled by the Hypothesis profile in use (at least 10)."""
    return max(10, round(count * SCALE.get(PROFILE, 1.0)))


MINI_YAML = tour_text("mini.yaml")  # the small valid tour most tests start from


@pytest.fixture
def mini_data() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(MINI_YAML))


@pytest.fixture
def mini_tour() -> Tour:
    from dashboard.tourfile.load import load_text

    return load_text(MINI_YAML, "mini.yaml")


@pytest.fixture
def mini_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_YAML, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def kast() -> Tour:
    return load_tour(DEFAULT_TOUR)


def first_screen(at: AppTest) -> AppTest:
    """Open the app as a browser does: a light first run, then the run the map asks for.

    A session's first run of the map page sends only the title, figures and map; st_folium
    reruns the script as soon as its map is drawn, which brings the rest. AppTest has no
    browser to draw the map, so the second run is made here.
    """
    return at.run().run()


class FakeClock:
    """Time for the geocoder's politeness: geopy's RateLimiter and the retry pause wait on it.

    A wait moves the clock on at once instead of sleeping, so a test of one request a second
    takes no seconds; the local Nominatim server stamps arrivals with the same clock, so the
    spacing a test asserts is the spacing the geocoder chose. Socket timeouts stay real.
    """

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += max(0.0, seconds)


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    from geopy.extra.rate_limiter import RateLimiter

    from dashboard.geo import nominatim

    clock = FakeClock()
    monkeypatch.setattr(RateLimiter, "_clock", lambda self: clock())
    monkeypatch.setattr(RateLimiter, "_sleep", lambda self, seconds: clock.sleep(seconds))
    monkeypatch.setattr(nominatim, "pause", clock.sleep)
    return clock


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines between two texts, as difflib sees them."""
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += before.splitlines()[i1:i2]
            added += after.splitlines()[j1:j2]
    return removed, added


def plain(problems: list[Any]) -> list[str]:
    """Problems as ``path: message``, without the item label and position a reader also sees, so that
    tests of a message's words do not depend on where in a fixture the mistake sits."""
    from dataclasses import replace

    return [str(replace(p, label="", line=None, column=None)) for p in problems]


def plain_text(error: Any) -> str:
    """A TourError's text with every problem :func:`plain`."""
    head = str(error).split("\n", 1)[0]
    return "\n".join([head, *(f"  - {line}" for line in plain(error.problems))])
