"""The shape of the curated YAML files, checked with pydantic (unknown keys are errors)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 /()\-]*[0-9]$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")
TOPIC_SLUGS = (
    "money", "kita-school", "health-development", "parenting-family",
    "crisis-protection", "language-integration", "debts-legal", "daily-needs",
)
KITA_SLUGS = ("kamp-lintforter-strasse", "westpromenade", "gerderath", "loevenich", "schulring")
PAGE_SLUGS = ("about", "privacy", "imprint")
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
SHORT_TITLE_MAX = 32

Text = Annotated[str, StringConstraints(strip_whitespace=True)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


def check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError("must be 1–48 characters of a-z, 0-9 and '-' (no underscore), not starting or ending with '-'")
    return value


def check_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if not PHONE_RE.match(value) or not 3 <= len(digits) <= 15:
        raise ValueError(f"{value!r} is not a phone number (digits, spaces and + / ( ) - only, 3 to 15 digits)")
    return value


def check_url(value: str) -> str:
    if not URL_RE.match(value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OrganisationData(Strict):
    slug: str
    name: NonEmpty
    url: str | None = None

    _slug = field_validator("slug")(classmethod(lambda cls, v: check_slug(v)))
    _url = field_validator("url")(classmethod(lambda cls, v: v if v is None else check_url(v)))


class AmountData(Strict):
    label_key: Key
    amount: float = Field(ge=0)
    currency: Literal["EUR"] = "EUR"
    per: Literal["month", "year", "once", "day"]
    as_of: dt.date
    valid_until: dt.date | None = None
    amount_max: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _period(self) -> AmountData:
        if self.valid_until is not None and self.valid_until < self.as_of:
            raise ValueError("valid_until is before as_of")
        return self


class DeadlineData(Strict):
    label_key: Key
    months: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0)
    date: dt.date | None = None

    @model_validator(mode="after")
    def one_period(self) -> DeadlineData:
        if sum(v is not None for v in (self.months, self.days, self.date)) != 1:
            raise ValueError("give exactly one of months, days or date")
        return self


class AddressData(Strict):
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    district: str | None = None


Weekday = Literal["mo", "tu", "we", "th", "fr", "sa", "su"]
Clock = Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
ClockEnd = Annotated[str, StringConstraints(pattern=r"^(([01]\d|2[0-3]):[0-5]\d|24:00)$")]


class HoursRuleData(Strict):
    """Open on these weekdays from..to (`from` is a Python keyword, hence the alias)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=True,
                              serialize_by_alias=True)

    days: list[Weekday] = Field(min_length=1)
    from_: Clock = Field(alias="from")
    to: ClockEnd
    label_key: Key | None = None

    @field_validator("from_", "to", mode="before")
    @classmethod
    def _sexagesimal(cls, value: object) -> object:
        """Unquoted 17:00 is a base-60 number to YAML 1.1 (1020); read it back as a time."""
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value // 60:02d}:{value % 60:02d}"
        return value

    @model_validator(mode="after")
    def _order(self) -> HoursRuleData:
        if self.to <= self.from_:
            raise ValueError(f"'to' ({self.to}) must be after 'from' ({self.from_})")
        return self


class HoursAlwaysData(Strict):
    """Reachable around the clock (24/7)."""

    always: Literal[True]
    label_key: Key | None = None


class HoursAppointmentData(Strict):
    """Only by appointment."""

    by_appointment: Literal[True]
    label_key: Key | None = None


# Hours as data; a free-text string is still accepted until the content is converted (content tests forbid it).
HoursData = list[HoursRuleData] | HoursAlwaysData | HoursAppointmentData | NonEmpty


def hours_label_keys(hours: HoursData | None) -> set[str]:
    if hours is None or isinstance(hours, str):
        return set()
    items = hours if isinstance(hours, list) else [hours]
    return {item.label_key for item in items if item.label_key}


class LocationData(Strict):
    name: NonEmpty
    address: AddressData = AddressData()
    hours: HoursData | None = None
    by_appointment_only: bool = False
    verified: bool = False

    @model_validator(mode="before")
    @classmethod
    def _old_opening_hours(cls, data: object) -> object:
        """The first format's `opening_hours: [{days, opens, closes}]` is read as `hours`."""
        if isinstance(data, dict) and "opening_hours" in data:
            data = dict(data)
            old = data.pop("opening_hours") or []
            if "hours" not in data and old:
                data["hours"] = [
                    {"days": rule.get("days"), "from": rule.get("opens"), "to": rule.get("closes")}
                    if isinstance(rule, dict) else rule
                    for rule in old
                ]
        return data


