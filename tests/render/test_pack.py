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
import yaml
from frictionless import validate
from markdown_it import MarkdownIt

from dashboard.cli import main
from dashboard.render.pack import pack_files
from dashboard.tourfile.load import DEFAULT_TOUR, load_text, load_tour
from dashboard.tourfile.model import Tour
from dashboard.views.formats import source_name
from dashboard.views.markup import md_file
from tests.support.hostile import PAYLOADS, write_hostile
from tests.test_hostile import AUTOLINK
from tests.test_hostile import LINKY as LINKY_WORDS


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


# Bare addresses GFM links even with every mark escaped, entities, emphasis and a strikethrough.
LINKY = (
    "See https://evil.example/a_b or www.evil.example, write to someone@evil.example: "
    "&lt;b&gt;bold&lt;/b&gt; &amp; *more* ~~struck~~ [x](javascript:y)"
)


def _read(markdown: str) -> list[tuple[str, str, set[str]]]:
    """Each run of inline text in ``markdown`` as a CommonMark reader shows it (escapes and entities
    resolved), the part of it outside code spans (what GFM's autolinker reads), and its token kinds."""
    runs = []
    for token in MarkdownIt("commonmark").enable("strikethrough").parse(markdown):
        if token.type == "inline":
            kids = token.children or []
            shown = "".join(k.content for k in kids)
            outside = "".join(k.content if k.type == "text" else " " for k in kids)
            runs.append((shown, outside, {k.type for k in kids}))
    return runs


def test_the_readme_shows_titles_as_typed_never_as_links_or_markup(mini_data: dict[str, object]) -> None:
    mini_data["title"] = {"en": LINKY}
    mini_data["sources"] = [{"id": "s1", "language": "en", "title": LINKY}]
    tour = load_text(yaml.safe_dump(mini_data, allow_unicode=True), "linky.yaml")
    readme = pack_files(tour, "linky.yaml", b"", images=False)["README.md"].decode()
    runs = [run for run in _read(readme) if "evil.example" in run[0]]
    assert runs[0][0] == f"{LINKY}: evidence pack"  # the heading, as typed
    assert len(runs) == 2 and LINKY in runs[1][0]  # and the source, cited by its title
    for shown, outside, kinds in runs:
        assert kinds <= {"text", "code_inline"}, (shown, kinds)  # no link, emphasis, HTML or strikethrough
        assert not AUTOLINK.search(outside), outside  # no word GFM would make a link


@pytest.mark.parametrize("text", [LINKY, *LINKY_WORDS, *PAYLOADS])
def test_md_file_reads_as_typed_on_one_line(text: str) -> None:
    ((shown, outside, kinds),) = _read(md_file(text))
    assert shown == " ".join(text.split())  # every mark as typed, the lines joined
    assert kinds <= {"text", "code_inline"} and not AUTOLINK.search(outside)


def test_with_a_browser_the_pack_holds_an_image_of_each_view(chromium: Path, tmp_path: Path) -> None:
    assert main(["export", "pack", "-o", str(tmp_path / "pack.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "pack.zip") as archive:
        images = {n: archive.read(n) for n in archive.namelist() if n.startswith("images/")}
    assert sorted(images) == [f"images/{v}.png" for v in ("map", "proposals", "timeline", "topics")]
    for data in images.values():
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">I", data[16:20])[0] >= 1600
