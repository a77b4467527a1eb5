"""The interface's words: one table per language, with namespaced keys (``page.map``, ``status.rejected``).

Dataset texts carry their own translations (``Text.en`` / ``Text.es``); these tables hold only the
interface's words. Dates, numbers, country and language names come from CLDR through
:mod:`dashboard.views.formats`, never from these tables. A new language is one table here
(a module beside ``en.py``) plus its CLDR locale in :data:`LOCALES`; ``tests/views/test_i18n.py``
checks that every table has every key of the English one, with the same placeholders.
"""

from __future__ import annotations

from dashboard.views.i18n import en, es, fr

# Interface language -> CLDR locale. British English writes "16 December 2025", as the dataset does.
LOCALES = {"en": "en_GB", "es": "es", "fr": "fr"}
LANGS = tuple(LOCALES)
WORDS: dict[str, dict[str, str]] = {"en": en.WORDS, "es": es.WORDS, "fr": fr.WORDS}


def t(key: str, lang: str, **values: object) -> str:
    """The interface word ``key`` in ``lang`` (English when missing), its ``{placeholders}`` filled."""
    text = WORDS.get(lang, en.WORDS).get(key) or en.WORDS[key]
    return text.format(**values) if values else text
