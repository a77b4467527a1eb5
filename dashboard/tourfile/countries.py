"""ISO 3166-1 alpha-2 country codes: which a tour file may name, and the one an author probably meant.

The list is pycountry's (ISO 3166-1's *officially assigned* codes) and Kosovo's XK, a user-assigned
code that CLDR, the European Union and GeoNames use (the travel archive names Kosovo): other reserved
or user-assigned codes ('UK', 'EU', 'ZZ') are not countries a tour file may name. Names in each
language come from CLDR, in :mod:`dashboard.views.formats`.
"""

from __future__ import annotations

import functools

import pycountry

# User-assigned codes that name a country all the same (CLDR has a name for each in every language).
USER_ASSIGNED = frozenset({"XK"})


@functools.cache
def codes() -> frozenset[str]:
    """Every officially assigned ISO 3166-1 alpha-2 code, and Kosovo's XK."""
    return frozenset(country.alpha_2 for country in pycountry.countries) | USER_ASSIGNED


# Codes people write by mistake for an assigned one: ISO reserves them for other uses.
LOOKALIKES = {"UK": "GB", "EL": "GR"}


def is_assigned(code: str) -> bool:
    """Whether ``code`` is an officially assigned ISO 3166-1 alpha-2 code (upper case), or XK."""
    return code in codes()


def suggestion(code: str) -> str | None:
    """An assigned code the author probably meant (``'pe'`` -> ``'PE'``, ``'UK'`` -> ``'GB'``)."""
    upper = code.strip().upper()
    if is_assigned(upper) and upper != code:
        return upper
    return LOOKALIKES.get(upper)
