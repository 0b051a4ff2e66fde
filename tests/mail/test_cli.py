"""`flask mail send` delivers the outbox through SMTP_URL, and says so when no mail server is configured."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from service.booking import book_slot, free_slots
from service.config import Settings
from service.web import create_app
from tests.booking.conftest import World, parent
from tests.mail.conftest import SmtpServer


def booked_tomorrow(world: World) -> None:
    now = datetime.now(UTC)
    with Session(world.engine) as session:
        for offset in range(1, 8):
            slots = free_slots(session, "loevenich", date.today() + timedelta(days=offset), 1, now=now)
            if slots:
                book_slot(session, slots[0].id, parent(contact="olena@example.test", lang="uk"), now=now)
                session.commit()
                return
    raise AssertionError("no free slot in the next week")


def run(settings: Settings, *args: str) -> str:
    app = create_app(settings)
    try:
        return app.test_cli_runner().invoke(args=list(args)).output
    finally:
        app.extensions["wegweiser"].engine.dispose()


def test_mail_send_delivers_and_reports(mail_world: World, smtp: SmtpServer, settings: Settings) -> None:
    booked_tomorrow(mail_world)
    output = run(settings.replace(smtp_url=smtp.url), "mail", "send")
    assert "sent 2" in output
    assert len(smtp.inbox.to("olena@example.test")) == 1
    assert "sent 0" in run(settings.replace(smtp_url=smtp.url), "mail", "send")


def test_mail_send_without_smtp_url_sends_nothing(mail_world: World, smtp: SmtpServer, settings: Settings) -> None:
    booked_tomorrow(mail_world)
    assert "SMTP_URL is not set" in run(settings, "mail", "send")
    assert smtp.inbox.messages == []