class PhoneData(Strict):
    number: str
    label_key: Key
    free_of_charge: bool = False
    hours: HoursData | None = None

    _number = field_validator("number")(classmethod(lambda cls, v: check_phone(v)))


class EmailData(Strict):
    address: str
    label_key: Key

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        if not EMAIL_RE.match(value):
            raise ValueError(f"{value!r} is not an e-mail address")
        return value


class LinkData(Strict):
    url: str
    label_key: Key

    _url = field_validator("url")(classmethod(lambda cls, v: check_url(v)))


class SourceData(Strict):
    url: str | None = None
    title: NonEmpty
    accessed: dt.date | None = None
    review: Text = ""  # what this source could not confirm: stated cautiously in the texts, to be checked again

    _url = field_validator("url")(classmethod(lambda cls, v: v if v is None else check_url(v)))


class EntryData(Strict):
    kind: Literal["benefit", "service", "partner"]
    topics: list[Literal[TOPIC_SLUGS]] = Field(min_length=1)  # type: ignore[valid-type]
    organisation: OrganisationData | None = None
    legal_basis: list[NonEmpty] = []
    amounts: list[AmountData] = []
    deadlines: list[DeadlineData] = []
    eligibility: list[NonEmpty] = []
    cost: Literal["free", "fee", "income-based"] | None = None
    languages_spoken: list[str] = []
    locations: list[LocationData] = []
    phones: list[PhoneData] = []
    emails: list[EmailData] = []
    links: list[LinkData] = []
    sources: list[SourceData] = Field(min_length=1)
    verified_on: dt.date | None = None
    verified: bool = False

    def label_keys(self) -> set[str]:
        groups = (self.amounts, self.deadlines, self.phones, self.emails, self.links)
        keys = {item.label_key for group in groups for item in group}
        for place in (*self.phones, *self.locations):
            keys |= hours_label_keys(place.hours)
        return keys


class EntryTextData(Strict):
    status: Literal["reviewed", "machine", "outdated"] = "machine"
    source_hash: str | None = None
    title: NonEmpty
    short_title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=SHORT_TITLE_MAX)] = ""
    summary: Text = ""
    for_whom: Text = ""
    what_you_get: Text = ""
    how_to_apply: list[NonEmpty] = []
    what_to_bring: list[NonEmpty] = []
    where: Text = ""
    keywords: list[NonEmpty] = []
    labels: dict[Key, NonEmpty] = {}

    @field_validator("source_hash", mode="before")
    @classmethod
    def _hash_text(cls, value: object) -> object:
        return None if value is None else str(value)

    @field_validator("keywords", mode="before")
    @classmethod
    def _numbers_are_words(cls, value: object) -> object:
        """A keyword like 116117 is written without quotes; YAML reads it as a number."""
        if isinstance(value, list):
            return [str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in value]
        return value


class TopicData(Strict):
    slug: Literal[TOPIC_SLUGS]  # type: ignore[valid-type]
    icon: str = ""
    names: dict[str, NonEmpty]
    descriptions: dict[str, NonEmpty] = {}


class KitaTextData(Strict):
    status: Literal["reviewed", "machine", "outdated"] = "machine"
    summary: Text = ""
    description: Text = ""


class KitaData(Strict):
    name: NonEmpty
    address: AddressData = AddressData()
    phone: str | None = None
    verified: bool = False
    texts: dict[str, KitaTextData]

    _phone = field_validator("phone")(classmethod(lambda cls, v: v if v is None else check_phone(v)))


class PageData(Strict):
    status: Literal["reviewed", "machine", "outdated"] = "machine"
    source_hash: str | None = None
    title: NonEmpty
    body: Text = ""

    @field_validator("source_hash", mode="before")
    @classmethod
    def _hash_text(cls, value: object) -> object:
        return None if value is None else str(value)


class StaffData(Strict):
    name: NonEmpty
    example: bool = True
    kitas: list[Literal[KITA_SLUGS]] = Field(min_length=1)  # type: ignore[valid-type]
    languages: list[str] = []
    email: str | None = None


class GlossaryData(Strict):
    """One concept of `glossary.yaml`: the German word, the chosen term per language and variants to avoid."""

    concept: str
    de: NonEmpty
    terms: dict[str, NonEmpty] = {}
    avoid: dict[str, list[NonEmpty]] = {}
    note: Text = ""

    _slug = field_validator("concept")(classmethod(lambda cls, v: check_slug(v)))
