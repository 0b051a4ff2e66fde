"""Core objects + a language -> Telegram HTML messages and keyboards (no handler logic, no I/O)."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bots.telegram.feedback import feedback_row
from bots.telegram.runtime import Runtime, button, gettext, keyboard, link
from bots.telegram.text import direct, esc, ltr, plain, split_html
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


def entry_html(view: EntryView) -> str:
    """The whole entry as one HTML text (split later): the same sections as the web page."""
    lang = view.lang
    blocks = [f"<b>{plain(view.title, lang)}</b>\n{plain(view.summary, lang)}"]
    blocks += [_section_html(section, lang) for section in entries.sections(view, lang)]
    if view.facts.get("legal_basis"):
        legal = ", ".join(view.facts["legal_basis"])
        blocks.append(f"<i>{esc(ltr(legal, lang))}</i>")
    notice = entry_notice(view)
    if notice:
        blocks.append(f"<i>{esc(notice)}</i>")
    return direct("\n\n".join(blocks), lang)


def entry_messages(view: EntryView) -> list[str]:
    """The entry in messages under Telegram's limit."""
    return split_html(entry_html(view))


def entry_keyboard(runtime: Runtime, view: EntryView) -> InlineKeyboardMarkup:
    """"Open on the web" (same language, ?src=bot) and "book a talk"."""
    _ = gettext(view.lang)
    return keyboard([
        [link(_("Open on the web"), runtime.web_url(links.entry_path(view.lang, view.slug)))],
        [button(_("Book a talk with the kita social worker"), f"bt:{view.slug}")],
        feedback_row(view.lang, view.slug),
    ])


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
        [button(_("Book a talk with the kita social worker"), "book")],
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

