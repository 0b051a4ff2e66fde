"""An entry for the reader: its sections, amounts, deadlines, phones and places, formatted per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from service.directory.amounts import amounts_on, stale_note
from service.directory.queries import EntryView
from service.i18n import N_, translator
from service.present.formats import (
    format_address,
    format_amount,
    format_as_of,
    format_deadline,
    label_value,
    lang_code,
    tel_href,
)
from service.present.hours import format_hours, hours_text
from service.present.times import berlin_today

BUTTON_MAX = 40  # characters of a button label (bot) or a list title
SECTION_KEYS = ("for_whom", "what_you_get", "how_to_apply", "what_to_bring", "where", "deadlines")
HEADINGS = {
    "for_whom": N_("Is this for me?"),
    "what_you_get": N_("What you get"),
    "how_to_apply": N_("How to apply"),
    "what_to_bring": N_("What to bring"),
    "where": N_("Where and whom to call"),
    "deadlines": N_("Deadlines"),
}
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
    sentence: str = ""  # the three read aloud as one sentence ("pro Kind: 259 € im Monat – Stand …")


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


def gettext(lang: str, message: str, **params: object) -> str:
    """Translate one message (a variable, marked with N_ elsewhere) for `lang` and fill its placeholders."""
    return translator(lang_code(lang))(message, **params)


def heading(key: str, lang: str) -> str:
    """The translated heading of one entry section."""
    return gettext(lang, HEADINGS[key])


def amounts(view: EntryView, lang: str | None = None, day: date | None = None) -> list[AmountLine]:
    """The entry's amounts valid on `day` (today in Berlin), formatted; a figure past its end says so."""
    lang = lang or view.lang
    lines = []
    for chosen in amounts_on(view.facts.get("amounts") or [], day or berlin_today()):
        amount = chosen.amount
        note = stale_note(chosen.year, lang) if chosen.stale else format_as_of(amount["as_of"], lang)
        label, value = view.label(chosen.label_key), format_amount(dict(amount), lang)
        lines.append(AmountLine(label, value, note, f"{label_value(label, value, lang)} – {note}"))
    return lines


def deadlines(view: EntryView, lang: str | None = None) -> list[tuple[str, str]]:
    """The entry's deadlines as (label, value) pairs."""
    lang = lang or view.lang
    return [(view.label(d["label_key"]), format_deadline(d, lang)) for d in view.facts.get("deadlines") or []]


def phones(view: EntryView, lang: str | None = None) -> list[Phone]:
    """The entry's phone numbers with `tel:` links."""
    lang = lang or view.lang
    _ = translator(lang_code(lang))
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
    _ = translator(lang_code(lang))
    appointment = _("By appointment only")
    result = []
    for loc in view.facts.get("locations") or []:
        hours = loc.get("hours")
        only = bool(loc.get("by_appointment_only"))
        shown = [] if only and isinstance(hours, dict) and hours.get("by_appointment") else \
            format_hours(hours, lang, view.labels)  # "by appointment only" is said once
        result.append(Place(loc["name"], format_address(loc.get("address")), shown, only,
                            appointment if only else "", bool(loc.get("verified"))))
    return result


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
    _ = translator(lang_code(lang))
    return [Phone(gettext(lang, label), number, tel_href(number), True, _("free of charge"), "24/7")
            for number, label in EMERGENCY]


def share_message(title: str, url: str, lang: str) -> str:
    """A short ready-made message a social worker sends a family with a link to one entry."""
    _ = translator(lang_code(lang))
    return _("Hello! Here is the information about “%(title)s” in your language: %(url)s",
                   title=title, url=url)


def shorten(text: str, limit: int = BUTTON_MAX) -> str:
    """At most `limit` characters: cut after a whole word, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:–-(") + "…"


def button_title(view: EntryView) -> str:
    """The entry's name on a button or in a list: its short title, else its title shortened."""
    return shorten(view.texts.get("short_title") or view.title)
