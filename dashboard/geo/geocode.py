"""Fill in missing coordinates: Nominatim online (politely), the GeoNames gazetteer offline.

Nominatim's usage policy asks for an identifying user agent, at most one request a
second, caching and attribution; all four are honoured here. When Nominatim cannot
be reached at all the rest of the run falls back to the offline gazetteer. Failures
are reported per place and never cached, so a later run tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from geopy.exc import GeocoderUnavailable, GeopyError

from dashboard.geo import gazetteer, nominatim
from dashboard.tourfile.model import Place, Tour

NOMINATIM_ATTRIBUTION = nominatim.ATTRIBUTION
DEFAULT_USER_AGENT = nominatim.DEFAULT_USER_AGENT
LONGEST_REASON = 600  # characters of a failure's reason shown; longer ones end at a word, marked "…"

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
        """The whole report: its problems (:meth:`problems`), then what was done (:meth:`done`)."""
        return "\n".join(filter(None, [self.problems(), self.done()]))

    def problems(self) -> str:
        """What went wrong, a line each: the command line prints it on standard error."""
        lines = [*self.notes]
        lines += [f"could not resolve {pid}: {why}" for pid, why in self.unresolved.items()]
        return "\n".join(lines)

    def done(self) -> str:
        """What was found and written, a line each: standard output."""
        lines = [
            f"added {pid}: {h.latitude:.5f}, {h.longitude:.5f} ({h.by})" for pid, h in self.added.items()
        ]
        if not self.added and not self.unresolved:
            lines.append("every place already has coordinates; nothing to do")
        if self.file and self.added:
            lines.append(f"{'updated' if self.written else 'would update'} {self.file}")
        if any(h.by == NOMINATIM_ATTRIBUTION for h in self.added.values()):
            lines.append(f"Geocoding data {NOMINATIM_ATTRIBUTION}")
        return "\n".join(lines)


def offline_hit(place: Place) -> Hit | None:
    found = gazetteer.lookup(place.query or place.name, place.country)
    return None if found is None else Hit(found.latitude, found.longitude, gazetteer.ATTRIBUTION)


def _describe(exc: Exception) -> str:
    """``Kind: what happened``, on one line and whole (a very long one ends at a word, marked)."""
    text = f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    if len(text) <= LONGEST_REASON:
        return text
    return text[:LONGEST_REASON].rsplit(" ", 1)[0] + " …"


def _client(options: GeocodeOptions) -> nominatim.NominatimClient:
    return nominatim.NominatimClient(
        options.domain,
        options.scheme,
        options.timeout,
        options.min_delay,
        options.max_retries,
        options.user_agent,
        options.cache_path,
    )


def _online(client: nominatim.NominatimClient, place: Place) -> tuple[Hit | None, str]:
    """A hit from Nominatim, or None and why; GeocoderUnavailable goes up (the run goes offline)."""
    try:
        found = client.lookup(place)
    except GeocoderUnavailable:
        raise
    except (GeopyError, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        # TypeError and the rest: an answer geopy could not read, whatever its shape checks missed.
        return None, f"Nominatim failed ({_describe(exc)})"
    if found is None:
        return None, "Nominatim found no match"
    return Hit(found[0], found[1], NOMINATIM_ATTRIBUTION), ""


def resolve(places: list[Place], options: GeocodeOptions, progress: Progress | None = None) -> GeocodeReport:
    """Coordinates for every place in ``places`` that can be found; the rest reported.

    What Nominatim answered is saved to the cache even when the run stops early (an error, ^C):
    the next run does not ask again.
    """
    report = GeocodeReport()
    client = online = None if options.offline else _client(options)
    try:
        for done, place in enumerate(places, start=1):
            if progress:
                progress(done, len(places), place.id)
            hit, failure = None, "no match"
            if client is not None:
                try:
                    hit, failure = _online(client, place)
                except GeocoderUnavailable as exc:
                    report.notes.append(
                        f"Nominatim unreachable ({_describe(exc)}); using the offline gazetteer"
                    )
                    client = None
            if hit is None and client is None:
                hit = offline_hit(place)
                failure = f"not in the offline gazetteer for country {place.country!r}"
            if hit is None:
                report.unresolved[place.id] = failure
            else:
                report.added[place.id] = hit
    finally:
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
