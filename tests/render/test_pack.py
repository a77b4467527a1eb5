"""The evidence pack: every export of a tour in one zip, described by a Frictionless data package
that validates, with a README citing every source and the tour file itself."""

from __future__ import annotations

import csv
import io
import json
import struct
import zipfile
from pathlib import Path

import pytest
from frictionless import validate

from dashboard.cli import main
from dashboard.render.pack import pack_files
from dashboard.tourfile.load import DEFAULT_TOUR, load_tour
from dashboard.tourfile.model import Tour
from dashboard.views.formats import source_name
from tests.support.hostile import PAYLOADS, write_hostile


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed tour's pack without images, made by the command line and unzipped."""
    out = tmp_path_factory.mktemp("pack")
    assert main(["export", "pack", "--no-images", "-o", str(out / "pack.zip")]) == 0
    with zipfile.ZipFile(out / "pack.zip") as archive:
        archive.extractall(out / "unzipped")
    return out / "unzipped"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_the_pack_holds_every_export_and_the_tour_file(pack: Path) -> None:
    names = {p.relative_to(pack).as_posix() for p in pack.rglob("*") if p.is_file()}
    assert names == {
        "README.md", "datapackage.json", "map.html", "story.html", "tour.geojson",
        "claims.csv", "proposals.csv", "sources.csv", "kast-tour.yaml",
    }  # fmt: skip
    assert (pack / "kast-tour.yaml").read_bytes() == DEFAULT_TOUR.read_bytes()


def test_the_data_package_validates_with_frictionless(pack: Path) -> None:
    report = validate(pack / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    described = {r["path"] for r in json.loads((pack / "datapackage.json").read_text())["resources"]}
    assert described == {"claims.csv", "proposals.csv", "sources.csv", "tour.geojson"}


def test_every_csv_has_its_rows(pack: Path, kast: Tour) -> None:
    assert len(_rows(pack / "claims.csv")) == len(kast.claims)
    assert len(_rows(pack / "proposals.csv")) == sum(len(p.history) for p in kast.proposals)
    assert [r["source_id"] for r in _rows(pack / "sources.csv")] == [s.id for s in kast.sources]


def test_the_readme_cites_every_source_and_says_how_to_cite_the_pack(pack: Path, kast: Tour) -> None:
    readme = (pack / "README.md").read_text(encoding="utf-8").replace("\\", "")
    cited = readme.partition("## Sources")[2].partition("## How to cite")[0]
    for source in kast.sources:  # by outlet and title, as readers know it; never by id
        assert f". {source_name(source, 'en')} · " in cited, source.id
        assert source.id not in cited.replace("`sources.csv` gives every id", "")
        assert source.url is None or f"<{source.url}>" in readme
    assert "## How to cite this pack" in readme and "no images: left out (--no-images" in readme


def test_the_readme_and_the_descriptor_date_the_data_by_its_newest_fact(pack: Path) -> None:
    # The Lima meeting of 7 January, which an undated source reports, not the last dated source.
    said = "Facts up to 7 January 2026 · Sources dated up to 22 December 2025."
    assert said in (pack / "README.md").read_text(encoding="utf-8")
    assert json.loads((pack / "datapackage.json").read_text(encoding="utf-8"))["description"] == said


def test_a_hostile_tour_packs_its_text_as_inert_data(tmp_path: Path) -> None:
    path = write_hostile(tmp_path / "hostile.json")
    files = pack_files(load_tour(path), path.name, path.read_bytes(), images=False)
    readme = files["README.md"].decode()
    prose, fence, rest = readme.partition("```text\n")
    cite, _, rest = rest.partition("\n```\n")
    assert fence and "```" not in cite  # the citation is plain text in a fence it cannot close
    for text in (prose, rest):  # outside the fence, Markdown-escaped: no live HTML, no link
        assert "<script>" not in text and "<img" not in text and "](javascript" not in text
    for name in ("claims.csv", "proposals.csv", "sources.csv"):
        for row in csv.reader(io.StringIO(files[name].decode())):
            assert not [c for c in row if c.lstrip().startswith(("=", "+", "@"))], (name, row)
    assert files["hostile.json"] == path.read_bytes()
    assert any(p in files["tour.geojson"].decode() for p in PAYLOADS)  # kept as data, in JSON strings


def test_with_a_browser_the_pack_holds_an_image_of_each_view(chromium: Path, tmp_path: Path) -> None:
    assert main(["export", "pack", "-o", str(tmp_path / "pack.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        images = {n: archive.read(n) for n in archive.namelist() if n.startswith("images/")}
    assert sorted(images) == [f"images/{v}.png" for v in ("map", "proposals", "timeline", "topics")]
    for data in images.values():
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] >= 1600
