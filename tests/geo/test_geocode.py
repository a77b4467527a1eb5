"""The geocoder against a real local HTTP server that speaks Nominatim's search API.

No test here touches the internet: every online run points geopy at ``127.0.0.1`` on an
ephemeral port (see ``nominatim_server.py``), and every assertion is about what a user
sees: the report text, the file's bytes, the exit code, or what the server received.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopy.geocoders
import pytest
import yaml

from dashboard import __version__, cli
from dashboard.geo.geocode import (
    DEFAULT_USER_AGENT,
    NOMINATIM_ATTRIBUTION,
    GeocodeOptions,
    geocode_tour,
    resolve,
)
from dashboard.tourfile.load import load_text, load_tour
from dashboard.workflows import geocode_file
from tests.conftest import FakeClock, changed_lines
from tests.geo.nominatim_server import (
    NominatimServer,
    Response,
    garbage,
    hit,
    no_result,
    rate_limited,
    running,
    server_error,
    slow,
    unused_port,
)

MINI = """\
id: mini
title: {en: Mini}
subject: Someone
sources:
  - {id: s1, language: en}
places:
  - {id: a, name: Santiago, country: CL, role: origin, latitude: -33.4, longitude: -70.6}
  - id: b   # a comment that must survive
    name: Lima
    country: PE
    role: visit
visits:
  - place: b
    order: 1
    dates: [{start: 2026-01-07, sources: [s1]}]
    sources: [s1]
topics: [{id: t, label: {en: T}}]
claims:
  - {id: c1, place: b, topics: [t], text: {en: hi}, sources: [s1]}
