"""Numbers, dates and places written the way each language writes them (Babel): money, dates, periods,
addresses, tel: links. Opening hours: service.present.hours."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency

from service.i18n import BY_CODE, DEFAULT_LANG, language, normalize_lang, translations, translator


def lang_code(lang: str) -> str:
    """A code as given when it is ours (the edges normalise), else its normalised form."""
    return lang if lang in BY_CODE else normalize_lang(lang) or DEFAULT_LANG


@cache
def _money_pattern(lang: str, whole: bool) -> str:
    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    return pattern.replace("0.00", "0") if whole else pattern


def format_money(amount: float, currency: str, lang: str) -> str:
    """259 → "259 €" (de), "€259" (en); cents only when there are any."""
    lang = lang_code(lang)
    whole = float(amount).is_integer()
    return format_currency(amount, currency, format=_money_pattern(lang, whole), locale=lang,
                           currency_digits=False)


def format_date(day: dt.date | str, lang: str) -> str:
    """A date written out in the language ("1. Januar 2026")."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return babel_format_date(day, "long", locale=lang_code(lang))


def format_amount(amount: dict[str, Any], lang: str) -> str:
    """An amount with currency, an optional upper bound and its period ("259 € im Monat")."""
    _ = translator(lang_code(lang))
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
    _ = translator(lang_code(lang))
    return _("as of %(date)s", date=format_date(day, lang))


def format_period(lang: str, months: int | None = None, days: int | None = None) -> str:
    """A period in words with the right plural ("6 Monate", "14 днів")."""
    catalog = translations(lang_code(lang))
    if months is not None:
        return catalog.ngettext("%(num)d month", "%(num)d months", months) % {"num": months}
    count = days or 0
    return catalog.ngettext("%(num)d day", "%(num)d days", count) % {"num": count}


def format_deadline(deadline: dict[str, Any], lang: str) -> str:
    """The value of a deadline: a period or a date."""
    if deadline.get("date"):
        return format_date(deadline["date"], lang)
    return format_period(lang, months=deadline.get("months"), days=deadline.get("days"))


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


def label_value(label: str, value: str, lang: str) -> str:
    """ "label: value" with the language's punctuation."""
    _ = translator(lang_code(lang))
    return _("%(label)s: %(value)s", label=label, value=value)


def language_name(code: str, lang: str) -> str:
    """One of our languages named in `lang` ("Arabisch" in German), by CLDR; its own name where CLDR has none."""
    name = Locale.parse(lang_code(lang)).languages.get(code) or language(code).native_name
    return name[:1].upper() + name[1:]


def language_label(code: str, lang: str) -> str:
    """A family's language for a reader in `lang`: "Arabisch (العربية)"; only the own name when they match."""
    own = language(code).native_name
    return own if lang_code(lang) == code else f"{language_name(code, lang)} ({own})"
