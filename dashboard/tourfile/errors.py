"""The one error type of the data layer: a file and every problem found in it.

Each :class:`Problem` names the path of the field (``visits[0].dates[1].start``), says
what was expected in plain words, and shows the bad value. Kept free of pydantic so
that the command line starts fast; :mod:`dashboard.tourfile.messages` words pydantic's errors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a tour file."""

    path: str
    message: str
    value: Any = None
    has_value: bool = False
    hint: str = ""  # "did you mean 'visit'?", shown after the value
    label: str = ""  # the path with its item's id: "visit 'lima' (visits[2]).dates[0].start"
    line: int | None = None  # where it is in the file, counted from 1
    column: int | None = None

    def __str__(self) -> str:
        where = _printable(self.label or self.path) or "(top level)"
        if self.line is not None:
            where += f" (line {self.line}, column {self.column})"
        shown = f" (got {_short_repr(self.value)})" if self.has_value else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}: {self.message}{shown}{hint}"


class TourError(ValueError):
    """A tour file could not be loaded; ``problems`` lists why."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{file}: {count} {noun}:\n{lines}")


def _printable(text: str) -> str:
    """``text`` with control characters shown as escapes: a path holds the file's own keys, and an
    ESC in one must not reach the terminal that prints the message."""
    return "".join(repr(ch)[1:-1] if ch.isprintable() is False and ch != " " else ch for ch in text)


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def problem(path: str, message: str, *values: Any, hint: str = "") -> Problem:
    """A problem; pass the offending value as the third argument to have it shown."""
    return Problem(path, message, values[0] if values else None, bool(values), hint)


def dedupe(problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` in their order, each reported once (as users read them: by their text)."""
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out
