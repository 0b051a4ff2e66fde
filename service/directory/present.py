"""Presentation shared by web and bot: amounts, dates, periods, hours, phones and an entry's sections per language."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.numbers import format_currency

from service.directory.queries import EntryView
from service.i18n import DEFAULT_LANG, N_, normalize_lang, translations, translator
from service.present.hours import format_days, format_hours, hours_text  # noqa: F401 - format_days kept importable

SECTION_KEYS = ("for_whom", "what_you_get", "how_to_apply", "what_to_bring", "where", "deadlines")
HEADINGS = {
    "for_whom": N_("Is this for me?"),
    "what_you_get": N_("What you get"),
    "how_to_apply": N_("How to apply"),
    "what_to_bring": N_("What to bring"),
    "where": N_("Where and whom to call"),
    "deadlines": N_("Deadlines"),
}
WEEKDAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# The emergency strip on every page and in the bot: number as dialled, label.
EMERGENCY = (
    ("110", N_("Police")),
    ("112", N_("Fire brigade and ambulance")),
    ("116 016", N_("Violence against women helpline")),
)


@dataclass(frozen=True)
class AmountLine:
    """One amount of money: its label, the formatted value with period, and the "as of" note."""

    label: str
    value: str
    as_of: str


@dataclass(frozen=True)
class Phone:
    """A phone number ready for a tap-to-call link."""

    label: str
    number: str
    href: str
    free_of_charge: bool
    free_text: str
    hours: str


@dataclass(frozen=True)
class Place:
    """A location with its address, opening hours and whether it sees people only by appointment."""

    name: str
    address: str
    hours: list[str]
    by_appointment_only: bool
    appointment_text: str
    verified: bool


@dataclass(frozen=True)
class Section:
    """One of the six parts of an entry: a heading, a paragraph and/or a list."""

    key: str
    heading: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    ordered: bool = False


def _lang(lang: str) -> str:
    return normalize_lang(lang) or DEFAULT_LANG


def gettext(lang: str, message: str, **params: object) -> str:
    """Translate one message (a variable, marked with N_ elsewhere) for `lang` and fill its placeholders."""
    return translator(_lang(lang))(message, **params)


def heading(key: str, lang: str) -> str:
    """The translated heading of one entry section."""
    return gettext(lang, HEADINGS[key])


@cache
def _money_pattern(lang: str, whole: bool) -> str:
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    return pattern.replace("0.00", "0") if whole else pattern


def format_money(amount: float, currency: str, lang: str) -> str:
    """259 → "259 €" (de), "€259" (en); cents only when there are any."""
    lang = _lang(lang)
    whole = float(amount).is_integer()
    return format_currency(amount, currency, format=_money_pattern(lang, whole), locale=lang,
                           currency_digits=False)


def format_date(day: dt.date | str, lang: str) -> str:
    """A date written out in the language ("1. Januar 2026")."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return babel_format_date(day, "long", locale=_lang(lang))


def format_amount(amount: dict[str, Any], lang: str) -> str:
    """An amount with currency, an optional upper bound and its period ("259 € im Monat")."""
    _ = translator(_lang(lang))
    currency = amount.get("currency") or "EUR"
    value = format_money(amount["amount"], currency, lang)
    if amount.get("amount_max") is not None:
        high = format_money(amount["amount_max"], currency, lang)
        value = (_("up to %(amount)s", amount=high) if not amount["amount"]
                 else _("%(low)s to %(high)s", low=value, high=high))
    per = amount.get("per")
    if per == "month":
        return _("%(amount)s per month", amount=value)
    if per == "year":
        return _("%(amount)s per year", amount=value)
    if per == "once":
        return _("%(amount)s once", amount=value)
    if per == "day":
        return _("%(amount)s per day", amount=value)
    return value


def format_as_of(day: dt.date | str, lang: str) -> str:
    """ "as of 1 January 2026" for the date an amount was last checked."""
    _ = translator(_lang(lang))
    return _("as of %(date)s", date=format_date(day, lang))


def format_period(lang: str, months: int | None = None, days: int | None = None) -> str:
    """A period in words with the right plural ("6 Monate", "14 днів")."""
    catalog = translations(_lang(lang))
    if months is not None:
        return catalog.ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
    count = days or 0
    return catalog.ngettext("%(num)d day", "%(num)d days", count) % {"num": count}


def format_deadline(deadline: dict[str, Any], lang: str) -> str:
    """The value of a deadline: a period or a date."""
    if deadline.get("date"):
        return format_date(deadline["date"], lang)
    return format_period(lang, months=deadline.get("months"), days=deadline.get("days"))


def _time(value: str, lang: str) -> str:
    hours, minutes = (int(x) for x in value.split(":"))
    if hours == 24:
        return value
    return babel_format_time(dt.time(hours, minutes), "short", locale=_lang(lang))


def format_opening_hours(hours: list[dict[str, Any]], lang: str) -> list[str]:
    """One line per opening-hours rule ("Mo.–Fr., 08:00–12:00")."""
    _ = translator(_lang(lang))
    return [
        _("%(days)s, %(opens)s–%(closes)s", days=format_days(rule.get("days", []), lang),
                opens=_time(rule["opens"], lang), closes=_time(rule["closes"], lang))
        for rule in hours
    ]


