"""Every CLI command, run as users run it: exit codes, output, files written."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dashboard.cli import build_parser, main
from dashboard.tourfile.load import DEFAULT_TOUR
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


@pytest.mark.slow  # the CLI in a new Python process
def test_validate_accepts_the_kast_tour():
    result = run("validate", "data/kast-tour.yaml")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "3 visits" in result.stdout


@pytest.mark.slow  # the CLI in a new Python process
def test_validate_lists_every_problem(tmp_path: Path, mini_file: Path):
    text = (
        mini_file.read_text().replace("latitude: -12.05", "latitude: 120").replace("order: 2", "order: two")
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "2 problems" in result.stderr
    # Each problem names its item by id, and where it is in the file.
    latitude = r"place 'lima' \(places\[1\]\)\.latitude \(line \d+, column \d+\): .*\(got 120\)"
    assert re.search(latitude, result.stderr)
    assert re.search(r"visit 'quito' \(visits\[1\]\)\.order \(line \d+, column \d+\): .*'two'", result.stderr)
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Tour"
    assert {"sources", "places", "visits", "claims", "proposals", "discrepancies"} <= set(
        schema["properties"]
    )
    countries = schema["$defs"]["Claim"]["properties"]["countries"]
    assert countries["type"] == "array" and countries["items"]["pattern"] == "^[A-Z]{2}$"
    assert "Countries the claim concerns beyond its places" in countries["description"]


def test_export_geojson_to_stdout(capsys: pytest.CaptureFixture[str]):
    assert main(["export", "geojson"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = [f["properties"]["name"] for f in data["features"] if f["geometry"]["type"] == "Point"]
    assert names == ["Santiago", "Buenos Aires", "Quito", "Lima", "Arica", "Tacna"]
    legs = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    assert len(legs) == 3


def test_export_proposals_csv_to_file(tmp_path: Path):
    out = tmp_path / "proposals.csv"
    assert main(["export", "proposals", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    corridor = [(r["country"], r["status"]) for r in rows if r["proposal_id"] == "humanitarian-corridor"]
    assert ("PE", "rejected") in corridor


def test_export_claims_csv_for_another_tour(mini_file: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["export", "claims", "--tour", str(mini_file)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["claim_id"] for r in rows] == ["c1", "c2"]


def test_export_html_is_self_contained(tmp_path: Path):
    out = tmp_path / "map.html"
    assert main(["export", "html", "-o", str(out)]) == 0
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert not soup.find_all("script", src=True)
    assert not soup.find_all("link", href=True)
    assert "Buenos Aires" in out.read_text(encoding="utf-8")


def test_export_of_a_broken_tour_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["export", "geojson", "--tour", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.json" in err and "not valid JSON" in err


@pytest.mark.parametrize("command", ["validate", "geocode", "export", "schema", "import"])
def test_every_command_has_help_with_an_example(command: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    help_text = sub.choices[command].format_help()  # type: ignore[attr-defined]
    assert "example" in help_text and "python -m dashboard" in help_text


@pytest.mark.parametrize("kind", ["oh-travels", "csv"])
def test_each_importer_has_help_with_an_example(kind: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    kinds = next(a for a in sub.choices["import"]._actions if a.dest == "kind")  # type: ignore[attr-defined]
    help_text = kinds.choices[kind].format_help()
    assert "example" in help_text and f"python -m dashboard import {kind} " in help_text


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dashboard = "dashboard.cli:main"' in text


@pytest.mark.slow  # the CLI in a new Python process
@pytest.mark.parametrize(
    ("output", "reason"),
    [
        ("missing/out.geojson", "the folder '{tmp}/missing' does not exist; create it first"),
        (".", "it is a folder, not a file; give the name of a file to write inside it"),
        ("a-file.txt/out.geojson", "'{tmp}/a-file.txt' is a file, not a folder"),
    ],
)
def test_an_output_that_cannot_be_written_is_one_clear_line(tmp_path: Path, output: str, reason: str):
    (tmp_path / "a-file.txt").write_text("x")
    target = tmp_path / output
    result = run("export", "geojson", "-o", str(target))
    assert result.returncode == 1
    assert result.stderr == f"error: {target}: cannot write: {reason.format(tmp=tmp_path)}\n"
    assert result.stdout == ""


def test_an_output_without_permission_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root may write anywhere: refuse the write as the system would

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        assert main(["export", "claims", "-o", str(folder / "claims.csv")]) == 1
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert err.startswith(f"error: {folder / 'claims.csv'}: cannot write: permission denied")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ({}, "6 places, 3 visits, 56 claims, 6 proposals, 5 sources, 7 discrepancies."),
        (
            {"places": 1, "visits": 1, "claims": 1, "proposals": 1, "sources": 1, "discrepancies": 1},
            "1 place, 1 visit, 1 claim, 1 proposal, 1 source, 1 discrepancy.",
        ),
        (
            {"visits": 0, "claims": 0, "proposals": 0, "discrepancies": 0},
            "6 places, 0 visits, 0 claims, 0 proposals, 5 sources, 0 discrepancies.",
        ),
    ],
)
def test_validate_summary_counts_in_good_english(kast, lines: dict[str, int], expected: str):
    from dashboard.tourfile.validate import summary

    tour = kast.model_copy(update={k: getattr(kast, k)[:n] for k, n in lines.items()})
    assert expected in summary(tour)


@pytest.mark.parametrize(
    ("missing", "line"), [(1, "1 place has no coordinates"), (2, "2 places have no coordinates")]
)
def test_validate_summary_counts_places_without_coordinates(mini_tour, missing: int, line: str):
    from dashboard.tourfile.validate import summary

    places = [
        p.model_copy(update={"latitude": None, "longitude": None}) if i < missing else p
        for i, p in enumerate(mini_tour.places)
    ]
    assert line in summary(mini_tour.model_copy(update={"places": places}))


@pytest.mark.slow  # the CLI in a new Python process
def test_top_level_help_has_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert "python -m dashboard validate data/kast-tour.yaml" in result.stdout
    assert "python -m dashboard export html --lang es" in result.stdout


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"), [("en", "7 January 2026", "enero"), ("es", "enero de 2026", "January")]
)
def test_export_html_in_either_language(tmp_path: Path, lang: str, shown: str, not_shown: str):
    out = tmp_path / f"map-{lang}.html"
    assert main(["export", "html", "--lang", lang, "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert shown in text and not_shown not in text  # the Lima visit's date, in the map's language


def test_lang_is_only_for_the_exports_that_have_words(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as caught:
        main(["export", "claims", "--lang", "es"])
    assert caught.value.code == 2
    said = "--lang applies to 'export html/story/png/pack'; claims is always in English"
    assert said in capsys.readouterr().err


@pytest.mark.parametrize("what", ["png", "pack"])
def test_a_binary_export_needs_a_file(what: str, capsys: pytest.CaptureFixture[str]):
    assert main(["export", what]) == 1
    assert f"a {what} export is binary: give -o FILE" in capsys.readouterr().err


def test_view_is_only_for_the_png_export(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as caught:
        main(["export", "html", "--view", "map"])
    assert caught.value.code == 2
    assert "--view applies to 'export png' only" in capsys.readouterr().err


@pytest.mark.slow  # the CLI in a new Python process
def test_a_full_disk_on_standard_output_is_one_line_not_a_traceback():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "dashboard", "export", "geojson"],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.strip() == "error: <standard output>: cannot write: No space left on device"


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "soon"])
@pytest.mark.parametrize("option", ["--timeout", "--min-delay"])
def test_seconds_must_be_a_positive_number(option: str, value: str, capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as stopped:
        main(["geocode", "tour.yaml", option, value])
    assert stopped.value.code == 2
    assert f"argument {option}: expected a number of seconds" in capsys.readouterr().err


def test_exports_leave_a_drafts_proposals_out_and_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    article = tmp_path / "a.txt"
    article.write_text(
        "The minister, Ana Torres, flew to Montevideo on Monday 5 January to meet President Marta Ríos. "
        "“We will build a safer border together,” Ana Torres said.",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    assert (
        main(
            [
                "ingest",
                str(article),
                "--published",
                "2026-01-06",
                "--tour",
                str(DEFAULT_TOUR),
                "-o",
                str(draft),
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["export", "geojson", "--tour", str(draft)]) == 0
    out = capsys.readouterr()
    names = [f["properties"].get("name") for f in json.loads(out.out)["features"]]
    assert "Lima" in names and "Montevideo" not in names
    assert "proposals (drafts) left out" in out.err
