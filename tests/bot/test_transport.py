"""The bot's HTTP layer, and `python -m bots.telegram` as a process against the stand-in."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bots.telegram import build_application
from bots.telegram.http import AiohttpRequest
from service.config import PROJECT_ROOT
from tests.bot.fake_api import TOKEN


def request(api, method: str, data: RequestData | None = None, **timeouts: float) -> tuple[int, bytes]:  # noqa: ANN001
    async def go() -> tuple[int, bytes]:
        async with AiohttpRequest(connections=2) as http:
            return await http.do_request(f"{api.base_url}{TOKEN}/{method}", "POST", data, **timeouts)

    return asyncio.run(go())


def test_form_fields_and_files_reach_the_api(api) -> None:  # noqa: ANN001
    status, body = request(api, "sendMessage", RequestData([
        RequestParameter.from_input("chat_id", 7), RequestParameter.from_input("text", "hallo & tschüss")]))
    assert status == 200 and b'"ok": true' in body
    assert api.calls[-1].params == {"chat_id": "7", "text": "hallo & tschüss"}
    document = InputFile(b"%PDF-1.4 test", filename="antrag.pdf")
    status, _ = request(api, "sendDocument", RequestData([
        RequestParameter.from_input("chat_id", 7), RequestParameter.from_input("document", document)]))
    assert status == 404  # the stand-in has no sendDocument, but it received the upload:
    assert api.calls[-1].params["chat_id"] == "7"
    assert list(api.calls[-1].params.values())[-1] == {"filename": "antrag.pdf", "size": 13}


def test_timeouts_and_refused_connections_become_telegram_errors(api) -> None:  # noqa: ANN001
    slow = RequestData([RequestParameter.from_input("timeout", 5)])
    with pytest.raises(TimedOut):
        request(api, "getUpdates", slow, read_timeout=0.2)

    async def refused() -> None:
        async with AiohttpRequest() as http:
            await http.do_request("http://127.0.0.1:9/bot1:x/getMe", "POST")

    with pytest.raises(NetworkError):
        asyncio.run(refused())
    with pytest.raises(RuntimeError):
        asyncio.run(AiohttpRequest().do_request("http://127.0.0.1:9/", "POST"))


def test_telegram_itself_gets_the_outgoing_rate_limiter(bot_settings) -> None:  # noqa: ANN001
    direct = build_application(bot_settings.replace(telegram_base_url=None))
    stand_in = build_application(bot_settings)
    assert direct.bot.rate_limiter is not None and stand_in.bot.rate_limiter is None
    for application in (direct, stand_in):
        application.bot_data["runtime"].engine.dispose()


def test_the_runner_polls_answers_and_stops_cleanly(api, loaded, bot_settings) -> None:  # noqa: ANN001
    env = {**os.environ, "TELEGRAM_TOKEN": TOKEN, "TELEGRAM_BASE_URL": api.base_url,
           "DATABASE_URL": bot_settings.database_url, "PUBLIC_BASE_URL": "https://wegweiser.test"}
    env.pop("TELEGRAM_WEBHOOK_URL", None)
    process = subprocess.Popen([sys.executable, "-m", "bots.telegram"], cwd=PROJECT_ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        api.text(8001, "/start", "tr")
        deadline = time.monotonic() + 30
        while not any(c.method == "sendMessage" for c in api.calls_for(8001)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(c.method == "sendMessage" for c in api.calls_for(8001)), "the runner did not answer"
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert TOKEN not in output  # the token never reaches the log
    methods = [c.method for c in api.calls]
    assert methods.index("getMe") < methods.index("deleteWebhook") < methods.index("sendMessage")
