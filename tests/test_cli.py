"""Every CLI command, run as users run it: exit codes, output, files written."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dashboard.cli import build_parser, main
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_validate_accepts_the_kast_tour():
    result = run("validate", "data/kast-tour.yaml")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout
    assert "3 visits" in result.stdout


def test_validate_lists_every_problem(tmp_path: Path, mini_file: Path):
    text = (
        mini_file.read_text().replace("latitude: -12.05", "latitude: 120").replace("order: 2", "order: two")
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run("validate", str(bad))
    assert result.returncode == 1
    assert "2 problems" in result.stderr
    assert "places[1].latitude" in result.stderr and "120" in result.stderr
    assert "visits[1].order" in result.stderr and "'two'" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Tour"
    assert {"sources", "places", "visits", "claims", "proposals", "discrepancies"} <= set(
        schema["properties"]
    )


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


@pytest.mark.parametrize("command", ["validate", "geocode", "export", "schema"])
def test_every_command_has_help_with_an_example(command: str):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    help_text = sub.choices[command].format_help()  # type: ignore[attr-defined]
    assert "example" in help_text and "python -m dashboard" in help_text


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'dashboard = "dashboard.cli:main"' in text
