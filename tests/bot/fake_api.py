"""A local stand-in for the Telegram Bot API (127.0.0.1, random port), enough for python-telegram-bot 22.

It queues updates for getUpdates (long polling, with Telegram's offset confirmation), records every call the bot
makes (sendMessage, editMessageText, answerCallbackQuery, ...) and answers like Telegram does. Tests and the
benchmark play the parent's side through `text`, `press` and `voice`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

TOKEN = "123456:TEST-token-for-the-stand-in"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Kita-Wegweiser", "username": "wegweiser_test_bot",
            "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}
TRUE_METHODS = {"deleteWebhook", "setWebhook", "setMyCommands", "deleteMyCommands", "answerCallbackQuery",
                "deleteMessage", "sendChatAction", "close", "logOut"}


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]

    def data(self) -> list[str]:
        """The callback data of the message's buttons."""
        return [b["callback_data"] for b in self.buttons if "callback_data" in b]

    def urls(self) -> list[str]:
        return [b["url"] for b in self.buttons if "url" in b]


def _decode(value: str) -> Any:
    if value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeBotApi:
    """The Bot API on a random local port; `base_url` goes into TELEGRAM_BASE_URL.

    It serves from its own asyncio loop (tornado) in a thread, so that it keeps up with a bot under load.
    """

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[tuple[int, str]]] = {}
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_chats: dict[str, int] = {}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._arrived: asyncio.Event | None = None
        self._server: HTTPServer | None = None
        self._port = 0
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-bot-api", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/bot"

    def start(self) -> FakeBotApi:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        return self

    async def _listen(self) -> None:
        self._arrived = asyncio.Event()
        self._server = HTTPServer(Application([(r"/(.*)", _Handler, {"api": self})]))
        sockets = bind_sockets(0, "127.0.0.1")
        self._port = sockets[0].getsockname()[1]
        self._server.add_sockets(sockets)

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.stop()
            self._wake()
            await self._server.close_all_connections()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _wake(self) -> None:
        """Release every waiting getUpdates (runs on the server's loop)."""
        if self._arrived is not None:
            self._arrived.set()
            self._arrived = asyncio.Event()

    # The parent's side -------------------------------------------------------------------------------

    def push(self, payload: dict[str, Any]) -> int:
        """Queue one update (without update_id); returns its id."""
        return self.push_many([payload])[0]

    def push_many(self, payloads: list[dict[str, Any]]) -> list[int]:
        with self._lock:
            ids = []
            for payload in payloads:
                ids.append(next(self._ids))
                self._updates.append({"update_id": ids[-1], **payload})
        self._loop.call_soon_threadsafe(self._wake)
        return ids

    @staticmethod
    def user(chat_id: int, lang: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Parent"}
        if lang:
            user["language_code"] = lang
        return user

    def message(self, chat_id: int, lang: str | None = "de", **content: Any) -> dict[str, Any]:
        return {"message": {"message_id": next(self._message_ids), "date": int(time.time()),
                            "chat": {"id": chat_id, "type": "private", "first_name": "Parent"},
                            "from": self.user(chat_id, lang), **content}}

    def text_update(self, chat_id: int, text: str, lang: str | None = "de") -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self.message(chat_id, lang, **content)

    def press_update(self, chat_id: int, data: str, message_id: int = 1, lang: str | None = "de") -> dict[str, Any]:
        query_id = f"cq{next(self._message_ids)}"
        self._callback_chats[query_id] = chat_id
        message = {"message_id": message_id, "date": int(time.time()), "text": "…",
                   "chat": {"id": chat_id, "type": "private", "first_name": "Parent"}, "from": BOT_USER}
        return {"callback_query": {"id": query_id, "from": self.user(chat_id, lang), "chat_instance": str(chat_id),
                                   "data": data, "message": message}}

    def text(self, chat_id: int, text: str, lang: str | None = "de") -> int:
        return self.push(self.text_update(chat_id, text, lang))

    def press(self, chat_id: int, data: str, message_id: int = 1, lang: str | None = "de") -> int:
        return self.push(self.press_update(chat_id, data, message_id, lang))

    def voice(self, chat_id: int, lang: str | None = "de") -> int:
        return self.push(self.message(chat_id, lang, voice={"file_id": "voice1", "file_unique_id": "v1",
                                                            "duration": 4, "mime_type": "audio/ogg"}))

    def calls_for(self, chat_id: int, since: int = 0) -> list[Call]:
        """What the bot sent to one chat (answers to its button presses included), from index `since`."""
        with self._lock:
            calls = self.calls[since:]
        return [c for c in calls if c.chat_id == chat_id
                or self._callback_chats.get(str(c.params.get("callback_query_id"))) == chat_id]

    def pending(self) -> int:
        with self._lock:
            return len(self._updates)

    def fail_next(self, method: str, code: int = 400, description: str = "Bad Request: test failure") -> None:
        """Make the next call of `method` fail like Telegram does."""
        self.failures.setdefault(method, []).append((code, description))

    # The Bot API side ----------------------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self._lock:
            self.calls.append(Call(method, params))
            failures = self.failures.get(method)
            failure = failures.pop(0) if failures else None
        if failure:
            return failure[0], {"ok": False, "error_code": failure[0], "description": failure[1]}
        if method == "getMe":
            return 200, {"ok": True, "result": BOT_USER}
        if method == "setWebhook":
            self.webhook = params
        if method in TRUE_METHODS:
            return 200, {"ok": True, "result": True}
        if method in {"sendMessage", "editMessageText", "editMessageReplyMarkup"}:
            message_id = int(params.get("message_id") or next(self._message_ids))
            chat_id = int(params.get("chat_id") or 0)
            result = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                      "chat": {"id": chat_id, "type": "private", "first_name": "Parent"},
                      "text": params.get("text", "…")}
            if params.get("reply_markup"):
                result["reply_markup"] = params["reply_markup"]
            return 200, {"ok": True, "result": result}
        if method == "getWebhookInfo":
            url = (self.webhook or {}).get("url", "")
            return 200, {"ok": True, "result": {"url": url, "has_custom_certificate": False,
                                                "pending_update_count": 0}}
        return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}

    async def get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Long polling: answer at once when updates wait, else when one arrives or the timeout is over."""
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            with self._lock:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates:
                    return list(self._updates[:limit])
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._arrived is None:
                return []
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                return []


class _Handler(RequestHandler):
    """/bot<token>/<method> like Telegram, and /control/push for the benchmark."""

    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    def prepare(self) -> None:
        stream = getattr(self.request.connection, "stream", None)
        if stream is not None:
            stream.set_nodelay(True)  # else delayed ACKs add 40 ms to answers sent in two segments

    async def get(self, path: str) -> None:
        await self.post(path)

    async def post(self, path: str) -> None:
        body = self.request.body.decode(errors="replace")
        prefix = f"bot{TOKEN}/"
        if path == "control/push":  # the benchmark queues updates from another process
            status, payload = 200, {"ok": True, "result": self.api.push_many(json.loads(body))}
        elif not path.startswith(prefix):
            status, payload = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        else:
            if "json" in self.request.headers.get("Content-Type", ""):
                params = json.loads(body or "{}")
            else:  # form-encoded or multipart (files), as tornado parsed them
                arguments = {**self.request.query_arguments, **self.request.body_arguments}
                params = {key: _decode(values[-1].decode()) for key, values in arguments.items()}
                params.update({key: {"filename": files[-1].filename, "size": len(files[-1].body)}
                               for key, files in self.request.files.items()})
            method = path[len(prefix):]
            if method == "getUpdates":
                status, payload = 200, {"ok": True, "result": await self.api.get_updates(params)}
            else:
                status, payload = self.api._answer(method, params)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))

    def log_exception(self, *args: Any) -> None:
        return None

def serve() -> None:
    """Run the stand-in in its own process (benchmark): prints the base URL, stops when stdin closes."""
    import sys

    server = FakeBotApi().start()
    print(server.base_url, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":
    serve()
