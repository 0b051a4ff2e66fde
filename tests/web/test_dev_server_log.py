"""`make run` serves with werkzeug's development server, which logs every request line: search text, codes and
tokens must not reach the terminal there either."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

SECRETS = ("Zeynep", "Yilmaz", "Abc_DEF-123456789012345", "K7M4QX", "زينب")


@pytest.fixture
def dev_server(app: Flask) -> Iterator[BaseWSGIServer]:
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    thread.join(5)


def _get(server: BaseWSGIServer, path: str) -> None:
    with contextlib.suppress(urllib.error.HTTPError):  # a 404 or a redirect to the login is logged as well
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10).read()


def test_the_development_server_logs_no_search_text_code_or_token(dev_server: BaseWSGIServer,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        _get(dev_server, "/de/search?q=Zeynep+Yilmaz&lang=ar")
        _get(dev_server, "/ar/search?q=%D8%B2%D9%8A%D9%86%D8%A8")
        _get(dev_server, "/de/booking/Abc_DEF-123456789012345")
        _get(dev_server, "/staff/bookings?code=K7M4QX&days=7")
        with socket.create_connection(("127.0.0.1", dev_server.port), timeout=10) as raw:  # a broken request line
            raw.sendall(b"GET /de/search?q=Zeynep Yilmaz HTTP/1.1 x\r\n\r\n")
            raw.recv(4096)
    logged = "\n".join(record.getMessage() for record in caplog.records if record.name == "werkzeug")
    assert "/de/search?q=***&lang=ar" in logged and "/de/booking/***" in logged and "code=***&days=7" in logged
    assert "Bad request" in logged
    for secret in SECRETS:
        assert secret not in logged