"""

# Two more places without coordinates, for runs that need several requests.
TACNA = "  - id: tacna\n    name: Tacna\n    country: PE\n    role: discussed\n"
ARICA = "  - {id: arica, name: Arica, country: CL, role: discussed}  # flow style\n"

LIMA = ("-12.0464", "-77.0428")
LIMA_GEONAMES = (-12.04318, -77.02824)
TOLERANCE = 0.95  # seconds: "at least one second apart" on real time, less a little clock slack


def tour_text(*extra_places: str) -> str:
    return MINI.replace("visits:\n", "".join(extra_places) + "visits:\n", 1)


@pytest.fixture
def nominatim(fake_clock: FakeClock) -> Iterator[NominatimServer]:
    """The local server, with the geocoder's waits and the server's arrival times on a fake clock."""
    with running(clock=fake_clock) as server:
        yield server


@pytest.fixture
def real_nominatim() -> Iterator[NominatimServer]:
    """The local server on real time, for the one test of real spacing between requests."""
    with running() as server:
        yield server


@pytest.fixture
def tour_path(tmp_path: Path) -> Path:
    path = tmp_path / "tour.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


def online(server: NominatimServer, tmp_path: Path, **overrides: Any) -> GeocodeOptions:
    """Options that point the geocoder at the local server, with a cache in ``tmp_path``."""
    options = GeocodeOptions(
        domain=server.domain, scheme="http", cache_path=tmp_path / "cache.json", timeout=1.0, min_delay=1.0
    )
    return dataclasses.replace(options, **overrides)


def cli_args(server_domain: str, path: Path, cache: Path, *extra: str) -> list[str]:
    return [
        "geocode",
        str(path),
        "--domain",
        server_domain,
        "--scheme",
        "http",
        "--cache",
        str(cache),
        "--timeout",
        "1",
        *extra,
    ]


def osm_attribution_lines(report_text: str) -> list[str]:
    """Lines of a report that credit OpenStreetMap on their own (not inside an "added ..." line)."""
    return [
        line
        for line in report_text.splitlines()
        if "© OpenStreetMap contributors" in line and not line.startswith("added ")
    ]


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- a hit -------------------------------------------------------------------------------


def test_a_hit_adds_only_coordinate_lines(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path
) -> None:
    nominatim.respond("Lima", hit(*LIMA, "Lima, Provincia de Lima, Lima, Perú"))

    report = geocode_file(tour_path, online(nominatim, tmp_path))

    after = tour_path.read_text(encoding="utf-8")
    removed, added = changed_lines(MINI, after)
    assert removed == []
    assert added == [
        "    latitude: -12.0464",
        "    longitude: -77.0428",
        f"    geocoded_by: {json.dumps(NOMINATIM_ATTRIBUTION, ensure_ascii=False)}",
    ]
    assert "  - id: b   # a comment that must survive\n" in after
    place = load_tour(tour_path).place("b")
    assert (place.latitude, place.longitude) == (-12.0464, -77.0428)
    assert place.geocoded_by is not None and "OpenStreetMap" in place.geocoded_by

    text = report.text()
    assert "added b: -12.04640, -77.04280" in text
    assert f"updated {tour_path}" in text
    assert osm_attribution_lines(text), text
    assert report.unresolved == {}
    assert no_temp_files(tmp_path)

    [request] = nominatim.requests
    assert request.path == "/search"
    assert request.params["q"] == "Lima"
    assert request.params["format"] == "json"
    assert request.params["limit"] == "1"
    assert request.params["countrycodes"].lower() == "pe"
    assert request.user_agent == DEFAULT_USER_AGENT
    assert request.user_agent.startswith(f"tour-dashboard/{__version__} ")  # the release, not a stale 0.1


def test_cli_hit_sends_the_given_user_agent_and_attributes_osm(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nominatim.respond("Lima", hit(*LIMA, "Lima, Perú"))
    agent = "newsroom-tours/1.0 (desk@example.org)"

    code = cli.main(cli_args(nominatim.domain, tour_path, tmp_path / "c.json", "--user-agent", agent))

    out = capsys.readouterr().out
    assert code == 0
    assert "added b: -12.04640, -77.04280" in out
    assert osm_attribution_lines(out), out
    assert [r.user_agent for r in nominatim.requests] == [agent]
    assert load_tour(tour_path).place("b").latitude == -12.0464


@pytest.mark.slow  # real time: a second between requests
def test_requests_are_at_least_a_second_apart_in_real_time(
    real_nominatim: NominatimServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one test on real time: the rate limit is a lower bound the usage policy sets, not a speed.

    Each request is stamped as the geocoder makes it (the server's arrival stamps moved with the
    machine's load: a busy server thread stamped one request late and the next gap looked short).
    """
    nominatim = real_nominatim
    made: list[float] = []
    original = geopy.geocoders.Nominatim.geocode

    def stamped(self: Any, *args: Any, **kwargs: Any) -> Any:
        made.append(time.monotonic())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(geopy.geocoders.Nominatim, "geocode", stamped)
    path = tmp_path / "tour.yaml"
    path.write_text(tour_text(TACNA, ARICA), encoding="utf-8")
    nominatim.respond("Lima", hit(*LIMA, "Lima, Perú"))
    nominatim.respond("Tacna", hit("-18.0146", "-70.2536", "Tacna, Perú"))
    nominatim.respond("Arica", hit("-18.4783", "-70.3126", "Arica, Chile", country="cl"))

    code = cli.main(cli_args(nominatim.domain, path, tmp_path / "c.json", "--min-delay", "1"))

    assert code == 0, capsys.readouterr()
    requests = nominatim.requests
    assert [(r.params["q"], r.params["countrycodes"].lower()) for r in requests] == [
        ("Lima", "pe"),
        ("Tacna", "pe"),
        ("Arica", "cl"),
    ]
    assert len(made) == len(requests) == 3
    gaps = [b - a for a, b in itertools.pairwise(made)]
    assert all(gap >= TOLERANCE for gap in gaps), gaps
    tour = load_tour(path)
    assert tour.place("tacna").latitude == -18.0146
    assert tour.place("arica").longitude == -70.3126
    assert "{id: arica, name: Arica, country: CL, role: discussed, latitude: -18.4783" in path.read_text()


