"""Updates of different chats run concurrently, updates of one chat in order; a flooding chat is slowed down."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

Observer = Callable[[object, float], None]


def chat_key(update: object) -> int | None:
    chat = update.effective_chat if isinstance(update, Update) else None
    return chat.id if chat else None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat (the booking dialog relies on order).

    Observers are called with (update, seconds spent handling it) when an update is done (tests, benchmark).
    A chat with more than `max_queued` updates waiting has further updates dropped.
    """

    def __init__(self, max_concurrent_updates: int = 64, max_queued: int = 20) -> None:
        super().__init__(max_concurrent_updates)
        self.max_queued = max_queued
        self.observers: list[Observer] = []
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await self._run(update, coroutine)
            return
        if self._waiting.get(key, 0) >= self.max_queued:
            coroutine.close()  # type: ignore[attr-defined]  # never started: dropping it is clean
            self._notify(update, 0.0)
            return
        self._waiting[key] = self._waiting.get(key, 0) + 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                await self._run(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                self._locks.pop(key, None)

    async def _run(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.perf_counter()
        try:
            await coroutine
        finally:
            self._notify(update, time.perf_counter() - started)

    def _notify(self, update: object, seconds: float) -> None:
        for observer in self.observers:
            observer(update, seconds)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


@dataclass
class FloodGuard:
    """Per-chat token bucket: `burst` updates at once, then `rate` per second; one polite warning per window."""

    burst: float = 12
    rate: float = 1.0
    warn_every: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    _warned: dict[int, float] = field(default_factory=dict)

    def allow(self, chat_id: int) -> bool:
        """Take one token for this chat; False when the chat is flooding."""
        now = self.clock()
        tokens, last = self._buckets.get(chat_id, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        allowed = tokens >= 1
        self._buckets[chat_id] = (tokens - 1 if allowed else tokens, now)
        if len(self._buckets) > 50_000:
            self._forget_full(now)
        return allowed

    def should_warn(self, chat_id: int) -> bool:
        """True at most once per `warn_every` seconds per chat."""
        now = self.clock()
        if now - self._warned.get(chat_id, -self.warn_every) < self.warn_every:
            return False
        self._warned[chat_id] = now
        return True

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled completely (they hold no information)."""
        self._buckets = {chat: (tokens, last) for chat, (tokens, last) in self._buckets.items()
                         if tokens + (now - last) * self.rate < self.burst}
        self._warned = {chat: at for chat, at in self._warned.items() if now - at < self.warn_every}
