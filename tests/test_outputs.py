"""An output never replaces an input, and a file marked read-only is never replaced: `ingest -o` is
none of its articles, `export -o` is not the tour it reads (the embedded one included), and both
refuse a read-only `-o` as `geocode` and `upgrade` refuse a read-only tour (issue 24, items 1, 2, 14)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.tourfile import load
from tests.support import reliability

ARTICLE = (
    "The minister, Ana Torres, flew to Quito on Monday 5 January to meet President Daniel Noboa. "
    "“We will build a safer border together,” Ana Torres said after the meeting.\n"
)
SECTION = "output refusals"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the embedded tour standing in for it, so that a failing test harms only the copy."""
    copy = tmp_path / "kast-tour.yaml"
    shutil.copyfile(load.DEFAULT_TOUR, copy)
    monkeypatch.setattr(load, "DEFAULT_TOUR", copy)
    return copy


def _refused(capsys: pytest.CaptureFixture[str], said: str) -> str:
    err = capsys.readouterr().err
    assert err.startswith("error: ") and said in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize("spelling", ["same", "link", "dotted"])
def test_ingest_never_writes_its_draft_over_one_of_its_articles(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], spelling: str
):
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE.replace("Quito", "Lima"), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(article)
    (tmp_path / "sub").mkdir()
    output = {"same": str(article), "link": str(tmp_path / "link.txt")}
    output["dotted"] = f"{tmp_path}/sub/../article.txt"  # another spelling of the article's name

    code = cli.main(["ingest", str(other), str(article), "--published", "2026-01-06", "-o", output[spelling]])

    assert code == 1
    line = _refused(capsys, "it is one of the articles being read")
    assert article.read_text(encoding="utf-8") == ARTICLE
    reliability.record(SECTION, f"ingest -o an article ({spelling})", line.replace(str(tmp_path), "…"))


@pytest.mark.parametrize("what", ["geojson", "html", "story", "png", "pack"])
def test_export_without_tour_never_writes_over_the_embedded_tour(
    embedded: Path, capsys: pytest.CaptureFixture[str], what: str
):
    before = embedded.read_bytes()
    extra = ["--no-images"] if what == "pack" else []

    code = cli.main(["export", what, *extra, "-o", str(embedded)])

    assert code == 1
    line = _refused(capsys, "it is the tour file being read")
    assert embedded.read_bytes() == before
    reliability.record(SECTION, f"export {what} -o the embedded tour", line.replace(str(embedded), "…"))


@pytest.mark.parametrize(
    "command",
    [
        ["export", "geojson", "-o", "{out}"],
        ["ingest", "{article}", "--published", "2026-01-06", "-o", "{out}"],
    ],
    ids=["export", "ingest"],
)
def test_a_read_only_output_is_refused_and_left_as_it_is(
    article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
):
    out = tmp_path / "out.txt"
    out.write_text("keep me\n", encoding="utf-8")
    out.chmod(0o444)
    try:
        code = cli.main([arg.format(out=out, article=article) for arg in command])
        assert code == 1
        line = _refused(capsys, "it is read-only (mode 0444); make it writable first")
        assert out.read_text(encoding="utf-8") == "keep me\n"
        assert stat.S_IMODE(out.stat().st_mode) == 0o444
    finally:
        out.chmod(0o644)
    reliability.record(SECTION, f"{command[0]} -o a read-only file", line.replace(str(tmp_path), "…"))


def test_a_writable_output_is_still_replaced_with_its_mode_kept(tmp_path: Path):
    out = tmp_path / "out.geojson"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(0o640)
    assert cli.main(["export", "geojson", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{") and stat.S_IMODE(out.stat().st_mode) == 0o640
