"""Images for print are drawn under a wall-clock deadline: when it passes, the drawing process is killed
with every process it started (kaleido starts its browser in a session of its own), and the export is
refused in one line, on the command line, in the evidence pack and in the app. The deadlines are tiny
here; no test asserts a duration.

The browsers and drawing processes here are stand-ins: small shell scripts that hang. Each refusal is
recorded in the reliability report (section "image deadlines")."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dashboard.cli import main
from dashboard.render import images, kaleido_worker
from dashboard.render.errors import ExportError
from dashboard.tourfile.model import Tour
from tests.support import reliability
from tests.support.reliability import DEADLINES


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _gone(pid: int) -> bool:
    """No such process, or one that has ended and waits only to be reaped (a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


@pytest.fixture
def hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A browser and a chart-drawing process that never finish; the browser's path is BROWSER_PATH.
    The drawing process starts a child in a session of its own (as kaleido starts its browser)."""
    browser = _script(tmp_path, "hanging-browser", f'echo $$ >> "{tmp_path}/pids"\nexec sleep 60')
    worker = _script(
        tmp_path,
        "hanging-worker",
        f'setsid sh -c \'echo $$ >> "{tmp_path}/pids"; trap "" TERM; exec sleep 60\' &\n'
        f'echo $$ >> "{tmp_path}/pids"\nexec sleep 60',
    )
    monkeypatch.setenv("BROWSER_PATH", str(browser))
    monkeypatch.setattr(images, "WORKER", (str(worker),))
    return browser


def _plain(message: str, browser: Path) -> str:
    """A message as the report shows it: the stand-in browser's temporary path named by what it is."""
    return message.replace(str(browser), "a browser that hangs")


def _pids(folder: Path) -> list[int]:
    path = folder / "pids"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


@pytest.mark.slow  # two seconds of real time, the deadline waited out
def test_a_chart_past_its_deadline_is_killed_with_every_process_it_started(hanging: Path, tmp_path: Path):
    figure = go.Figure(layout={"width": 10, "height": 10})
    with pytest.raises(ExportError) as refused:
        images.chart_png(figure, str(hanging), images.Deadline(2.0, "the chart"))
    assert str(refused.value) == f"the browser took over 2 s to draw the chart ({hanging})"
    started = _pids(tmp_path)
    assert len(started) == 2 and all(_gone(pid) for pid in started)  # the worker and its own session
    said = _plain(str(refused.value), hanging)
    reliability.record(DEADLINES, "chart: drawing process and its browser hang (2 s)",
                       {"refused": True, "message": said, "processes left": 0})  # fmt: skip


@pytest.mark.slow  # a second of real time, the deadline waited out
def test_a_hanging_browser_is_stopped_with_its_process(hanging: Path, tmp_path: Path):
    with pytest.raises(ExportError, match=r"^the browser took over 1 s to draw the map \("):
        images.screenshot("<p>x</p>", str(hanging), (1600, 1000), images.Deadline(1.0, "the map"))
    assert [_gone(pid) for pid in _pids(tmp_path)] == [True]


@pytest.mark.parametrize("view", ["map", "timeline"])
def test_the_command_line_refuses_in_one_line_when_the_deadline_passes(
    view: str,
    hanging: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    monkeypatch.setattr(images, "DEADLINE", 0.5)
    out = tmp_path / "out.png"
    assert main(["export", "png", "--view", view, "-o", str(out)]) == 1
    what = "the map" if view == "map" else "the chart"
    said = capsys.readouterr().err
    assert said == f"error: the browser took over 0.5 s to draw {what} ({hanging})\n"
    assert not out.exists()
    reliability.record(DEADLINES, f"export png --view {view}: browser hangs (0.5 s)",
                       {"refused": True, "exit": 1, "message": _plain(said.strip(), hanging)})  # fmt: skip


def test_the_pack_is_made_without_images_and_says_why(
    hanging: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(images, "ALL_IMAGES", 0.5)
    out = tmp_path / "pack.zip"
    assert main(["export", "pack", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        names, readme = archive.namelist(), archive.read("README.md").decode()
    assert not [n for n in names if n.startswith("images/")]
    said = "no images: the browser took over 0.5 s to draw the images ("
    assert said in readme.replace("\\", "")
    reliability.record(DEADLINES, "export pack: browser hangs (0.5 s for the four images)",
                       {"refused": True, "pack written": True, "README says": said.strip(" (")})  # fmt: skip


def test_no_time_left_starts_no_browser(kast: Tour, hanging: Path, tmp_path: Path):
    with pytest.raises(ExportError, match=r"^the browser took over 0.001 s to draw the images \("):
        images.pngs(kast, ["topics"], "en", images.Deadline(0.001, "the images", start=0.0))
    assert _pids(tmp_path) == []


def test_a_drawing_process_that_gives_up_in_time_is_the_same_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """kaleido_worker stops itself a second before the deadline where it can (exit code 2)."""
    monkeypatch.setattr(images, "WORKER", (str(_script(tmp_path, "out-of-time", "exit 2")),))
    figure = go.Figure(layout={"width": 10, "height": 10})
    with pytest.raises(ExportError, match=r"^the browser took over 30 s to draw the chart \(/x/chromium\)$"):
        images.chart_png(figure, "/x/chromium", images.Deadline(30.0, "the chart"))


def test_the_drawing_process_stops_kaleido_at_its_own_time(monkeypatch: pytest.MonkeyPatch):
    async def never(*args: object) -> bytes:
        await asyncio.sleep(60)
        return b""

    monkeypatch.setattr(kaleido_worker, "_kaleido", never)
    with pytest.raises(TimeoutError):
        kaleido_worker.draw({}, {}, "/x/chromium", 0.05)
