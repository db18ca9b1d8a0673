"""unit data version: raised with every change to a unit's plan or values

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 06:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('unit') as batch_op:
        batch_op.add_column(sa.Column('data_version', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('unit') as batch_op:
        batch_op.drop_column('data_version')
