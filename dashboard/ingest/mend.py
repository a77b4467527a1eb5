"""Articles mended before they are read: what the tour format cannot hold is left out, with a note.

An article's metadata comes from a page's markup or from the person giving it, and a source record
holds less than either may say: a title, outlet or author of at most 300 characters, a web address
(http or https, a host, at most 2,000 characters, no spaces or angle brackets), a date from
1800-01-01 to 2100-12-31. An address with spaces or ``<``, ``>`` or ``"`` in its path is the same
address percent-encoded, and is kept so; anything else the record cannot hold is left out, and each
:class:`LeftOut` says what and why, in one line. The text's control characters are read as spaces
(:mod:`chars`). Nothing here refuses an article: what is left is read as usual.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, replace

from dashboard.ingest.articles import Article
from dashboard.ingest.chars import visible_name, without_controls
from dashboard.tourfile.model import CONTROLS, FIRST_DAY, LAST_DAY
from dashboard.views.i18n import t

MAX_NAME = 300  # the format's limit on a title, an outlet, an author (model.Name)
MAX_URL = 2000  # ... and on a web address (model.Url)
UNSAFE = re.compile(r'[\s<>"]')  # what the format's address pattern refuses, percent-encoded here
SHOWN = 60  # characters of a value a note quotes


@dataclass(frozen=True)
class LeftOut:
    """Something an article says of itself that its source record cannot hold, left out."""

    article: str  # the file or address it was read from (control characters shown as ``?``)
    field: str  # the source's field: title, outlet, author, url, published
    value: str  # what the article gave, as ``repr`` shows it (shortened)
    reason: str  # "long", "address" or "date": the key of its words (``ingest.left_<reason>``)
    length: int = 0

    def words(self, lang: str = "en") -> str:
        """The one line saying what was left out and why, in ``lang``."""
        return t(f"ingest.left_{self.reason}", lang, article=self.article, field=self.field,
                 value=self.value, length=f"{self.length:,}", limit=f"{MAX_NAME:,}",
                 first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())  # fmt: skip

    def note(self) -> str:
        """The line the command prints."""
        return f"note: {self.words()}"


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def web_address(url: str) -> str | None:
    """``url`` as the format keeps a web address (spaces and ``<>"`` after the host percent-encoded),
    or None when it is not one: not http(s), no host, a host with spaces, controls, or too long."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:  # "http://[::1" : not an address
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or CONTROLS.search(url):
        return None
    if UNSAFE.search(parts.netloc):
        return None
    head = f"{parts.scheme}://{parts.netloc}"
    address = head + UNSAFE.sub(lambda m: urllib.parse.quote(m.group()), url[len(head) :])
    return address if len(address) <= MAX_URL else None


def _name(article: Article, field: str, left: list[LeftOut]) -> str | None:
    """A title, outlet or author on one line, or None (blank, or too long: noted)."""
    value = getattr(article, field)
    said = " ".join(without_controls(value).split()) if value else ""
    if len(said) > MAX_NAME:
        left.append(LeftOut(visible_name(article.name), field, _shown(said), "long", len(said)))
        return None
    return said or None


def _address(article: Article, left: list[LeftOut]) -> str | None:
    if not article.url or not article.url.strip():
        return None
    address = web_address(article.url)
    if address is None:
        left.append(LeftOut(visible_name(article.name), "url", _shown(article.url), "address"))
    return address


def _published(article: Article, left: list[LeftOut]) -> dt.date | None:
    day = article.published
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        left.append(LeftOut(visible_name(article.name), "published", day.isoformat(), "date"))
        return None
    return day


def mend(article: Article) -> tuple[Article, list[LeftOut]]:
    """``article`` as a source record can hold it, and what was left out of it."""
    left: list[LeftOut] = []
    mended = replace(
        article,
        text=without_controls(article.text),
        title=_name(article, "title", left),
        outlet=_name(article, "outlet", left),
        author=_name(article, "author", left),
        url=_address(article, left),
        published=_published(article, left),
    )
    return mended, left
