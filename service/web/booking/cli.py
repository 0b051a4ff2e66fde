"""`flask booking purge` (retention, idempotent) and `flask booking feeds` (the social workers' iCal addresses)."""

from __future__ import annotations

import secrets

import click
from flask import url_for
from sqlmodel import col, select

from service.accounts.audit import purge_audit
from service.booking import purge_expired
from service.booking.models import utcnow
from service.db import session_scope
from service.directory.models import SocialWorker
from service.web.booking import bp
from service.web.state import state


@bp.cli.command("purge")
@click.option("--days", type=click.IntRange(min=0), default=None, help="Override RETENTION_DAYS.")
def purge(days: int | None) -> None:
    """Erase the personal fields of bookings whose appointment lies more than RETENTION_DAYS back, and staff
    audit rows older than AUDIT_RETENTION_DAYS."""
    retention = state().settings.retention_days if days is None else days
    audit_days = state().settings.audit_retention_days
    with session_scope(state().engine) as session:
        count = purge_expired(session, utcnow(), retention)
        audited = purge_audit(session, utcnow(), audit_days)
    click.echo(f"erased the personal details of {count} booking(s) older than {retention} days")
    click.echo(f"deleted {audited} staff audit row(s) older than {audit_days} days")


@bp.cli.command("feeds")
def feeds() -> None:
    """Print each social worker's private calendar address (keep them secret, like a password)."""
    base = state().settings.public_base_url
    with session_scope(state().engine) as session:
        workers = session.exec(select(SocialWorker).order_by(col(SocialWorker.slug))).all()
        for worker in workers:
            if not worker.ical_token:
                worker.ical_token = secrets.token_urlsafe(24)
                session.add(worker)
        session.flush()
        with _request_context():
            for worker in workers:
                click.echo(f"{worker.slug}\t{worker.name}\t{base}{url_for('booking.feed', token=worker.ical_token)}")


def _request_context():  # noqa: ANN202 - a context manager
    from flask import current_app

    return current_app.test_request_context()
