"""Dates an article gives, read relative to its own date: "on Friday", "last week", "el martes 22",
"en enero". dateparser does the reading (it ships its language data); these rules keep only what
names a day, a weekday, a month or a relative day, and flag a weekday that contradicts its date.

dateparser takes milliseconds a sentence, and a long article has thousands: it is given only the
phrases made of date words (:func:`phrases`), and each phrase is read once (they recur: "on Monday",
"22 de diciembre"), so ingest's time grows with the article, not with its dates' reading.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from dashboard.geo.gazetteer import normalise

RELATIVE = {
    "en": ("today", "yesterday", "tomorrow", "last", "next", "ago"),
    "es": ("hoy", "ayer", "mañana", "pasado", "próximo", "proximo", "hace"),
    "fr": ("aujourd'hui", "hier", "demain", "dernier", "prochain", "il y a"),
    "pt": ("hoje", "ontem", "amanhã", "passad", "próxim", "proxim", "há "),
}
# Words for the article's own day (or the day before) that dateparser does not read: "esta noche",
# "ce soir", "nesta manhã", "anoche". Each language's own words, with how many days before the
# article's date they mean.
TODAY = {
    "en": {"tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "last night": 1},
    "es": {"esta noche": 0, "esta mañana": 0, "esta tarde": 0, "anoche": 1},
    "fr": {"ce soir": 0, "ce matin": 0, "cet après-midi": 0, "hier soir": 1},
    "pt": {"esta noite": 0, "nesta noite": 0, "esta manhã": 0, "nesta manhã": 0, "nesta tarde": 0,
           "esta tarde": 0, "ontem à noite": 1},
}  # fmt: skip
# Words that name the article's own day or the one before ("ayer", "today", "hier", "ontem"): in an
# article with no date they say only that the day is one of the tour's.
ARTICLE_DAY = {
    "en": ("today", "yesterday", "tonight", "last night", "this morning", "this afternoon", "this evening"),
    "es": ("hoy", "ayer", "anoche", "anteayer", "esta noche", "esta mañana", "esta tarde"),
    "fr": ("aujourd'hui", "hier", "avant-hier", "ce soir", "ce matin", "cet après-midi"),
    "pt": (
        "hoje",
        "ontem",
        "anteontem",
        "esta noite",
        "nesta noite",
        "esta manhã",
        "nesta manhã",
        "nesta tarde",
    ),
}


def is_article_day(said: str, lang: str) -> bool:
    """``said`` names the article's own day or the one before, and no other day."""
    words = normalise(said)
    return any(
        re.search(rf"(?<!\w){re.escape(normalise(w))}(?!\w)", words) for w in ARTICLE_DAY.get(lang, ())
    )


# An ordinal day ("1er mars", "1º de março", "March 1st") read as its number: replaced by the
# number and spaces, so every offset in the text stays where it was.
ORDINAL = re.compile(r"\b([0-3]?\d)\s?(er|re|º|ª|\.º|st|nd|rd|th)\b")
# A month abbreviated with a period, as news agencies write it ("Sept. 6", "Aug. 30", "janv. 3",
# "sept. 6"): read as its three-letter form, padded with spaces so offsets stay where they were.
ABBREVIATED = re.compile(r"\b(Jan|Feb|Mar|Apr|Aug|Sep|Oct|Nov|Dec)(t?)\.(?=\s*[0-3]?\d\b)", re.IGNORECASE)


WEEK = 7
# Words of a date phrase besides month and weekday names and the relative words, accent-free: numbers
# and units ("two days ago", "hace dos días"), and the small words within and before one ("on Monday",
# "el 22 de diciembre", "the 5th of January", "este lunes", "en enero"). "and" is not one: two dates.
PHRASE_WORDS = {
    "en": "a an one two three four five six seven eight nine ten day days week weeks weekend month months "
    "year years of the on this in",
    "es": "un una uno dos tres cuatro cinco seis siete ocho nueve diez dia dias semana semanas fin mes meses "
    "ano anos de del el la los este esta pasada proxima en",
    "fr": "un une deux trois quatre cinq six sept huit neuf dix jour jours semaine semaines mois an ans "
    "annee annees le la du de ce cette derniere prochaine il y a en",
    "pt": "um uma dois tres quatro cinco seis sete oito nove dez dia dias semana semanas fim mes meses "
    "ano anos de do da o a este esta neste nesta nesse nessa passada passado proxima proximo em",
}
TOKEN = re.compile(r"[\w']+")
NUMBER = re.compile(r"\d{1,4}(?:st|nd|rd|th|er|re|e|o|a)?")  # 22, 2026, 22nd, 1er, 1o (º is normalised to o)
SEPARATOR = re.compile(r"[\s,.()-]*")  # what may stand between two words of one phrase ("sexta-feira (16)")
YEAR = re.compile(r"\d{4}")  # a year ends a phrase: in "2024, 14:39" the 14 is an hour
LINK = re.compile(r"(?i)\bhttps?://\S+")  # "…/macron-a-kinshasa-le-3-mars/" is an address, not a date
TRAILING = re.compile(r"(?:[\s,]+(?:and|the|at|of|to|y|el|la|de|a|et|le|les|du|à))+[\s,]*$|[\s,]+$")


