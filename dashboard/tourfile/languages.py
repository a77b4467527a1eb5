"""ISO 639-1 language codes: which a source may be written in, and the one an author probably meant.

The list is pycountry's (every language with a two-letter code). Names in each reader's
language come from CLDR, in :mod:`dashboard.views.formats`.
"""

from __future__ import annotations

import functools

import pycountry


@functools.cache
def codes() -> frozenset[str]:
    """Every ISO 639-1 (two-letter) language code."""
    return frozenset(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))


# Codes people write for a language whose ISO code is another (country codes, old or long forms).
LOOKALIKES = {
    "sp": "es", "ge": "de", "ger": "de", "jp": "ja", "cn": "zh", "gr": "el", "dk": "da", "se": "sv",
    "cz": "cs", "ua": "uk", "kr": "ko", "eng": "en", "spa": "es", "fra": "fr", "fre": "fr",
}  # fmt: skip


def is_code(code: object) -> bool:
    return isinstance(code, str) and code in codes()


def suggestion(code: object) -> str | None:
    """The code the author probably meant (``'EN'`` -> ``'en'``, ``'sp'`` -> ``'es'``)."""
    if not isinstance(code, str):
        return None
    lower = code.strip().lower()
    if lower in codes() and lower != code:
        return lower
    return LOOKALIKES.get(lower)
