"""YAML and JSON bombs are refused fast, with a clear message and bounded memory.

Each bomb is refused twice: once timed (wall clock, recorded for docs/reliability.md,
never asserted: a hang is caught by the test's timeout), once under ``tracemalloc`` to
assert the refusal's own memory peak (the bomb itself is built before measuring).
"""

from __future__ import annotations

import gc
import os
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.tourfile import load as loader
from dashboard.tourfile.errors import TourError
from dashboard.tourfile.load import MAX_BYTES, MAX_DEPTH, load_text, load_tour
from tests.support import reliability

pytestmark = pytest.mark.slow  # input bombs: 100 MB inputs, 100,000 levels of nesting, billion laughs

MIB = 1024 * 1024
HUNDRED_MB = 100 * MIB
PEAK_LIMIT = 50 * MIB  # far below the inputs' own size: nothing is copied or expanded

LAUGHS = 'lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)  # ten levels of ten: a billion "lol"s once expanded


@dataclass(frozen=True)
class Bomb:
    name: str
    file: str
    says: str
    refuse: Callable[[], object]  # raises TourError


def _measure(bomb: Bomb, traced: bool) -> tuple[TourError, float, int]:
    gc.collect()
    if traced:
        tracemalloc.start()
        tracemalloc.reset_peak()
    started = time.perf_counter()
    try:
        with pytest.raises(TourError) as caught:
            bomb.refuse()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
    finally:
        if traced:
            tracemalloc.stop()
    return caught.value, elapsed, peak


def check_refused(name: str, make: Callable[[], Bomb]) -> None:
    """Refuse ``make()``'s bomb timed and then traced; assert the message and memory; record the time."""
    bomb = make()
    error, seconds, _ = _measure(bomb, traced=False)
    assert str(error).startswith(f"{bomb.file}: 1 problem:\n"), str(error)
    assert bomb.says in str(error), str(error)
    bomb = make()  # a fresh one: a pipe can be read only once
    traced_error, _, peak = _measure(bomb, traced=True)
    assert [str(p) for p in traced_error.problems] == [str(p) for p in error.problems]
    reliability.record(
        reliability.BOMBS,
        name,
        {
            "refused": True,
            "message": str(error.problems[0]),
            "seconds": round(seconds, 4),
            "peak_mib": round(peak / MIB, 2),
        },
    )
    assert peak < PEAK_LIMIT, f"{name}: peak {peak / MIB:.1f} MiB while refusing"


# -- aliases: the billion laughs --------------------------------------------------------------


def test_billion_laughs_text_is_refused() -> None:
    check_refused(
        "billion laughs (YAML aliases), as text",
        lambda: Bomb(
            "laughs",
            "laughs.yaml",
            "YAML aliases (*name) are not allowed",
            lambda: load_text(LAUGHS, "laughs.yaml"),
        ),
    )


def test_billion_laughs_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS, encoding="utf-8")
    check_refused(
        "billion laughs (YAML aliases), as a file",
        lambda: Bomb("laughs", str(path), "YAML aliases (*name) are not allowed", lambda: load_tour(path)),
    )


def test_merge_key_laughs_are_refused() -> None:
    text = "base: &b {x: 1}\n" + "".join(f"k{i}: {{<<: *b}}\n" for i in range(10_000))
    check_refused(
        "10,000 merge keys of one anchor (YAML)",
        lambda: Bomb(
            "merge",
            "merge.yaml",
            "YAML aliases (*name) are not allowed",
            lambda: load_text(text, "merge.yaml"),
        ),
    )


# -- deep nesting -----------------------------------------------------------------------------

LEVELS = 100_000
DEEP = {
    "YAML flow sequences, 100,000 levels": ("yaml", "[" * LEVELS + "]" * LEVELS),
    "YAML flow sequences, 100,000 levels, never closed": ("yaml", "[" * LEVELS),
    "YAML flow mappings, 100,000 levels": ("yaml", "{a: " * LEVELS + "}" * LEVELS),
    "YAML block sequences, 100,000 levels": ("yaml", "- " * LEVELS + "x\n"),
    "YAML block mappings, 3,000 levels of indentation (4.5 MB)": (
        "yaml",
        "".join(" " * i + "a:\n" for i in range(3_000)),
    ),
    "JSON arrays, 100,000 levels": ("json", "[" * LEVELS + "]" * LEVELS),
    "JSON arrays, 100,000 levels, never closed": ("json", "[" * LEVELS),
    "JSON objects, 100,000 levels": ("json", '{"a": ' * LEVELS + "1" + "}" * LEVELS),
}


