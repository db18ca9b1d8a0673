"""processed event: failed, for events acknowledged without effect (a retry cannot cure them);
bind attempts indexed by time, for the office-wide brake on guessing codes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 19:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('processed_event') as batch_op:
        batch_op.add_column(sa.Column('failed', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('bind_attempt') as batch_op:
        batch_op.create_index(batch_op.f('ix_bind_attempt_at'), ['at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('bind_attempt') as batch_op:
        batch_op.drop_index(batch_op.f('ix_bind_attempt_at'))
    with op.batch_alter_table('processed_event') as batch_op:
        batch_op.drop_column('failed')
