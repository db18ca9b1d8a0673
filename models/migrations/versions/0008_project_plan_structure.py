"""project plan structure: fund, strategy, กลยุทธ์, แผนงาน, kind, budget, responsible unit,
duration and master plan (the evaluation report is organised by them)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 08:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

COLUMNS = (
    ('fund', sa.String(length=3)),
    ('strategy_no', sa.Integer()),
    ('strategy_name', sa.Text()),
    ('tactic_no', sa.String(length=20)),
    ('tactic_name', sa.Text()),
    ('work_plan', sa.Text()),
    ('project_type', sa.String(length=100)),
    ('budget_baht', sa.Numeric(precision=18, scale=4)),
    ('responsible_unit', sa.String(length=200)),
    ('duration', sa.String(length=200)),
    ('master_plan', sa.String(length=200)),
)


def upgrade() -> None:
    with op.batch_alter_table('project') as batch_op:
        for name, type_ in COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('project') as batch_op:
        for name, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
