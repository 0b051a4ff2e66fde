"""Languages of the service: codes, native names, direction, negotiation, and translators outside Flask."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANG = "de"


@dataclass(frozen=True)
class Language:
    """One interface and content language."""

    code: str
    native_name: str
    direction: str = "ltr"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language("de", "Deutsch"),
    Language("en", "English"),
    Language("tr", "Türkçe"),
    Language("ar", "العربية", "rtl"),
    Language("uk", "Українська"),
    Language("ru", "Русский"),
    Language("pl", "Polski"),
    Language("ro", "Română"),
    Language("fa", "فارسی", "rtl"),
    Language("ku", "Kurdî (Kurmancî)"),
)
LANGUAGE_CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}
ALIASES = {"kmr": "ku", "ua": "uk", "prs": "fa", "fa-af": "fa"}


def normalize_lang(code: str | None) -> str | None:
    """Map a language tag (with aliases and regions) to one of our codes, or None."""
    if not code:
        return None
    tag = code.strip().replace("_", "-").lower()
    if tag in ALIASES:
        return ALIASES[tag]
    base = tag.split("-", 1)[0]
    base = ALIASES.get(base, base)
    return base if base in BY_CODE else None


def language(code: str) -> Language:
    """The Language for a (normalised) code; German when unknown."""
    return BY_CODE.get(normalize_lang(code) or DEFAULT_LANG, BY_CODE[DEFAULT_LANG])


def negotiate(accept_language: str | None, default: str = DEFAULT_LANG) -> str:
    """Our best language for a list of wishes (an Accept-Language header): the most wanted one we offer;
    when none is offered, English if the list names it (at any weight), else German. Web and bot alike."""
    if not accept_language:
        return default
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")):
        pieces = part.strip().split(";")
        tag = pieces[0].strip()
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        code = normalize_lang(tag)
        if code and quality > 0:
            weighted.append((-quality, position, code))
    return min(weighted)[2] if weighted else default


def client_language(code: str | None) -> str:
    """The language for a Telegram client's `language_code`: ours when offered; an app running in another
    language lists English after it (Telegram apps fall back to English themselves), so English; none: German."""
    return negotiate(f"{code}, en;q=0.01") if code else DEFAULT_LANG


@cache
def translations(code: str) -> NullTranslations:
    """Compiled gettext catalog for a language (shared by web and bot)."""
    lang = normalize_lang(code) or DEFAULT_LANG
    loaded = Translations.load(str(LOCALES_DIR), [lang], domain="messages")
    return loaded


def translator(code: str):  # noqa: ANN201 - returns the gettext callable
    """A `_`-like function for one language, for use outside a Flask request (bot, reports)."""
    catalog = translations(code)

    def _(message: str, **params: object) -> str:
        text = catalog.gettext(message)
        return text % params if params else text

    return _


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a string for extraction without translating it now."""
    return message
