"""Budgets and disbursements seeded into the demo's Uthai Thani plan (2569), through the ORM as
the importer and the chat write them, for the status, export, report and dashboard tests.

P01: one unsplit line of 120,000 with a monthly plan of 10,000 a month; 9,000 spent every month
January–October → to October 90,000 of a planned 100,000 (ร้อยละ 90, ปานกลาง), 75 % of it.
P07: งบดำเนินงาน 300,000 and งบลงทุน 100,000, no monthly plan; 30,000 spent in March and
50,000 in October → 80,000, ร้อยละ 20 of its allocation, no level.
P04: ไม่มีงบประมาณ (0): owes nothing.
The unit (and the office: no other unit has a budget): 520,000, 170,000 spent (ร้อยละ 32.69),
no level (P07 has no monthly plan)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete, select, update

from bot.clock import BANGKOK
from models import BudgetLine, Disbursement, Project, Unit

from . import factories as F

YEAR = 2569
P01_SPENT = {m: Decimal(9000) for m in range(1, 11)}
P07_SPENT = {3: Decimal(30000), 10: Decimal(50000)}


def _project(s, code: str, unit: str = F.UTHAI) -> Project:
    return s.scalar(
        select(Project)
        .join(Unit, Unit.id == Project.unit_id)
        .where(Unit.name == unit, Project.code == code, Project.year_be == YEAR)
    )


def seed_budgets(db) -> dict[str, int]:
    """The budgets above, replacing any the demo has; project code → id."""
    with db.transaction() as s:
        s.execute(delete(Disbursement))
        s.execute(delete(BudgetLine))
        s.execute(update(Project).values(budget_baht=None))
        p01, p04, p07 = (_project(s, code) for code in ("P01", "P04", "P07"))
        p01.budget_baht, p04.budget_baht, p07.budget_baht = Decimal(120000), Decimal(0), Decimal(400000)
        s.add(BudgetLine(project=p01, category="total", total_baht=Decimal(120000), monthly_plan=["10000"] * 12))
        s.add(BudgetLine(project=p07, category="operating", total_baht=Decimal(300000), monthly_plan=None))
        s.add(BudgetLine(project=p07, category="investment", total_baht=Decimal(100000), monthly_plan=None))
        for project, spent in ((p01, P01_SPENT), (p07, P07_SPENT)):
            for month, amount in spent.items():
                s.add(
                    Disbursement(
                        project=project,
                        month=month,
                        amount_baht=amount,
                        reported_at=datetime(2569 - 543, min(month + 1, 12), 3, 9, 0, tzinfo=BANGKOK),
                        on_time=True,
                        source="import",
                    )
                )
        s.flush()
        return {"P01": p01.id, "P04": p04.id, "P07": p07.id}


def plan_p07_by_month(db, ids: dict[str, int]) -> None:
    """P07's lines planned by month too (งบดำเนินงาน 25,000 a month, งบลงทุน 50,000 in May and
    October): the unit is then planned month by month and gets a level."""
    with db.transaction() as s:
        for line in s.scalars(select(BudgetLine).where(BudgetLine.project_id == ids["P07"])):
            if line.category == "operating":
                line.monthly_plan = ["25000"] * 12
            else:
                line.monthly_plan = ["0"] * 4 + ["50000"] + ["0"] * 4 + ["50000"] + ["0"] * 2


def add_disbursement(db, project_id: int, month: int, amount: int) -> None:
    """A month's disbursement saved as the chat saves one (through the ORM: versions move)."""
    with db.transaction() as s:
        s.add(
            Disbursement(
                project_id=project_id,
                month=month,
                amount_baht=Decimal(amount),
                reported_at=datetime(2026, month % 12 + 1, 2, tzinfo=BANGKOK),
                on_time=True,
            )
        )
