"""Nominatim, asked politely and answered warily: geopy behind a rate limiter, a disk cache, and
checks on every answer before anything is believed or cached.

Every answer is checked against what Nominatim returns: a JSON list of places, each with
numeric ``lat`` and ``lon`` and, asked with ``addressdetails=1``, its ``address.country_code``.
An answer of another shape, a place in another country than the one asked for, a body that
trickles or swells, or a redirect to another host is a failure for that place: reported,
retried politely where that can help, never cached.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from geopy.adapters import RequestsAdapter
from geopy.exc import GeocoderRateLimited, GeocoderServiceError, GeocoderUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from urllib3.exceptions import ReadTimeoutError

from dashboard import __version__
from dashboard.private_api import set_response_body
from dashboard.tourfile.files import write_atomic
from dashboard.tourfile.model import Place

ATTRIBUTION = "© OpenStreetMap contributors (ODbL), via Nominatim"
DEFAULT_USER_AGENT = f"tour-dashboard/{__version__} (+offline-first diplomatic tour map)"
MAX_RETRY_WAIT = 30.0  # never sleep longer than this for one Retry-After
MAX_ANSWER_BYTES = 1024 * 1024  # a one-result search answer is about 1 KB


class AnswerError(requests.RequestException):
    """An answer the geocoder will not believe: its shape, its size, its pace or where it came from."""


def pause(seconds: float) -> None:
    """Wait before a retry. The one place the geocoder sleeps, besides geopy's RateLimiter; tests
    run both on a fake clock (``tests/conftest.py``, ``fake_clock``)."""
    time.sleep(seconds)


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tour-dashboard" / "nominatim.json"


class NominatimClient:
    """geopy's Nominatim behind geopy's RateLimiter, with Retry-After and a disk cache."""

    def __init__(
        self,
        domain: str,
        scheme: str,
        timeout: float,
        min_delay: float,
        max_retries: int,
        user_agent: str | None = None,
        cache_path: Path | None = None,
    ) -> None:
        self.domain, self.min_delay, self.max_retries = domain, max(1.0, min_delay), max_retries
        self.geocoder = Nominatim(
            user_agent=user_agent or DEFAULT_USER_AGENT,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=_guarded_adapter,
        )
        # Retries are ours (to honour Retry-After); the limiter only spaces requests.
        self.limited = RateLimiter(
            self.geocoder.geocode, min_delay_seconds=self.min_delay, max_retries=0, swallow_exceptions=False
        )
        self.cache_path = cache_path or default_cache_path()
        self.cache = _read_cache(self.cache_path)

    def _key(self, place: Place) -> str:
        return f"{self.domain}|{place.country}|{place.query or place.name}"

    def lookup(self, place: Place) -> tuple[float, float] | None:
        """(latitude, longitude), or None for "no such place"; raises GeopyError or ValueError when
        the service fails or its answer cannot be believed."""
        key = self._key(place)
        if key in self.cache:
            return self.cache[key]
        location = self._with_retries(place)
        if location is None:
            return None
        found = believable(location.raw, place.country)
        self.cache[key] = found
        return found

    def _with_retries(self, place: Place) -> Any:
        query = place.query or place.name
        for attempt in range(self.max_retries + 1):
            try:
                return self.limited(query, exactly_one=True, country_codes=place.country, addressdetails=True)
            except GeocoderUnavailable:
                raise  # unreachable: no point retrying, the caller goes offline
            except GeocoderRateLimited as exc:
                if attempt == self.max_retries:
                    raise
                pause(min(MAX_RETRY_WAIT, max(self.min_delay, exc.retry_after or 2.0)))
            except GeocoderServiceError:
                if attempt == self.max_retries:
                    raise
                pause(self.min_delay * (attempt + 1))
        return None  # pragma: no cover - the loop always returns or raises

    def save(self) -> None:
        if self.cache:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            data = {"version": 1, "entries": {k: list(v) for k, v in self.cache.items()}}
            write_atomic(self.cache_path, json.dumps(data, ensure_ascii=False, indent=1))


# -- what an answer must be -----------------------------------------------------------------------


def _number(value: object, name: str, low: float, high: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"the answer's {name} is not a number (got {value!r:.60})") from None
    if not (math.isfinite(number) and low <= number <= high):
        raise ValueError(f"the answer's {name} {number} is outside {low:g} to {high:g}")
    return number


def believable(raw: object, country: str) -> tuple[float, float]:
    """The coordinates of one search result, if it is shaped like Nominatim's and lies in ``country``."""
    if not isinstance(raw, dict):
        raise ValueError(f"the answer is not a place (got {type(raw).__name__})")
    lat = _number(raw.get("lat"), "latitude", -90, 90)
    lon = _number(raw.get("lon"), "longitude", -180, 180)
    address = raw.get("address")
    code = address.get("country_code") if isinstance(address, dict) else None
    where = f" ({raw['display_name']!s:.80})" if raw.get("display_name") else ""
    if not isinstance(code, str):
        raise ValueError(f"the answer does not say which country it is in{where}")
    if code.upper() != country:
        raise ValueError(f"the answer is a place in {code.upper()!r}{where}, not in {country!r}")
    return lat, lon


