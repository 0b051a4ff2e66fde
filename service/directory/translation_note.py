"""The imprint's sentence about machine translation, generated from the translations' `status`.

The imprint text carries the placeholder `TRANSLATION_NOTE`; the presentation layer replaces it with
`translation_note(session, lang)`, so the sentence says what the data says ("all", "some" or "none" of the
translations made by machine) instead of a fixed "partly".
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, select

from service.directory.models import Entry, EntryTranslation, KitaTranslation, PageTranslation
from service.i18n import DEFAULT_LANG, normalize_lang, translator

TRANSLATION_NOTE = "[[translation-note]]"


def note_for_statuses(statuses: Iterable[str], lang: str) -> str:
    """The sentence for a set of translation statuses (`reviewed`, `machine`, `outdated`)."""
    _ = translator(normalize_lang(lang) or DEFAULT_LANG)
    found = list(statuses)
    if not found:
        return ""
    unchecked = sum(status != "reviewed" for status in found)
    if unchecked == len(found):
        sentence = _("The translations were made by machine from the German original; no native speaker has "
                     "checked them yet. The German text applies.")
    elif unchecked:
        sentence = _("Some of the translations were made by machine from the German original and no native "
                     "speaker has checked them yet. The German text applies.")
    else:
        sentence = _("The translations have been checked by native speakers.")
    if "outdated" in found:
        sentence += " " + _("Some translations do not yet include the latest changes to the German text.")
    return sentence


def translation_statuses(session: Session, lang: str) -> list[str]:
    """The statuses of all texts in `lang` (for German: of all translations into the other languages)."""
    lang = normalize_lang(lang) or DEFAULT_LANG

    def scope(column):  # noqa: ANN001, ANN202 - a SQLAlchemy column
        return column != DEFAULT_LANG if lang == DEFAULT_LANG else column == lang

    entries = select(EntryTranslation.status).join(Entry, Entry.id == EntryTranslation.entry_id).where(
        Entry.archived == False, scope(EntryTranslation.lang))  # noqa: E712
    kitas = select(KitaTranslation.status).where(scope(KitaTranslation.lang))
    pages = select(PageTranslation.status).where(scope(PageTranslation.lang))
    return [status for query in (entries, kitas, pages) for status in session.exec(query)]


def translation_note(session: Session, lang: str) -> str:
    """The imprint's sentence on machine translation for readers of `lang`."""
    return note_for_statuses(translation_statuses(session, lang), lang)


def fill_translation_note(body: str, note: str) -> str:
    """The page body with the placeholder replaced (a body without it is returned unchanged)."""
    return body.replace(TRANSLATION_NOTE, note)
