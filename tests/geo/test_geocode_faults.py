"""The geocoder survives a hostile or broken Nominatim, and a kill mid-write.

Complements ``test_geocode.py`` (which checks each fault's own behaviour) with the
invariants every fault must keep, checked together for each one against the local
server of ``nominatim_server.py``: each place that could not be resolved is named in
the report, requests stay at least a second apart, no failure is cached, and a run
that adds nothing leaves the tour file byte-for-byte unchanged. Adds the faults that
server lacks: a body sent a few bytes at a time (slowloris), and a body that stalls
longer than the timeout. Then kills a writer with SIGKILL mid-write.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dashboard.geo.geocode import GeocodeOptions, missing, resolve
from dashboard.tourfile.edit import add_coordinates
from dashboard.tourfile.load import load_tour
from dashboard.workflows import geocode_file
from tests.conftest import ROOT, FakeClock, tour_text
from tests.geo.nominatim_server import (
    NominatimServer,
    Response,
    garbage,
    hit,
    rate_limited,
    server_error,
    slow,
)
from tests.support import reliability

TIMEOUT = 0.5  # seconds: socket timeouts are real time, so kept short
OFFLINE = GeocodeOptions(offline=True)

TOUR = tour_text("lima-tacna.yaml")  # Lima and Tacna not yet geocoded
MISSING = {"lima": "Lima", "tacna": "Tacna"}  # place id -> the query sent for it


# -- faults the shared server lacks ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Trickle(Response):
    """Headers at once, then the body ``chunk`` bytes at a time, ``interval`` seconds apart."""

    chunk: int = 8
    interval: float = 0.25


def trickle(then: Response, chunk: int, interval: float) -> Trickle:
    return Trickle(
        then.status,
        then.body,
        then.headers,
        label=f"trickle {chunk} B / {interval}s",
        country_code=then.country_code,
        chunk=chunk,
        interval=interval,
    )


class TricklingServer(NominatimServer):
    """The shared server, whose handler also knows how to send a :class:`Trickle`."""

    def start(self) -> TricklingServer:
        super().start()
        assert self._httpd is not None
        base: Any = self._httpd.RequestHandlerClass

        class Handler(base):  # type: ignore[misc, valid-type]
            def _send(self, response: Response) -> None:
                if not isinstance(response, Trickle):
                    super()._send(response)
                    return
                try:
                    self.send_response(response.status)
                    for name, value in response.headers:
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(response.body)))
                    self.end_headers()
                    for start in range(0, len(response.body), response.chunk):
                        time.sleep(response.interval)
                        self.wfile.write(response.body[start : start + response.chunk])
                        self.wfile.flush()
                except OSError:
                    pass  # the client gave up: what a trickle test wants

        self._httpd.RequestHandlerClass = Handler
        return self


@pytest.fixture
def trickling(fake_clock: FakeClock) -> Iterator[TricklingServer]:
    running = TricklingServer(fake_clock).start()
    try:
        yield running
    finally:
        running.stop()


LIMA_HIT = hit("-12.0464", "-77.0428", "Lima, Perú")
FAULTS: dict[str, Response] = {
    "HTTP 429 with Retry-After: 2, every time": rate_limited(retry_after=2),
    "HTTP 500, every time": server_error(),
    "timeout (answer after 1 s, timeout 0.5 s)": slow(1.0, LIMA_HIT),
    "malformed JSON": garbage(),
    "out-of-range coordinates (123, -77)": hit("123.0", "-77.03"),
    "slow trickle (8 B every 0.25 s; 19 s a body)": trickle(LIMA_HIT, chunk=8, interval=0.25),
    "stalled body (first bytes after 0.75 s, timeout 0.5 s)": trickle(LIMA_HIT, chunk=64, interval=0.75),
    "oversized answer (50 MB of JSON)": Response(body=b"[" + b" " * (50 * 1024 * 1024) + b"]", label="50 MB"),
}

# What the report says for each (the reason after "could not resolve <id>: ").
REASONS = {
    "HTTP 429 with Retry-After: 2, every time": "429",
    "HTTP 500, every time": "500",
    "timeout (answer after 1 s, timeout 0.5 s)": "timed out",
    "malformed JSON": "Nominatim failed",
    "out-of-range coordinates (123, -77)": "Latitude must be in the [-90; 90] range",
    "slow trickle (8 B every 0.25 s; 19 s a body)": "timed out",
    "stalled body (first bytes after 0.75 s, timeout 0.5 s)": "timed out",
    "oversized answer (50 MB of JSON)": "larger than 1,048,576 bytes",
}


def _on_real_time(fault: str) -> bool:
    """A fault the server sends on the real clock (an answer late, a body trickled): a socket timeout
    of the geocoder's waits it out, a second or more a test, so such cases are ``slow``."""
    return FAULTS[fault].delay > 0 or isinstance(FAULTS[fault], Trickle)


