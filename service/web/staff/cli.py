"""`flask --app service.web staff create-user | set-password | set-role | deactivate | list`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask.cli import AppGroup
from sqlmodel import Session

from service.accounts.audit import record
from service.accounts.models import ROLES
from service.accounts.operations import MIN_PASSWORD, create_user, list_users, set_active, set_password, set_role
from service.db import session_scope
from service.errors import Conflict, InvalidInput, NotFound
from service.web.staff import bp
from service.web.state import state

staff_cli = AppGroup("staff", help="Staff accounts: roles admin, social_worker (--worker SLUG), editor (--languages).")
MESSAGES = {
    ("worker", "required"): "--role social_worker needs --worker SLUG (a social worker in the database)",
    ("worker", "unknown"): "no social worker with this slug (see directory_data/staff/ or /staff/people)",
    ("worker", "only_social_worker"): "--worker is only for --role social_worker",
    ("languages", "required"): "--role editor needs --languages, e.g. en,ar",
    ("languages", "german_not_allowed"): "editors never edit German (de): German belongs to social workers and admin",
    ("languages", "unknown"): "unknown language code (de en tr ar uk ru pl ro fa ku)",
    ("languages", "only_editor"): "--languages is only for --role editor",
    ("password", "too_short"): f"the password needs at least {MIN_PASSWORD} characters",
    ("password", "too_long"): "the password is too long",
    ("username", "invalid"): "user names are 3-64 of a-z 0-9 . _ -",
    ("role", "invalid"): f"the role is one of {', '.join(ROLES)}",
}


def _password(password: str | None) -> str:
    return password or click.prompt(f"Password (at least {MIN_PASSWORD} characters)", hide_input=True,
                                    confirmation_prompt=True)


def _languages(value: str | None) -> list[str]:
    return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


@contextmanager
def _accounts(username: str) -> Iterator[Session]:
    """A transaction that turns the core's errors into clear messages (exit status 1)."""
    try:
        with session_scope(state().engine) as session:
            yield session
    except InvalidInput as exc:
        problems = [MESSAGES.get((field, code), f"{field}: {code}") for field, code in exc.fields.items()]
        raise click.ClickException("; ".join(problems)) from None
    except Conflict:
        raise click.ClickException(f"user {username!r} exists already") from None
    except NotFound:
        raise click.ClickException(f"no user {username!r}") from None


role_option = click.option("--role", type=click.Choice(ROLES), required=True)
worker_option = click.option("--worker", default=None, help="The social worker's slug (role social_worker).")
languages_option = click.option("--languages", default=None, help="Comma-separated, e.g. en,ar (role editor).")
password_option = click.option("--password", envvar="STAFF_PASSWORD", default=None,
                               help="Else STAFF_PASSWORD, else asked for (recommended).")


@staff_cli.command("create-user")
@click.argument("username")
@role_option
@worker_option
@languages_option
@password_option
def create_user_command(username: str, role: str, worker: str | None, languages: str | None,
                        password: str | None) -> None:
    """Add a staff account with an argon2-hashed password."""
    with _accounts(username) as session:
        user = create_user(session, username, _password(password), role=role, worker=worker,
                           languages=_languages(languages))
        record(session, None, "account.create", f"user:{user.username}", detail=f"role={role}")
    click.echo(f"created staff user {user.username} ({role})")


@staff_cli.command("set-password")
@click.argument("username")
@password_option
def set_password_command(username: str, password: str | None) -> None:
    """Give a staff account a new password (her sessions end)."""
    with _accounts(username) as session:
        user = set_password(session, username, _password(password))
        record(session, None, "account.password", f"user:{user.username}")
    click.echo(f"password of {user.username} changed; her sessions have ended")


@staff_cli.command("set-role")
@click.argument("username")
@role_option
@worker_option
@languages_option
def set_role_command(username: str, role: str, worker: str | None, languages: str | None) -> None:
    """Change the role of a staff account (her sessions end)."""
    with _accounts(username) as session:
        user = set_role(session, username, role, worker=worker, languages=_languages(languages))
        record(session, None, "account.role", f"user:{user.username}", detail=f"role={role}")
    click.echo(f"{user.username} is now {role}; her sessions have ended")


@staff_cli.command("deactivate")
@click.argument("username")
def deactivate_command(username: str) -> None:
    """Deactivate a staff account (she can no longer log in; her sessions end)."""
    with _accounts(username) as session:
        user = set_active(session, username, False)
        record(session, None, "account.deactivate", f"user:{user.username}")
    click.echo(f"{user.username} is deactivated; her sessions have ended")


@staff_cli.command("list")
def list_command() -> None:
    """Every account: name, role, social worker, languages, active, last login (never a password hash)."""
    with session_scope(state().engine) as session:
        rows = list_users(session)
    click.echo("username\trole\tworker\tlanguages\tactive\tlast_login")
    for user, worker in rows:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "-"
        click.echo("\t".join([user.username, user.role, worker.slug if worker else "-",
                              ",".join(user.languages) or "-", "yes" if user.active else "no", last]))


@bp.record_once
def _register(setup_state) -> None:  # noqa: ANN001
    setup_state.app.cli.add_command(staff_cli)
