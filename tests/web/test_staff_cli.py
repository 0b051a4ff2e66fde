"""`flask --app service.web staff …`: roles, linked social worker, editor languages, deactivation, list."""

from __future__ import annotations

from sqlmodel import Session, select

from service.accounts.models import AuditEntry, StaffUser

PASSWORD = "correct horse battery"


def _run(app, *args: str):
    return app.test_cli_runner().invoke(args=["staff", *args])


def _user(engine, name: str) -> StaffUser:
    with Session(engine) as session:
        return session.exec(select(StaffUser).where(StaffUser.username == name)).one()


def test_roles_from_the_command_line(app, staff_world) -> None:
    engine = staff_world.engine
    assert _run(app, "create-user", "anna", "--role", "social_worker", "--worker", "worker-a",
                "--password", PASSWORD).exit_code == 0
    assert _user(engine, "anna").social_worker_id == staff_world.workers["worker-a"]
    missing = _run(app, "create-user", "bea", "--role", "social_worker", "--password", PASSWORD)
    assert missing.exit_code == 1 and "--worker SLUG" in missing.output
    unknown = _run(app, "create-user", "bea", "--role", "social_worker", "--worker", "nobody", "--password", PASSWORD)
    assert unknown.exit_code == 1 and "no social worker with this slug" in unknown.output
    german = _run(app, "create-user", "dolmetsch", "--role", "editor", "--languages", "de,ar", "--password", PASSWORD)
    assert german.exit_code == 1 and "never edit German" in german.output
    assert _run(app, "create-user", "dolmetsch", "--role", "editor", "--languages", "ar,fa",
                "--password", PASSWORD).exit_code == 0
    assert _user(engine, "dolmetsch").languages == ["ar", "fa"]
    assert _run(app, "set-role", "anna", "--role", "admin").exit_code == 0
    assert _user(engine, "anna").role == "admin" and _user(engine, "anna").social_worker_id is None
    assert _run(app, "deactivate", "dolmetsch").exit_code == 0 and not _user(engine, "dolmetsch").active
    assert _run(app, "deactivate", "nobody").exit_code == 1
    listing = _run(app, "list").output
    assert "anna\tadmin\t-\t-\tyes\t-" in listing and "dolmetsch\teditor\t-\tar,fa\tno\t-" in listing
    assert "$argon2" not in listing
    with Session(engine) as session:
        actions = [a for a in session.exec(select(AuditEntry.action).order_by(AuditEntry.id))]
    assert actions == ["account.create", "account.create", "account.role", "account.deactivate"]


def test_the_password_comes_from_the_environment_or_a_prompt(app, staff_world, monkeypatch) -> None:
    monkeypatch.setenv("STAFF_PASSWORD", PASSWORD)
    assert _run(app, "create-user", "anna", "--role", "admin").exit_code == 0
    monkeypatch.delenv("STAFF_PASSWORD")
    result = app.test_cli_runner().invoke(args=["staff", "set-password", "anna"],
                                          input="a new long password\na new long password\n")
    assert result.exit_code == 0 and "sessions have ended" in result.output
