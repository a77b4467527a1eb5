"""The one error type of the data layer: a file and every problem found in it."""

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

    def __str__(self) -> str:
        where = self.path or "(top level)"
        shown = f" (got {_short_repr(self.value)})" if self.has_value else ""
        return f"{where}: {self.message}{shown}"


class TourError(ValueError):
    """A tour file could not be loaded; ``problems`` lists why."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{file}: {count} {noun}:\n{lines}")


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def problem(path: str, message: str, *values: Any) -> Problem:
    """A problem; pass the offending value as the third argument to have it shown."""
    return Problem(path, message, values[0] if values else None, bool(values))