@pytest.mark.parametrize("name", list(DEEP))
@pytest.mark.parametrize("given", [True, False], ids=["format-given", "format-guessed"])
def test_deep_nesting_is_refused(name: str, given: bool) -> None:
    fmt, text = DEEP[name]
    file = f"deep.{fmt}"
    assert len(text.encode()) <= MAX_BYTES  # refused for its depth, not its size
    check_refused(
        f"{name} ({'format given' if given else 'format guessed'})",
        lambda: Bomb(
            name,
            file,
            f"nesting is deeper than {MAX_DEPTH} levels",
            lambda: load_text(text, file, fmt if given else None),
        ),
    )


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_one_level_too_deep_is_refused_and_the_limit_itself_is_not(fmt: str) -> None:
    ok = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH  # 32 levels below the top
    too_deep = "[" + ok + "]"
    with pytest.raises(TourError, match="expected a mapping of tour fields"):
        load_text(ok, f"ok.{fmt}", fmt)
    with pytest.raises(TourError, match=f"nesting is deeper than {MAX_DEPTH} levels"):
        load_text(too_deep, f"deep.{fmt}", fmt)


# -- 100 MB -----------------------------------------------------------------------------------


class _NoParsing:
    """A stand-in for the ``yaml`` or ``json`` module inside the loader whose parsers fail the test."""

    def __init__(self, module: object) -> None:
        self._module = module

    def __getattr__(self, name: str) -> object:
        return getattr(self._module, name)

    def load(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML parser was called for an oversized input")

    def loads(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the JSON parser was called for an oversized input")


@pytest.fixture
def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the loader reaches a parser: huge input must be refused by its size first."""
    monkeypatch.setattr(loader, "yaml", _NoParsing(loader.yaml))
    monkeypatch.setattr(loader, "json", _NoParsing(loader.json))


HUGE_TEXTS: dict[str, Callable[[], str]] = {
    "100 MB of ASCII text": lambda: "a" * HUNDRED_MB,
    "100 MB of blank space before one character": lambda: " " * HUNDRED_MB + "x",
    "100 MB of two-byte characters": lambda: "é" * (HUNDRED_MB // 2),
    "6 MB of UTF-8 in 2 M characters (under the limit in characters)": lambda: "€" * (2 * MIB),
}


@pytest.mark.parametrize("name", list(HUGE_TEXTS))
def test_huge_text_is_refused_by_size_before_parsing(name: str, no_parsing: None) -> None:
    text = HUGE_TEXTS[name]()
    check_refused(
        f"load_text: {name}",
        lambda: Bomb(
            name, "upload.yaml", "larger than 5 MB (5,000,000 bytes)", lambda: load_text(text, "upload.yaml")
        ),
    )


def _write_real(path: Path, size: int) -> None:
    chunk = b"k: 1\n" * (MIB // 5)
    with path.open("wb") as handle:
        while handle.tell() < size:
            handle.write(chunk)


@pytest.mark.parametrize("kind", ["sparse", "real"])
def test_a_100_mb_file_is_refused(tmp_path: Path, kind: str, no_parsing: None) -> None:
    path = tmp_path / "huge.yaml"
    if kind == "sparse":
        with path.open("wb") as handle:
            handle.truncate(HUNDRED_MB)
    else:
        _write_real(path, HUNDRED_MB)
    assert path.stat().st_size >= HUNDRED_MB
    check_refused(
        f"load_tour: a 100 MB file ({kind})",
        lambda: Bomb(kind, str(path), f"the limit is {MAX_BYTES:,}", lambda: load_tour(path)),
    )


def _feed(path: Path, size: int, done: threading.Event) -> None:
    """Write ``size`` bytes into the pipe at ``path``, until the reader hangs up."""
    chunk = b"k: 1\n" * (MIB // 5)
    try:
        with path.open("wb") as pipe:
            for _ in range(size // len(chunk) + 1):
                pipe.write(chunk)
    except BrokenPipeError:
        pass  # the reader stopped reading: what we want
    finally:
        done.set()


@pytest.fixture
def fifos(tmp_path: Path) -> Iterator[Callable[[], Path]]:
    """Named pipes, each fed 100 MB by a thread: a file with no honest size (st_size is 0)."""
    feeders: list[tuple[threading.Thread, threading.Event]] = []

    def make() -> Path:
        path = tmp_path / f"piped-{len(feeders)}.yaml"
        os.mkfifo(path)
        done = threading.Event()
        thread = threading.Thread(target=_feed, args=(path, HUNDRED_MB, done), daemon=True)
        thread.start()
        feeders.append((thread, done))
        return path

    yield make
    for thread, done in feeders:
        thread.join(timeout=10)
        assert done.is_set(), "a feeder thread is still writing: the reader kept reading"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_100_mb_pipe_is_refused_without_reading_it_all(fifos: Callable[[], Path], no_parsing: None) -> None:
    def make() -> Bomb:
        path = fifos()
        return Bomb("pipe", str(path), f"the limit is {MAX_BYTES:,}", lambda: load_tour(path))

    check_refused("load_tour: a named pipe fed 100 MB", make)
