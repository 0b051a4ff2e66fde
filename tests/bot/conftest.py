"""Fixtures of the bot tests: the fake Bot API, a running bot against it, parents, and bookable hours."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, time, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bots.telegram.processor import FloodGuard
from service.booking import Schedule
from service.config import Settings
from service.directory.models import Kita, SocialWorker
from tests.bot.fake_api import TOKEN, FakeBotApi
from tests.bot.harness import BotRunner, Parent

BOOKING_KITA = "loevenich"


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    server = FakeBotApi().start()
    yield server
    server.stop()


@pytest.fixture
def bot_settings(settings: Settings, api: FakeBotApi) -> Settings:
    return settings.replace(telegram_token=TOKEN, telegram_base_url=api.base_url,
                            public_base_url="https://wegweiser.test")


@pytest.fixture
def start_bot(bot_settings: Settings) -> Iterator[Callable[..., BotRunner]]:
    """Start a bot (again, for restarts); every bot still running is stopped after the test."""
    runners: list[BotRunner] = []

    def start(**options: object) -> BotRunner:
        options.setdefault("jobs_enabled", False)
        options.setdefault("flood", FloodGuard(burst=1000))  # dialogs here are faster than any person
        runner = BotRunner(bot_settings, **options).start()
        runners.append(runner)
        return runner

    yield start
    for runner in runners:
        if runner.application is not None:
            runner.stop()


@pytest.fixture
def bot(loaded: Engine, start_bot: Callable[..., BotRunner]) -> BotRunner:
    return start_bot()


@pytest.fixture
def parent(api: FakeBotApi, bot: BotRunner) -> Callable[..., Parent]:
    def make(chat_id: int = 1001, lang: str | None = "de") -> Parent:
        return Parent(api, bot, chat_id, lang)

    return make


@pytest.fixture
def bookable(loaded: Engine) -> str:
    """Consultation hours every day 08:00-18:00 at one kita (the example schedules have holidays and gaps)."""
    with Session(loaded) as session:
        kita = session.exec(select(Kita).where(Kita.slug == BOOKING_KITA)).one()
        worker = session.exec(select(SocialWorker).order_by(SocialWorker.slug)).first()
        assert worker is not None and kita.id is not None and worker.id is not None
        for weekday in range(7):
            session.add(Schedule(social_worker_id=worker.id, kita_id=kita.id, weekday=weekday, opens=time(8),
                                 closes=time(18), valid_from=date.today() - timedelta(days=1)))
        session.commit()
    return BOOKING_KITA
