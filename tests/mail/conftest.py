"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, and a booking world with e-mails."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine
from sqlmodel import select

from service.directory.models import SocialWorker
from tests.booking.conftest import (  # noqa: F401 - every_day and world: fixtures shared with the booking tests
    World,
    add_window,
    build_world,
    every_day,
    world,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """The messages the server accepted, parsed."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[list[str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's hook
        self.envelopes.append(list(envelope.rcpt_tos))
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m, rcpt in zip(self.messages, self.envelopes, strict=True) if address in rcpt]


class SmtpServer:
    """Start and stop a local SMTP server on a fixed port (to test an outage and the recovery)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mail_world(db: Engine) -> World:
    """The booking world; worker A has an e-mail address and windows on Tuesdays and Thursdays at Lövenich."""
    made = build_world(db)
    with made.session() as session:
        worker = session.exec(select(SocialWorker).where(SocialWorker.slug == "worker-a")).one()
        worker.email = "a.beispiel@erkelenz.test"
        session.add(worker)
        add_window(session, "worker-a", "loevenich", 1, "09:00", "12:00")
        add_window(session, "worker-a", "loevenich", 3, "09:00", "12:00")
        session.commit()
    return made
