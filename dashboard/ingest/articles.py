"""Articles read for ingest: a saved HTML page (text and metadata through trafilatura), or a text or
Markdown file with what it cannot say given by the caller. A URL is fetched by :mod:`fetching`, and
read here as a page.

Every refusal is one line naming the file and what is wrong with it: an empty page, binary data,
a page too big to be an article, a device or a pipe, text in no charset it declares.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from dashboard.ingest.visible import visible

MIN_WORDS = 10  # fewer words than a sentence or two: a menu or an error page, not an article
MAX_BYTES = 10_000_000  # a saved news page with its markup; a bigger file is not an article
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


def decode_page(name: str, data: bytes, html: bool, declared: str | None = None) -> str:
    """The text of a file or a fetched page: in the charset ``declared`` by the server, else (a page)
    the one its ``<meta>`` declares, else UTF-8; a byte order mark wins over both, as in browsers."""
    if not data.strip():
        raise ArticleError(f"{name}: the file is empty")
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{name}: binary data, not a text or HTML page (a NUL byte near the start)")
    charset = declared or (_meta_charset(data) if html else None)
    if charset is None or data.startswith(codecs.BOM_UTF8) or _codec(name, charset) == "utf-8":
        return _utf8(name, data)
    try:
        return _as_browsers_read(data, _codec(name, charset))
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise ArticleError(
            f"{name}: not {charset} text as it declares (byte {exc.start} is {byte:#04x})"
        ) from exc


def _utf8(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{name}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})") from exc


def _meta_charset(data: bytes) -> str | None:
    """The charset a page declares near its start: ``<meta charset=...>`` or the http-equiv form."""
    found = re.search(rb"<meta[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", data[:4096], re.I)
    return found.group(1).decode("ascii") if found else None


def _codec(name: str, charset: str) -> str:
    try:
        return codecs.lookup(charset).name
    except LookupError:
        raise ArticleError(f"{name}: declares the charset {charset!r}, which is not known") from None


def _as_browsers_read(data: bytes, codec: str) -> str:
    # Pages declared Latin-1 or ASCII are windows-1252, as every browser reads them: their curly
    # quotes (0x93, 0x94) are quotation marks, and quotes are what ingest keeps verbatim.
    if codec in ("latin-1", "iso8859-1", "ascii"):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")  # the five bytes windows-1252 leaves undefined
    return data.decode(codec)


def read_limited(path: Path) -> bytes:
    """A regular file's bytes, never more than MAX_BYTES of them, whatever its size says (a /proc file
    says 0). Devices, pipes and folders are refused before a byte is read: /dev/zero never ends, and
    a FIFO with no writer would never answer."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO's open waits for a writer unless nonblocking
    try:
        info = os.fstat(fd)  # of the file opened, not of whatever the name means a moment later
        if reason := _not_regular(info.st_mode):
            raise ArticleError(f"{path}: {reason}")
        if info.st_size > MAX_BYTES:
            raise ArticleError(
                f"{path}: {info.st_size:,} bytes is too big for an article (at most {MAX_BYTES:,})"
            )
        data = _read_at_most(fd, MAX_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{path}: more than {MAX_BYTES:,} bytes is too big for an article")
    return data


def _not_regular(mode: int) -> str | None:
    """Why a file that is not a regular file is not read, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file; give an article file inside it"
    devices = stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
    kind = "a FIFO (a pipe)" if stat.S_ISFIFO(mode) else "a device" if devices else "a special file"
    return f"it is {kind}, not a file; save the article to a file and give that"


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := os.read(fd, min(1 << 20, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def from_html(name: str, page: str) -> Article:
    """The article in a saved page: its text without navigation and footer, nor what readers cannot
    see (:mod:`visible`), and its metadata."""
    import trafilatura

    page = _CONTROL_REFERENCE.sub(_drop_control, page)
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


_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _drop_control(match: re.Match[str]) -> str:
    """A reference to a control character (``&#27;``) made lxml drop the whole document, leaving no text;
    the control characters written as themselves are dropped by trafilatura, so these are too."""
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return "" if 0 < code < 32 and code not in (9, 10, 13) else match.group(0)


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
        data = read_limited(path)
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    start = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:15].lower()
    html = path.suffix.lower() in (".html", ".htm") or start.startswith((b"<!doctype", b"<html"))
    text = decode_page(str(path), data, html)
    article = from_html(str(path), text) if html else from_text(str(path), text, given.get("language"))  # type: ignore[arg-type]
    return replace(article, **{k: v for k, v in given.items() if v is not None})  # type: ignore[arg-type]
