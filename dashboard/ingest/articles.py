"""Articles read for ingest: a saved HTML page (text and metadata through trafilatura), a text or
Markdown file with what it cannot say given by the caller, or a URL fetched on request.

Every refusal is one line naming the file and what is wrong with it: an empty page, binary data,
a page too big to be an article, a URL that cannot be reached.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard.ingest.visible import visible

MIN_WORDS = 10  # fewer words than a sentence or two: a menu or an error page, not an article
MAX_BYTES = 10_000_000  # a saved news page with its markup; a bigger file is not an article
FETCH_TIMEOUT = 20  # seconds
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "was", "with", "that", "for", "said", "on"},
    "es": {"el", "la", "los", "las", "de", "del", "y", "que", "en", "con", "por", "para", "dijo"},
    "fr": {"le", "la", "les", "des", "du", "et", "que", "en", "avec", "pour", "dans", "est", "une"},
    # Portuguese's own function words: none is a common Spanish or French word ("que", "a", "no" are).
    "pt": {"do", "da", "dos", "das", "em", "não", "ao", "um", "uma", "com", "os", "pelo", "pela", "é", "foi"},
}
# Languages ingest does not read, told apart only to skip their articles with a warning (an
# article whose language cannot be told at all is refused, as before).
OTHERS = {
    "de": {"der", "die", "das", "und", "nicht", "mit", "ist", "ein", "eine", "auf", "sich", "dem"},
    "it": {"il", "della", "di", "che", "non", "per", "sono", "gli", "nel", "alla", "ha", "è"},
    "nl": {"het", "een", "van", "niet", "zijn", "voor", "ook", "naar", "werd", "bij", "dat", "op"},
}
READ = "English, Spanish, French or Portuguese"


class ArticleError(ValueError):
    """An article that cannot be read; the message names it and says why."""


class LanguageError(ArticleError):
    """An article in a language ingest does not read: skipped with a warning, the batch goes on."""


@dataclass(frozen=True)
class Article:
    name: str  # the file or URL it was read from
    text: str
    language: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None


def detect_language(text: str) -> str | None:
    """English, Spanish, French or Portuguese by their commonest words; None when none stands out."""
    words = re.findall(r"[a-záéíóúñçèêàâãõôü']+", text.lower())
    scores = {lang: sum(w in common for w in words) for lang, common in {**STOPWORDS, **OTHERS}.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= 3 else None


def _decode(name: str, data: bytes) -> str:
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{name}: binary data, not a text or HTML page (a NUL byte near the start)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{name}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})") from exc


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def from_html(name: str, page: str) -> Article:
    """The article in a saved page: its text without navigation and footer, nor what readers cannot
    see (:mod:`visible`), and its metadata."""
    import trafilatura

    found = trafilatura.bare_extraction(visible(page), with_metadata=True, include_comments=False)
    meta = found.as_dict() if found is not None and hasattr(found, "as_dict") else (found or {})
    text = (meta.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:
        raise ArticleError(f"{name}: no article text found in the page ({len(text.split())} words)")
    lang = (meta.get("language") or _html_lang(page) or detect_language(text) or "")[:2].lower() or None
    if lang not in STOPWORDS:
        raise LanguageError(f"{name}: the language ({lang or 'unknown'}) is not {READ}")
    return Article(name, text, lang, meta.get("title"), meta.get("sitename"), meta.get("author"),
                   _day(meta.get("date")), meta.get("url"))  # fmt: skip


def _html_lang(page: str) -> str | None:
    match = re.search(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", page[:5000])
    return match.group(1).lower() if match else None


def from_text(name: str, text: str, language: str | None = None) -> Article:
    lang = language or detect_language(text)
    if lang is not None and lang not in STOPWORDS:
        raise LanguageError(f"{name}: the language ({lang}) is not {READ}")
    if lang is None:
        raise ArticleError(f"{name}: cannot tell the language ({READ}); give --language")
    return Article(name, text.strip(), lang)


def read(path: Path, **given: object) -> Article:
    """An article file (.html, .htm, .txt, .md); ``given`` fills or overrides its metadata."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(f"{path}: {size:,} bytes is too big for an article (at most {MAX_BYTES:,})")
        text = _decode(str(path), path.read_bytes())
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    html = path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    )
    article = from_html(str(path), text) if html else from_text(str(path), text, given.get("language"))  # type: ignore[arg-type]
    return replace(article, **{k: v for k, v in given.items() if v is not None})  # type: ignore[arg-type]


def fetch(url: str) -> Article:
    """A URL, fetched now (the one network use of ingest, on request); http and https only."""
    if not re.match(r"(?i)^https?://", url):
        raise ArticleError(f"{url}: only http:// and https:// addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "tour-dashboard-ingest"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ArticleError(f"{url}: cannot be fetched ({getattr(exc, 'reason', exc)})") from exc
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{url}: more than {MAX_BYTES:,} bytes is too big for an article")
    return replace(from_html(url, _decode(url, data)), url=url)
