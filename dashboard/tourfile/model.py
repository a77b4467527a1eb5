"""Typed records for a diplomatic tour: the tour file format.

Every record is a frozen pydantic model that forbids unknown fields, so a typo in a
tour file is an error rather than silently ignored data. Cross-references between
records (a claim citing a source id, a visit naming a place id) and the places' roles
are checked by :mod:`dashboard.tourfile.validate`, not here, so that one load can report every
broken reference at once, alongside the type errors found here.

The JSON Schema of the format (``python -m dashboard schema``) is generated from
these classes, so the documentation and the validator cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from dashboard.tourfile import countries, languages

# Named so that dashboard.tourfile.errors can tell which rule a "pattern mismatch" broke.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
URL_PATTERN = r"^https?://[^\s<>\"]+$"


def _assigned_country(code: str) -> str:
    # The pattern has passed: two capital letters. Only some pairs are countries (ISO's, and Kosovo's
    # XK); the error type lets dashboard.tourfile.errors word it (and show the suggestion after the value).
    if not countries.is_assigned(code):
        raise PydanticCustomError(
            "country_unassigned",
            "expected an officially assigned ISO 3166-1 alpha-2 country code, such as 'CL' for Chile",
            {"suggestion": countries.suggestion(code) or ""},
        )
    return code


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    Field(description="A short identifier: lowercase letters, digits, '-' or '_'."),
]
# C0 controls but tab and line breaks, DEL and C1: ESC, BEL or NUL in a title could retitle or clear
# the terminal that prints it, and no text of a tour needs them.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _no_controls(text: str) -> str:
    found = CONTROLS.search(text)
    if found:
        raise PydanticCustomError(
            "control_character",
            "expected text without control characters; found {char} at character {at}",
            {"char": repr(found.group()), "at": found.start() + 1},
        )
    return text


NAME_MAX, TEXT_MAX = 300, 5000  # characters in a name, and in a text (importers check rows against them)
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_MAX, strip_whitespace=True),
    AfterValidator(_no_controls),
]
LongText = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_no_controls)]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=COUNTRY_PATTERN),
    AfterValidator(_assigned_country),
    Field(
        description="An officially assigned ISO 3166-1 alpha-2 country code, upper case, e.g. 'CL' "
        "(or XK, Kosovo's code, which CLDR names though ISO has not assigned it)."
    ),
]
FORMAT_VERSION: Literal[2] = 2  # what new files are written in; 1 still loads

# The dates a tour may hold. Every view does arithmetic on dates (padding a chart, counting days);
# bounded here, no view meets year 1 or 9999 (docs/tour-format.md). From 1800: the travel archive's
# records begin in 1866 (dashboard/archive).
FIRST_DAY = dt.date(1800, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


def _in_range(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError(
            "day_out_of_range",
            f"expected a date from {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}",
        )
    return day


Day = Annotated[dt.date, AfterValidator(_in_range)]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
SourceIds = Annotated[list[Id], Field(min_length=1, description="Ids of the sources that say so.")]

PlaceRole = Literal["origin", "visit", "discussed"]
Status = Literal["proposed", "discussed", "agreed", "confirmed", "under-study", "rejected"]
STATUSES: tuple[Status, ...] = (
    "proposed",
    "discussed",
    "agreed",
    "confirmed",
    "under-study",
    "rejected",
)


def _language(code: str) -> str:
    if not languages.is_code(code):
        raise PydanticCustomError(
            "language_unknown",
            "expected an ISO 639-1 language code, such as 'en', 'es' or 'fr'",
            {"suggestion": languages.suggestion(code) or ""},
        )
    return code


LanguageCode = Annotated[
    str,
    AfterValidator(_language),
    Field(description="The ISO 639-1 code of the language it is written in, such as 'en', 'es', 'fr'."),
]
Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN, max_length=2000),
    Field(description="A web address, http:// or https://."),
]
# Sources a record may leave out and inherit: a visit's from its place, a date, person or duration's
# from its visit (format version 2).
InheritedSources = Annotated[
    list[Id],
    Field(default_factory=list, description="Ids of the sources that say so (inherited when left out)."),
]


class Record(BaseModel):
    """Base of every record: immutable, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Text(Record):
    """A text written by the dataset's editors, in English and (optionally) Spanish."""

    en: LongText
    es: LongText | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to English."""
        return self.es if lang == "es" and self.es else self.en


# The records that may carry a draft mark, in the order a reviewer goes through them.
DRAFTED = ("places", "visits", "events", "claims", "discrepancies", "topics")


class Draft(Record):
    """The mark of an item proposed by ``python -m dashboard ingest``: not a fact until a person
    accepts it (by deleting this mark). The app shows drafted items only when asked, as drafts."""

    source: Id = Field(description="The article it was read from.")
    evidence: LongText = Field(description="The sentence it came from, as the article writes it.")
    flag: Name | None = Field(None, description="What a reviewer should check first.")


class Source(Record):
    """One article. Fields the article does not give stay null."""

    id: Id
    title: Name | None = None
    outlet: Name | None = Field(None, description="The outlet that published this copy.")
    original_outlet: Name | None = Field(None, description="Where it was first published.")
    language: LanguageCode
    published: Day | None = None
    author: Name | None = None
    url: Url | None = Field(None, description="Where the article can be read.")
    archived_url: Url | None = Field(None, description="A snapshot of the page (e.g. on web.archive.org).")
    accessed: Day | None = Field(None, description="When the page was read.")
    file: Name | None = Field(None, description="The file the text was read from.")
    translation_of: Id | None = Field(None, description="Id of the source this translates.")
    note: Text | None = None


class Place(Record):
    """A point on the map: where the tour started, went, or what it discussed."""

    id: Id
    name: Name
    country: CountryCode
    role: PlaceRole
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    geocoded_by: Name | None = Field(None, description="Where the coordinates came from.")
    query: Name | None = Field(None, description="Search text for the geocoder, if not the name.")
    description: Text | None = None
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    paired_with: Id | None = Field(None, description="Another place shown as a pair with it.")
    sources: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _both_or_neither(self) -> Place:
        if (self.latitude is None) != (self.longitude is None):
            given = f"latitude {self.latitude}" if self.longitude is None else f"longitude {self.longitude}"
            raise ValueError(f"give both latitude and longitude, or neither (only {given} is given)")
        return self

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class DateVariant(Record):
    """One source's account of when something happened (a day or a range)."""

    start: Day
    end: Day | None = Field(None, description="Last day, for a range.")
    kind: Literal["actual", "scheduled", "announced"] = "actual"
    precision: Literal["day", "month"] = "day"
    sources: InheritedSources
    note: Text | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> DateVariant:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end.isoformat()!r} is before start {self.start.isoformat()!r}")
        return self

    @property
    def last(self) -> dt.date:
        return self.end or self.start


