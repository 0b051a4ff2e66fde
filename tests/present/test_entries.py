"""Presentation helpers shared by web and bot: Babel formatting, tel: links, the six entry sections."""

from __future__ import annotations

import datetime as dt

import pytest

from service.directory.queries import EntryView
from service.present import entries, formats


def _view(lang: str = "de", **facts) -> EntryView:
    texts = {"title": "Kindergeld", "summary": "Geld.", "for_whom": "Alle Familien.", "what_you_get": "Geld.",
             "how_to_apply": ["Antrag stellen."], "what_to_bring": [], "where": "", "keywords": []}
    base = {"amounts": [{"label_key": "per_child", "amount": 259, "currency": "EUR", "per": "month",
                         "as_of": "2026-01-01"}],
            "deadlines": [{"label_key": "claim_back", "months": 6}],
            "phones": [{"number": "0800 4 5555 30", "label_key": "hotline", "free_of_charge": True}],
            "locations": [{"name": "Familienkasse", "address": {"postal_code": "52072", "city": "Aachen"},
                           "hours": [{"days": ["mo", "tu", "we", "th", "fr"], "from": "08:00", "to": "12:00"}],
                           "by_appointment_only": True}]}
    base.update(facts)
    return EntryView("kindergeld", "benefit", lang, texts, [], "reviewed",
                     {"per_child": "pro Kind", "claim_back": "rückwirkend", "hotline": "Hotline"}, ["money"], None,
                     base)


@pytest.mark.parametrize("number,href", [
    ("0800 4 5555 30", "tel:+498004555530"),
    ("116 016", "tel:116016"),
    ("110", "tel:110"),
    ("+49 2431 85-0", "tel:+492431850"),
    ("0049 2431 850", "tel:+492431850"),
])
def test_tel_href(number: str, href: str) -> None:
    assert formats.tel_href(number) == href


def test_money_drops_zero_cents_but_keeps_real_ones() -> None:
    assert formats.format_money(259, "EUR", "de") == "259\xa0€"
    assert formats.format_money(12.5, "EUR", "de") == "12,50\xa0€"
    assert formats.format_money(259, "EUR", "en") == "€259"


def test_dates_are_written_out_per_language() -> None:
    assert formats.format_date(dt.date(2026, 1, 1), "de") == "1. Januar 2026"
    assert formats.format_date("2026-01-01", "en") == "January 1, 2026"


def test_address_on_one_line() -> None:
    assert formats.format_address({"street": "Westpromenade", "postal_code": "41812", "city": "Erkelenz"}) \
        == "Westpromenade, 41812 Erkelenz"
    assert formats.format_address({"city": "Erkelenz", "district": "Gerderath"}) == "Erkelenz-Gerderath"
    assert formats.format_address(None) == ""


@pytest.mark.parametrize("lang", ["de", "en", "tr", "ar", "uk", "ru", "pl", "ro", "fa", "ku"])
def test_sections_in_every_language(lang: str) -> None:
    parts = entries.sections(_view(lang), lang)
    keys = [s.key for s in parts]
    assert keys == ["for_whom", "what_you_get", "how_to_apply", "where", "deadlines"]  # what_to_bring is empty
    assert all(s.heading for s in parts)
    amounts = entries.amounts(_view(lang), lang)
    assert "259" in amounts[0].value and "2026" in amounts[0].as_of
    assert parts[2].ordered and parts[2].items == ["Antrag stellen."]
    assert entries.phones(_view(lang), lang)[0].href == "tel:+498004555530"
    place = entries.places(_view(lang), lang)[0]
    assert place.by_appointment_only and place.appointment_text and place.hours


def test_german_headings_and_period() -> None:
    assert entries.heading("for_whom", "de") == "Ist das für mich?"
    assert formats.format_period("de", months=6) == "6 Monate"
    assert formats.format_period("de", days=1) == "1 Tag"
    assert formats.format_amount({"amount": 259, "currency": "EUR", "per": "month"}, "de") == "259\xa0€ im Monat"


def test_range_and_upper_bound() -> None:
    assert formats.format_amount({"amount": 0, "amount_max": 297, "currency": "EUR", "per": "month"}, "en") \
        == "up to €297 per month"
    assert formats.format_amount({"amount": 10, "amount_max": 20, "currency": "EUR", "per": "once"}, "en") \
        == "€10 to €20 once"


def test_emergency_numbers_are_labelled() -> None:
    numbers = entries.emergency_numbers("de")
    assert [n.href for n in numbers] == ["tel:110", "tel:112", "tel:116016"]
    assert numbers[0].label == "Polizei"


def test_the_amount_valid_on_the_day_and_a_stale_one_says_so() -> None:
    figures = [{"label_key": "per_child", "amount": 255, "currency": "EUR", "per": "month", "as_of": "2025-01-01",
                "valid_until": "2025-12-31"},
               {"label_key": "per_child", "amount": 259, "currency": "EUR", "per": "month", "as_of": "2026-01-01",
                "valid_until": "2026-12-31"}]
    view = _view("de", amounts=figures)
    assert [a.value for a in entries.amounts(view, "de", dt.date(2025, 6, 1))] == ["255\xa0€ im Monat"]
    on_new_year = entries.amounts(view, "de", dt.date(2026, 1, 1))
    assert [a.value for a in on_new_year] == ["259\xa0€ im Monat"] and "2026" in on_new_year[0].as_of
    later = entries.amounts(view, "de", dt.date(2027, 2, 1))
    assert later[0].value == "259\xa0€ im Monat" and "2026" in later[0].as_of and later[0].as_of != on_new_year[0].as_of


def test_places_and_phones_show_structured_hours() -> None:
    view = _view("de", phones=[{"number": "0800 111 0 550", "label_key": "hotline",
                                "hours": [{"days": ["mo", "tu"], "from": "09:00", "to": "11:00"}]}])
    assert "Mo" in entries.phones(view, "de")[0].hours
    assert entries.places(view, "de")[0].hours == [entries.format_hours(view.facts["locations"][0]["hours"], "de")[0]]
