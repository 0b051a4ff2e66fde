"""Every notice through a real SMTP server: recipients, language, subject, .ics, privacy, one reminder, retries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
from sqlmodel import Session, select

from service.booking import book_slot, cancel_booking, cancel_by_staff, due_reminders, free_slots, purge_expired
from service.config import Settings
from service.mail import OutboxMessage, family_informed
from service.mail.deliver import send_email
from service.mail.models import PENDING, SENT
from tests.booking.conftest import NOW, World, parent
from tests.mail.conftest import SmtpServer

PARENT = "ayse@example.test"
WORKER = "a.beispiel@erkelenz.test"
TUESDAY = date(2027, 1, 19)  # worker A at Lövenich 09:00-12:00


def settings(world: World, smtp_url: str | None) -> Settings:
    return Settings(database_url=str(world.engine.url), public_base_url="https://wegweiser.test",
                    smtp_url=smtp_url, mail_from="Kita-Wegweiser <noreply@wegweiser.test>",
                    mail_reply_to="kitasozialarbeit@erkelenz.test", testing=True)


def book(world: World, now: datetime = NOW, **details: object):
    with world.session() as session:
        slot = free_slots(session, "loevenich", TUESDAY, 1, now=now)[0]
        booking = book_slot(session, slot.id, parent(**details), now=now)
        session.commit()
        return booking


def rows(world: World) -> list[OutboxMessage]:
    with world.session() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_a_web_booking_with_an_e_mail_gets_a_confirmation_and_the_worker_a_notice(mail_world: World,
                                                                                   smtp: SmtpServer) -> None:
    booking = book(mail_world, contact=PARENT, lang="de", note="Es geht um Schulden", first_name="Ayşe")
    report = send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    assert report.sent == 2
    (confirmation,) = smtp.inbox.to(PARENT)
    assert confirmation["Subject"] == "Ihr Gespräch mit der Kita-Sozialarbeit am Dienstag, 19. Januar 2027, 09:00 Uhr"
    assert confirmation["Reply-To"] == "kitasozialarbeit@erkelenz.test"
    assert confirmation["Content-Language"] == "de"
    text = confirmation.get_body(("plain",)).get_content()
    assert "Städt. Kita Lövenich" in text and booking.code[:3] in text
    assert f"https://wegweiser.test/de/booking/{booking.cancel_token}" in text
    (ics,) = [part for part in confirmation.iter_attachments() if part.get_content_type() == "text/calendar"]
    event = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2027, 1, 19, 8, 0, tzinfo=UTC)
    (notice,) = smtp.inbox.to(WORKER)
    body = notice.get_body(("plain",)).get_content() + notice.get_body(("html",)).get_content()
    assert booking.code[:3] in body
    for private in ("Ayşe", PARENT, "Schulden", booking.cancel_token):
        assert private not in body and private not in notice["Subject"]


def test_notices_are_in_the_family_language_and_right_to_left(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact=PARENT, lang="ar")
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    (message,) = smtp.inbox.to(PARENT)
    assert message["Content-Language"] == "ar"
    assert 'dir="rtl"' in message.get_body(("html",)).get_content()
    assert "كيتا" in message["Subject"] or "موعد" in message["Subject"] or "محادثة" in message["Subject"]


def test_the_worker_mail_hides_confidential_topics(mail_world: World, smtp: SmtpServer) -> None:
    with mail_world.session() as session:
        from service.directory.models import Entry, EntryTopic, Topic

        topic = Topic(slug="crisis-protection", names={"de": "Schutz"})
        entry = Entry(slug="gewaltschutz", kind="service")
        session.add_all([topic, entry])
        session.flush()
        session.add(EntryTopic(entry_id=entry.id, topic_id=topic.id))
        session.commit()
    book(mail_world, contact=PARENT, lang="de", topic="gewaltschutz")
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    (notice,) = smtp.inbox.to(WORKER)
    text = notice.get_body(("plain",)).get_content()
    assert "vertraulich" in text and "gewaltschutz" not in text


def test_phone_and_bot_bookings_get_no_e_mail(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact="0151 2345678")
    book(mail_world, contact=None, chat_id=4711)
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    assert smtp.inbox.to(PARENT) == [] and len(smtp.inbox.to(WORKER)) == 2
    assert [r.channel for r in rows(mail_world) if r.kind == "confirmation"] == []


def test_one_reminder_the_day_before_shared_with_the_bot(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact=PARENT, lang="de")
    config = settings(mail_world, smtp.url)
    send_email(mail_world.engine, config, NOW)
    day_before = datetime(2027, 1, 18, 10, 0, tzinfo=UTC)
    send_email(mail_world.engine, config, day_before)
    send_email(mail_world.engine, config, day_before + timedelta(minutes=5))
    assert [r.kind for r in rows(mail_world)].count("reminder") == 1
    reminders = [m for m in smtp.inbox.to(PARENT) if m["Subject"].startswith("Erinnerung")]
    assert len(reminders) == 1
    with Session(mail_world.engine) as session:
        assert due_reminders(session, day_before) == []  # the bot never reminds an e-mail booking


def test_a_booking_made_the_day_before_gets_no_reminder(mail_world: World, smtp: SmtpServer) -> None:
    late = datetime(2027, 1, 18, 10, 0, tzinfo=UTC)
    book(mail_world, now=late, contact=PARENT)
    send_email(mail_world.engine, settings(mail_world, smtp.url), late + timedelta(minutes=1))
    assert "reminder" not in [r.kind for r in rows(mail_world)]


def test_staff_cancel_tells_the_family_with_the_next_free_times(mail_world: World, smtp: SmtpServer) -> None:
    by_mail = book(mail_world, contact=PARENT, lang="de")
    by_phone = book(mail_world, contact="0151 2345678")
    by_bot = book(mail_world, contact=None, chat_id=4711)
    with mail_world.session() as session:
        for booking in (by_mail, by_phone, by_bot):
            cancel_by_staff(session, booking.id, now=NOW)
        cancel_by_staff(session, by_mail.id, now=NOW)  # a second click changes nothing
        session.commit()
        assert [family_informed(session, b.id) for b in (by_mail, by_phone, by_bot)] == [True, False, True]
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    cancelled = [m for m in smtp.inbox.to(PARENT) if "abgesagt" in m["Subject"]]
    assert len(cancelled) == 1
    text = cancelled[0].get_body(("plain",)).get_content()
    assert "https://wegweiser.test/de/kitas/loevenich/book" in text
    assert "Donnerstag, 14. Januar 2027" in text or "Dienstag, 19. Januar 2027" in text  # next free times
    telegram = [r for r in rows(mail_world) if r.channel == "telegram"]
    assert [(r.kind, r.recipient, r.status) for r in telegram] == [("cancelled_by_staff", "4711", PENDING)]


def test_a_parent_cancellation_tells_the_worker_only(mail_world: World, smtp: SmtpServer) -> None:
    booking = book(mail_world, contact=PARENT, lang="de")
    with mail_world.session() as session:
        cancel_booking(session, booking.cancel_token, now=NOW)
        session.commit()
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    assert [m["Subject"].split(":")[0] for m in smtp.inbox.to(WORKER)] == ["Neuer Termin", "Termin abgesagt"]
    assert [m["Subject"] for m in smtp.inbox.to(PARENT) if "abgesagt" in m["Subject"]] == []


def test_a_mail_server_outage_delays_notices_and_loses_none(mail_world: World, smtp: SmtpServer) -> None:
    smtp.stop()
    booking = book(mail_world, contact=PARENT, lang="de")  # the booking itself never fails
    config = settings(mail_world, smtp.url)
    down = send_email(mail_world.engine, config, NOW)
    assert (down.sent, down.retry) == (0, 1)
    waiting = [r for r in rows(mail_world) if r.status == PENDING]
    assert len(waiting) == 2 and max(r.attempts for r in waiting) == 1
    assert send_email(mail_world.engine, config, NOW + timedelta(seconds=30)).sent == 0  # backing off
    smtp.start()
    later = NOW + timedelta(minutes=2)
    assert send_email(mail_world.engine, config, later).sent == 2
    (message,) = smtp.inbox.to(PARENT)
    sent = {r.kind: r for r in rows(mail_world)}
    assert message["Message-ID"] == sent["confirmation"].message_id
    assert all(r.status == SENT and r.recipient is None for r in sent.values())
    assert booking.code


def test_nothing_is_sent_without_smtp_url(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact=PARENT)
    report = send_email(mail_world.engine, settings(mail_world, None), NOW)
    assert (report.sent, smtp.inbox.messages) == (0, [])


def test_the_daily_digest_goes_out_once_from_seven(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact=PARENT, note="privat", first_name="Olena")
    book(mail_world, contact="0151 2345678")
    config = settings(mail_world, smtp.url)
    monday_early = datetime(2027, 1, 18, 5, 30, tzinfo=UTC)  # 06:30 in Erkelenz
    send_email(mail_world.engine, config, monday_early)
    assert [m for m in smtp.inbox.to(WORKER) if m["Subject"].startswith("Ihre Termine")] == []
    for minutes in (60, 65):
        send_email(mail_world.engine, config, monday_early + timedelta(minutes=minutes))
    (digest,) = [m for m in smtp.inbox.to(WORKER) if m["Subject"].startswith("Ihre Termine")]
    text = digest.get_body(("plain",)).get_content()
    assert digest["Subject"] == "Ihre Termine am Dienstag, 19. Januar 2027"
    assert text.count("Code:") == 2 and "Olena" not in text and "privat" not in text


def test_sent_rows_go_with_the_booking_retention(mail_world: World, smtp: SmtpServer) -> None:
    book(mail_world, contact=PARENT)
    send_email(mail_world.engine, settings(mail_world, smtp.url), NOW)
    with mail_world.session() as session:
        later = datetime(2027, 3, 1, tzinfo=UTC)
        purge_expired(session, later, 30)  # the daily purge takes the booking's notices along
        session.commit()
    assert rows(mail_world) == []
