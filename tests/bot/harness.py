"""Run the real bot (long polling through TELEGRAM_BASE_URL) on its own event loop in a thread, and talk to it
through the fake Bot API as a parent would."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application

from bots.telegram import build_application
from bots.telegram.processor import ChatOrderedProcessor
from service.config import Settings
from tests.bot.fake_api import Call, FakeBotApi

WAIT = 15.0


class BotRunner:
    """One bot process: start, stop (gracefully, as on a restart), and wait for updates to be handled."""

    def __init__(self, settings: Settings, **options: Any) -> None:
        self.settings = settings
        self.options = options
        self.application: Application | None = None
        self.handled: set[int] = set()
        self._cond = threading.Condition()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="bot-loop", daemon=True)

    def _observe(self, update: object, _seconds: float) -> None:
        if isinstance(update, Update):
            with self._cond:
                self.handled.add(update.update_id)
                self._cond.notify_all()

    def call(self, coroutine: Coroutine[Any, Any, Any], timeout: float = WAIT) -> Any:
        """Run a coroutine on the bot's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def start(self) -> BotRunner:
        self._thread.start()
        self.application = self.call(self._start())
        return self

    async def _start(self) -> Application:
        application = build_application(self.settings, **self.options)
        processor = application.update_processor
        assert isinstance(processor, ChatOrderedProcessor)
        processor.observers.append(self._observe)
        await application.initialize()
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        await application.start()
        return application

    def stop(self) -> None:
        if self.application is not None:
            self.call(self._stop(self.application), timeout=30)
            self.application = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    @staticmethod
    async def _stop(application: Application) -> None:
        assert application.updater is not None
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)

    def wait(self, update_ids: list[int], timeout: float = WAIT) -> None:
        with self._cond:
            done = self._cond.wait_for(lambda: set(update_ids) <= self.handled, timeout)
        assert done, f"updates {sorted(set(update_ids) - self.handled)} were not handled in {timeout} s"


class Parent:
    """One parent's chat with the bot."""

    def __init__(self, api: FakeBotApi, runner: BotRunner, chat_id: int, lang: str | None = "de") -> None:
        self.api, self.runner, self.chat_id, self.lang = api, runner, chat_id, lang

    def _exchange(self, update_id_factory) -> list[Call]:  # noqa: ANN001
        mark = len(self.api.calls)
        update_id = update_id_factory()
        self.runner.wait([update_id])
        return self.api.calls_for(self.chat_id, since=mark)

    def send(self, text: str) -> list[Call]:
        """Type a message; returns what the bot did in answer."""
        return self._exchange(lambda: self.api.text(self.chat_id, text, self.lang))

    def press(self, data: str, message_id: int = 1) -> list[Call]:
        """Tap a button with this callback data."""
        return self._exchange(lambda: self.api.press(self.chat_id, data, message_id, self.lang))

    def voice(self) -> list[Call]:
        return self._exchange(lambda: self.api.voice(self.chat_id, self.lang))


def messages(calls: list[Call]) -> list[Call]:
    """The calls that show text (new messages and edits)."""
    return [c for c in calls if c.method in {"sendMessage", "editMessageText"}]


def last(calls: list[Call]) -> Call:
    shown = messages(calls)
    assert shown, f"the bot showed nothing: {[c.method for c in calls]}"
    return shown[-1]
