"""One formatter per concept, shared by every view and export: dates, ranges, numbers, places, people,
stop titles, date rows and source citations, in the reader's language.

Dates, numbers, country names and language names come from CLDR (through babel), so they read
as readers of each language expect ("22–23 de diciembre de 2025", "6.802"); ISO code lists come
from pycountry. Outputs are plain text: escaping for HTML, Markdown or CSV happens where the
text is placed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from dashboard.tourfile.countries import is_assigned
from dashboard.tourfile.model import DateVariant, Person, Source
from dashboard.views.i18n import LOCALES, t


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


def format_date(day: dt.date | None, lang: str, precision: str = "day") -> str:
    """``16 December 2025`` / ``16 de diciembre de 2025``; ``December 2025`` for a month; "not stated"
    for no date."""
    if day is None:
        return t("word.unknown", lang)
    if precision == "month":
        return _pattern(_locale(lang).datetime_skeletons["yMMMM"], day, lang)
    return _babel_date(day, "long", locale=_locale(lang))


def _pattern(pattern: object, day: dt.date, lang: str) -> str:
    return _babel_date(day, str(getattr(pattern, "pattern", pattern)), locale=_locale(lang))


def _long_months(pattern: object) -> str:
    """A CLDR pattern with abbreviated months (``MMM``) written in full (``MMMM``)."""
    return re.sub(r"(?<!M)MMM(?!M)", "MMMM", str(getattr(pattern, "pattern", pattern)))


def format_range(start: dt.date, end: dt.date | None, lang: str, precision: str = "day") -> str:
    """``22–23 December 2025``, ``22 December 2025 – 3 January 2026`` (CLDR's interval patterns).

    A month-precision date, or a range of one day, is written as a single date.
    """
    if end is None or end == start or precision == "month":
        return format_date(start, lang, precision)
    formats = _locale(lang).interval_formats
    skeleton = formats.get("yMMMMd") or formats["yMMMd"]  # en_GB and fr only have abbreviated months
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = skeleton[field]
    return _pattern(_long_months(first), start, lang) + _pattern(_long_months(second), end, lang)


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """``6,802`` in English, ``6.802`` in Spanish, ``6 802`` in French."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(round(value, decimals), format=pattern, locale=_locale(lang)))


def separators(lang: str) -> str:
    """The decimal mark, then the thousands separator, as plotly's ``layout.separators`` takes them."""
    symbols = _locale(lang).number_symbols.get("latn", {})
    return str(symbols.get("decimal", ".")) + str(symbols.get("group", ","))


def month_day(day: dt.date, lang: str, year: bool = False) -> str:
    """A short axis label: ``22 Dec`` (``22 Dec 2025`` with ``year``)."""
    return _pattern(_locale(lang).datetime_skeletons["yMMMd" if year else "MMMd"], day, lang)


def short_month(day: dt.date, lang: str, year: bool = False) -> str:
    """``Dec`` (``Dec 2025`` with ``year``), as a month tick reads."""
    return _pattern(_locale(lang).datetime_skeletons["yMMM" if year else "MMM"], day, lang)


def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (CLDR); the code itself for a code ISO has not assigned."""
    return str(_locale(lang).territories.get(code, code)) if is_assigned(code) else code


def country_label(code: str, lang: str) -> str:
    """``Perú (PE)``: the name with its code, or the bare code when there is no name."""
    name = country_name(code, lang)
    return code if name == code else f"{name} ({code})"


def language_name(code: str, lang: str) -> str:
    """``Spanish`` / ``español`` for ``es`` (CLDR); the code itself when CLDR has none."""
    return str(_locale(lang).languages.get(code, code))


def endonym(code: str) -> str:
    """A language's name in itself, as a language switcher lists it: ``English``, ``Español``."""
    name = language_name(code, code)
    return name[:1].upper() + name[1:]


def ids(source_ids: Iterable[str]) -> str:
    """Source ids as a list an editor scans: ``s1, s2`` (the CSVs and the tour file cite by id)."""
    return ", ".join(source_ids)


def named(source_ids: Iterable[str], names: Mapping[str, str]) -> str:
    """Sources as a list a reader scans, by name (:func:`source_names`): ``Ámbito: Chilean…; Latin
    America Reports: Chile…``. A semicolon between them: titles hold commas."""
    return "; ".join(names.get(sid, sid) for sid in source_ids)


def cited(text: str, source_ids: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    """``text [s1, s2]``: a statement with the sources that say so, by name when ``names`` is given."""
    return f"{text} [{named(source_ids, names) if names is not None else ids(source_ids)}]"


def date_variant(variant: DateVariant, lang: str, names: Mapping[str, str] | None = None) -> str:
    """One account of a date: ``22 December 2025 (scheduled) [s000-en, s001-es]``, its sources by
    name when ``names`` is given."""
    when = format_range(variant.start, variant.end, lang, variant.precision)
    return cited(f"{when} ({t(f'date_kind.{variant.kind}', lang)})", variant.sources, names)


def date_variants(variants: Iterable[DateVariant], lang: str, names: Mapping[str, str] | None = None) -> str:
    """Every account of a visit's date, best first (the order of :meth:`Visit.ranked_dates`)."""
    return "; ".join(date_variant(v, lang, names) for v in variants)


def person(who: Person, lang: str) -> str:
    """``José Jerí (President of Peru)``; the name or the office alone when only one is known."""
    office = who.office.get(lang) if who.office else None
    if who.name and office:
        return f"{who.name} ({office})"
    return who.name or office or ""


def trip_name(trip: int | None, lang: str) -> str:
    """``Trip 2``; a visit the sources put in no trip is "Trip not stated", never "Trip —"."""
    return t("legend.trip", lang, n=trip) if trip is not None else t("legend.no_trip", lang)


def stop_title(order: int | None, name: str) -> str:
    """``1. Buenos Aires`` for a visit, the bare name for other places."""
    return f"{order}. {name}" if order else name


SHORT_TITLE = 40  # characters of a title in a short name (tables, captions); keys and files give it whole


def shortened(text: str, chars: int) -> str:
    """The text whole, or its words up to ``chars`` characters and an ellipsis (no comma before it)."""
    if len(text) <= chars:
        return text
    room = text[: chars + 1]  # a word that ends at the cut is whole
    cut = room.rsplit(" ", 1)[0] if " " in room else text[:chars]
    return cut.rstrip(" ,;:.-–—") + "…"


def source_name(source: Source, lang: str, short: bool = False) -> str:
    """How readers know an article: ``Latin America Reports: Chile president-elect Kast targets crime…``
    (its outlet, or where it first ran, then its title), the title alone, ``untitled article (Ámbito)``
    or ``untitled article``; never its id, which is for editors. ``short``: the title cut at
    SHORT_TITLE characters, for a table's cell or a caption (its key gives the whole citation)."""
    outlet = source.outlet or source.original_outlet
    if source.title:
        title = shortened(source.title, SHORT_TITLE) if short else source.title
        return f"{outlet}: {title}" if outlet else title
    untitled = t("word.untitled_article", lang)
    return f"{untitled} ({outlet})" if outlet else untitled


def source_names(sources: Iterable[Source], lang: str, short: bool = True) -> dict[str, str]:
    """Each source's name by id (:func:`source_name`), told apart: sources that share a name (an
    article and its translation) get their language, then their date, then a number."""
    every = list(sources)
    names = {s.id: source_name(s, lang, short) for s in every}
    qualifiers: list[Callable[[Source], str]] = [
        lambda s: language_name(s.language, lang),
        lambda s: format_date(s.published, lang) if s.published else "",
    ]
    for qualifier in qualifiers:
        shared = _shared(names)
        for source in (s for s in every if names[s.id] in shared and qualifier(s)):
            names[source.id] = f"{names[source.id]} ({qualifier(source)})"
    shared, seen = _shared(names), Counter[str]()
    for source in (s for s in every if names[s.id] in shared):
        seen[names[source.id]] += 1
        names[source.id] = f"{names[source.id]} #{seen[names[source.id]]}"
    return names


def _shared(names: Mapping[str, str]) -> set[str]:
    return {name for name, count in Counter(names.values()).items() if count > 1}


def source_details(source: Source, lang: str, names: Mapping[str, str] | None = None) -> list[str]:
    """What a citation says after the article's name: where it first ran, its language, its date, what
    it translates (by name when ``names`` is given); what the article does not say is left out."""
    parts = []
    if source.outlet and source.original_outlet:  # without an outlet, the name gives where it first ran
        parts.append(f"{t('field.original_outlet', lang)} {source.original_outlet}")
    parts.append(language_name(source.language, lang))
    if source.published:
        parts.append(format_date(source.published, lang))
    if source.translation_of:
        original = (names or {}).get(source.translation_of, source.translation_of)
        parts.append(f"{t('field.translation_of', lang)} {original}")
    return parts


def source_citation(source: Source, lang: str, names: Mapping[str, str] | None = None) -> str:
    """``Latin America Reports: Chile president-elect… · English · 22 December 2025``: the one way an
    article is cited to readers, in every view and export (its name, then :func:`source_details`)."""
    return " · ".join([source_name(source, lang), *source_details(source, lang, names)])