@dataclass(frozen=True)
class DateMention:
    said: str  # as the text writes it
    start: int  # offset of ``said`` in the text
    day: dt.date  # the first day it means
    last: dt.date  # the last day (a month-only date spans its month)
    precision: str  # "day" or "month"
    flag: str | None = None  # e.g. a weekday that contradicts the date
    calendar: bool = False  # names its month ("22 December", "in January"), not only a weekday or "yesterday"
    weekday: int | None = None  # the weekday it names (0 Monday), if any
    numbered: bool = False  # writes the day's number ("sexta-feira (16)", "el martes 22")
    how: str | None = None  # how the day was found, where a reviewer should know ("read in the window …")


@lru_cache(maxsize=8)
def _names(lang: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated, accent-free) -> month number / weekday (0 Mon)."""
    from babel import Locale

    locale = Locale(lang)
    months = {
        normalise(name): n
        for width in ("wide", "abbreviated")
        for n, name in locale.months["format"][width].items()
    }
    # "quinta-feira" is read as its first word too: the text's words are split at hyphens.
    days = {key: n for n, name in locale.days["format"]["wide"].items() for key in _day_keys(name)}
    return months, days


def _day_keys(name: str) -> set[str]:
    words = normalise(name).split()
    return {" ".join(words), words[0]} if len(words[0]) > 3 else {" ".join(words)}


def _words(text: str) -> list[str]:
    return [normalise(w) for w in re.findall(r"[\w']+", text)]


def _kind(said: str, lang: str) -> tuple[int | None, int | None, bool]:
    """(month named, weekday named, relative word) in a matched text; None where not named."""
    months, days = _names(lang)
    words = _words(said)
    month = next((months[w.rstrip(".")] for w in words if w.rstrip(".") in months and len(w) > 2), None)
    weekday = next((days[w] for w in words if w in days), None)
    relative = any(normalise(r) in normalise(said) for r in RELATIVE.get(lang, ()))
    return month, weekday, relative


def _nearest_year(day: dt.date, published: dt.date) -> dt.date:
    """A date written without its year, in the year that puts it closest to the article's date
    ("en enero" in a December article is next January)."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(day.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - published).days), default=day)


def _nearest_numbered(number: int, published: dt.date) -> dt.date | None:
    """The day numbered ``number`` nearest the article's date, in its month or the one either side
    ("el martes 22" in a 20 January article is 22 January; "(30)" on 2 March is 30 January)."""
    candidates = []
    for shift in (-1, 0, 1):
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        if number <= calendar.monthrange(year, month + 1)[1]:
            candidates.append(dt.date(year, month + 1, number))
    return min(candidates, key=lambda d: abs((d - published).days), default=None)


def _mention(said: str, start: int, parsed: dt.datetime, lang: str, published: dt.date) -> DateMention | None:
    month, weekday, relative = _kind(said, lang)
    number = re.search(r"\b([0-3]?\d)\b", said)
    if month is None and weekday is None and not relative:
        return None  # "2", "in", "now": not a date of the tour
    day = parsed.date()
    if weekday is not None and month is None and not number and abs((day - published).days) > WEEK:
        # dateparser read more than the weekday ("on Friday after a six-hour flight"): the last such day
        day = published - dt.timedelta(days=(published.weekday() - weekday) % WEEK)
    if month is not None and not re.search(r"\b\d{4}\b", said):
        day = _nearest_year(day, published)
    if month is not None and not number and weekday is None:  # "en enero", "in January"
        first = day.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return DateMention(said, start, first, last, "month", calendar=True)
    flag = None
    if number and month is None and 1 <= int(number.group(1)) <= 31:
        day = _nearest_numbered(int(number.group(1)), published) or day  # "sexta-feira (16)": no month
    elif number and 1 <= int(number.group(1)) <= 31 and int(number.group(1)) != day.day:
        try:
            day = day.replace(day=int(number.group(1)))  # the day the text writes, not a guess
        except ValueError:
            return None
    if weekday is not None and number and day.weekday() != weekday:
        flag = f"weekday contradicts date: {said!r} is a {calendar.day_name[day.weekday()]}"
    return DateMention(said, start, day, day, "day", flag, month is not None, weekday, number is not None)


