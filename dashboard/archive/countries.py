"""Country names as the travel records write them, mapped to today's ISO 3166-1 alpha-2 codes.

The records name countries as they were called at the time ("U.S.S.R.", "Yugoslavia", "Germany,
Federal Republic of") or in the Department's own style ("Korea, South", "Palestinian Authority").
:data:`COUNTRIES` is the one table of those names; every other name is one pycountry knows. A state
that has since split maps each place of its locale to the country the place is in today (Moscow in
the U.S.S.R. is RU, Kiev UA), with the first code for places the table does not list. Kosovo is XK,
which ISO has not assigned but CLDR names (tour files accept it: :mod:`dashboard.tourfile.countries`).
No gazetteer here: the library lists people and records without loading one.
"""

from __future__ import annotations

import functools
import unicodedata

import pycountry

# Written name -> (today's country, {a place of the locale as written: its country where it differs}).
# Crimea (Yalta, Oreanda, Simferopol) is UA and Gagra (Abkhazia) GE, as ISO and GeoNames place them;
# colonies visited then are the countries they are now (Havana in "Spain" is CU, Bermuda in the
# "United Kingdom" BM), and a place the record files under a neighbour is where it is (Dhahran: SA).
COUNTRIES: dict[str, tuple[str, dict[str, str]]] = {
    "U.S.S.R.": (
        "RU",
        {
            "Kiev": "UA",
            "Yalta": "UA",
            "Oreanda": "UA",
            "Simferopol": "UA",
            "Minsk": "BY",
            "Tblisi": "GE",
            "Gagra": "GE",
            "Alma Ata": "KZ",
        },
    ),
    "Yugoslavia": ("RS", {"Zagreb": "HR", "Dubrovnik": "HR", "Pula": "HR", "Brioni": "HR"}),
    "Yugoslavia (Kosovo)": ("XK", {}),
    "Serbia-Montenegro (Kosovo)": ("XK", {}),
    "Serbia and Montenegro": ("RS", {}),
    "Kosovo": ("XK", {}),
    "Czechoslovakia": ("CZ", {}),
    "German Democratic Republic": ("DE", {}),
    "Germany, Federal Republic of": ("DE", {}),
    "Byelorussia": ("BY", {}),
    "Kirghizia": ("KG", {}),
    "Russia": ("RU", {}),
    "Macedonia, Former Yugoslav Republic of": ("MK", {}),
    "North Macedonia": ("MK", {}),
    "Bosnia": ("BA", {}),
    "Bosnia-Herzegovina": ("BA", {}),
    "Burma": ("MM", {}),
    "Burma (Myanmar)": ("MM", {}),
    "Ceylon": ("LK", {}),
    "Southern Rhodesia (Zimbabwe)": ("ZW", {}),
    "Democratic Republic of the Congo (Zaire)": ("CD", {}),
    "Congo, Democratic Republic of": ("CD", {}),
    "Western Samoa": ("WS", {}),
    "China, People’s Republic of": ("CN", {"Hong Kong": "HK"}),
    "Republic of China": ("TW", {}),
    "Korea, South": ("KR", {}),
    "Korea, North": ("KP", {}),
    "Palestinian Authority": ("PS", {}),
    "West Bank": ("PS", {}),
    "Holy See": ("VA", {}),
    "Vatican City": ("VA", {}),
    "Netherlands Antilles": ("CW", {"Aruba": "AW", "St. Maartin": "SX"}),
    "Denmark": ("DK", {"St. Thomas": "VI", "St. Croix": "VI", "Frederikstadt": "VI", "Christianstadt": "VI"}),
    "Denmark (Greenland)": ("GL", {}),
    "United Kingdom (Northern Ireland)": ("GB", {}),
    "United Kingdom (Wales)": ("GB", {}),
    "United Kingdom": (
        "GB",
        {
            "Antigua": "AG",
            "Argentia": "CA",
            "Bathurst": "GM",
            "Bay of Islands": "CA",
            "Bermuda": "BM",
            "Bonne Bay": "CA",
            "Bridgetown": "BB",
            "High Rock": "JM",
            "Hong Kong": "HK",
            "Jamaica": "JM",
            "Kingston": "JM",
            "Labrador": "CA",
            "Malta": "MT",
            "Nassau": "BS",
            "Newfoundland": "CA",
            "Port Antonio": "JM",
            "Port of Spain": "TT",
            "Port-of-Spain": "TT",
            "St. Lucia": "LC",
            "The Bahamas": "BS",
            "Trinidad": "TT",
        },
    ),
    "France": (
        "FR",
        {
            "Algiers": "DZ",
            "Oran": "DZ",
            "Dakar": "SN",
            "Guadeloupe": "GP",
            "Martinique": "MQ",
            "St. Martin Island": "MF",
        },
    ),
    "Netherlands": ("NL", {"Curacao": "CW"}),
    "Norway": ("NO", {"Svalbard": "SJ"}),
    "Spain": ("ES", {"Havana": "CU"}),
    "China": ("CN", {"Hong Kong": "HK"}),
    "Israel": ("IL", {"El Arish": "EG"}),
    "Bahrain": ("BH", {"Dhahran": "SA"}),
    "Brunei": ("BN", {}),
    "Cape Verde": ("CV", {}),
    "Cote d'Ivoire": ("CI", {}),
    "St. Lucia": ("LC", {}),
    "Timor Leste": ("TL", {}),
    "Turkey": ("TR", {}),
}


# Languages whose CLDR country names a table may use ("España", "Allemagne", "Deutschland").
NAME_LANGUAGES = ("en", "es", "fr", "de", "pt", "it")


@functools.cache
def _cldr_names() -> dict[str, str]:
    from babel import Locale  # only a table's importer needs it

    found: dict[str, str] = {}
    for lang in NAME_LANGUAGES:
        for territory, name in Locale(lang).territories.items():
            if len(territory) == 2 and territory.isalpha():
                found.setdefault(_key(name), territory)
    return found


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).casefold().split())


def from_any_name(written: str) -> str | None:
    """:func:`code`, else the country whose CLDR name this is in English, Spanish, French, German,
    Portuguese or Italian ("España" -> ES), accents and case aside."""
    return code(written) or _cldr_names().get(_key(written))


@functools.cache
def code(written: str) -> str | None:
    """Today's country code for a country name as the records write it, or None if unknown."""
    name = " ".join(written.split())
    if name in COUNTRIES:
        return COUNTRIES[name][0]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


def place_code(written: str, place: str) -> str | None:
    """Today's country of ``place`` (a place of a record's locale) in the country written ``written``."""
    found = COUNTRIES.get(" ".join(written.split()))
    if found and place in found[1]:
        return found[1][place]
    return code(written)
