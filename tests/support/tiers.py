"""The test tiers, and the rule that keeps the fast one fast: what a test starts decides its markers.

* ``browser``: drives Debian's chromium with Playwright against ``streamlit run`` (every test in
  ``tests/browser/``, marked by its conftest).
* ``chromium``: starts the machine's chromium outside Playwright: kaleido's chart images, the print
  page's screenshot, a pack with images. The ``chromium`` fixture marks its users.
* ``slow``: fuzzing and input bombs; a new Python process (the CLI in a subprocess, the import
  contract and dead-code tools, a writer killed mid-write); a second or more of real-time waiting.

The fast tier, ``-m "not browser and not chromium and not slow"``, is the inner loop; ``.ci/run`` runs it,
then the rest, ``-m "browser or chromium or slow"``: together every test, once.

While each test runs, every process it starts is seen (``subprocess.Popen``, which kaleido, asyncio and
``subprocess.run`` all go through): the real chromium without the ``chromium`` marker, or a Python process
without ``slow`` (``browser`` tests start the app with one), fails the test. A chromium started by a
child process is not seen, but that child is a Python process, so its test is ``slow`` at least.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TIERS = ("browser", "chromium", "slow")
FAST = "not browser and not chromium and not slow"
REST = "browser or chromium or slow"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, as the browser tests and `apt-get install chromium` give


@functools.cache
def real_browsers() -> frozenset[str]:
    """The resolved paths of the browsers on this machine that images would be drawn with (looked up
    once, when a test first starts a process: importing the image code takes most of a second)."""
    from dashboard.render.images import BROWSERS

    found = [shutil.which(name) for name in BROWSERS] + [str(CHROMIUM) if CHROMIUM.is_file() else None]
    return frozenset(os.path.realpath(path) for path in found if path)


def command_words(args: str | bytes | os.PathLike[str] | Sequence[object]) -> list[str]:
    if isinstance(args, str | bytes | os.PathLike):
        return os.fsdecode(args).split()
    return [os.fsdecode(word) for word in args if isinstance(word, str | bytes | os.PathLike)]


def _program(word: str) -> str | None:
    """The file a command word runs, resolved (a name is looked up on PATH); None if there is none."""
    found = shutil.which(word) if os.sep not in word else (word if os.path.isfile(word) else None)
    return os.path.realpath(found) if found else None


def _is_python(program: str) -> bool:
    """This interpreter, or a script it runs (a console script's ``#!`` line names a python)."""
    if program == os.path.realpath(sys.executable) or Path(program).name.startswith("python"):
        return True
    try:
        with open(program, "rb") as handle:
            first = handle.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def started(
    args: str | bytes | os.PathLike[str] | Sequence[object], browsers: Iterable[str] | None = None
) -> str | None:
    """What a process started with ``args`` is, for the tiers: ``"chromium"`` if any of its words is
    one of ``browsers`` (kaleido starts chromium through a Python wrapper script), ``"python"`` if its
    program is Python, else None (a shell, a stand-in browser, ``git``, a ``--version``)."""
    words = command_words(args)
    if "--version" in words:
        return None  # `chromium --version` (bench's machine line) draws nothing, in 0.1 s
    # The program, and any path among its words (kaleido's wrapper is given the browser's path).
    programs = {_program(word) for i, word in enumerate(words) if word and (i == 0 or os.sep in word)}
    if set(real_browsers() if browsers is None else browsers) & programs:
        return "chromium"
    if words and (first := _program(words[0])) and _is_python(first):
        return "python"
    return None


@contextmanager
def watch_processes() -> Iterator[list[tuple[str, str]]]:
    """While the block runs, every process started that :func:`started` names: (kind, command line)."""
    seen: list[tuple[str, str]] = []
    popen_init = subprocess.Popen.__init__

    def watched(self: subprocess.Popen[Any], args: Any, *rest: Any, **options: Any) -> None:
        if kind := started(args):
            seen.append((kind, " ".join(command_words(args))[:200]))
        popen_init(self, args, *rest, **options)

    subprocess.Popen.__init__ = watched  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        subprocess.Popen.__init__ = popen_init  # type: ignore[method-assign]


def missing_marker(kind: str, markers: set[str]) -> str | None:
    """The marker a test that started a ``kind`` process lacks, or None if it has what it needs."""
    if kind == "chromium" and "chromium" not in markers:
        return "chromium"
    if kind == "python" and not markers & {"slow", "browser"}:
        return "slow"
    return None


def selected(expression: str, markers: set[str]) -> bool:
    """Whether ``-m expression`` selects a test with ``markers`` (pytest's own evaluation)."""
    from _pytest.mark.expression import Expression

    def has(name: str, /, **kwargs: str | int | bool | None) -> bool:
        return name in markers

    return Expression.compile(expression).evaluate(has)
