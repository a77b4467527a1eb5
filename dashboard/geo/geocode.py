"""Fill in missing coordinates: Nominatim online (politely), the GeoNames gazetteer offline.

Nominatim's usage policy asks for an identifying user agent, at most one request a
second, caching and attribution; all four are honoured here. When Nominatim cannot
be reached at all the rest of the run falls back to the offline gazetteer. Failures
are reported per place and never cached, so a later run tries again.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard import __version__
from dashboard.geo import gazetteer
from dashboard.private_api import set_response_body
from dashboard.tourfile.files import write_atomic
from dashboard.tourfile.model import Place, Tour

NOMINATIM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL), via Nominatim"
DEFAULT_USER_AGENT = f"tour-dashboard/{__version__} (+offline-first diplomatic tour map)"
MAX_RETRY_WAIT = 30.0  # never sleep longer than this for one Retry-After
MAX_ANSWER_BYTES = 1024 * 1024  # a one-result search answer is about 1 KB

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class GeocodeOptions:
    offline: bool = False
    user_agent: str | None = None
    domain: str = "nominatim.openstreetmap.org"
    scheme: str = "https"
    timeout: float = 10.0
    min_delay: float = 1.0
    max_retries: int = 2
    cache_path: Path | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class Hit:
    latitude: float
    longitude: float
    by: str


@dataclass
class GeocodeReport:
    added: dict[str, Hit] = field(default_factory=dict)
    unresolved: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    file: str | None = None
    written: bool = False

    def text(self) -> str:
        lines = [*self.notes]
        for pid, hit in self.added.items():
            lines.append(f"added {pid}: {hit.latitude:.5f}, {hit.longitude:.5f} ({hit.by})")
        for pid, why in self.unresolved.items():
            lines.append(f"could not resolve {pid}: {why}")
        if not self.added and not self.unresolved:
            lines.append("every place already has coordinates; nothing to do")
        if self.file and self.added:
            lines.append(f"{'updated' if self.written else 'would update'} {self.file}")
        if any(h.by == NOMINATIM_ATTRIBUTION for h in self.added.values()):
            lines.append(f"Geocoding data {NOMINATIM_ATTRIBUTION}")
        return "\n".join(lines)


def pause(seconds: float) -> None:
    """Wait before a retry. The one place the geocoder sleeps, besides geopy's RateLimiter; tests
    run both on a fake clock (``tests/conftest.py``, ``fake_clock``)."""
    time.sleep(seconds)


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tour-dashboard" / "nominatim.json"


class NominatimClient:
    """geopy's Nominatim behind geopy's RateLimiter, with Retry-After and a disk cache."""

    def __init__(self, options: GeocodeOptions) -> None:
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        agent = options.user_agent or DEFAULT_USER_AGENT
        self.options = options
        self.geocoder = Nominatim(
            user_agent=agent,
            domain=options.domain,
            scheme=options.scheme,
            timeout=options.timeout,
            adapter_factory=_adapter_without_retries,
        )
        # Retries are ours (to honour Retry-After); the limiter only spaces requests.
        self.limited = RateLimiter(
            self.geocoder.geocode,
            min_delay_seconds=max(1.0, options.min_delay),
            max_retries=0,
            swallow_exceptions=False,
        )
        self.cache_path = options.cache_path or default_cache_path()
        self.cache = _read_cache(self.cache_path)

    def _key(self, place: Place) -> str:
        return f"{self.options.domain}|{place.country}|{place.query or place.name}"

    def lookup(self, place: Place) -> Hit | None:
        """A hit, None for "no such place"; raises GeopyError when the service fails."""
        key = self._key(place)
        if key in self.cache:
            lat, lon = self.cache[key]
            return Hit(lat, lon, NOMINATIM_ATTRIBUTION)
        location = self._with_retries(place)
        if location is None:
            return None
        raw = location.raw if isinstance(location.raw, dict) else {}
        lat, lon = raw.get("lat", location.latitude), raw.get("lon", location.longitude)
        hit = Hit(float(lat), float(lon), NOMINATIM_ATTRIBUTION)
        if not (-90 <= hit.latitude <= 90 and -180 <= hit.longitude <= 180):
            raise ValueError(f"Nominatim returned out-of-range coordinates {hit.latitude}, {hit.longitude}")
        self.cache[key] = (hit.latitude, hit.longitude)
        return hit

    def _with_retries(self, place: Place) -> Any:
        from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderUnavailable

        for attempt in range(self.options.max_retries + 1):
            try:
                return self.limited(place.query or place.name, exactly_one=True, country_codes=place.country)
            except GeocoderUnavailable:
                raise  # unreachable: no point retrying, the caller goes offline
            except GeocoderRateLimited as exc:
                if attempt == self.options.max_retries:
                    raise
                pause(min(MAX_RETRY_WAIT, max(self.options.min_delay, exc.retry_after or 2.0)))
            except GeocoderServiceError:
                if attempt == self.options.max_retries:
                    raise
                pause(self.options.min_delay * (attempt + 1))
        return None  # pragma: no cover - the loop always returns or raises

    def save(self) -> None:
        if self.cache:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            data = {"version": 1, "entries": {k: list(v) for k, v in self.cache.items()}}
            write_atomic(self.cache_path, json.dumps(data, ensure_ascii=False, indent=1))


def _adapter_without_retries(proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter with no retries of its own.

    geopy's default RequestsAdapter retries twice inside urllib3, out of sight of the
    rate limiter: a read timeout was re-sent at once (and, once those retries ran out,
    reported as "unreachable"), and a 429 was retried there instead of by our loop.
    """
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        adapter = RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
        adapter.session.hooks["response"].append(_read_answer_in_time)
        return adapter
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