class Person(Record):
    """Someone met, or someone in a delegation."""

    name: Name | None = None
    office: Text | None = None
    sources: InheritedSources
    note: Text | None = None

    @model_validator(mode="after")
    def _named_or_described(self) -> Person:
        if self.name is None and self.office is None:
            raise ValueError("give a name or an office (or both) for each person")
        return self


class DurationVariant(Record):
    """One source's account of how long a meeting lasted."""

    text: Text
    minutes: int | None = Field(None, ge=0, le=100000)
    qualifier: Literal["about", "more than", "exactly"] = "about"
    sources: InheritedSources


def _person_from_name(value: object) -> object:
    """A plain name stands for a person of that name (format version 2)."""
    return {"name": value} if isinstance(value, str) else value


Met = Annotated[Person, BeforeValidator(_person_from_name)]


class Visit(Record):
    """A stop of the tour: a place visited, with when, where and whom."""

    place: Id
    order: int = Field(ge=1, le=100000)
    trip: int | None = Field(
        None,
        ge=1,
        description="Which trip it belongs to, when the tour is several separate trips: the route has no "
        "leg between trips, and each starts again from the origin.",
    )
    dates: list[DateVariant] = Field(min_length=1)
    venue: Text | None = None
    counterparts: list[Met] = Field(default_factory=list)
    others_met: list[Met] = Field(default_factory=list)
    delegation: list[Met] = Field(default_factory=list)
    duration: list[DurationVariant] = Field(default_factory=list)
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    summary: Text | None = None
    sources: InheritedSources

    def ranked_dates(self) -> list[DateVariant]:
        """Every account of the date, best first: actual before scheduled or announced, a day before
        a month, a single day before a range (the order every view lists them in)."""
        return sorted(self.dates, key=lambda d: (d.kind != "actual", d.precision != "day", d.end is not None))

    def best_date(self) -> DateVariant:
        """The most precise actual date, else the first one given (what the map and figures use)."""
        return self.ranked_dates()[0]