def check_shape(body: bytes) -> None:
    """Raise :class:`AnswerError` unless ``body`` is JSON shaped like a Nominatim search answer."""
    try:
        data = json.loads(body)
    except ValueError:
        raise AnswerError(f"the answer is not JSON (it starts {body[:40]!r})") from None
    if not isinstance(data, list):
        raise AnswerError(f"the answer is not a list of places (got a {_kind(data)})")
    for item in data:
        if not isinstance(item, dict) or not {"lat", "lon"} <= item.keys():
            raise AnswerError(f"the answer holds a {_kind(item)} where a place with lat and lon belongs")


def _kind(value: object) -> str:
    return {dict: "mapping", list: "list", str: "text", type(None): "null"}.get(
        type(value), type(value).__name__
    )


# -- the HTTP layer ------------------------------------------------------------------------------


def _guarded_adapter(proxies: Any, ssl_context: Any) -> RequestsAdapter:
    """geopy's requests adapter with no retries of its own, and every answer guarded.

    geopy's default adapter retries twice inside urllib3, out of sight of the rate limiter: a
    read timeout was re-sent at once, and a 429 was retried there instead of by our loop.
    """
    adapter = RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    adapter.session.hooks["response"].append(_guard_answer)
    return adapter


def _guard_answer(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
    """A requests hook on every answer: stay on the host asked, read in time and in size, check shape."""
    _refuse_other_hosts(response)
    set_response_body(response, _read_in_time(response, kwargs.get("timeout")))
    if response.status_code == 200:
        check_shape(response.content)
    return response


def _refuse_other_hosts(response: requests.Response) -> None:
    """A redirect to another host would send our user agent there, and its answer would be cached
    under the host we asked: refuse it (a redirect within the same host is followed)."""
    if not response.is_redirect:
        return
    target = urlsplit(urljoin(response.url, response.headers.get("Location", "")))
    asked = urlsplit(response.url)
    if (target.hostname, target.port) != (asked.hostname, asked.port):
        response.close()
        raise AnswerError(f"refused a redirect to another host ({target.netloc or 'none'})")


def _read_in_time(response: requests.Response, timeout: Any) -> bytes:
    """The body, read now within the request's timeout and a size cap.

    requests' timeout bounds each read, not the whole answer: a server sending a few bytes at a
    time held a lookup for as long as it liked. A body that stopped coming was reported by
    requests as a connection error, which geopy calls "unavailable", so the whole run fell back
    to the gazetteer. Both are now a timeout: reported for the place, retried, never cached.
    """
    limit = float(timeout[-1] if isinstance(timeout, tuple) else timeout) if timeout is not None else None
    deadline = (
        None if limit is None else time.monotonic() + max(0.0, limit - response.elapsed.total_seconds())
    )
    body = bytearray()
    try:
        for chunk in _chunks(response):
            body += chunk
            if len(body) > MAX_ANSWER_BYTES:
                response.close()
                raise AnswerError(f"the answer is larger than {MAX_ANSWER_BYTES:,} bytes")
            if deadline is not None and time.monotonic() > deadline:
                response.close()
                raise requests.ReadTimeout(f"the answer took longer than {limit} s to arrive")
    except ReadTimeoutError:
        raise requests.ReadTimeout(f"the answer stopped arriving for {limit} s") from None
    except requests.ConnectionError as exc:
        if exc.args and isinstance(exc.args[0], ReadTimeoutError):
            raise requests.ReadTimeout(f"the answer stopped arriving for {limit} s") from None
        raise
    return bytes(body)


def _chunks(response: requests.Response) -> Any:
    # read1 returns what has arrived (up to 8 KiB); iter_content would wait for a full 8 KiB.
    read1: Callable[..., bytes] | None = getattr(response.raw, "read1", None)
    return iter(lambda: read1(8192, decode_content=True), b"") if read1 else response.iter_content(512)


def _read_cache(path: Path) -> dict[str, tuple[float, float]]:
    """The cache's entries; a missing or corrupt cache is simply empty."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
        return {str(k): (float(v[0]), float(v[1])) for k, v in entries.items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return {}
