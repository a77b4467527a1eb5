"""Workflows that chain the layers: read a tour file, work on it, write it back.

The layers below each do one job (load and validate, geocode, edit text, write atomically);
the command line and the app call these workflows rather than chaining the layers themselves.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from dashboard.geo.geocode import GeocodeOptions, GeocodeReport, Progress, missing, resolve
from dashboard.tourfile.edit import add_coordinates
from dashboard.tourfile.files import write_atomic
from dashboard.tourfile.load import load_text, read_text


def geocode_file(path: Path, options: GeocodeOptions, progress: Progress | None = None) -> GeocodeReport:
    """Geocode a tour file in place, atomically, changing only the coordinates it adds."""

    text = read_text(path)
    tour = load_text(text, str(path), "json" if path.suffix.lower() == ".json" else None)
    report = resolve(missing(tour), options, progress)
    report.file = str(path)
    if report.added and not options.dry_run:
        new_text = add_coordinates(text, report.added)
        load_text(new_text, str(path))  # never write a file we could not read back
        write_atomic(path, _as_on_disk(path, new_text))
        report.written = True
    return report


def _as_on_disk(path: Path, text: str) -> str:
    """``text`` with the file's own CRLF line ends and byte order mark, which reading it dropped."""
    with path.open("rb") as handle:
        first = handle.readline()
    if first.endswith(b"\r\n"):
        text = text.replace("\n", "\r\n")
    return "\ufeff" + text if first.startswith(codecs.BOM_UTF8) else text