def find_dates(text: str, lang: str, published: dt.date) -> list[DateMention]:
    """The dates ``text`` names, read relative to ``published``, in order."""
    plain = ORDINAL.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)
    if lang == "en":
        plain = ABBREVIATED.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), plain)
    out = []
    for begin, end in phrases(plain, lang):
        for found_said, at, parsed in _read(plain[begin:end], lang, published):
            said = TRAILING.sub("", found_said)  # "on Monday, December 22, and": the date ends at 22
            start = begin + at + len(said) - len(said.lstrip())
            mention = _mention(said.strip(), start, parsed, lang, published)
            if mention:  # read in the plain text ("1   mars"), kept as the article writes it ("1er mars")
                out.append(replace(mention, said=text[start : start + len(said.strip())]))
    return sorted(out + _today(text, lang, published, out), key=lambda d: d.start)


@lru_cache(maxsize=4096)  # a date phrase comes back often ("on Monday", "22 December"); reading one takes ms
def _read(phrase: str, lang: str, published: dt.date) -> tuple[tuple[str, int, dt.datetime], ...]:
    """What dateparser finds in a date phrase: (what it read, where in the phrase, the date)."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": dt.datetime.combine(published, dt.time()), "RETURN_AS_TIMEZONE_AWARE": False}
    found, cursor = [], 0
    single = re.sub(r"\s+", " ", phrase)  # "Sep  6" (padded where "Sept." was): dateparser wants one space
    for said, parsed in search_dates(single, languages=[lang], settings=settings) or []:
        at = re.compile(r"\s+".join(map(re.escape, said.split()))).search(phrase, cursor)
        if at is not None:
            found.append((phrase[at.start() : at.end()], at.start(), parsed))
            cursor = at.end()
    return tuple(found)


def phrases(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each run of date words in ``text`` (see :data:`PHRASE_WORDS`) that names a
    month, a weekday or a relative day: what dateparser reads, instead of the whole sentence."""
    links = [m.span() for m in LINK.finditer(text)] if "://" in text else []
    runs: list[tuple[int, int]] = []
    last = ""
    for token in TOKEN.finditer(text):
        if not _date_word(token.group(), lang) or any(a <= token.start() < b for a, b in links):
            continue
        if runs and not YEAR.fullmatch(last) and SEPARATOR.fullmatch(text, runs[-1][1], token.start()):
            runs[-1] = (runs[-1][0], token.end())
        else:
            runs.append(token.span())
        last = token.group()
    return [(a, b) for a, b in runs if any(x is not None and x is not False for x in _kind(text[a:b], lang))]


@lru_cache(maxsize=65536)  # the words of a long article recur
def _date_word(token: str, lang: str) -> bool:
    word = normalise(token)
    return word in _phrase_words(lang) or NUMBER.fullmatch(word) is not None


@lru_cache(maxsize=8)
def _phrase_words(lang: str) -> frozenset[str]:
    """Every word a date phrase in ``lang`` is made of, accent-free: month and weekday names (wide and
    abbreviated), the relative words, and :data:`PHRASE_WORDS` (numbers are matched apart)."""
    from babel import Locale

    locale = Locale(lang)
    names = [n for kind in (locale.months, locale.days) for width in ("wide", "abbreviated")
             for n in kind["format"][width].values()]  # fmt: skip
    found = {normalise(w) for text in [*names, *RELATIVE[lang]] for w in TOKEN.findall(text)}
    return frozenset(found | set(PHRASE_WORDS[lang].split()))


def _today(text: str, lang: str, published: dt.date, found: list[DateMention]) -> list[DateMention]:
    """The article's own day (or the day before) named in words dateparser does not read ("esta
    noche", "ce soir"), where no date it read is there already."""
    pattern = _today_pattern(lang)
    if pattern is None:
        return []
    taken = [(d.start, d.start + len(d.said)) for d in found]
    out = []
    for match in pattern.finditer(text):
        if not any(a < match.end() and match.start() < b for a, b in taken):
            day = published - dt.timedelta(days=TODAY[lang][match.group().lower()])
            out.append(DateMention(match.group(), match.start(), day, day, "day"))
    return out  # find_dates puts them in order with the rest


@lru_cache(maxsize=8)
def _today_pattern(lang: str) -> re.Pattern[str] | None:
    """One pattern for all of a language's words for its own day (read once per sentence, not once
    per word); longest first, so "ontem à noite" is not read as "ontem"."""
    words = sorted(TODAY.get(lang, {}), key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else None