def _read_answer_in_time(response: Any, *args: Any, **kwargs: Any) -> Any:
    """A requests hook: read the body now, within the request's timeout and a size cap.

    requests' timeout bounds each read, not the whole answer: a server sending a few
    bytes at a time held a lookup for as long as it liked (and the answer was then
    used). A body that stopped coming was reported by requests as a connection error,
    which geopy calls "unavailable", so the whole run fell back to the gazetteer. Both
    are now a timeout, which is reported for the place, retried politely and never cached.
    """
    import requests
    from urllib3.exceptions import ReadTimeoutError

    timeout = kwargs.get("timeout")
    limit = timeout[-1] if isinstance(timeout, tuple) else timeout
    deadline = (
        None if limit is None else time.monotonic() + max(0.0, limit - response.elapsed.total_seconds())
    )
    # read1 returns what has arrived (up to 8 KiB); iter_content would wait for a full 8 KiB.
    read1 = getattr(response.raw, "read1", None)
    chunks = iter(lambda: read1(8192, decode_content=True), b"") if read1 else response.iter_content(512)
    body = bytearray()
    try:
        for chunk in chunks:
            body += chunk
            if len(body) > MAX_ANSWER_BYTES:
                response.close()
                raise requests.RequestException(f"the answer is larger than {MAX_ANSWER_BYTES:,} bytes")
            if deadline is not None and time.monotonic() > deadline:
                response.close()
                raise requests.ReadTimeout(f"the answer took longer than {limit} s to arrive")
    except ReadTimeoutError:
        raise requests.ReadTimeout(f"the answer stopped arriving for {limit} s") from None
    except requests.ConnectionError as exc:
        if exc.args and isinstance(exc.args[0], ReadTimeoutError):
            raise requests.ReadTimeout(f"the answer stopped arriving for {limit} s") from None
        raise
    set_response_body(response, bytes(body))
    return response


def _read_cache(path: Path) -> dict[str, tuple[float, float]]:
    """The cache's entries; a missing or corrupt cache is simply empty."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
        return {str(k): (float(v[0]), float(v[1])) for k, v in entries.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}


def offline_hit(place: Place) -> Hit | None:
    found = gazetteer.lookup(place.query or place.name, place.country)
    return None if found is None else Hit(found.latitude, found.longitude, gazetteer.ATTRIBUTION)


def _describe(exc: Exception) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"


def resolve(places: list[Place], options: GeocodeOptions, progress: Progress | None = None) -> GeocodeReport:
    """Coordinates for every place in ``places`` that can be found; the rest reported."""
    from geopy.exc import GeocoderUnavailable, GeopyError

    report = GeocodeReport()
    client = online = None if options.offline else NominatimClient(options)
    for done, place in enumerate(places, start=1):
        if progress:
            progress(done, len(places), place.id)
        hit, failure = None, "no match"
        if client is not None:
            try:
                hit = client.lookup(place)
                failure = "Nominatim found no match"
            except GeocoderUnavailable as exc:
                report.notes.append(f"Nominatim unreachable ({_describe(exc)}); using the offline gazetteer")
                client = None
            except (GeopyError, ValueError) as exc:
                failure = f"Nominatim failed ({_describe(exc)})"
        if hit is None and client is None:
            hit = offline_hit(place)
            failure = f"not in the offline gazetteer for country {place.country!r}"
        if hit is None:
            report.unresolved[place.id] = failure
        else:
            report.added[place.id] = hit
    if online is not None:  # even if it became unreachable: keep what it did answer
        online.save()
    return report


def missing(tour: Tour) -> list[Place]:
    return [p for p in tour.places if not p.has_coordinates]


def apply_to_tour(tour: Tour, hits: dict[str, Hit]) -> Tour:
    """A copy of ``tour`` with ``hits`` filled in (uploads; files go through ``workflows.geocode_file``)."""
    places = [
        p.model_copy(update={"latitude": h.latitude, "longitude": h.longitude, "geocoded_by": h.by})
        if (h := hits.get(p.id))
        else p
        for p in tour.places
    ]
    return tour.model_copy(update={"places": places})


def geocode_tour(tour: Tour, options: GeocodeOptions | None = None) -> tuple[Tour, GeocodeReport]:
    """Fill ``tour``'s missing coordinates in memory (offline unless told otherwise)."""
    report = resolve(missing(tour), options or GeocodeOptions(offline=True))
    return apply_to_tour(tour, report.added), report
