"""Answers the geocoder must not believe: JSON of the wrong shape, a place in another country, a
redirect to another host. Each is a failure for its place, reported and never cached; the places
answered before it are kept, and the cache is saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.geo.geocode import GeocodeOptions
from dashboard.tourfile.load import load_tour
from dashboard.workflows import geocode_file
from tests.conftest import FakeClock
from tests.geo.nominatim_server import NominatimServer, Response, hit, redirect, running, shaped
from tests.support import reliability

TOUR = """\
id: answers
title: {en: Answers}
subject: Someone
sources:
  - {id: s1, language: en}
places:
  - {id: home, name: Santiago, country: CL, role: origin, latitude: -33.4, longitude: -70.6}
  - {id: tacna, name: Tacna, country: PE, role: discussed}
  - {id: lima, name: Lima, country: PE, role: visit}
  - {id: quito, name: Quito, country: EC, role: discussed}
visits:
  - place: lima
    order: 1
    dates: [{start: 2026-01-07, sources: [s1]}]
    sources: [s1]
"""
TACNA = hit("-18.0146", "-70.2536", "Tacna, Perú")
PLACE = {"lat": "-12.0464", "lon": "-77.0428", "display_name": "Lima", "address": {"country_code": "pe"}}
SHAPES: dict[str, object] = {
    "a mapping instead of a list": {"lat": "-12.0464", "lon": "-77.0428"},
    "a list of strings": ["Lima", "Perú"],
    "a list of lists": [["-12.0464", "-77.0428"]],
    "null coordinates": [{**PLACE, "lat": None, "lon": None}],
    "coordinates that are not numbers": [{**PLACE, "lat": "south", "lon": "west"}],
    "missing lat and lon": [{"display_name": "Lima", "address": {"country_code": "pe"}}],
    "a number": 42,
    "null": None,
    "a mapping for an address": [{**PLACE, "address": "Perú"}],
    "no address at all": [{k: v for k, v in PLACE.items() if k != "address"}],
}


@pytest.fixture
def nominatim(fake_clock: FakeClock) -> Iterator[NominatimServer]:
    with running(clock=fake_clock) as server:
        yield server


@pytest.fixture
def tour_file(tmp_path: Path) -> Path:
    path = tmp_path / "tour.yaml"
    path.write_text(TOUR, encoding="utf-8")
    return path


def options(server: NominatimServer, cache: Path) -> GeocodeOptions:
    return GeocodeOptions(domain=server.domain, scheme="http", cache_path=cache, timeout=1.0, max_retries=1)


def cached_queries(cache: Path) -> list[str]:
    entries = json.loads(cache.read_text(encoding="utf-8"))["entries"] if cache.exists() else {}
    return [key.rsplit("|", 1)[1] for key in entries]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_an_answer_of_the_wrong_shape_fails_that_place_only(
    nominatim: NominatimServer, tour_file: Path, tmp_path: Path, shape: str
):
    cache = tmp_path / "cache.json"
    nominatim.respond("Tacna", TACNA)  # asked first: answered well
    nominatim.respond("Lima", shaped(SHAPES[shape], shape))
    nominatim.respond("Quito", hit("-0.2299", "-78.5250", "Quito", country="ec"))  # asked after

    report = geocode_file(tour_file, options(nominatim, cache))

    assert set(report.added) == {"tacna", "quito"}, report.text()
    assert report.unresolved["lima"].startswith("Nominatim failed"), report.unresolved
    assert cached_queries(cache) == ["Tacna", "Quito"]  # the failure is not cached; the rest are
    assert load_tour(tour_file).place("lima").latitude is None
    reliability.record("geocoder answer shapes", shape, {"place failed alone": True, "cached": False})


@pytest.mark.parametrize(
    ("place", "query"), [("lima", "Lima"), ("quito", "Quito"), ("tacna", "Tacna")], ids=["PE", "EC", "PE-2"]
)
def test_an_answer_in_another_country_is_refused(
    nominatim: NominatimServer, tour_file: Path, tmp_path: Path, place: str, query: str
):
    cache = tmp_path / "cache.json"
    nominatim.set_default(hit("48.8535", "2.3484", "Paris, Île-de-France, France", country="fr"))

    report = geocode_file(tour_file, options(nominatim, cache))

    assert report.added == {}
    why = report.unresolved[place]
    assert "a place in 'FR'" in why and "Paris" in why, why
    assert cached_queries(cache) == []
    reliability.record(
        "geocoder plausibility", f"Paris answered for {query}", {"refused": True, "cached": False}
    )


def test_a_redirect_to_another_host_is_not_followed(tour_file: Path, tmp_path: Path, fake_clock: FakeClock):
    cache = tmp_path / "cache.json"
    with running(clock=fake_clock) as ours, running(clock=fake_clock) as elsewhere:
        elsewhere.set_default(hit("48.8535", "2.3484", "Paris", country="pe"))
        # localhost is another host name than 127.0.0.1, as far as the client can tell
        ours.set_default(redirect(f"http://localhost:{elsewhere.port}/search?q=Lima&format=json"))
        report = geocode_file(tour_file, options(ours, cache))

        assert elsewhere.requests == []  # our user agent never went there
    assert report.added == {}
    assert all("redirect to another host" in why for why in report.unresolved.values()), report.unresolved
    assert cached_queries(cache) == []
    reliability.record(
        "geocoder plausibility", "redirect to another host", {"followed": False, "cached": False}
    )


def test_a_redirect_within_the_same_host_is_followed(
    nominatim: NominatimServer, tour_file: Path, tmp_path: Path
):
    nominatim.respond("Lima", redirect("/search.php?q=Lima+again&format=json&addressdetails=1"))
    nominatim.respond("Lima again", hit("-12.0464", "-77.0428", "Lima"))
    nominatim.respond("Tacna", TACNA)
    nominatim.respond("Quito", hit("-0.2299", "-78.5250", "Quito", country="ec"))

    report = geocode_file(tour_file, options(nominatim, tmp_path / "cache.json"))

    assert set(report.added) == {"tacna", "lima", "quito"}, report.text()


def test_an_error_mid_run_still_saves_what_was_answered(
    nominatim: NominatimServer, tour_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from dashboard.geo import geocode

    cache = tmp_path / "cache.json"
    nominatim.respond("Tacna", TACNA)
    nominatim.respond("Lima", Response(body=b"[]"))
    asked: list[str] = []

    def stop_at_lima(done: int, total: int, pid: str) -> None:
        asked.append(pid)
        if pid == "lima":
            raise KeyboardInterrupt  # ^C while the run goes on

    with pytest.raises(KeyboardInterrupt):
        geocode.resolve(geocode.missing(load_tour(tour_file)), options(nominatim, cache), stop_at_lima)
    assert asked == ["tacna", "lima"]
    assert cached_queries(cache) == ["Tacna"]
