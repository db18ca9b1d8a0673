"""officer session version: raised by logout and deactivation, ending every dashboard session

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 21:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('officer') as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('officer') as batch_op:
        batch_op.drop_column('session_version')