class Event(Record):
    """A dated milestone outside the visits: an election, an inauguration."""

    id: Id
    label: Text
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    date: Day
    sources: SourceIds


class Topic(Record):
    id: Id
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    label: Text


class Figure(Record):
    """A number a source gives, as a range."""

    low: float = Field(allow_inf_nan=False)
    high: float | None = Field(None, allow_inf_nan=False)
    unit: Name


class Claim(Record):
    """Something said, proposed, agreed or reported, with who and where."""

    id: Id
    kind: Literal["statement", "report", "agreement", "criticism", "context"] = "report"
    place: Id | None = Field(None, description="Where it was said or done.")
    mentions: list[Id] = Field(default_factory=list, description="Places it is about.")
    countries: list[CountryCode] = Field(
        default_factory=list,
        description="Countries the claim concerns beyond its places (ISO 3166-1 alpha-2 codes), "
        "for claims tied to no place, such as a president's remarks about a proposal.",
    )
    speaker: Name | None = None
    date: Day | None = None
    topics: list[Id] = Field(min_length=1)
    text: Text
    quote: LongText | None = Field(None, description="Verbatim, in its source's language.")
    quote_source: Id | None = None
    proposals: list[Id] = Field(default_factory=list)
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    figure: Figure | None = None
    sources: SourceIds

    @model_validator(mode="after")
    def _quote_has_speaker(self) -> Claim:
        if self.quote is not None and self.speaker is None:
            raise ValueError("a quote needs a speaker: add `speaker` with the name of who said it")
        return self


class StatusChange(Record):
    """One row of a proposal's history in one country."""

    country: CountryCode
    status: Status
    date: Day | None = None
    visit: Id | None = Field(None, description="Place id of the visit where this happened.")
    sources: SourceIds
    note: Text | None = None


class Proposal(Record):
    id: Id
    title: Text
    proposer: Name
    description: Text
    topics: list[Id] = Field(default_factory=list)
    history: list[StatusChange] = Field(min_length=1)
    sources: SourceIds


class Variant(Record):
    """One side of a disagreement between sources."""

    value: Text
    sources: SourceIds


class Discrepancy(Record):
    id: Id
    subject: Text
    field: Name | None = Field(None, description="The tour field it concerns, e.g. 'visits.quito.dates'.")
    draft: Draft | None = Field(None, description="Set on proposals `ingest` makes; see Draft.")
    variants: list[Variant] = Field(min_length=2)
    note: Text | None = None


class Narrative(Record):
    """The story's text for one stop of the tour."""

    stop: Id = Field(description="Place id of the visit this text goes with (a place that has a visit).")
    text: Text = Field(description="The narrative shown beside the map at this stop.")
    sources: list[Id] = Field(default_factory=list, description="Ids of the sources the text draws on.")


class Story(Record):
    """Optional words for the story page (``export story``), which is otherwise derived from the data:
    an introduction, a narrative per stop, and a conclusion on the outcomes."""

    intro: Text | None = Field(None, description="The introduction (default: the tour's summary).")
    steps: list[Narrative] = Field(default_factory=list, description="A narrative per visited stop.")
    outcomes: Text | None = Field(None, description="Words on the outcomes, above the proposals' end state.")
    sources: list[Id] = Field(
        default_factory=list, description="Ids of the sources the introduction and the outcomes draw on."
    )


class Tour(Record):
    """A whole tour file."""

    format_version: Literal[1, 2] = Field(
        FORMAT_VERSION,
        description="1 or 2: version 2 adds source links, any language, names as people "
        "and inherited sources (`python -m dashboard upgrade FILE` moves a file to it).",
    )
    id: Id
    title: Text
    subject: Name
    summary: Text | None = None
    sources: list[Source] = Field(min_length=1)
    places: list[Place] = Field(min_length=1)
    visits: list[Visit] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    story: Story | None = Field(None, description="Optional texts for the story page; see Story.")

    def place(self, place_id: str) -> Place:
        return next(p for p in self.places if p.id == place_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)

    def ordered_visits(self) -> list[Visit]:
        return sorted(self.visits, key=lambda v: v.order)
