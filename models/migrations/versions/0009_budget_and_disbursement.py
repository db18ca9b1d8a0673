"""budget and disbursement: a project's budget lines by category and month, their revisions,
who reports each project's disbursement, and the monthly disbursement with its history

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:40:00
"""

from alembic import op
import sqlalchemy as sa
import models.base


revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("total_baht", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("monthly_plan", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_budget_line_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_line")),
        sa.UniqueConstraint("project_id", "category", name=op.f("uq_budget_line_project_id_category")),
    )
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_line_project_id"), ["project_id"], unique=False)

    op.create_table(
        "budget_responsibility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_budget_responsibility_officer_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_budget_responsibility_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_responsibility")),
        sa.UniqueConstraint("officer_id", "project_id", name=op.f("uq_budget_responsibility_officer_id_project_id")),
    )
    with op.batch_alter_table("budget_responsibility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_responsibility_officer_id"), ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_budget_responsibility_project_id"), ["project_id"], unique=False)

    op.create_table(
        "budget_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("revised_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_budget_revision_project_id_project")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_revision")),
    )
    with op.batch_alter_table("budget_revision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_revision_project_id"), ["project_id"], unique=False)

    op.create_table(
        "disbursement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("amount_baht", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reported_by_id", sa.Integer(), nullable=True),
        sa.Column("reported_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], name=op.f("fk_disbursement_project_id_project")),
        sa.ForeignKeyConstraint(
            ["reported_by_id"], ["officer.id"], name=op.f("fk_disbursement_reported_by_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disbursement")),
        sa.UniqueConstraint("project_id", "month", name=op.f("uq_disbursement_project_id_month")),
    )
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disbursement_project_id"), ["project_id"], unique=False)

    op.create_table(
        "disbursement_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("old_amount", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("new_amount", sa.Numeric(precision=18, scale=4), nullable=False),
        sa.Column("old_note", sa.Text(), nullable=True),
        sa.Column("new_note", sa.Text(), nullable=True),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by_id"], ["officer.id"], name=op.f("fk_disbursement_history_changed_by_id_officer")
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["project.id"], name=op.f("fk_disbursement_history_project_id_project")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disbursement_history")),
    )
    with op.batch_alter_table("disbursement_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disbursement_history_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("disbursement_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disbursement_history_project_id"))

    op.drop_table("disbursement_history")
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disbursement_project_id"))

    op.drop_table("disbursement")
    with op.batch_alter_table("budget_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_revision_project_id"))

    op.drop_table("budget_revision")
    with op.batch_alter_table("budget_responsibility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_responsibility_project_id"))
        batch_op.drop_index(batch_op.f("ix_budget_responsibility_officer_id"))

    op.drop_table("budget_responsibility")
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_line_project_id"))

    op.drop_table("budget_line")
