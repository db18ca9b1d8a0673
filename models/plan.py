"""The annual action plan: projects, indicators, monthly targets and who reports what."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kpi.kinds import IndicatorKind  # noqa: F401  (the column's values; defined in kpi)

from .base import Amount, Base, UTCDateTime
from .org import Officer, Unit


class Project(Base):
    __tablename__ = "project"
    __table_args__ = (UniqueConstraint("unit_id", "year_be", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    year_be: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(Text)

    unit: Mapped[Unit] = relationship()
    indicators: Mapped[list[Indicator]] = relationship(back_populates="project", order_by="Indicator.number")


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("project_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    weight_pct: Mapped[Decimal] = mapped_column(Amount)
    unit_of_measure: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    higher_is_better: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Top of the ladder for level indicators (ระดับ 5, 7 ขั้นตอน …).
    max_level: Mapped[int | None] = mapped_column(Integer)
    allow_over_100: Mapped[bool] = mapped_column(Boolean, default=False)

    project: Mapped[Project] = relationship(back_populates="indicators")
    targets: Mapped[list[MonthlyTarget]] = relationship(order_by="MonthlyTarget.month", cascade="all, delete-orphan")

    def target_for(self, month: int) -> Decimal:
        for t in self.targets:
            if t.month == month:
                return t.value
        return Decimal(0)


class MonthlyTarget(Base):
    __tablename__ = "monthly_target"
    __table_args__ = (UniqueConstraint("indicator_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    month: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Amount)


class TargetRevision(Base):
    """Append-only: the 12 targets before and after each plan change."""

    __tablename__ = "target_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)
    revised_at: Mapped[datetime] = mapped_column(UTCDateTime())
    before: Mapped[list | None] = mapped_column(JSON)
    after: Mapped[list] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(300))


class Responsibility(Base):
    """Which officer reports which indicator."""

    __tablename__ = "responsibility"
    __table_args__ = (UniqueConstraint("officer_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"), index=True)

    officer: Mapped[Officer] = relationship()
    indicator: Mapped[Indicator] = relationship()
