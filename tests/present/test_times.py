"""Talk times in Europe/Berlin, written per language, and the topic fallback."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from service.present import times, topics


def test_talk_times_are_in_berlin_time() -> None:
    start = datetime(2026, 12, 3, 8, 30, tzinfo=UTC)  # 09:30 in Erkelenz (winter)
    talk = times.talk_time(start, datetime(2026, 12, 3, 9, 0, tzinfo=UTC), "de")
    assert (talk.day, talk.time, talk.until) == ("Donnerstag, 3. Dezember 2026", "09:30", "10:00")
    assert times.day_label(start, "de") == "Do., 3. Dez."
    assert times.moment_label(start, "de") == "Do., 3. Dez. 2026, 09:30"
    summer = datetime(2026, 7, 2, 7, 0, tzinfo=UTC)
    assert times.time_label(summer, "de") == "09:00"


def test_berlin_today_turns_at_midnight_in_erkelenz() -> None:
    assert str(times.berlin_today(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))) == "2027-01-01"
    assert times.utcnow().tzinfo is UTC


def test_topic_names_fall_back_to_german_then_slug() -> None:
    assert topics.topic_name({"de": "Geld", "ar": "المال"}, "ar", "money") == "المال"
    assert topics.topic_name({"de": "Geld"}, "uk", "money") == "Geld"
    assert topics.topic_name({}, "uk", "money") == "money"
    row = SimpleNamespace(slug="money", names={"de": "Geld", "en": "Money"})
    assert topics.topic_names([row], "en") == {"money": "Money"}
