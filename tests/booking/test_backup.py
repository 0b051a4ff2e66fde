"""Backup and restore: a round trip gives back every table; restore refuses data unless forced, then purges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from service import counters
from service.booking import Booking, free_slots
from service.models import metadata
from service.reports import record
from tests.booking.conftest import parent


def _snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, as text."""
    with engine.connect() as connection:
        return {table.name: sorted(tuple(str(v) for v in row) for row in connection.execute(select(table)))
                for table in metadata.sorted_tables}


def _fill(world, client) -> int:  # noqa: ANN001
    """Two booked talks over the API, counters, and one talk whose details are past their retention."""
    with world.session() as session:
        slots = free_slots(session, "loevenich", datetime.now(UTC).date(), 14)
        for slot, name in ((slots[2], "Oksana"), (slots[5], "Ayşe")):
            body = {**parent(first_name=name, contact=f"parent{len(name)}@example.org").__dict__, "slot_id": slot.id}
            assert client.post("/api/v1/bookings", json=body).status_code == 201
        record(session, "entry_view", datetime.now(UTC).date(), entry="kindergeld", topic="money", lang="ar")
        old = datetime.now(UTC) - timedelta(days=90)
        expired = Booking(social_worker_id=world.workers["worker-a"], kita_id=world.kitas["loevenich"], start=old,
                          end=old + timedelta(minutes=30), status="held", code="OLD234", cancel_token="o" * 32,
                          first_name="Expired", contact="0151 0000000", contact_key="k", created_at=old)
        session.add(expired)
        session.commit()
        return expired.id


def test_round_trip_restores_every_table_and_purges(app, every_day, tmp_path: Path) -> None:
    client, cli = app.test_client(), app.test_cli_runner()
    expired_id = _fill(every_day, client)
    counters.flush()
    before = _snapshot(every_day.engine)
    assert len(before["booking"]) == 3 and before["entry"] and before["daily_counter"]
    backup = tmp_path / "backups" / "wegweiser.dump"
    result = cli.invoke(args=["backup", "create", str(backup)])
    assert result.exit_code == 0, result.output
    assert backup.stat().st_size > 0

    refused = cli.invoke(args=["backup", "restore", str(backup)])
    assert refused.exit_code != 0 and "--force" in refused.output

    with every_day.session() as session:  # changes after the backup, which the restore undoes
        session.execute(Booking.__table__.delete())
        session.commit()
    restored = cli.invoke(args=["backup", "restore", str(backup), "--force"])
    assert restored.exit_code == 0, restored.output
    assert "bookings 1" in restored.output  # the talk past its retention lost its details right away

    after = _snapshot(every_day.engine)
    assert after.keys() == before.keys()
    for table in before:
        if table != "booking":
            assert after[table] == before[table], table
    with every_day.session() as session:
        rows = {b.id: b for b in session.exec(select(Booking)).scalars()}
    assert rows[expired_id].first_name is None and rows[expired_id].purged_at is not None
    kept = [b for b in rows.values() if b.id != expired_id]
    assert sorted(b.first_name for b in kept) == ["Ayşe", "Oksana"]
    assert len(after["booking"]) == len(before["booking"])


def test_restore_into_an_empty_database_needs_no_force(app, every_day, tmp_path: Path, database_url) -> None:
    backup = tmp_path / "empty-target.dump"
    assert app.test_cli_runner().invoke(args=["backup", "create", str(backup)]).exit_code == 0
    with every_day.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert _snapshot(every_day.engine)["kita"]


def test_missing_backup_is_a_clear_error(app, db, tmp_path: Path) -> None:
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(tmp_path / "nope.dump"), "--force"])
    assert result.exit_code != 0 and "no backup" in result.output