def tel_href(number: str) -> str:
    """A `tel:` link: German numbers in international form, short numbers (110, 116 016) as dialled."""
    plus = number.strip().startswith("+")
    digits = re.sub(r"\D", "", number)
    if plus:
        return f"tel:+{digits}"
    if digits.startswith("00"):
        return f"tel:+{digits[2:]}"
    if digits.startswith("0") and len(digits) > 6:
        return f"tel:+49{digits[1:]}"
    return f"tel:{digits}"


def format_address(address: dict[str, Any] | None) -> str:
    """An address on one line, as written in Germany ("Westpromenade, 41812 Erkelenz")."""
    address = address or {}
    city = " ".join(p for p in (address.get("postal_code"), address.get("city")) if p)
    if address.get("district"):
        city = f"{city}-{address['district']}" if city else address["district"]
    return ", ".join(p for p in (address.get("street"), city) if p)


def amounts(view: EntryView, lang: str | None = None) -> list[AmountLine]:
    """The entry's amounts, formatted."""
    lang = lang or view.lang
    return [AmountLine(view.label(a["label_key"]), format_amount(a, lang), format_as_of(a["as_of"], lang))
            for a in view.facts.get("amounts") or []]


def deadlines(view: EntryView, lang: str | None = None) -> list[tuple[str, str]]:
    """The entry's deadlines as (label, value) pairs."""
    lang = lang or view.lang
    return [(view.label(d["label_key"]), format_deadline(d, lang)) for d in view.facts.get("deadlines") or []]


def phones(view: EntryView, lang: str | None = None) -> list[Phone]:
    """The entry's phone numbers with `tel:` links."""
    lang = lang or view.lang
    _ = translator(_lang(lang))
    free = _("free of charge")
    result = []
    for phone in view.facts.get("phones") or []:
        label = view.label(phone["label_key"])
        # say "free of charge" unless the label already does
        free_text = free if phone.get("free_of_charge") and free.casefold() not in label.casefold() else ""
        result.append(Phone(label, phone["number"], tel_href(phone["number"]), bool(phone.get("free_of_charge")),
                            free_text, hours_text(phone.get("hours"), lang, view.labels)))
    return result


def places(view: EntryView, lang: str | None = None) -> list[Place]:
    """The entry's locations with address, hours and "by appointment only"."""
    lang = lang or view.lang
    _ = translator(_lang(lang))
    appointment = _("By appointment only")
    return [Place(loc["name"], format_address(loc.get("address")),
                  format_hours(loc.get("hours"), lang, view.labels),
                  bool(loc.get("by_appointment_only")), appointment if loc.get("by_appointment_only") else "",
                  bool(loc.get("verified")))
            for loc in view.facts.get("locations") or []]


def label_value(label: str, value: str, lang: str) -> str:
    """ "label: value" with the language's punctuation."""
    _ = translator(_lang(lang))
    return _("%(label)s: %(value)s", label=label, value=value)


def sections(view: EntryView, lang: str | None = None) -> list[Section]:
    """The six sections of an entry, in order, empty ones left out; lists are plain text lines (bot-friendly)."""
    lang = lang or view.lang
    texts = view.texts
    where_items: list[str] = []
    for place in places(view, lang):
        parts = [p for p in (place.name, place.address) if p] + place.hours
        if place.by_appointment_only:
            parts.append(place.appointment_text)
        where_items.append(" · ".join(parts))
    for phone in phones(view, lang):
        value = " · ".join(p for p in (phone.number, phone.free_text, phone.hours) if p)
        where_items.append(label_value(phone.label, value, lang))
    candidates = [
        Section("for_whom", heading("for_whom", lang), texts.get("for_whom", "")),
        Section("what_you_get", heading("what_you_get", lang), texts.get("what_you_get", ""),
                [label_value(a.label, f"{a.value} ({a.as_of})", lang) for a in amounts(view, lang)]),
        Section("how_to_apply", heading("how_to_apply", lang), "", list(texts.get("how_to_apply") or []), True),
        Section("what_to_bring", heading("what_to_bring", lang), "", list(texts.get("what_to_bring") or [])),
        Section("where", heading("where", lang), texts.get("where", ""), where_items),
        Section("deadlines", heading("deadlines", lang), "",
                [label_value(label, value, lang) for label, value in deadlines(view, lang)]),
    ]
    return [s for s in candidates if s.text or s.items]


def emergency_numbers(lang: str) -> list[Phone]:
    """110, 112 and the violence helpline, labelled in the language."""
    _ = translator(_lang(lang))
    return [Phone(gettext(lang, label), number, tel_href(number), True, _("free of charge"), "24/7")
            for number, label in EMERGENCY]


def share_message(title: str, url: str, lang: str) -> str:
    """A short ready-made message a social worker sends a family with a link to one entry."""
    _ = translator(_lang(lang))
    return _("Hello! Here is the information about “%(title)s” in your language: %(url)s",
                   title=title, url=url)