def options(server: NominatimServer, cache: Path, **overrides: Any) -> GeocodeOptions:
    base = GeocodeOptions(
        domain=server.domain, scheme="http", cache_path=cache, timeout=TIMEOUT, min_delay=1.0, max_retries=1
    )
    return dataclasses.replace(base, **overrides)


def seeded_cache(path: Path, server: NominatimServer) -> Path:
    """A cache holding one unrelated answer, so that every run rewrites it."""
    entries = {f"{server.domain}|CL|Arica": [-18.4783, -70.3126]}
    path.write_text(json.dumps({"version": 1, "entries": entries}), encoding="utf-8")
    return path


def cached_keys(path: Path) -> list[str]:
    return list(json.loads(path.read_text(encoding="utf-8"))["entries"]) if path.exists() else []


def gaps(server: NominatimServer) -> list[float]:
    return [b.arrived - a.arrived for a, b in itertools.pairwise(server.requests)]


def no_visible_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.timeout(120)
@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")
@pytest.mark.parametrize(
    "fault", [pytest.param(f, marks=[pytest.mark.slow] if _on_real_time(f) else []) for f in FAULTS]
)
def test_a_fault_is_reported_not_cached_and_leaves_the_file_unchanged(
    trickling: TricklingServer, tmp_path: Path, fault: str
) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR, encoding="utf-8")
    before = path.read_bytes()
    cache = seeded_cache(tmp_path / "cache.json", trickling)
    trickling.set_default(FAULTS[fault])

    started = time.monotonic()
    report = geocode_file(path, options(trickling, cache))
    seconds = time.monotonic() - started

    text = report.text()
    reported = all(f"could not resolve {pid}: " in text for pid in MISSING)
    intervals = gaps(trickling)
    cache_clean = not [k for k in cached_keys(cache) if k.endswith(tuple(f"|{q}" for q in MISSING.values()))]
    intact = path.read_bytes() == before
    reliability.record(
        reliability.GEOCODER,
        fault,
        {
            "requests": len(trickling.requests),
            "min_gap_s": round(min(intervals), 3) if intervals else None,
            "reported": reported,
            "cache_clean": cache_clean,
            "file_intact": intact,
            "seconds": round(seconds, 2),
        },
    )

    assert report.added == {}, text  # nothing invented: no gazetteer guess behind a fault either
    assert not any("unreachable" in note for note in report.notes), text
    assert reported, text
    assert set(report.unresolved) == set(MISSING)
    assert all(REASONS[fault] in why for why in report.unresolved.values()), report.unresolved
    # one try and one retry per place (a wrong answer is not asked again), no hidden retries
    tries = 1 if "out-of-range" in fault else 2
    assert trickling.queries() == ["Lima"] * tries + ["Tacna"] * tries
    assert all(gap >= 1.0 for gap in intervals), intervals  # on the geocoder's (fake) clock
    if "Retry-After" in fault:
        assert intervals[0] >= 2.0, intervals  # Retry-After honoured
    assert cache_clean, cached_keys(cache)
    assert cached_keys(cache) == [f"{trickling.domain}|CL|Arica"]  # the cache was kept, not lost
    assert intact
    assert report.written is False and f"updated {path}" not in text
    assert no_visible_temp_files(tmp_path)


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "fault",
    [
        "slow trickle (8 B every 0.25 s; 19 s a body)",
        "stalled body (first bytes after 0.75 s, timeout 0.5 s)",
    ],
)
def test_a_trickle_for_one_place_does_not_spoil_the_others(
    trickling: TricklingServer, tmp_path: Path, fault: str
) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR, encoding="utf-8")
    cache = tmp_path / "cache.json"
    trickling.respond("Lima", FAULTS[fault])
    trickling.respond("Tacna", hit("-18.0146", "-70.2536", "Tacna, Perú"))

    report = geocode_file(path, options(trickling, cache, max_retries=0))

    assert set(report.added) == {"tacna"}
    assert "timed out" in report.unresolved["lima"].lower(), report.unresolved
    assert "could not resolve lima: " in report.text()
    tour = load_tour(path)
    assert tour.place("lima").latitude is None
    assert (tour.place("tacna").latitude, tour.place("tacna").longitude) == (-18.0146, -70.2536)
    assert "  - id: lima   # a comment that must survive\n" in path.read_text(encoding="utf-8")
    assert [k.rsplit("|", 1)[1] for k in cached_keys(cache)] == ["Tacna"]
    assert all(gap >= 1.0 for gap in gaps(trickling))


