"""Reminders from the database, purge of inactive chats, the repeating jobs, webhook mode and the runner."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from bots.telegram import __main__ as runner_main
from bots.telegram import build_application, jobs
from bots.telegram.text import RLM
from service import booking as core
from service.chats import ChatState, get_chat
from tests.bot.fake_api import TOKEN


def book_for_tomorrow(engine, kita: str, chat_id: int, lang: str) -> core.Booking:  # noqa: ANN001
    """A bot booking starting within a day, made two days before (so a reminder is due)."""
    now = datetime.now(UTC)
    with Session(engine, expire_on_commit=False) as session:
        slot = core.free_slots(session, kita, date.today(), 3, now=now)[0]
        assert slot.start - now <= timedelta(hours=24)
        booking = core.book_slot(session, slot.id, core.ParentDetails(
            first_name="Rania", contact=None, lang=lang, consent=True, chat_id=chat_id),
            now=slot.start - timedelta(hours=48), counters=False)
        session.commit()
        return booking


def test_reminders_go_out_once_from_the_database(api, bookable, loaded, start_bot) -> None:
    booking = book_for_tomorrow(loaded, bookable, 7001, "ar")
    runner = start_bot()
    assert runner.call(jobs.send_reminders(runner.application)) == 1
    [reminder] = [c for c in api.calls_for(7001) if c.method == "sendMessage"]
    assert booking.code[:3] in reminder.text and "/mybookings" in reminder.text
    assert reminder.text.startswith(RLM)
    assert runner.call(jobs.send_reminders(runner.application)) == 0  # marked in the database
    runner.stop()
    again = start_bot()  # a new process does not send it again either
    assert again.call(jobs.send_reminders(again.application)) == 0


def test_blocked_chats_do_not_break_the_reminders(api, bookable, loaded, start_bot) -> None:
    book_for_tomorrow(loaded, bookable, 7101, "de")
    runner = start_bot()
    api.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert runner.call(jobs.send_reminders(runner.application)) == 0
    assert runner.call(jobs.send_reminders(runner.application)) == 0


def test_chats_inactive_for_twelve_months_are_purged(loaded, start_bot) -> None:
    old = datetime.now(UTC) - timedelta(days=400)
    with Session(loaded) as session:
        session.add(ChatState(chat_id=7201, lang="de", last_seen=old))
        session.add(ChatState(chat_id=7202, lang="tr"))
        session.commit()
    runner = start_bot()
    assert runner.call(jobs.purge_chats(runner.application)) == 1
    with Session(loaded) as session:
        assert get_chat(session, 7201) is None and get_chat(session, 7202) is not None


def test_the_repeating_jobs_are_registered(bot_settings) -> None:
    application = build_application(bot_settings)
    names = {job.name for job in application.job_queue.jobs()}
    assert {"reminders", "purge-chats"} <= names
    application.bot_data["runtime"].engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, payload: dict, secret: str) -> int:
    request = urllib.request.Request(url, json.dumps(payload).encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_webhook_mode_checks_the_secret_token(api, loaded, start_bot) -> None:
    runner = start_bot()
    application = runner.application
    runner.call(application.updater.stop())
    port = free_port()
    runner.call(application.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="telegram", webhook_url="https://bot.wegweiser.test/telegram",
        secret_token="s3cret-token"))
    assert api.webhook["url"] == "https://bot.wegweiser.test/telegram"
    assert api.webhook["secret_token"] == "s3cret-token"
    url = f"http://127.0.0.1:{port}/telegram"
    update = {"update_id": 900001, **api.text_update(7301, "/help", "de")}
    assert post(url, update, "wrong") == 403
    assert post(url, update, "s3cret-token") == 200
    runner.wait([900001])
    assert any(c.method == "sendMessage" for c in api.calls_for(7301))


def test_runner_refuses_to_start_without_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TELEGRAM_TOKEN", raising=False)
    assert runner_main.main([]) == 2
    assert runner_main.parse_listen("0.0.0.0:8443") == ("0.0.0.0", 8443)
    assert runner_main.parse_listen("9000") == ("127.0.0.1", 9000)


def test_build_application_uses_the_base_urls(bot_settings) -> None:
    settings = bot_settings.replace(telegram_base_file_url="http://127.0.0.1:1/file/bot")
    application = build_application(settings)
    assert application.bot.base_url == f"{settings.telegram_base_url}{TOKEN}"
    assert application.bot.base_file_url == f"http://127.0.0.1:1/file/bot{TOKEN}"
    application.bot_data["runtime"].engine.dispose()
