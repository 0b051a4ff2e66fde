"""`flask mail send`: queue due reminders and digests, then deliver the outbox (cron every 5 minutes)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from service.clock import utcnow
from service.mail.deliver import send_email
from service.web.state import state

mail_cli = AppGroup("mail", help="E-mail notices (the outbox).")


@mail_cli.command("send")
def mail_send() -> None:
    """Deliver due notices; a mail server outage leaves them queued for the next run."""
    settings = state().settings
    if not settings.smtp_url:
        click.echo("SMTP_URL is not set: no e-mail is sent")
        return
    report = send_email(state().engine, settings, utcnow())
    click.echo(f"queued {report.queued}, sent {report.sent}, waiting {report.retry}")
