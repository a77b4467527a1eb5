"""Every example in the README is run or validated: tour files validate, commands run as shown."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from dashboard import cli
from dashboard.tourfile.load import load_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
YAML_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)
# `python -m dashboard ...` in the command table and in code blocks, with any shell redirection cut off.
COMMANDS = sorted(
    {
        cmd.split(" > ")[0].strip()
        for cmd in re.findall(r"(?:`|\$ |^)(python -m dashboard [^`\n]+)", README, re.M)
        if "COMMAND" not in cmd and "FILE" not in cmd
    }
)


def test_the_readme_has_examples():
    assert YAML_BLOCKS and len(COMMANDS) >= 7


@pytest.mark.parametrize("block", YAML_BLOCKS, ids=[f"yaml-{i}" for i in range(len(YAML_BLOCKS))])
def test_every_yaml_example_is_a_valid_tour(block: str):
    assert load_text(block, "README.md example").id


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the files the examples name: the README's tour as my-tour.yaml, and data/."""
    (tmp_path / "my-tour.yaml").write_text(YAML_BLOCKS[0], encoding="utf-8")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def _expected_code(command: str) -> int:
    # The examples that show a failure (a broken file, an -o into a missing folder) exit 1.
    return 1 if "out/map.html" in command or "broken.yaml" in command else 0


def _broken_tour() -> str:
    """The README's tour with the six mistakes its `validate broken.yaml` example reports."""
    data = yaml.safe_load(YAML_BLOCKS[0])
    data["places"][2]["latitude"] = 133.4
    data["places"][3].update(country="ZZ", role="vist")
    data["visits"][0]["dates"][0]["start"] = "2026-13-07"
    data["visits"][1]["order"] = "two"
    data["claims"][0]["topics"] = ["weather"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _shown_output(command: str) -> list[str]:
    block = next(b for b in re.findall(r"```text\n(.*?)```", README, re.S) if f"$ {command}\n" in b)
    return block.split(f"$ {command}\n", 1)[1].strip().splitlines()


def _draws_images(command: str) -> bool:
    """`export png`, and `export pack` unless told --no-images, start chromium to draw."""
    return " export png" in command or (" export pack" in command and "--no-images" not in command)


@pytest.mark.parametrize(
    "command", [pytest.param(c, marks=[pytest.mark.chromium] if _draws_images(c) else []) for c in COMMANDS]
)
def test_every_command_example_runs(workdir: Path, command: str, capsys: pytest.CaptureFixture[str]):
    args = shlex.split(command)[3:]  # after "python -m dashboard"
    if args[:1] == ["geocode"] and "--offline" not in args:
        args.append("--offline")  # no network in tests: the online path has tests of its own
    if "broken.yaml" in args:
        (workdir / "broken.yaml").write_text(_broken_tour(), encoding="utf-8")
    code = cli.main(args)
    out = capsys.readouterr()
    assert code == _expected_code(command), out.err
    if code:  # a failure the README shows is shown exactly as it prints
        assert out.err.strip().splitlines() == _shown_output(command)
    written = args[args.index("-o") + 1] if "-o" in args else None
    if written and code == 0:
        assert (workdir / written).stat().st_size > 0
