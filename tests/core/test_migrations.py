"""The Alembic migrations create exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from service.models import metadata


def test_migrated_schema_matches_the_models(engine) -> None:  # noqa: ANN001
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_existing_staff_accounts_become_admin(tmp_path) -> None:  # noqa: ANN001
    from sqlalchemy import text

    from service import migrate
    from service.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(engine, "0004")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO staff_user (username, password_hash, active, created_at) "
                                "VALUES ('alt', 'x', 1, '2026-01-01 00:00:00')"))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT role, languages FROM staff_user")).one() == ("admin", "[]")
    engine.dispose()
