"""Pydantic's validation errors in words a newcomer understands.

Every error type the tour format can raise is rewritten: the path of the field, what
was expected ("an ISO 3166-1 alpha-2 code such as 'CL'", "one of 'origin', 'visit' or
'discussed'"), the bad value, and where it helps a hint ("did you mean 'visit'?").
Pydantic's own wording ("String should match pattern '^[A-Z]{2}$'") never reaches users.
"""

from __future__ import annotations

import difflib
import re
import typing
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from dashboard.tourfile import countries
from dashboard.tourfile.errors import Problem, dedupe, problem
from dashboard.tourfile.model import COUNTRY_PATTERN, ID_PATTERN, URL_PATTERN, Tour

# -- where an error is -------------------------------------------------------------------------

_UNION_TAGS = {"str", "int", "float", "bool", "date", "datetime", "none"}


def loc_to_path(loc: tuple[int | str, ...], data: Any, kind: str = "") -> str:
    """The path of a pydantic error location, walking the data so that keys of the file
    (even ones named like pydantic's union tags, "date" or "a[1]") are never dropped."""
    out, node = "", data
    for n, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list):
            out += f"[{part}]"
            node = node[part] if -len(node) <= part < len(node) else None
            continue
        is_key = isinstance(node, dict) and part in node
        last_missing = n == len(loc) - 1 and kind == "missing"
        if not is_key and isinstance(part, str) and ("[" in part or part in _UNION_TAGS) and not last_missing:
            continue  # pydantic's union branch names say nothing to a tour author
        out += f"[{part}]" if isinstance(part, int) and not is_key else f".{part}" if out else str(part)
        node = node[part] if is_key else None
    return out


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The record type inside ``list[X]``, ``X | None`` or ``Annotated[X, ...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_submodel, typing.get_args(annotation))), None)


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The record type found at ``loc`` (list indexes skipped), or None if it is not a record."""
    model: type[BaseModel] | None = Tour
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = model.model_fields.get(part)
        model = _submodel(info.annotation) if info else None
    return model


# -- what was expected, in words ---------------------------------------------------------------

ID_RULE = (
    "expected an id: up to 64 lowercase letters (a-z), digits, '-' or '_', starting with a letter "
    "or a digit, such as 'lima' or 'visit-2'"
)
COUNTRY_RULE = "expected an ISO 3166-1 alpha-2 code such as 'CL' (two capital letters)"
DATE_RULE = "expected a date written YYYY-MM-DD, such as '2026-01-07'"
TEXT_EXAMPLE = "{en: ..., es: ...}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count:,} {noun}s"


def _slug(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9_]+", "-", plain).strip("-_")[:64]


# Words a newcomer writes for an allowed value: spelling alone would suggest the wrong one
# ("refused" is closer to "agreed" than to "rejected").
SYNONYMS = {
    "refused": "rejected", "declined": "rejected", "dismissed": "rejected", "ruled-out": "rejected",
    "approved": "agreed", "accepted": "agreed", "signed": "agreed",
    "pending": "under-study", "studying": "under-study", "under-review": "under-study",
    "mentioned": "discussed", "raised": "discussed", "visited": "visit", "home": "origin", "start": "origin",
}  # fmt: skip


def _close(value: Any, choices: Iterable[str]) -> str:
    """``did you mean 'x'?`` for a string close to one of ``choices``, else ``""``."""
    if not isinstance(value, str):
        return ""
    options = list(choices)
    synonym = SYNONYMS.get(re.sub(r"[\s_]+", "-", value.strip().lower()))
    if synonym in options:
        return f"did you mean {synonym!r}?"
    match = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else ""


def _pattern(err: ErrorDetails) -> tuple[str, str]:
    pattern, value = (err.get("ctx") or {}).get("pattern"), err["input"]
    if pattern == COUNTRY_PATTERN:
        better = countries.suggestion(value) if isinstance(value, str) else None
        return COUNTRY_RULE, f"did you mean {better!r}?" if better else ""
    if pattern == URL_PATTERN:
        return "expected a web address starting with http:// or https://, with no spaces", ""
    if pattern == ID_PATTERN:
        slug = _slug(value) if isinstance(value, str) else ""
        return ID_RULE, f"did you mean {slug!r}?" if slug and slug != value else ""
    return f"expected text of the form {pattern}", ""


def _date(err: ErrorDetails) -> str:
    reason = str((err.get("ctx") or {}).get("error", ""))
    if err["type"] == "date_from_datetime_inexact":
        return f"{DATE_RULE}, without a time of day"
    if "month value" in reason:
        return f"{DATE_RULE}; the month must be 01 to 12"
    if "day value" in reason:
        return f"{DATE_RULE}; that month has no such day"
    return DATE_RULE


def _language(err: ErrorDetails) -> tuple[str, str]:
    better = (err.get("ctx") or {}).get("suggestion")
    return str(err["msg"]), f"did you mean {better!r}?" if better else ""


def _unassigned(err: ErrorDetails) -> tuple[str, str]:
    better = (err.get("ctx") or {}).get("suggestion")
    return str(err["msg"]), f"did you mean {better!r}?" if better else ""


def _literal(err: ErrorDetails) -> tuple[str, str]:
    expected = str((err.get("ctx") or {}).get("expected", ""))
    allowed = re.findall(r"'([^']*)'", expected)
    if len(allowed) > 1:
        return f"expected one of {expected}", _close(err["input"], allowed)
    return f"expected {expected}", ""


def _record(err: ErrorDetails) -> str:
    name = str((err.get("ctx") or {}).get("class_name", ""))
    if name == "Text":
        return f"expected a text in English and, optionally, Spanish, such as {TEXT_EXAMPLE}"
    if name == "Person":
        return "expected a name, or a mapping of fields (a person: name, office, sources)"
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower() or "record"  # StatusChange: "status change"
    return f"expected a mapping of fields (a {words}, written `field: value`)"


def _length(err: ErrorDetails, text: bool) -> str:
    ctx = err.get("ctx") or {}
    noun = "character" if text else "item"
    if "min_length" not in ctx:
        size = len(err["input"]) if isinstance(err["input"], str | list) else None
        has = f", not {size:,}" if size is not None else ""
        return f"expected at most {_plural(int(ctx.get('max_length', 0)), noun)}{has}"
    least = int(ctx["min_length"])
    if text and least == 1:
        return "expected some text; it must not be empty"
    return f"expected at least {_plural(least, noun)}"


def _number(value: Any) -> str:
    return f"{int(value):,}" if isinstance(value, float) and value.is_integer() else f"{value:,}"


def _limits(loc: tuple[int | str, ...]) -> dict[str, Any]:
    """The bounds (ge, gt, le, lt) the model puts on the number field at ``loc``."""
    model, name = _model_at(loc[:-1]), loc[-1] if loc else None
    info = model.model_fields.get(name) if model and isinstance(name, str) else None
    found: dict[str, Any] = {}
    stack: list[Any] = [info] if info else []
    while stack:  # through Optional[Annotated[float, Field(ge=..., le=...)]]
        item = stack.pop()
        if isinstance(item, FieldInfo):
            stack += [*item.metadata, item.annotation]
            continue
        found |= {k: getattr(item, k) for k in ("ge", "gt", "le", "lt") if hasattr(item, k)}
        stack += typing.get_args(item)
    return found


def _bound(err: ErrorDetails) -> str:
    limits = _limits(err["loc"]) | dict(err.get("ctx") or {})
    if "ge" in limits and "le" in limits:
        return f"expected a number from {_number(limits['ge'])} to {_number(limits['le'])}"
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    key = next((k for k in words if k in limits), None)
    return f"expected a number {words[key]} {_number(limits[key])}" if key else "expected a number in range"


Rule = Callable[[ErrorDetails], str | tuple[str, str]]

_RULES: dict[str, Rule] = {
    "string_pattern_mismatch": _pattern,
    "country_unassigned": _unassigned,
    "language_unknown": _language,
    "day_out_of_range": lambda e: str(e["msg"]),
    "control_character": lambda e: str(e["msg"]),
    "string_too_short": lambda e: _length(e, text=True),
    "string_too_long": lambda e: _length(e, text=True),
    "too_short": lambda e: _length(e, text=False),
    "too_long": lambda e: _length(e, text=False),
    "string_type": lambda e: "expected text (in quotes if it looks like a number or a date)",
    "string_unicode": lambda e: "expected text, but it holds a broken character (a lone surrogate)",
    "literal_error": _literal,
    "enum": _literal,
    "model_type": _record,
    "model_attributes_type": _record,
    "dict_type": _record,
    "list_type": lambda e: "expected a list (written `[a, b]` or as lines starting with '- ')",
    "int_type": lambda e: "expected a whole number, such as 3",
    "int_parsing": lambda e: "expected a whole number, such as 3",
    "int_parsing_size": lambda e: "expected a whole number of a sensible size",
    "int_from_float": lambda e: "expected a whole number, such as 3, not a fraction",
    "float_type": lambda e: "expected a number, such as -12.05",
    "float_parsing": lambda e: "expected a number, such as -12.05",
    "finite_number": lambda e: "expected a finite number, not infinity or NaN",
    "greater_than_equal": _bound,
    "greater_than": _bound,
    "less_than_equal": _bound,
    "less_than": _bound,
    "bool_type": lambda e: "expected true or false",
    "bool_parsing": lambda e: "expected true or false",
}


def _message(err: ErrorDetails) -> tuple[str, str]:
    """(what was expected, a hint or "") for one pydantic error."""
    kind = err["type"]
    if kind.startswith("date_"):
        return _date(err), ""
    if kind in ("value_error", "assertion_error"):  # the model's own validators: already in words
        return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, "), ""
    rule = _RULES.get(kind)
    if rule is None:  # not raised by the tour format today; still said without pydantic's jargon
        return "not accepted here: " + str(err["msg"]).replace("Input should be", "expected"), ""
    said = rule(err)
    return said if isinstance(said, tuple) else (said, "")


def _missing(err: ErrorDetails, path: str) -> Problem:
    model, name = _model_at(err["loc"][:-1]), err["loc"][-1]
    info = model.model_fields.get(str(name)) if model else None
    about = info.description.rstrip(".") if info and info.description else ""
    first = about.split()[0] if about else ""
    if first and not (len(first) > 1 and first.isupper()):  # "A short id" -> "a short id"; "ISO" stays
        about = about[0].lower() + about[1:]
    return problem(path, f"this field is required: {about}" if about else "this field is required")


def _extra(err: ErrorDetails, path: str) -> Problem:
    model, name = _model_at(err["loc"][:-1]), err["loc"][-1]
    known = list(model.model_fields) if model else []
    return problem(path, "unknown field", err["input"], hint=_close(name, known))


def _one(err: ErrorDetails, data: Any) -> Problem:
    path = loc_to_path(err["loc"], data, err["type"])
    if err["type"] == "missing":
        return _missing(err, path)
    if err["type"] == "extra_forbidden":
        return _extra(err, path)
    message, hint = _message(err)
    if err["type"] == "value_error" and isinstance(err["input"], dict):
        return problem(path, message, hint=hint)  # a whole record: its fields say more than its repr
    return problem(path, message, err["input"], hint=hint)


def validation_problems(exc: ValidationError, data: Any) -> list[Problem]:
    """Every error of ``exc`` as a :class:`Problem` in plain words, in pydantic's order, once each."""
    return dedupe(_one(err, data) for err in exc.errors(include_url=False))
