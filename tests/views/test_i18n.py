"""The interface's words: one table per language, every key in every table, matching placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from dashboard.views.i18n import LANGS, LOCALES, WORDS, en, t
from tests.conftest import ROOT

OTHER = [lang for lang in LANGS if lang != "en"]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", OTHER)
def test_every_language_has_every_english_key_and_no_other(lang: str):
    assert set(WORDS[lang]) == set(en.WORDS)


@pytest.mark.parametrize("lang", LANGS)
def test_no_word_is_blank_or_padded(lang: str):
    bad = {k: v for k, v in WORDS[lang].items() if not v or v.strip() != v}
    assert not bad


@pytest.mark.parametrize(("lang", "key"), [(lang, key) for lang in OTHER for key in en.WORDS])
def test_placeholders_match_english(lang: str, key: str):
    assert _placeholders(WORDS[lang][key]) == _placeholders(en.WORDS[key])


def test_keys_are_namespaced():
    assert all(re.fullmatch(r"[a-z_]+\.[a-z_.-]+", key) for key in en.WORDS)


def test_every_language_has_a_cldr_locale():
    from babel import Locale

    assert set(LOCALES) == set(WORDS)
    for locale in LOCALES.values():
        assert Locale.parse(locale).language in LOCALES


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Sources cited here (3)"),
        ("es", "Fuentes citadas aquí (3)"),
        ("fr", "Sources citées ici (3)"),
        ("de", "Sources cited here (3)"),  # a language with no table falls back to English
    ],
)
def test_t_fills_placeholders_and_falls_back_to_english(lang: str, expected: str):
    assert t("section.sources_key", lang, count=3) == expected


@pytest.mark.parametrize(
    ("key", "lang"), [(key, lang) for key in ("days", "km", "counterparts") for lang in LANGS]
)
def test_key_figure_labels_fit_a_fifth_of_the_page(key: str, lang: str):
    # Five metrics share a row: a longer label is cut with an ellipsis; the help says the rest.
    assert len(t(f"figure.{key}", lang)) <= 14
    assert len(t(f"figure.{key}.help", lang)) > len(t(f"figure.{key}", lang))


def _used_keys() -> set[str]:
    """Literal keys passed to t() and the key families built from a prefix (``status.{x}``)."""
    used: set[str] = set()
    for path in [*(ROOT / "dashboard").rglob("*.py"), ROOT / "streamlit_app.py"]:
        text = Path(path).read_text(encoding="utf-8")
        used |= set(re.findall(r"""["']((?:[a-z_]+)\.[a-z_.-]+)["']""", text))
        used |= {f"{prefix}.*" for prefix in re.findall(r"""f["']([a-z_]+)\.\{""", text)}
    return used


def test_every_key_is_used_somewhere():
    used = _used_keys()
    families = {u.removesuffix(".*") for u in used if u.endswith(".*")}
    unused = [k for k in en.WORDS if k not in used and k.split(".")[0] not in families]
    assert not unused
