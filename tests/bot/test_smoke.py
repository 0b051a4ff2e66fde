"""First contact: the bot answers /start through the stand-in."""

from tests.bot.harness import last


def test_start_greets_with_emergency_numbers_and_language_buttons(parent) -> None:
    calls = parent(lang="de").send("/start")
    message = last(calls)
    assert "110" in message.text and "112" in message.text and "116 016" in message.text
    assert "lang:ar" in message.data()
