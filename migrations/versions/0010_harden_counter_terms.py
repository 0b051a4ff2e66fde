"""counters keep vocabulary words, never search texts

Revision ID: 0010_harden
Revises: 0001
Create Date: 2026-12-06 03:10:00
"""
from collections.abc import Sequence

from alembic import op

from service.reports.counters import fold_queries

revision: str = '0010_harden'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    fold_queries(op.get_bind())


def downgrade() -> None:
    pass  # the texts are gone on purpose
