"""Where a record's places are: from the offline gazetteer, in the country the record names.

A place of a locale is looked up by its name as written, then by its common variants ("St." for
"Saint", the name in its parentheses: "Mumbai (Bombay)"), always in today's country of the place
(:mod:`dashboard.archive.countries`), so a name is never matched in another country. A place the
gazetteer does not hold as a city of 15,000 people (a region, a base, a ship, "en route", a
small town) stands at its region's main city where :data:`REGIONS` names one, else at its country's
capital, and says so in its description and ``geocoded_by``;
one whose country has no capital in the gazetteer (Antarctica) is left without coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.geo import gazetteer

CITY = f"{gazetteer.ATTRIBUTION}: the city"
REGION = f"{gazetteer.ATTRIBUTION}: the region's main city, standing in for the region"
CAPITAL = f"{gazetteer.ATTRIBUTION}: the capital, standing in for a place it does not hold"
_VARIANTS = ((r"\bSt\.?\s", "Saint "), (r"\bFt\.?\s", "Fort "), (r"\bMt\.?\s", "Mount "), (r"\s+Island$", ""))
# Names the records use for a city the gazetteer knows by another: the same place.
ALIASES = {"Mexico, D.F.": "Mexico City", "West Berlin": "Berlin", "East Berlin": "Berlin",
           "Kishenev": "Chisinau", "Beersheva": "Beersheba", "Guelin": "Guilin", "Karmeil": "Karmiel",
           "Porto Cabello": "Puerto Cabello", "Palma de Majorca": "Palma", "Djibouti City": "Djibouti",
           "N’Djamena": "N'Djamena", "Raratonga": "Avarua", "L’Aquila": "L'Aquila"}  # fmt: skip
# Regions, islands and areas the records name, and the city that stands in for each (precision "region").
REGIONS = {"Bali": "Denpasar", "Normandy": "Caen", "Crete": "Heraklion", "Apulia": "Bari",
           "Hainan": "Haikou", "Newfoundland": "St. John's", "Sicily": "Palermo", "Azores": "Ponta Delgada",
           "Sussex": "Brighton", "Cornwall": "Truro", "Tipperary": "Clonmel", "Muskoka": "Huntsville",
           "Capri": "Naples", "Dead Sea": "Madaba", "Suez Canal": "Ismailia", "Pohnpei": "Palikir",
           "Svalbard": "Longyearbyen", "Martinique": "Fort-de-France",
           "Guadeloupe": "Les Abymes"}  # fmt: skip


@dataclass(frozen=True)
class Located:
    """Coordinates for a place and how precise they are: ``precision`` is "city", "region" (the
    region's main city) or "capital" (the country's capital, for a place the gazetteer lacks)."""

    latitude: float
    longitude: float
    precision: str
    by: str
    at: str  # the gazetteer's name of the city it stands at


def names(place: str) -> list[str]:
    """The names to look ``place`` up by, best first: "Halifax (Nova Scotia)" -> Halifax, Nova Scotia."""
    bare, _, inner = place.partition("(")
    first = [ALIASES.get(bare.strip(), bare.strip()), inner.rstrip(")").strip()]
    variants = [re.sub(rx, new, name).strip() for name in first for rx, new in _VARIANTS]
    return list(dict.fromkeys(n for n in [*first, *variants] if n))


def locate(place: str, country: str) -> Located | None:
    """Where ``place`` (as a locale writes it) is in ``country`` (ISO code), or None."""
    tried = names(place)
    for name in tried:
        if hit := gazetteer.lookup(name, country):
            return Located(hit.latitude, hit.longitude, "city", CITY, hit.name)
    for name in tried:
        if name in REGIONS and (hit := gazetteer.lookup(REGIONS[name], country)):
            return Located(hit.latitude, hit.longitude, "region", REGION, hit.name)
    if capital := gazetteer.capital(country):
        return Located(capital.latitude, capital.longitude, "capital", CAPITAL, capital.name)
    return None
