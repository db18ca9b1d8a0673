"""unit budget version: raised only with changes to a unit's projects, budget lines and
disbursements, so the roll-up cache reads a unit's budget again only when it moved

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 13:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit") as batch_op:
        batch_op.add_column(sa.Column("budget_version", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("unit") as batch_op:
        batch_op.drop_column("budget_version")
