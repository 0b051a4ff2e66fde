"""content: short titles and the glossary

Revision ID: 0005_content
Revises: 0001
Create Date: 2026-12-06 03:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0005_content'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('glossary_concept',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('concept', sqlmodel.sql.sqltypes.AutoString(length=48), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('de', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('terms', sa.JSON(), nullable=False),
    sa.Column('avoid', sa.JSON(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('glossary_concept', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_concept_concept'), ['concept'], unique=True)
    with op.batch_alter_table('entry_translation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_title', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False,
                                      server_default=''))
    # the default only fills existing rows; the models give new rows theirs
    with op.batch_alter_table('entry_translation', schema=None) as batch_op:
        batch_op.alter_column('short_title', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('entry_translation', schema=None) as batch_op:
        batch_op.drop_column('short_title')
    with op.batch_alter_table('glossary_concept', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_concept_concept'))
    op.drop_table('glossary_concept')
