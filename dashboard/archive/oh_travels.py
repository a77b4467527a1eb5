"""``import oh-travels``: the Office of the Historian's travel XML files, one tour per person.

The files given may be the archive's XML files or folders holding them (the archive's root, or one of
its ``president-travels``/``secretary-travels`` folders). Records are grouped by person (the XML's
``who``), whatever file they are in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from dashboard.archive import places, tours
from dashboard.archive.records import FOLDERS, ArchiveError, Record, archive_files, read_file


def input_files(paths: Iterable[Path]) -> list[Path]:
    """The XML files named, a folder standing for the XML files in it (or in its travel folders)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inner = (
                archive_files(path)
                if any((path / f).is_dir() for f in FOLDERS)
                else sorted(path.glob("*.xml"))
            )
            if not inner:
                raise ArchiveError(f"{path}: no travel records (*.xml) in this folder")
            found += inner
        elif path.is_file():
            found.append(path)
        else:
            raise ArchiveError(f"{path}: no such file or folder")
    return list(dict.fromkeys(found))


def import_files(paths: Iterable[Path]) -> list[tours.Imported]:
    """A tour per person in the files (records grouped by the XML's ``who``), in the files' order."""
    by_person: dict[str, list[Record]] = {}
    for path in input_files(paths):
        for row in read_file(path):
            by_person.setdefault(row.slug, []).append(row)
    return [tours.person_tour(rows) for rows in by_person.values()]


def placed(imported: Iterable[tours.Imported]) -> Counter[str]:
    """How the visited places were placed: "city", "region", "capital" or "unlocated"."""
    kinds = {places.CITY: "city", places.REGION: "region", places.CAPITAL: "capital"}
    return Counter(
        kinds.get(p.geocoded_by or "", "unlocated")
        for done in imported
        for p in done.tour.places
        if p.role == "visit"
    )
