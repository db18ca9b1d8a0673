"""A project's budget (by category and month, as the plan form gives it), who reports its
disbursement, and the disbursement reported every month with its append-only history."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Amount, Base, UTCDateTime
from .org import Officer
from .plan import Project
from .results import ChangeStamp, ReportStamp


class BudgetLine(Base):
    """One category of a project's budget (kpi.budget_categories: personnel … or total):
    the allocation and, where the plan gives it, the month-by-month spending plan (baht)."""

    __tablename__ = "budget_line"
    __table_args__ = (UniqueConstraint("project_id", "category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    total_baht: Mapped[Decimal] = mapped_column(Amount)
    #: Twelve amounts, January first (None = the plan gives no month-by-month split).
    monthly_plan: Mapped[list | None] = mapped_column(JSON)

    project: Mapped[Project] = relationship()


class BudgetRevision(Base):
    """Append-only: a project's budget lines before and after each plan change."""

    __tablename__ = "budget_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    revised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(300))


class BudgetResponsibility(Base):
    """Which officer reports which project's monthly disbursement."""

    __tablename__ = "budget_responsibility"
    __table_args__ = (UniqueConstraint("officer_id", "project_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)

    officer: Mapped[Officer] = relationship()
    project: Mapped[Project] = relationship()


class Disbursement(ReportStamp, Base):
    """The baht a project spent in one month (การเบิกจ่าย); negative only as a confirmed
    refund (คืนเงิน). The year is the project's."""

    __tablename__ = "disbursement"
    __table_args__ = (UniqueConstraint("project_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    amount_baht: Mapped[Decimal] = mapped_column(Amount)

    project: Mapped[Project] = relationship()


class DisbursementHistory(ChangeStamp, Base):
    """Append-only audit trail: one row for every change of a month's disbursement."""

    __tablename__ = "disbursement_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    old_amount: Mapped[Decimal | None] = mapped_column(Amount)
    new_amount: Mapped[Decimal] = mapped_column(Amount)
