"""Core objects + a language -> Telegram HTML messages and keyboards (no handler logic, no I/O)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bots.telegram.feedback import feedback_row
from bots.telegram.runtime import Runtime, button, gettext, keyboard, link
from bots.telegram.text import direct, esc, ltr, plain, split_html, utf16_len
from service.directory.models import Kita, KitaTranslation
from service.directory.queries import EntryView
from service.i18n import LANGUAGES
from service.present import entries, formats, links, times


def _section_html(section: entries.Section, lang: str) -> str:
    items = [f"{f'{n}.' if section.ordered else '•'} {plain(item, lang)}" for n, item in enumerate(section.items, 1)]
    text = [plain(section.text, lang)] if section.text else []
    # The texts refer to "the amount above": amounts come first, as on the web page.
    body = items + text if section.key == "what_you_get" else text + items
    return "\n".join([f"<b>{esc(section.heading)}</b>", *body])


def entry_notice(view: EntryView) -> str | None:
    """The short notice on machine-translated, outdated or partly German texts."""
    _ = gettext(view.lang)
    if view.fallback:
        return _("Parts of this text are not yet translated and are shown in German.")
    if view.status == "outdated":
        return _("The German text has changed since this translation was made.")
    if view.status == "machine" and view.lang != "de":
        return _("This text was translated by machine and has not yet been checked.")
    return None


CARD_MAX, MESSAGE_MAX = 900, 1200  # an entry's first message; any message (Telegram allows 4096)
SECTION_CODES = {"for_whom": "fw", "what_you_get": "wg", "how_to_apply": "ha", "what_to_bring": "wb", "where": "wh",
                 "deadlines": "dl"}
SECTION_BY_CODE = {code: key for key, code in SECTION_CODES.items()}


def _card(view: EntryView, summary: str, with_notice: bool) -> str:
    lang = view.lang
    blocks = [f"<b>{plain(view.title, lang)}</b>\n{plain(summary, lang)}"]
    lines = [f"• {plain(formats.label_value(a.label, a.value, lang), lang)} <i>({esc(ltr(a.as_of, lang))})</i>"
             for a in entries.amounts(view, lang)]
    if lines:
        blocks.append("\n".join(lines))
    notice = entry_notice(view) if with_notice else None
    if notice:
        blocks.append(f"<i>{esc(notice)}</i>")
    return direct("\n\n".join(blocks), lang)


def entry_card(view: EntryView) -> str:
    """The entry's first message: title, summary, amounts (at most CARD_MAX); the sections are buttons."""
    html = _card(view, view.summary, True)
    limit = len(view.summary)
    while utf16_len(html) > CARD_MAX and limit > 40:
        limit -= 40
        html = _card(view, entries.shorten(view.summary, limit), limit > 200)
    return html


def section_messages(view: EntryView, key: str) -> list[str]:
    """One section of the entry (with the legal basis under "where"), in messages of at most MESSAGE_MAX."""
    lang = view.lang
    found = [section for section in entries.sections(view, lang) if section.key == key]
    if not found:
        return []
    blocks = [_section_html(found[0], lang)]
    if key == "how_to_apply" and view.facts.get("legal_basis"):
        blocks.append(f"<i>{esc(ltr(', '.join(view.facts['legal_basis']), lang))}</i>")
    return split_html(direct("\n\n".join(blocks), lang), MESSAGE_MAX)


def entry_keyboard(runtime: Runtime, view: EntryView) -> InlineKeyboardMarkup:
    """The sections as buttons (two a row), "book a talk", "open on the web", "did this help?"."""
    _ = gettext(view.lang)
    present_keys = [section.key for section in entries.sections(view, view.lang)]
    buttons = [button(entries.heading(key, view.lang), f"es:{SECTION_CODES[key]}:{view.slug}") for key in present_keys]
    return keyboard([
        *[buttons[i : i + 2] for i in range(0, len(buttons), 2)],
        [button(_("Book a talk"), f"bt:{view.slug}")],
        [link(_("Open on the web"), runtime.web_url(links.entry_path(view.lang, view.slug)))],
        feedback_row(view.lang, view.slug),
    ])


def section_keyboard(view: EntryView) -> InlineKeyboardMarkup:
    """Under a section: back to the entry's card, book a talk."""
    _ = gettext(view.lang)
    return keyboard([[button(_("Back"), f"e:{view.slug}"), button(_("Book a talk"), f"bt:{view.slug}")]])


def emergency_line(lang: str) -> str:
    """110 / 112 and the violence helpline on one line."""
    _ = gettext(lang)
    numbers = " · ".join(f"{esc(phone.label)} <b>{esc(ltr(phone.number, lang))}</b>"
                         for phone in entries.emergency_numbers(lang))
    return "🆘 " + _("Emergency: %(numbers)s", numbers=numbers)


def language_keyboard() -> InlineKeyboardMarkup:
    """The ten languages by their own names, two per row."""
    buttons = [button(lang.native_name, f"lang:{lang.code}") for lang in LANGUAGES]
    return keyboard([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def menu_keyboard(lang: str) -> InlineKeyboardMarkup:
    _ = gettext(lang)
    return keyboard([
        [button(_("Topics"), "topics"), button(_("Kitas"), "kitas")],
        [button(_("Book a talk"), "book")],
        [button(_("Which help fits us?"), "fd:start")],
        [button(_("Language"), "language")],
    ])


def mine_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Where to go after something about one's talks: the talks, the menu."""
    _ = gettext(lang)
    return keyboard([[button(_("My booked talks"), "mine")], [button(_("Menu"), "menu")]])


def after_booking_keyboard(lang: str) -> InlineKeyboardMarkup:
    """After a booking: see the talks, or go on in the menu."""
    return mine_keyboard(lang)


def kita_html(kita: Kita, texts: KitaTranslation | None, lang: str) -> str:
    """A kita: name, address and what its social worker does."""
    lines = [f"<b>{esc(kita.name)}</b>"]
    address = formats.format_address(kita.address)
    if address:
        lines.append(esc(ltr(address, lang)))
    if texts is not None:
        for text in (texts.summary, texts.description):
            if text:
                lines += ["", plain(text, lang)]
    return direct("\n".join(lines), lang)


def when(moment: datetime, lang: str) -> str:
    """A talk's date and time in the parent's language, in Erkelenz time ("Donnerstag, 3. Dezember 2026, 09:30")."""
    _ = gettext(lang)
    return _("%(date)s, %(time)s", date=times.date_label(moment, lang), time=ltr(times.time_label(moment, lang), lang))

