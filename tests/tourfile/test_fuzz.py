"""Property-based tests: a malformed tour file ends in a ``TourError`` naming the file, or a valid Tour.

Three generators, each run as one plain test that drives a Hypothesis property and
records how many files it tried and how they ended (``tests/support/reliability.py``):

* structured mutations of a valid tour (wrong types, missing and extra fields, broken
  references, out-of-range numbers, NaN and infinity, huge and empty strings, odd
  Unicode, deep nesting), serialised to YAML or JSON. Where the mutation's effect is
  known, the error must name the field (its path) and the bad value;
* raw-text tricks that serialisers will not produce: duplicate keys, NaN tokens,
  aliases, tags, BOMs, NUL bytes, truncation, huge numbers, deep brackets;
* raw garbage: arbitrary text, arbitrary bytes on disk, and soup made of YAML/JSON tokens.

Anything else (another exception type) fails the property and Hypothesis shrinks it;
a hang is caught by the ``deadline`` per file and by pytest-timeout per test.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import time
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints

from dashboard.render import exports
from dashboard.tourfile.errors import Problem, TourError
from dashboard.tourfile.load import MAX_DEPTH, load_text, load_tour
from dashboard.tourfile.model import CONTROLS, Tour
from tests.conftest import MINI_YAML, examples
from tests.support import reliability

# MINI_YAML with one of every optional record filled in, so that every field of the
# format is present somewhere for the mutations to reach.
RICH_EXTRA = """\
summary: {en: A short tour, es: Una gira corta}
events:
  - {id: e1, label: {en: Election}, date: 2025-12-14, sources: [s1]}
