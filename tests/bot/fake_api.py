"""A local stand-in for the Telegram Bot API (127.0.0.1, random port), enough for python-telegram-bot 22.

It queues updates for getUpdates (long polling, with Telegram's offset confirmation), records every call the bot
makes (sendMessage, editMessageText, answerCallbackQuery, ...) and answers like Telegram does. Tests and the
benchmark play the parent's side through `text`, `press` and `voice`.
"""

from __future__ import annotations

import itertools
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

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
    """The Bot API on a random local port; `base_url` goes into TELEGRAM_BASE_URL."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[tuple[int, str]]] = {}
        self.webhook: dict[str, Any] | None = None
        self._updates: list[dict[str, Any]] = []
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._callback_chats: dict[str, int] = {}
        self._cond = threading.Condition()
        self._closing = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fake-bot-api",
                                        daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def start(self) -> FakeBotApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._server.shutdown()
        self._server.server_close()

    # The parent's side -------------------------------------------------------------------------------

    def push(self, payload: dict[str, Any]) -> int:
        """Queue one update (without update_id); returns its id."""
        with self._cond:
            update_id = next(self._ids)
            self._updates.append({"update_id": update_id, **payload})
            self._cond.notify_all()
        return update_id

    def push_many(self, payloads: list[dict[str, Any]]) -> list[int]:
        with self._cond:
            ids = []
            for payload in payloads:
                ids.append(next(self._ids))
                self._updates.append({"update_id": ids[-1], **payload})
            self._cond.notify_all()
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
        with self._cond:
            calls = self.calls[since:]
        return [c for c in calls if c.chat_id == chat_id
                or self._callback_chats.get(str(c.params.get("callback_query_id"))) == chat_id]

    def pending(self) -> int:
        with self._cond:
            return len(self._updates)

    def fail_next(self, method: str, code: int = 400, description: str = "Bad Request: test failure") -> None:
        """Make the next call of `method` fail like Telegram does."""
        self.failures.setdefault(method, []).append((code, description))

    # The Bot API side ----------------------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self._cond:
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

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if offset:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or self._closing:
                    return list(self._updates[:limit])
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._cond.wait(remaining)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                # Without this, headers and body leave as two segments and delayed ACKs add 40 ms per call.
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_POST(self) -> None:  # noqa: N802 - the http.server hook
                self._serve()

            def do_GET(self) -> None:  # noqa: N802
                self._serve()

            def _serve(self) -> None:
                path, _, query = self.path.partition("?")
                prefix = f"/bot{TOKEN}/"
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else query
                if not path.startswith(prefix):
                    status, payload = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                else:
                    if "json" in (self.headers.get("Content-Type") or ""):
                        params = json.loads(body or "{}")
                    else:
                        params = {key: _decode(value) for key, value in parse_qsl(body, keep_blank_values=True)}
                    status, payload = api._answer(path[len(prefix):], params)
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the bot gave up waiting (shutdown during a long poll)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return None

        return Handler