def test_min_delay_below_one_second_is_not_allowed(nominatim: NominatimServer, tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(tour_text(TACNA), encoding="utf-8")
    nominatim.respond("Lima", hit(*LIMA))
    nominatim.respond("Tacna", hit("-18.0146", "-70.2536"))

    geocode_file(path, online(nominatim, tmp_path, min_delay=0.0))

    first, second = nominatim.requests
    assert second.arrived - first.arrived >= 1.0


# -- the cache ---------------------------------------------------------------------------


def test_a_second_run_is_answered_from_the_cache(nominatim: NominatimServer, tmp_path: Path) -> None:
    nominatim.respond("Lima", hit(*LIMA))
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(MINI, encoding="utf-8")
    second.write_text(MINI, encoding="utf-8")
    options = online(nominatim, tmp_path)

    report1 = geocode_file(first, options)
    assert len(nominatim.requests) == 1
    assert "Lima" in (tmp_path / "cache.json").read_text(encoding="utf-8")

    report2 = geocode_file(second, options)

    assert len(nominatim.requests) == 1  # no new request
    assert report2.added == report1.added
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert osm_attribution_lines(report2.text())  # cached data is still OSM data


@pytest.mark.parametrize("failure", [server_error(), no_result()], ids=["http-500", "no-result"])
def test_failures_are_not_cached(nominatim: NominatimServer, tmp_path: Path, failure: Response) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(tour_text(TACNA), encoding="utf-8")
    cache = tmp_path / "cache.json"
    nominatim.respond("Tacna", hit("-18.0146", "-70.2536"))
    nominatim.respond("Lima", failure)

    report = geocode_file(path, online(nominatim, tmp_path, max_retries=0))

    assert set(report.added) == {"tacna"}
    assert set(report.unresolved) == {"b"}
    cached = cache.read_text(encoding="utf-8")
    assert "Tacna" in cached
    assert "Lima" not in cached

    nominatim.respond("Lima", hit(*LIMA))
    report = geocode_file(path, online(nominatim, tmp_path, max_retries=0))

    assert nominatim.queries() == ["Lima", "Tacna", "Lima"]  # Lima asked again, Tacna not
    assert set(report.added) == {"b"}
    assert "Lima" in cache.read_text(encoding="utf-8")
    assert load_tour(path).place("b").latitude == -12.0464


def test_a_corrupt_cache_is_ignored(nominatim: NominatimServer, tour_path: Path, tmp_path: Path) -> None:
    (tmp_path / "cache.json").write_text("{not json", encoding="utf-8")
    nominatim.respond("Lima", hit(*LIMA))

    report = geocode_file(tour_path, online(nominatim, tmp_path))

    assert set(report.added) == {"b"}
    assert json.loads((tmp_path / "cache.json").read_text(encoding="utf-8"))["version"] == 1


# -- failures ----------------------------------------------------------------------------


def test_no_result_is_reported_and_changes_nothing(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nominatim.set_default(no_result())
    before = tour_path.read_bytes()

    code = cli.main(cli_args(nominatim.domain, tour_path, tmp_path / "c.json"))

    out, err = capsys.readouterr()
    assert code == 1
    assert "could not resolve b: Nominatim found no match" in err  # problems on standard error
    assert "could not resolve" not in out and "updated" not in out
    assert tour_path.read_bytes() == before
    assert nominatim.queries() == ["Lima"]
    assert no_temp_files(tmp_path)


def test_rate_limited_then_a_hit_waits_for_retry_after(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path
) -> None:
    # Retry-After: 2 (longer than min_delay) so that honouring it is distinguishable from rate limiting.
    nominatim.respond("Lima", rate_limited(retry_after=2), hit(*LIMA))

    report = geocode_file(tour_path, online(nominatim, tmp_path))

    assert set(report.added) == {"b"}
    first, second = nominatim.requests
    assert second.arrived - first.arrived == pytest.approx(2.0)  # Retry-After, not min_delay
    assert load_tour(tour_path).place("b").latitude == -12.0464


def test_rate_limited_every_time_gives_up_after_the_retries(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path
) -> None:
    nominatim.respond("Lima", rate_limited(retry_after=1))
    before = tour_path.read_bytes()

    report = geocode_file(tour_path, online(nominatim, tmp_path, max_retries=1))

    assert "b" in report.unresolved
    assert "429" in report.unresolved["b"]
    assert len(nominatim.requests) == 2  # one try and one retry, no hidden retries underneath
    first, second = nominatim.requests
    assert second.arrived - first.arrived >= 1.0
    assert tour_path.read_bytes() == before


def test_server_errors_are_retried_then_reported(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path
) -> None:
    nominatim.respond("Lima", server_error())
    before = tour_path.read_bytes()

    report = geocode_file(tour_path, online(nominatim, tmp_path, max_retries=1))

    assert report.added == {}
    assert report.written is False
    why = report.unresolved["b"]
    assert "Nominatim failed" in why and "500" in why
    assert "could not resolve b: Nominatim failed" in report.text()
    assert tour_path.read_bytes() == before
    first, second = nominatim.requests
    assert second.arrived - first.arrived >= 1.0
    assert not (tmp_path / "cache.json").exists()


def test_a_slow_server_times_out_and_is_reported(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path
) -> None:
    nominatim.respond("Lima", slow(1.0, hit(*LIMA)))
    before = tour_path.read_bytes()

    report = geocode_file(tour_path, online(nominatim, tmp_path, timeout=0.3, max_retries=0))

    assert report.added == {}  # not silently replaced by a gazetteer guess
    assert "timed out" in report.unresolved["b"].lower()
    assert not any("unreachable" in note for note in report.notes)
    assert len(nominatim.requests) == 1  # max_retries=0: exactly one request
    assert tour_path.read_bytes() == before


def test_a_timeout_is_retried_politely(nominatim: NominatimServer, tour_path: Path, tmp_path: Path) -> None:
    nominatim.respond("Lima", slow(1.0, hit(*LIMA)), hit(*LIMA))

    report = geocode_file(tour_path, online(nominatim, tmp_path, timeout=0.3, max_retries=1))

    assert set(report.added) == {"b"}
    assert report.added["b"].by == NOMINATIM_ATTRIBUTION
    first, second = nominatim.requests
    assert second.arrived - first.arrived >= 1.0


def test_garbage_is_reported(nominatim: NominatimServer, tour_path: Path, tmp_path: Path) -> None:
    nominatim.respond("Lima", garbage())
    before = tour_path.read_bytes()

    report = geocode_file(tour_path, online(nominatim, tmp_path, max_retries=0))

    assert report.added == {}
    assert "Nominatim failed" in report.unresolved["b"]
    assert tour_path.read_bytes() == before


@pytest.mark.filterwarnings("ignore:Latitude normalization:UserWarning")
@pytest.mark.parametrize(
    ("lat", "lon"),
    [("123.0", "-77.03"), ("-12.04", "200.0"), ("-90.5", "10"), ("12", "-180.01")],
)
def test_out_of_range_coordinates_are_never_written(
    nominatim: NominatimServer, tour_path: Path, tmp_path: Path, lat: str, lon: str
) -> None:
    nominatim.respond("Lima", hit(lat, lon, "Nowhere"))
    before = tour_path.read_bytes()

    report = geocode_file(tour_path, online(nominatim, tmp_path, max_retries=0))

    assert report.added == {}
    assert "b" in report.unresolved
    assert tour_path.read_bytes() == before
    assert not (tmp_path / "cache.json").exists()


# -- unreachable --------------------------------------------------------------------------


def test_unreachable_server_falls_back_to_the_gazetteer(
    tour_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(cli_args(f"127.0.0.1:{unused_port()}", tour_path, tmp_path / "c.json"))

    out, err = capsys.readouterr()
    assert code == 0
    note = next(line for line in err.splitlines() if line.startswith("Nominatim unreachable ("))
    assert note.endswith("); using the offline gazetteer")  # whole, not cut mid-word
    assert "GeoNames" in out  # what was added, on standard output
    assert "OpenStreetMap" not in out  # nothing came from OSM
    place = load_tour(tour_path).place("b")
    assert place.latitude == pytest.approx(LIMA_GEONAMES[0], abs=0.01)
    assert place.longitude == pytest.approx(LIMA_GEONAMES[1], abs=0.01)
    assert place.geocoded_by is not None and "GeoNames" in place.geocoded_by


def test_server_gone_mid_run_keeps_earlier_hits_and_caches_them(
    nominatim: NominatimServer, tmp_path: Path
) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(tour_text(TACNA), encoding="utf-8")  # b (Lima) first, then tacna
    nominatim.respond("Lima", hit(*LIMA))

    def stop_before_the_second(done: int, total: int, name: str) -> None:
        if done == 2:
            nominatim.stop()

    report = geocode_file(path, online(nominatim, tmp_path), progress=stop_before_the_second)

    assert nominatim.queries() == ["Lima"]
    assert report.added["b"].by == NOMINATIM_ATTRIBUTION
    assert "GeoNames" in report.added["tacna"].by
    assert any("Nominatim unreachable" in note for note in report.notes)
    text = report.text()
    assert osm_attribution_lines(text) and "GeoNames" in text
    assert "Lima" in (tmp_path / "cache.json").read_text(encoding="utf-8")  # the OSM answer was kept


# -- offline, dry runs, nothing to do -------------------------------------------------------


def _json_tour(path: Path) -> None:
    data = yaml.safe_load(MINI)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_cli_offline_uses_only_the_gazetteer(
    nominatim: NominatimServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"tour{suffix}"
    if suffix == ".json":
        _json_tour(path)
    else:
        path.write_text(MINI, encoding="utf-8")

    code = cli.main(cli_args(nominatim.domain, path, tmp_path / "c.json", "--offline"))

    out = capsys.readouterr().out
    assert code == 0
    assert "added b: -12.04318, -77.02824 (GeoNames" in out
    assert f"updated {path}" in out
    assert nominatim.requests == []  # offline means offline
    assert not (tmp_path / "c.json").exists()
    tour = load_tour(path)
    assert (tour.place("b").latitude, tour.place("b").longitude) == LIMA_GEONAMES
    assert (tour.place("a").latitude, tour.place("a").longitude) == (-33.4, -70.6)  # untouched


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_dry_run_writes_nothing(
    nominatim: NominatimServer,
    tour_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    offline: bool,
) -> None:
    nominatim.respond("Lima", hit(*LIMA))
    before = tour_path.read_bytes()
    extra = ["--dry-run", *(["--offline"] if offline else [])]

    code = cli.main(cli_args(nominatim.domain, tour_path, tmp_path / "c.json", *extra))

    out = capsys.readouterr().out
    assert code == 0
    assert f"would update {tour_path}" in out
    assert "added b: " in out
    assert tour_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_nothing_to_do_asks_nothing(
    nominatim: NominatimServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(MINI.replace("    role: visit\n", "    role: visit\n    latitude: 1\n    longitude: 2\n"))
    before = path.read_bytes()

    code = cli.main(cli_args(nominatim.domain, path, tmp_path / "c.json"))

    assert code == 0
    assert "every place already has coordinates; nothing to do" in capsys.readouterr().out
    assert nominatim.requests == []
    assert path.read_bytes() == before


def test_a_bad_tour_file_is_an_error_not_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(MINI.replace("country: PE", "country: Peru"), encoding="utf-8")
    before = path.read_bytes()

    code = cli.main(["geocode", str(path), "--offline"])

    assert code == 1
    assert "place 'b' (places[1]).country (line 10, column 5): expected" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_query_is_searched_instead_of_the_name(nominatim: NominatimServer, tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    path.write_text(MINI.replace("    name: Lima\n", "    name: Palacio de Gobierno\n    query: Lima\n"))
    nominatim.respond("Lima", hit(*LIMA))

    report = geocode_file(path, online(nominatim, tmp_path))

    assert nominatim.queries() == ["Lima"]
    assert set(report.added) == {"b"}


def test_geocode_tour_in_memory_is_offline_by_default() -> None:
    tour = load_text(MINI)

    filled, report = geocode_tour(tour)

    assert tour.place("b").latitude is None  # the original is not changed
    assert (filled.place("b").latitude, filled.place("b").longitude) == LIMA_GEONAMES
    assert "GeoNames" in (filled.place("b").geocoded_by or "")
    assert report.unresolved == {}


def test_resolve_reports_unknown_places_offline() -> None:
    tour = load_text(MINI.replace("    name: Lima\n", "    name: Xyzzyville\n"))

    report = resolve([tour.place("b")], GeocodeOptions(offline=True))

    assert report.added == {}
    assert report.unresolved == {"b": "not in the offline gazetteer for country 'PE'"}
    assert "could not resolve b: not in the offline gazetteer for country 'PE'" in report.text()


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    original = MINI.replace("\n", "\r\n").encode()
    path.write_bytes(original)

    report = geocode_file(path, GeocodeOptions(offline=True))

    assert report.written
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")  # no bare LF
    removed, added = changed_lines(original.decode(), data.decode())
    assert removed == []
    assert [line.split(":")[0].strip() for line in added] == ["latitude", "longitude", "geocoded_by"]


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "tour.yaml"
    original = b"\xef\xbb\xbf" + MINI.encode()
    path.write_bytes(original)

    assert geocode_file(path, GeocodeOptions(offline=True)).written
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf" * 2)
    removed, added = changed_lines(original.decode("utf-8-sig"), data.decode("utf-8-sig"))
    assert removed == []
    assert [line.split(":")[0].strip() for line in added] == ["latitude", "longitude", "geocoded_by"]