"""
RICH_YAML = (
    MINI_YAML.replace(
        "  - {id: s1, language: en, title: An article}\n",
        "  - {id: s1, language: en, title: An article, outlet: Daily, original_outlet: Wire,"
        " published: 2026-01-08, file: a.txt, note: {en: Read}}\n"
        "  - {id: s2, language: es, translation_of: s1}\n",
    )
    .replace(
        "    counterparts: [{name: José Jerí, office: {en: President of Peru}, sources: [s1]}]\n",
        "    counterparts: [{name: José Jerí, office: {en: President of Peru}, sources: [s1]}]\n"
        "    trip: 1\n"
        "    venue: {en: Palace}\n"
        "    summary: {en: Met}\n"
        "    others_met: [{office: {en: Minister}, sources: [s1], note: {en: Briefly}}]\n"
        "    delegation: [{name: An aide, sources: [s2]}]\n"
        "    duration: [{text: {en: an hour}, minutes: 60, qualifier: more than, sources: [s1]}]\n",
    )
    .replace(
        "text: {en: They talked}, sources: [s1]}",
        "text: {en: They talked}, sources: [s1], date: 2026-01-07, kind: statement,"
        " proposals: [p1], figure: {low: 1, high: 2.5, unit: million}}",
    )
    .replace(
        "role: visit, latitude: -12.05",
        "role: visit, paired_with: quito, query: Lima Peru, geocoded_by: hand,"
        " description: {en: A capital}, latitude: -12.05",
    )
    .replace(
        "      - {country: PE, status: proposed, date: 2026-01-07, sources: [s1]}\n",
        "      - {country: PE, status: proposed, date: 2026-01-07, visit: lima, sources: [s1]}\n",
    )
    .replace("    proposer: Someone\n", "    proposer: Someone\n    topics: [border]\n")
    .replace("discrepancies:\n  - id: d1\n", "discrepancies:\n  - id: d1\n    field: visits.quito.dates\n")
    + RICH_EXTRA
)
BASE: dict[str, Any] = yaml.safe_load(RICH_YAML)

UNKNOWN_ID = "zz-unknown"
NAN, INF = math.nan, math.inf

# Characters that trip up text handling: bidi controls, combining marks, NUL and other
# controls, line separators, BOM, non-characters, astral and tag characters, and a lone
# surrogate (which pydantic must refuse as a string, not crash on).
ODD = [
    "\u200f",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u0301",
    "\u0308\u0308\u0308",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x1f",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x85",
    "\t",
    "\r",
    "\r\n",
    "\n",
    " ",
    "\u00a0",
    "\u3000",
    "\U0001f600",
    "\U000e0041",
    "\ufffd",
    "\uffff",
    "\ud800",
    "ñ",
    "İ",
    "ß",
    "'",
    '"',
    "\\",
    "#",
    ": ",
    "- ",
    "&a",
    "*a",
    "!!",
    "{",
    "[",
    "=1+1",
    "null",
    "~",
    "yes",
    "1e9",
    "2026-02-30",
]
odd_text = st.lists(st.one_of(st.sampled_from(ODD), st.text(max_size=4)), max_size=10).map("".join)
huge_text = st.builds(
    lambda ch, n: ch * n,
    st.sampled_from(["a", "é", "\u0301", " ", "\U0001f600", "\x00"]),
    st.sampled_from([0, 1, 299, 300, 301, 4999, 5000, 5001, 20_000, 100_000]),
)
texts = st.one_of(odd_text, huge_text, st.text(max_size=30))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    texts,
    st.dates(),
)
any_value = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


# -- the shape of the format, read from the model ----------------------------------------------


@dataclass(frozen=True)
class Record:
    """A mapping in the tour data that a model validates."""

    path: str  # as the loader names it: "visits[0].dates[1]"
    keys: tuple[str | int, ...]  # how to reach it in the data
    model: type[BaseModel]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _submodel(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def records(data: dict[str, Any], model: type[BaseModel] = Tour, path: str = "", keys: tuple[Any, ...] = ()):
    """Every record in ``data`` (the top included), with its model, depth first."""
    found = [Record(path, keys, model)]
    for name, info in model.model_fields.items():
        sub = _submodel(info.annotation)
        if sub is None or name not in data:
            continue
        value = data[name]
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    found += records(item, sub, f"{_join(path, name)}[{i}]", (*keys, name, i))
        elif isinstance(value, dict):
            found += records(value, sub, _join(path, name), (*keys, name))
    return found


def _constraints(model: type[BaseModel], name: str) -> tuple[list[Any], bool]:
    """(the field's metadata, searched through Optional/Annotated/list; whether it is a list)."""
    info = model.model_fields[name]
    found: list[Any] = list(info.metadata)
    is_list = False
    stack = [info.annotation]
    while stack:
        annotation = stack.pop()
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            base, *meta = typing.get_args(annotation)
            found += meta
            stack.append(base)
        elif origin in (typing.Union, types.UnionType):
            stack += typing.get_args(annotation)
        elif origin is list:
            is_list = True
            stack += typing.get_args(annotation)
    return found, is_list


def string_rule(model: type[BaseModel], name: str) -> StringConstraints | None:
    found, _ = _constraints(model, name)
    return next((c for c in found if isinstance(c, StringConstraints)), None)


def is_reference(model: type[BaseModel], name: str) -> bool:
    """A field holding the id (or ids) of another record: typed as an Id, and not the record's own id."""
    rule = string_rule(model, name)
    return name != "id" and rule is not None and (rule.pattern or "").startswith("^[a-z0-9]")


def is_free_text(model: type[BaseModel], name: str) -> bool:
    rule = string_rule(model, name)
    return rule is not None and rule.pattern is None and not _constraints(model, name)[1]


NUMBERS: dict[tuple[str, str], st.SearchStrategy[float | int]] = {
    # Values each field must refuse, whatever else is in the file.
    ("Place", "latitude"): st.one_of(
        st.sampled_from([NAN, INF, -INF]),
        st.floats(min_value=90, exclude_min=True, allow_infinity=False),
        st.floats(max_value=-90, exclude_max=True, allow_infinity=False),
    ),
    ("Place", "longitude"): st.one_of(
        st.sampled_from([NAN, INF, -INF]),
        st.floats(min_value=180, exclude_min=True, allow_infinity=False),
        st.floats(max_value=-180, exclude_max=True, allow_infinity=False),
    ),
    ("Visit", "order"): st.one_of(
        st.integers(-(10**30), 0), st.integers(100_001, 10**30), st.sampled_from([1.5, NAN, INF])
    ),
    ("Visit", "trip"): st.one_of(st.integers(-(10**30), 0), st.sampled_from([2.5, -INF])),
    ("DurationVariant", "minutes"): st.one_of(
        st.integers(-(10**30), -1), st.integers(100_001, 10**30), st.sampled_from([0.5, NAN])
    ),
    ("Figure", "low"): st.sampled_from([NAN, INF, -INF]),
    ("Figure", "high"): st.sampled_from([NAN, INF, -INF]),
}


def get(data: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys:
        data = data[key]
    return data


# -- outcomes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What a mutation must lead to; ``None`` fields mean "either outcome is fine"."""

    fails_at: str | None = None  # a problem with exactly this path ...
    saying: tuple[str, ...] = ()  # ... whose text contains all of these
    fails_under: str | None = None  # a problem at this path or below it
    error: bool = False  # a TourError, wherever its problems are
    valid_with: tuple[tuple[Any, ...], Any] | None = None  # (keys, value) the loaded tour must hold
    kind: str = "chaos"


ANYTHING = Expect()


def load_checked(text: str, file: str, fmt: str | None) -> Tour | TourError:
    """Load; a TourError must name the file and list at least one readable problem."""
    try:
        tour = load_text(text, file, fmt)
    except TourError as exc:
        check_error(exc, file)
        return exc
    # A valid tour is usable downstream: both CSV exports render.
    exports.claims_csv(tour)
    exports.proposals_csv(tour)
    return tour


def check_error(exc: TourError, file: str) -> None:
    assert exc.file == file
    assert str(exc).startswith(f"{file}: {len(exc.problems)} problem")
    assert exc.problems, str(exc)
    assert all(isinstance(p, Problem) and p.message for p in exc.problems)


def _field_of(tour: Tour, keys: tuple[Any, ...]) -> Any:
    node: Any = tour
    for key in keys:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    return node


def check_expectation(result: Tour | TourError, expect: Expect) -> None:
    if expect.error:
        assert isinstance(result, TourError), f"{expect.kind}: expected a TourError, got a valid tour"
    if expect.fails_at is not None:
        assert isinstance(result, TourError), f"{expect.kind}: expected an error at {expect.fails_at!r}"
        shown = [str(p) for p in result.problems if p.path == expect.fails_at]
        assert shown, f"{expect.kind}: no problem at {expect.fails_at!r} in:\n{result}"
        assert any(all(s in line for s in expect.saying) for line in shown), (expect.saying, shown)
    if expect.fails_under is not None:
        assert isinstance(result, TourError), f"{expect.kind}: expected an error under {expect.fails_under!r}"
        under = expect.fails_under
        assert any(
            p.path == under or p.path.startswith((f"{under}.", f"{under}[")) for p in result.problems
        ), f"{expect.kind}: no problem under {under!r} in:\n{result}"
    if expect.valid_with is not None:
        assert isinstance(result, Tour), f"{expect.kind}: expected a valid tour, got:\n{result}"
        keys, value = expect.valid_with
        assert _field_of(result, keys) == value


@contextmanager
def tally(name: str, minimum: int) -> Iterator[Counter[str]]:
    """Count outcomes of one property run and record them, passed or failed."""
    outcomes: Counter[str] = Counter()
    started = time.monotonic()
    try:
        yield outcomes
    finally:
        tried = sum(outcomes.values())
        reliability.record(
            reliability.FUZZ,
            name,
            {
                "tried": tried,
                "tour_error": outcomes["error"],
                "valid": outcomes["valid"],
                "other": outcomes["other"],
                "seconds": round(time.monotonic() - started, 2),
            },
        )
    assert tried >= minimum, f"only {tried} examples ran"
    assert outcomes["other"] == 0


def classify(outcomes: Counter[str], run: Callable[[], Tour | TourError]) -> Tour | TourError:
    try:
        result = run()
    except Exception:
        outcomes["other"] += 1
        raise
    outcomes["error" if isinstance(result, TourError) else "valid"] += 1
    return result


# -- structured mutations ---------------------------------------------------------------------


def _pick_record(draw: st.DrawFn, data: dict[str, Any], want: Callable[[Record], bool]) -> Record:
    candidates = [r for r in records(data) if want(r)]
    return draw(st.sampled_from(candidates))


def m_missing(draw: st.DrawFn, data: dict[str, Any]) -> Expect:
    def has_required(r: Record) -> bool:
        node = get(data, r.keys)
        return any(i.is_required() and n in node for n, i in r.model.model_fields.items())

    rec = _pick_record(draw, data, has_required)
    node = get(data, rec.keys)
    name = draw(
        st.sampled_from([n for n, i in rec.model.model_fields.items() if i.is_required() and n in node])
    )
    del node[name]
    return Expect(_join(rec.path, name), ("this field is required",), kind="missing field")


def _non_finite(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    return isinstance(value, list) and any(_non_finite(v) for v in value)


# JSON refuses NaN and infinity as it parses, before any field is looked at.
JSON_NON_FINITE = Expect("", ("is not a number a tour file may contain",), kind="non-finite number in JSON")


YAML_BREAKS = "\r\n\x85\u2028\u2029"  # every line break YAML knows


def m_extra(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> Expect:
    rec = _pick_record(draw, data, lambda r: True)
    name = draw(st.one_of(odd_text, st.sampled_from(["date", "str", "int", "none", "a[1]", "[key]", "Name"])))
    if name in rec.model.model_fields:
        name += "_extra"
    value = get(data, rec.keys)[name] = draw(any_value)
    if fmt == "json" and _non_finite(value):
        return JSON_NON_FINITE
    if any("\ud800" <= c <= "\udfff" for c in name):  # refused as a key, before it is seen as a field
        return Expect(fails_under=rec.path, kind="extra field with a lone surrogate")
    if fmt == "yaml" and any(c in name for c in YAML_BREAKS):
        # A line break inside a quoted YAML key may be folded into a space: the key read
        # back, and so the path named, is not quite the one written.
        under = rec.path or None  # at the top, any path: the folded key is the whole path
        return Expect(fails_under=under, error=True, kind="extra field with a line break")
    return Expect(_join(rec.path, name), ("unknown field",), kind="extra field")


def m_wrong_type(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> Expect:
    rec = _pick_record(draw, data, lambda r: bool(get(data, r.keys)))
    node = get(data, rec.keys)
    name = draw(st.sampled_from(sorted(node)))
    old = node[name]
    # A list where a mapping or a scalar belongs, a mapping where a list or a scalar belongs.
    node[name] = {"zz": [1]} if isinstance(old, list) else [[draw(scalars)]]
    if fmt == "json" and _non_finite(node[name]):
        return JSON_NON_FINITE
    return Expect(fails_under=_join(rec.path, name), kind="wrong type")


def m_number(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> Expect:
    wanted = {model for model, _ in NUMBERS}
    rec = _pick_record(draw, data, lambda r: r.model.__name__ in wanted)
    name = draw(st.sampled_from([f for m, f in NUMBERS if m == rec.model.__name__]))
    value = draw(NUMBERS[(rec.model.__name__, name)])
    node = get(data, rec.keys)
    node[name] = value
    if name in ("latitude", "longitude"):  # keep the pair complete: the bad number is the only problem
        other = "longitude" if name == "latitude" else "latitude"
        node.setdefault(other, 0.0)
    if fmt == "json" and not math.isfinite(value):
        return JSON_NON_FINITE
    return Expect(_join(rec.path, name), (f"(got {value!r})",), kind="number out of range")


def m_reference(draw: st.DrawFn, data: dict[str, Any]) -> Expect:
    def has_ref(r: Record) -> bool:
        node = get(data, r.keys)
        return any(is_reference(r.model, n) and node.get(n) for n in r.model.model_fields)

    rec = _pick_record(draw, data, has_ref)
    node = get(data, rec.keys)
    name = draw(
        st.sampled_from([n for n in rec.model.model_fields if is_reference(rec.model, n) and node.get(n)])
    )
    path = _join(rec.path, name)
    if isinstance(node[name], list):
        index = draw(st.integers(0, len(node[name]) - 1))
        node[name][index] = UNKNOWN_ID
        path += f"[{index}]"
    else:
        node[name] = UNKNOWN_ID
    return Expect(path, ("unknown", "id", f"(got {UNKNOWN_ID!r})"), kind="broken reference")


def m_duplicate(draw: st.DrawFn, data: dict[str, Any]) -> Expect:
    lists = [
        k
        for k in ("sources", "places", "topics", "claims", "proposals", "discrepancies", "events")
        if data[k]
    ]
    name = draw(st.sampled_from(lists))
    item = copy.deepcopy(draw(st.sampled_from(data[name])))
    data[name].insert(draw(st.integers(0, len(data[name]))), item)
    return Expect(name, ("duplicate id", f"(got {item['id']!r})"), kind="duplicate id")


def m_text(draw: st.DrawFn, data: dict[str, Any], fmt: str) -> Expect:
    def has_text(r: Record) -> bool:
        node = get(data, r.keys)
        return any(is_free_text(r.model, n) and isinstance(node.get(n), str) for n in r.model.model_fields)

    rec = _pick_record(draw, data, has_text)
    node = get(data, rec.keys)
    name = draw(
        st.sampled_from(
            [n for n in rec.model.model_fields if is_free_text(rec.model, n) and isinstance(node.get(n), str)]
        )
    )
    value = draw(texts)
    node[name] = value
    rule = string_rule(rec.model, name)
    assert rule is not None and rule.max_length is not None
    path = _join(rec.path, name)
    kept = value.strip() if rule.strip_whitespace else value
    # Python's str.strip also removes \x1c-\x1f, which pydantic's trim keeps: no prediction then.
    ambiguous = rule.strip_whitespace and any(c in value for c in "\x1c\x1d\x1e\x1f")
    if any("\ud800" <= c <= "\udfff" for c in value):
        return Expect(path, ("expected text, but it holds a broken character",), kind="lone surrogate")
    if ambiguous:
        return Expect(kind="odd text")
    if fmt == "yaml" and any(c in value for c in YAML_BREAKS):
        # PyYAML's emitter can write such a break where its reader folds it into a space
        # (found by this test: "\x85" next to spaces came back as " "): no exact prediction.
        return Expect(kind="odd text with a YAML line break")
    if not kept:
        return Expect(path, ("expected some text; it must not be empty",), kind="empty text")
    if len(kept) > rule.max_length:
        return Expect(path, (f"expected at most {rule.max_length:,} characters",), kind="huge text")
    if CONTROLS.search(kept):
        return Expect(path, ("expected text without control characters",), kind="control character")
    return Expect(valid_with=((*rec.keys, name), kept), kind="odd text kept exactly")


def m_deep(draw: st.DrawFn, data: dict[str, Any]) -> Expect:
    rec = _pick_record(draw, data, lambda r: bool(get(data, r.keys)))
    node = get(data, rec.keys)
    name = draw(st.sampled_from(sorted(node)))
    value = node[name]
    for _ in range(draw(st.integers(MAX_DEPTH + 1, 3 * MAX_DEPTH))):
        value = [value] if draw(st.booleans()) else {"k": value}
    node[name] = value
    return Expect("", (f"nesting is deeper than {MAX_DEPTH} levels",), kind="deep nesting")


def m_chaos(draw: st.DrawFn, data: dict[str, Any]) -> Expect:
    for _ in range(draw(st.integers(1, 4))):
        slots: list[tuple[Any, Any]] = []
        stack: list[Any] = [data]
        while stack:
            node = stack.pop()
            items = (
                node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
            )
            for key, value in items:
                slots.append((node, key))
                stack.append(value)
        container, key = draw(st.sampled_from(slots))
        op = draw(st.sampled_from(["replace", "delete", "insert", "duplicate"]))
        if op == "replace":
            container[key] = draw(any_value)
        elif op == "delete":
            del container[key]
        elif op == "insert" and isinstance(container, dict):
            container[draw(st.text(max_size=10))] = draw(any_value)
        elif op == "insert":
            container.insert(key, draw(any_value))
        elif isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
    return ANYTHING


def serialise(draw: st.DrawFn, data: Any, fmt: str) -> str:
    if fmt == "yaml":
        return yaml.safe_dump(
            data,
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([False, None, True])),
            sort_keys=False,
            width=draw(st.sampled_from([80, 1_000_000])),
        )
    return json.dumps(
        data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2, "\t"])), default=str
    )


@dataclass(frozen=True)
class Case:
    kind: str
    fmt: str
    text: str
    expect: Expect


MUTATIONS = [
    "none",
    "missing",
    "extra",
    "wrong type",
    "number",
    "reference",
    "duplicate",
    "text",
    "deep",
    "chaos",
]


@st.composite
def structured_cases(draw: st.DrawFn) -> Case:
    data = copy.deepcopy(BASE)
    fmt = draw(st.sampled_from(["yaml", "json"]))
    kind = draw(st.sampled_from(MUTATIONS))
    expect = {
        "none": lambda: Expect(valid_with=(("id",), BASE["id"]), kind="unchanged"),
        "missing": lambda: m_missing(draw, data),
        "extra": lambda: m_extra(draw, data, fmt),
        "wrong type": lambda: m_wrong_type(draw, data, fmt),
        "number": lambda: m_number(draw, data, fmt),
        "reference": lambda: m_reference(draw, data),
        "duplicate": lambda: m_duplicate(draw, data),
        "text": lambda: m_text(draw, data, fmt),
        "deep": lambda: m_deep(draw, data),
        "chaos": lambda: m_chaos(draw, data),
    }[kind]()
    return Case(kind, fmt, serialise(draw, data, fmt), expect)


def test_the_rich_base_tour_is_valid() -> None:
    tour = load_text(RICH_YAML, "rich.yaml")
    assert len(records(BASE)) > 40
    assert tour.visits[0].duration[0].minutes == 60


STRUCTURED_EXAMPLES = examples(700)


@pytest.mark.timeout(300)
@pytest.mark.slow  # fuzzing
def test_structured_mutations_end_in_a_tour_or_a_tour_error(tmp_path: Path) -> None:
    with tally("structured mutations (YAML and JSON)", STRUCTURED_EXAMPLES) as outcomes:
        kinds: Counter[str] = Counter()

        # deadline: one file of at most ~1 MB must load in well under 5 s; a hang fails.
        # too_slow/data_too_large: the huge-string cases are deliberately big draws.
        @settings(
            max_examples=STRUCTURED_EXAMPLES,
            deadline=dt.timedelta(seconds=5),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(case=structured_cases(), sniff=st.booleans())
        def run(case: Case, sniff: bool) -> None:
            kinds[case.kind] += 1
            file = f"fuzzed.{case.fmt}"
            result = classify(outcomes, lambda: load_checked(case.text, file, None if sniff else case.fmt))
            check_expectation(result, case.expect)

        run()
    # Every kind of mutation was exercised, and both outcomes happened.
    assert set(kinds) == set(MUTATIONS), kinds
    assert outcomes["error"] and outcomes["valid"], outcomes


# -- raw-text tricks --------------------------------------------------------------------------

MINI_JSON = json.dumps(yaml.safe_load(MINI_YAML), default=str, indent=2, ensure_ascii=False)


@st.composite
def text_tricks(draw: st.DrawFn) -> Case:
    trick = draw(
        st.sampled_from(
            [
                "yaml duplicate top-level key",
                "yaml duplicate key in a flow mapping",
                "json duplicate key",
                "json non-finite token",
                "yaml non-finite latitude",
                "yaml alias",
                "yaml tag",
                "yaml odd key",
                "bom",
                "control characters",
                "crlf",
                "truncated",
                "huge number",
                "deep brackets",
                "spliced",
            ]
        )
    )
    fmt = trick.split()[0] if trick.startswith(("yaml", "json")) else draw(st.sampled_from(["yaml", "json"]))
    source = MINI_JSON if fmt == "json" else MINI_YAML
    lines = source.splitlines(keepends=True)
    if trick == "yaml duplicate top-level key":
        top = [line for line in lines if line[:1].isalpha() and ": " in line]
        line = draw(st.sampled_from(top))
        at = draw(st.sampled_from([i for i, x in enumerate(lines) if x[:1].isalpha()] + [len(lines)]))
        text = "".join([*lines[:at], line, *lines[at:]])
        key = line.split(":")[0]
        return Case(trick, fmt, text, Expect("", ("duplicate or invalid key", repr(key)), kind=trick))
    if trick == "yaml duplicate key in a flow mapping":
        flows = [i for i, x in enumerate(lines) if x.lstrip().startswith("- {id: ")]
        i = draw(st.sampled_from(flows))
        lines[i] = lines[i].replace("- {id: ", "- {id: zz, id: ", 1)
        return Case(trick, fmt, "".join(lines), Expect("", ("duplicate or invalid key 'id'",), kind=trick))
    if trick == "json duplicate key":
        opens = [i for i, c in enumerate(source) if c == "{"]
        at = draw(st.sampled_from(opens)) + 1
        key = draw(st.sampled_from(["id", "en", "sources", "zz"]))
        text = source[:at] + f'"{key}": 1, "{key}": 2,' + source[at:]
        return Case(trick, fmt, text, Expect("", (f"duplicate key {key!r}",), kind=trick))
    if trick == "json non-finite token":
        token = draw(st.sampled_from(["NaN", "Infinity", "-Infinity"]))
        number = draw(st.sampled_from(["-33.45", "-70.65", "-12.05", "-0.23"]))
        text = source.replace(number, token, 1)
        return Case(trick, fmt, text, Expect("", (f"{token.lstrip('-')} is not a number",), kind=trick))
    if trick == "yaml non-finite latitude":
        token = draw(st.sampled_from([".nan", ".NaN", ".inf", "-.Inf", "+.INF"]))
        text = MINI_YAML.replace("latitude: -12.05", f"latitude: {token}")
        return Case(trick, "yaml", text, Expect("places[1].latitude", ("finite number",), kind=trick))
    if trick == "yaml alias":
        text = MINI_YAML.replace("sources: [s1]}\n  - {id: lima", "sources: &src [s1]}\n  - {id: lima", 1)
        text = text.replace(
            "role: visit, latitude: -12.05, longitude: -77.04, sources: [s1]",
            "role: visit, latitude: -12.05, longitude: -77.04, sources: *src",
        )
        return Case(trick, "yaml", text, Expect("", ("YAML aliases (*name) are not allowed",), kind=trick))
    if trick == "yaml tag":
        tag = draw(
            st.sampled_from(
                [
                    "!!python/object/apply:os.system ['true']",
                    "!!python/name:os.system",
                    "!!binary /w==",
                    "!!set {a}",
                    "!!timestamp 2026-13-01",
                    "!!float x",
                    "!!int 0x",
                    "!!omap [a: 1]",
                    "!custom 1",
                    "!!str",
                    "!!null ''",
                ]
            )
        )
        key = draw(st.sampled_from(["subject: Someone", "id: mini"]))
        text = MINI_YAML.replace(key, f"{key.split(':')[0]}: {tag}", 1)
        return Case(trick, "yaml", text, ANYTHING)
    if trick == "yaml odd key":
        key = draw(
            st.sampled_from(
                [
                    "? !!set {a}\n: 1",
                    "? [a]\n: 1",
                    "? {a: 1}\n: 1",
                    "? !!binary aGk=\n: 1",
                    "1.5: x",
                    "~: x",
                    "7: x",
                ]
            )
        )
        at = draw(st.sampled_from([i for i, x in enumerate(lines) if x[:1].isalpha()] + [len(lines)]))
        text = "".join([*lines[:at], key + "\n", *lines[at:]])
        return Case(trick, "yaml", text, Expect(error=True, kind=trick))
    if trick == "bom":
        # A leading byte order mark is not content: the tour loads as without it.
        return Case(
            trick, fmt, "\ufeff" + source, Expect(valid_with=(("places", 1, "name"), "Lima"), kind=trick)
        )
    if trick == "control characters":
        chars = draw(
            st.lists(
                st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\ufffe", "\ud800"]),
                min_size=1,
                max_size=3,
            )
        )
        at = draw(st.integers(0, len(source)))
        return Case(trick, fmt, source[:at] + "".join(chars) + source[at:], ANYTHING)
    if trick == "crlf":
        return Case(
            trick,
            fmt,
            source.replace("\n", "\r\n"),
            Expect(valid_with=(("places", 1, "name"), "Lima"), kind=trick),
        )
    if trick == "truncated":
        at = draw(st.integers(0, len(source) - 1))
        truncated = source[:at]
        expect = Expect(kind=trick)
        if fmt == "json":
            expect = Expect(
                "", ("the file is empty",) if not truncated.strip() else ("not valid JSON",), kind=trick
            )
        return Case(trick, fmt, truncated, expect)
    if trick == "huge number":
        digits = "9" * draw(st.integers(4301, 20_000))
        text = source.replace("-33.45", digits, 1)
        return Case(trick, fmt, text, Expect("", ("Exceeds the limit",), kind=trick))
    if trick == "deep brackets":
        depth = draw(st.integers(MAX_DEPTH + 2, 50_000))
        text = (
            source.replace("[s1]", "[" * depth + "s1" + "]" * depth, 1)
            if fmt == "yaml"
            else source.replace('"s1"', "[" * depth + '"s1"' + "]" * depth, 1)
        )
        return Case(trick, fmt, text, Expect("", ("nesting is deeper than",), kind=trick))
    at = draw(st.integers(0, len(source)))
    cut = draw(st.integers(0, 20))
    return Case(trick, fmt, source[:at] + draw(odd_text) + source[at + cut :], ANYTHING)


TRICK_EXAMPLES = examples(350)


@pytest.mark.timeout(300)
@pytest.mark.slow  # fuzzing
def test_raw_text_tricks_end_in_a_tour_or_a_tour_error(tmp_path: Path) -> None:
    with tally("raw-text tricks (duplicate keys, NaN, aliases, tags, ...)", TRICK_EXAMPLES) as outcomes:

        @settings(
            max_examples=TRICK_EXAMPLES,
            deadline=dt.timedelta(seconds=5),
            suppress_health_check=[HealthCheck.too_slow],  # the huge-number texts are big draws
        )
        @given(case=text_tricks())
        def run(case: Case) -> None:
            file = f"tricky.{case.fmt}"
            result = classify(outcomes, lambda: load_checked(case.text, file, case.fmt))
            check_expectation(result, case.expect)

        run()
    assert outcomes["error"] and outcomes["valid"], outcomes


# -- raw garbage ------------------------------------------------------------------------------

TOKENS = [
    "{", "}", "[", "]", ",", ":", ": ", "-", "- ", "? ", "&a ", "*a", "!!str ", "!!map", "!tag ", "|", ">",
    "#", "'", '"', "\\", "\n", "  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
    "id", "places", "visits", "sources", "null", "true", "NaN", "Infinity", ".inf", "1e999", "-0",
    "2026-01-07", "\x00", "\ufeff", "\u202e", "\ud800", "<<: ", "= ", "\r",
]  # fmt: skip
soup = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
garbage_text = st.one_of(st.text(max_size=200), soup, st.text(st.characters(codec="utf-8"), max_size=50))


GARBAGE_EXAMPLES = examples(400)


@pytest.mark.timeout(300)
@pytest.mark.slow  # fuzzing
def test_raw_garbage_ends_in_a_tour_error(tmp_path: Path) -> None:
    with tally("raw garbage (text, token soup, bytes on disk)", GARBAGE_EXAMPLES) as outcomes:

        @settings(max_examples=GARBAGE_EXAMPLES, deadline=dt.timedelta(seconds=5))
        @given(
            text=garbage_text,
            raw=st.one_of(st.none(), st.binary(max_size=200)),
            fmt=st.sampled_from([None, "yaml", "json"]),
            suffix=st.sampled_from([".yaml", ".json", ".txt"]),
        )
        def run(text: str, raw: bytes | None, fmt: str | None, suffix: str) -> None:
            def both() -> Tour | TourError:
                first = load_checked(text, "garbage.txt", fmt)
                path = tmp_path / f"garbage{suffix}"
                path.write_bytes(text.encode("utf-8", "surrogatepass") if raw is None else raw)
                try:
                    load_tour(path)
                except TourError as exc:
                    check_error(exc, str(path))
                return first

            result = classify(outcomes, both)
            # Garbage is never a tour: a tour needs an id, a title, sources and places.
            assert isinstance(result, TourError), text

        run()


# -- CSV exports neutralise spreadsheet formulas -------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = {
    "=": '=HYPERLINK("http://x.test","y")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3",
    "@": "@SUM(1,1)",
    "\t": "\t=1+1",
    "\r": "\r=1+1",
}


def formula_tour(prefixes: list[str]) -> tuple[Tour, int]:
    """RICH with every free-text field (names, texts, quotes, notes) starting a formula; and their count."""
    data = copy.deepcopy(BASE)
    count = 0
    for rec in records(data):
        node = get(data, rec.keys)
        for name in rec.model.model_fields:
            if is_free_text(rec.model, name) and isinstance(node.get(name), str):
                node[name] = PAYLOADS[prefixes[count % len(prefixes)]] + " " + node[name]
                count += 1
    return load_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "formulas.yaml"), count


def _exported_texts(tour: Tour, export: str) -> list[dict[str, str]]:
    """The text cells each row of ``export`` should hold, before neutralising."""
    if export == "proposals_csv":
        return [
            {"proposal": p.title.en, "note": row.note.en if row.note else ""}
            for p in tour.proposals
            for row in p.history
        ]
    return [{"speaker": c.speaker or "", "text": c.text.en, "quote": c.quote or ""} for c in tour.claims]


@pytest.mark.parametrize("prefixes", [[p] for p in FORMULA_STARTS] + [list(FORMULA_STARTS)], ids=repr)
@pytest.mark.parametrize("export", ["proposals_csv", "claims_csv"])
def test_csv_exports_neutralise_formulas_in_every_text_column(prefixes: list[str], export: str) -> None:
    import csv
    import io

    tour, fields = formula_tour(prefixes)
    rows = list(csv.reader(io.StringIO(getattr(exports, export)(tour), newline="")))
    header, body = rows[0], rows[1:]
    expected = _exported_texts(tour, export)
    # A carriage return inside a cell must not end the row: that would start a new
    # row whose first cell ("=1+1 ...") is a live formula.
    assert len(body) == len(expected), body
    assert all(len(row) == len(header) for row in body), body
    cells = [cell for row in body for cell in row]
    # No cell at all starts a formula (id, country, status and date columns cannot, by their format).
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)], cells
    neutralised = 0
    for row, texts in zip(body, expected, strict=True):
        for column, value in texts.items():
            cell = row[header.index(column)]
            if not value:  # an optional field left empty
                assert cell == ""
                continue
            # neutralised with a leading quote, the text kept (line breaks as LF)
            assert value.startswith(FORMULA_STARTS), value
            assert cell == "'" + value.replace("\r\n", "\n").replace("\r", "\n"), (column, cell, value)
            neutralised += 1
    assert neutralised == {"proposals_csv": 3, "claims_csv": 4}[export]  # the text cells RICH fills in
    reliability.record(
        reliability.CSV,
        f"{export}, text starting with {''.join(prefixes)!r}",
        {
            "text fields set": fields,
            "rows": len(body),
            "cells checked": len(cells),
            "neutralised": neutralised,
        },
    )


@pytest.mark.parametrize("breaker", ["\r", "\r\n", "\n"], ids=["CR", "CRLF", "LF"])
def test_a_line_break_inside_a_cell_cannot_start_a_row_with_a_formula(breaker: str) -> None:
    import csv
    import io

    data = copy.deepcopy(BASE)
    data["claims"][0]["text"]["en"] = f'Harmless{breaker}=HYPERLINK("http://x.test","y")'
    tour = load_text(json.dumps(data, default=str), "breaks.json")
    rows = list(csv.reader(io.StringIO(exports.claims_csv(tour), newline="")))
    assert len(rows) == 1 + len(tour.claims)
    assert rows[1][rows[0].index("text")] == 'Harmless\n=HYPERLINK("http://x.test","y")'
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
