"""staff roles, server-side sessions, stand-ins, audit log; existing accounts become admin

Revision ID: 0005_staff
Revises: 0004
Create Date: 2026-12-06 02:55:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005_staff'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = ('0001',)


def upgrade() -> None:
    # Existing accounts saw everything before: they become admin (the README says how to give them their roles).
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False,
                                      server_default=sa.text("'admin'")))
        batch_op.add_column(sa.Column('social_worker_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('languages', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.create_index(batch_op.f('ix_staff_user_social_worker_id'), ['social_worker_id'], unique=False)
        batch_op.create_foreign_key('fk_staff_user_social_worker_id', 'social_worker', ['social_worker_id'], ['id'])

    op.create_table('staff_session',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_session_user_id'), ['user_id'], unique=False)

    op.create_table('staff_stand_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('social_worker_id', sa.Integer(), nullable=False),
    sa.Column('for_social_worker_id', sa.Integer(), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['for_social_worker_id'], ['social_worker.id'], ),
    sa.ForeignKeyConstraint(['social_worker_id'], ['social_worker.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_stand_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_stand_in_for_social_worker_id'), ['for_social_worker_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_staff_stand_in_social_worker_id'), ['social_worker_id'], unique=False)

    op.create_table('staff_audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('object', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_audit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_audit_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_audit_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_audit_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_table('staff_audit')
    op.drop_table('staff_stand_in')
    op.drop_table('staff_session')
    with op.batch_alter_table('staff_user', schema=None) as batch_op:
        batch_op.drop_constraint('fk_staff_user_social_worker_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_staff_user_social_worker_id'))
        batch_op.drop_column('languages')
        batch_op.drop_column('social_worker_id')
        batch_op.drop_column('role')