# -- killed mid-write ---------------------------------------------------------------------------

# Writes argv[2]'s text over argv[1] with the project's atomic writer, one step of it made slow so
# that the parent can kill it there; prints a line when it gets there. It imports the writer alone:
# what the geocoder computes first is the parent's business, and the kill is about the write.
WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    step = sys.argv[3]
    real = getattr(os, step)

    def slow(*args):
        print("in " + step, flush=True)
        time.sleep(60)
        return real(*args)

    setattr(os, step, slow)
    from dashboard.tourfile.files import write_atomic
    write_atomic(Path(sys.argv[1]), Path(sys.argv[2]).read_text(encoding="utf-8"))
    """
)


PLACES = 300


def big_tour(places: int) -> str:
    """A tour of ``places`` places without coordinates, all of them known to the gazetteer."""
    rows = "".join(f"  - {{id: p{i}, name: Lima, country: PE, role: discussed}}\n" for i in range(places))
    return TOUR.replace("places:\n", "places:\n" + rows, 1)


@pytest.mark.timeout(120)
@pytest.mark.slow  # the writer is a new Python process
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize(
    "step", ["fsync", "replace"], ids=["killed-while-flushing", "killed-before-the-rename"]
)
def test_killed_mid_write_leaves_the_file_intact(tmp_path: Path, step: str) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(big_tour(PLACES), encoding="utf-8")
    before = path.read_bytes()
    geocoded = tmp_path / "geocoded.txt"  # what `geocode --offline` would write, made here
    geocoded.write_text(add_coordinates(before.decode(), resolve(missing(load_tour(path)), OFFLINE).added))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(geocoded), step],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        ready, _, _ = select.select([child.stdout], [], [], 60)
        line = child.stdout.readline().decode() if ready else ""
        assert line.strip() == f"in {step}", (line, child.poll(), child.stderr and child.stderr.read())
        temps = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert temps and temps[0].stat().st_size > len(before)  # the new text is written, not yet in place
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

    intact = path.read_bytes() == before
    tour = load_tour(path)
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("tour.yaml", "geocoded.txt"))
    reliability.record(
        reliability.KILL,
        f"the geocoded tour ({PLACES:,} places) written atomically, SIGKILL in os.{step}",
        {"file_intact": intact, "reloads": len(tour.places) == PLACES + 3, "leftover_temp_files": leftovers},
    )
    assert intact
    assert [p.latitude for p in tour.places if p.id.startswith("p")] == [None] * PLACES
    # A leftover is a hidden temporary file, never something a reader would take for the tour.
    assert all(name.startswith(".tour.yaml.") and name.endswith(".tmp") for name in leftovers), leftovers

    # and the next run, not killed, completes the job over the leftover
    assert geocode_file(path, OFFLINE).written
    assert all(p.latitude is not None for p in load_tour(path).places)
