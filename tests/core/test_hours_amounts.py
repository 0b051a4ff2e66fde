"""Hours formatted per language, the amount valid on a Berlin day, the imprint's translation note."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from service.directory.amounts import amounts_on, berlin_today, stale_note
from service.directory.translation_note import TRANSLATION_NOTE, fill_translation_note, note_for_statuses
from service.i18n import LANGUAGE_CODES
from service.present.hours import format_days, format_hours, format_time_range, hours_text

RULES = [{"days": ["mo", "tu", "we", "th", "fr"], "from": "09:00", "to": "17:00"},
         {"days": ["tu", "th"], "from": "17:00", "to": "19:00", "label_key": "late"}]
LATIN = re.compile(r"[A-Za-z]")


def test_german_hours() -> None:
    assert format_hours(RULES, "de", {"late": "nur Beratung"}) == [
        "Mo.–Fr., 09:00–17:00 Uhr", "Di. und Do., 17:00–19:00 Uhr (nur Beratung)"]


def test_english_hours_use_the_twelve_hour_clock() -> None:
    assert format_hours(RULES[:1], "en") == ["Mon–Fri, 9:00\u202fAM\u2009–\u20095:00\u202fPM"]


@pytest.mark.parametrize("lang", ["ar", "fa", "uk", "ru"])
def test_hours_in_other_scripts_carry_no_german_or_latin_words(lang: str) -> None:
    for line in format_hours(RULES, lang):
        assert not LATIN.search(line), line
        assert "Mo" not in line and "Uhr" not in line


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_rtl_hours_use_their_own_punctuation(lang: str) -> None:
    line = format_hours(RULES[:1], lang)[0]
    assert "،" in line and "," not in line


def test_persian_ranges_read_from_to() -> None:
    assert "تا" in format_days(["mo", "tu", "we", "th", "fr"], "fa")
    assert "تا" in format_time_range("09:00", "17:00", "fa")


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_always_and_by_appointment_are_translated(lang: str) -> None:
    always, appointment = format_hours({"always": True}, lang), format_hours({"by_appointment": True}, lang)
    assert always and appointment and always != appointment
    if lang != "en":
        assert always != ["Around the clock, every day"], lang


def test_old_free_text_is_shown_as_written_and_nothing_for_nothing() -> None:
    assert format_hours("Mo–Fr 8–18", "ar") == ["Mo–Fr 8–18"]
    assert format_hours(None, "de") == [] and hours_text([], "de") == ""


def test_hours_on_one_line_and_until_midnight() -> None:
    assert hours_text(RULES, "de") == "Mo.–Fr., 09:00–17:00 Uhr · Di. und Do., 17:00–19:00 Uhr"
    assert format_time_range("18:00", "24:00", "de") == "18:00 bis Mitternacht"


AMOUNTS = [
    {"label_key": "per_child", "amount": 259, "per": "month", "as_of": "2026-01-01", "valid_until": "2026-12-31"},
    {"label_key": "per_child", "amount": 265, "per": "month", "as_of": "2027-01-01"},
    {"label_key": "school", "amount": 130, "per": "once", "as_of": "2026-01-01", "valid_until": "2026-12-31"},
]


def _figures(day: dt.date) -> list[tuple[str, float, bool]]:
    return [(a.label_key, a.amount["amount"], a.stale) for a in amounts_on(AMOUNTS, day)]


def test_before_the_new_year_the_2026_figures_apply() -> None:
    assert _figures(dt.date(2026, 12, 31)) == [("per_child", 259, False), ("school", 130, False)]


def test_from_the_new_year_the_2027_figure_applies_and_the_old_one_is_flagged() -> None:
    chosen = amounts_on(AMOUNTS, dt.date(2027, 1, 1))
    assert [(a.label_key, a.amount["amount"], a.stale) for a in chosen] == [
        ("per_child", 265, False), ("school", 130, True)]
    assert chosen[1].year == 2026


def test_dates_may_be_date_objects_and_only_future_figures_show_the_first() -> None:
    future = [{"label_key": "x", "amount": 1, "as_of": dt.date(2027, 1, 1)}]
    assert amounts_on(future, dt.date(2026, 6, 1))[0].amount["amount"] == 1
    assert amounts_on([], dt.date(2026, 6, 1)) == []


def test_the_day_is_counted_in_berlin() -> None:
    new_year_in_berlin = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert berlin_today(new_year_in_berlin) == dt.date(2027, 1, 1)
    assert berlin_today(dt.datetime(2026, 6, 30, 21, 59, tzinfo=dt.UTC)) == dt.date(2026, 6, 30)


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_stale_note_is_translated(lang: str) -> None:
    note = stale_note(2026, lang)
    assert "2026" in note
    if lang != "en":
        assert "may have changed" not in note, lang
    assert stale_note(2026, "de").startswith("Stand 2026")


def test_translation_note_follows_the_statuses() -> None:
    all_machine = note_for_statuses(["machine", "machine"], "en")
    some = note_for_statuses(["machine", "reviewed"], "en")
    checked = note_for_statuses(["reviewed"], "en")
    assert len({all_machine, some, checked}) == 3
    assert "Some" in some and "native" in checked
    assert "latest changes" in note_for_statuses(["machine", "outdated"], "en")
    assert note_for_statuses([], "en") == ""
    assert fill_translation_note(f"A\n\n{TRANSLATION_NOTE}\n", "B.") == "A\n\nB.\n"


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_translation_note_is_translated(lang: str) -> None:
    note = note_for_statuses(["machine"], lang)
    assert note and (lang == "en" or "native speaker" not in note), lang


def test_translation_note_from_the_shipped_data(loaded) -> None:  # noqa: ANN001
    from sqlmodel import Session

    from service.directory.translation_note import translation_note

    with Session(loaded) as session:
        english, german = translation_note(session, "en"), translation_note(session, "de")
    assert english.startswith("The translations were made by machine")
    assert german
