"""`flask --app service.web staff create-user NAME` and `staff set-password NAME`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from service.accounts.operations import MIN_PASSWORD, create_user, set_password
from service.db import session_scope
from service.errors import Conflict, InvalidInput, NotFound
from service.web.staff import bp
from service.web.state import state

staff_cli = AppGroup("staff", help="Staff accounts.")


def _password(password: str | None) -> str:
    return password or click.prompt(f"Password (at least {MIN_PASSWORD} characters)", hide_input=True,
                                    confirmation_prompt=True)


@staff_cli.command("create-user")
@click.argument("username")
@click.option("--password", envvar="STAFF_PASSWORD", default=None, help="Else asked for (or STAFF_PASSWORD).")
def create_user_command(username: str, password: str | None) -> None:
    """Add a staff user with an argon2-hashed password."""
    try:
        with session_scope(state().engine) as session:
            user = create_user(session, username, _password(password))
    except InvalidInput as exc:
        raise click.ClickException(f"invalid: {', '.join(f'{k} ({v})' for k, v in exc.fields.items())}") from None
    except Conflict:
        raise click.ClickException(f"user {username!r} exists already") from None
    click.echo(f"created staff user {user.username}")


@staff_cli.command("set-password")
@click.argument("username")
@click.option("--password", envvar="STAFF_PASSWORD", default=None, help="Else asked for (or STAFF_PASSWORD).")
def set_password_command(username: str, password: str | None) -> None:
    """Give a staff user a new password."""
    try:
        with session_scope(state().engine) as session:
            set_password(session, username, _password(password))
    except NotFound:
        raise click.ClickException(f"no user {username!r}") from None
    except InvalidInput as exc:
        raise click.ClickException(f"invalid: {', '.join(f'{k} ({v})' for k, v in exc.fields.items())}") from None
    click.echo(f"password of {username} changed")


@bp.record_once
def _register(setup_state) -> None:  # noqa: ANN001
    setup_state.app.cli.add_command(staff_cli)
