"""Reviewing a draft: its proposals as rows a person decides on (accept, reject, keep as a draft),
and the tour those decisions make. Accepting a proposal clears its draft mark; rejecting removes it
(and what depends on it: a rejected place takes its proposed visit along). Curated items, which
carry no draft mark, are never rows and never change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dashboard.ingest.chars import shown
from dashboard.tourfile.model import DRAFTED, Tour

ACCEPT, REJECT, KEEP = "accept", "reject", "keep as draft"


@dataclass(frozen=True)
class Row:
    kind: str
    key: str  # the item's id (a visit's place id)
    what: str  # what is proposed, in a few words (editable for places and quotes' speakers)
    evidence: str  # (both with invisible characters written out as [U+202E])
    source: str
    flag: str


def _key(kind: str, item: Any) -> str:
    return str(item.place if kind == "visits" else item.id)


def _what(kind: str, item: Any) -> str:
    if kind == "places":
        return str(item.name)
    if kind == "visits":
        return ", ".join(d.start.isoformat() for d in item.dates)
    if kind == "claims":
        return f"{item.speaker}: “{item.quote}”" if item.quote else item.text.en
    if kind in ("events", "topics"):
        return str(item.label.en)
    return str(item.subject.en)


def rows(tour: Tour) -> list[Row]:
    """Every proposal in the tour (items with a draft mark), kind by kind."""
    return [
        Row(
            kind,
            _key(kind, item),
            shown(_what(kind, item)),  # invisible characters written out: RLO would turn the row around
            shown(item.draft.evidence),
            item.draft.source,
            item.draft.flag or "",
        )
        for kind in DRAFTED
        for item in getattr(tour, kind)
        if item.draft is not None
    ]


def apply(
    tour: Tour, decisions: dict[tuple[str, str], str], names: dict[tuple[str, str], str] | None = None
) -> Tour:
    """The tour after the decisions (``(kind, key) -> accept | reject | keep as draft``; missing keys
    keep their draft). ``names``: edited names of places and speakers of quotes."""
    names = names or {}
    rejected_places = {k for (kind, k), d in decisions.items() if kind == "places" and d == REJECT}
    update: dict[str, list[Any]] = {}
    for kind in DRAFTED:
        kept = []
        for item in getattr(tour, kind):
            key = (kind, _key(kind, item))
            if item.draft is not None and (
                decisions.get(key) == REJECT or (kind == "visits" and item.place in rejected_places)
            ):
                continue
            kept.append(_decided(kind, item, decisions.get(key, KEEP), names.get(key)))
        update[kind] = kept
    return tour.model_copy(update=update)


def _decided(kind: str, item: Any, decision: str, name: str | None) -> Any:
    if item.draft is None:
        return item  # curated: never changed
    changes: dict[str, Any] = {"draft": None} if decision == ACCEPT else {}
    if name and kind == "places":
        changes["name"] = name
    if name and kind == "claims":
        changes["speaker"] = name
    return item.model_copy(update=changes) if changes else item
