"""The dashboard's budget views (issue 13): each unit's disbursement against plan on the
overview with the chart of cumulative plan vs. spent by month, and a unit's budget table per
project (allocation by category, monthly plan, spent by month, cumulative %). Figures and
levels are kpi.disbursement's, as in สถานะ, the export and the evaluation report."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kpi.budget_categories import CATEGORIES
from kpi.disbursement import ZERO, DisbursementStatus, add_spent, disbursement_status
from kpi.periods import MONTHS_ABBR
from kpi.plan_structure import PlanCut
from kpi.rating import HUNDRED, Level, round_half_up
from models.budget import BudgetLine
from models.budget_queries import rollup_of_units, unit_budgets, year_budgets
from presentation.formatting import format_number
from reports.texts import baht as report_baht

from . import charts as C

MONTHS = range(1, 13)
#: Lines in the form's order (งบบุคลากร first).
ORDER = {name: n for n, name in enumerate(CATEGORIES.values())}


@dataclass(frozen=True)
class BudgetOverview:
    """The units' and their total disbursement to the end of `month`, and month by month."""

    month: int
    units: dict[int, DisbursementStatus]
    total: DisbursementStatus | None
    spent: tuple[Decimal, ...]  # disbursed each month, January first
    #: The cumulative monthly plan of the projects that have one (None where none has).
    planned: tuple[Decimal | None, ...]
    units_with_budget: int
    units_with_plan: int  # every project of the unit planned by month


def overview_budget(
    session: Session, year_be: int, month: int, unit_ids: Collection[int], cut: PlanCut | None = None
) -> BudgetOverview:
    """From the units' budgets as the roll-up cache keeps them (models.budget_queries.unit_budgets);
    `cut`: only the projects of a fund and/or strategy (the overview's filter)."""
    parts = unit_budgets(session, year_be, unit_ids, cut)
    money = rollup_of_units(parts, month)
    spent = add_spent(spending for _, spending in parts.values())
    monthly_plans = [plan.monthly for plan, _ in parts.values() if plan.monthly is not None]
    planned: list[Decimal | None] = []
    for m in MONTHS:
        planned.append(sum((sum(p[:m], ZERO) for p in monthly_plans), ZERO) if monthly_plans else None)
    return BudgetOverview(
        month,
        money.units,
        money.office,
        tuple(spent.get(m, ZERO) for m in MONTHS),
        tuple(planned),
        len(parts),
        len(monthly_plans),
    )


def budget_chart(view: BudgetOverview, year_be: int, title: str = "การเบิกจ่ายงบประมาณสะสมเทียบแผน") -> C.Chart:
    """Disbursed each month (bars), cumulative disbursed and cumulative plan (lines), in baht,
    up to the month reported."""
    cumulative, running = [], ZERO
    for m in MONTHS:
        running += view.spent[m - 1]
        cumulative.append(running if m <= view.month else None)
    series = [
        C.Series(
            "เบิกจ่ายรายเดือน", [v if m <= view.month else None for m, v in zip(MONTHS, view.spent)], "bar", C.RESULT
        ),
        C.Series("เบิกจ่ายสะสม", cumulative, "line", C.CUMULATIVE),
    ]
    if view.units_with_plan:
        series.append(C.Series("แผนเบิกจ่ายสะสม", list(view.planned), "line", C.GREY, dashed=True))
    note = "ยังไม่มีหน่วยงานที่ทุกโครงการมีแผนเบิกจ่ายรายเดือน: แสดงเฉพาะการเบิกจ่าย" if not view.units_with_plan else ""
    if 0 < view.units_with_plan < view.units_with_budget:
        note = f"แผนสะสมรวมเฉพาะ {view.units_with_plan} จาก {view.units_with_budget} หน่วยงานที่ทุกโครงการมีแผนเบิกจ่ายรายเดือน"
    total = view.total
    subtitle = f"ปี {year_be} · งบประมาณ {format_number(total.allocation if total else 0, grouping=True)} บาท"
    return C.Chart(
        title,
        MONTHS_ABBR,
        series,
        subtitle=subtitle,
        left_label="บาท",
        note=note,
        reference=total.allocation if total else None,
        reference_label="งบประมาณทั้งปี",
    )


@dataclass(frozen=True)
class BudgetLineRow:
    name: str  # งบดำเนินงาน … or งบประมาณ (not split)
    total: Decimal
    monthly: tuple[Decimal, ...] | None


@dataclass(frozen=True)
class ProjectBudget:
    code: str
    name: str
    lines: tuple[BudgetLineRow, ...]
    planned: tuple[Decimal, ...] | None  # the project's monthly plan (every line has one), else None
    spent: tuple[Decimal | None, ...]  # as reported; None = not reported
    cumulative_pct: tuple[Decimal | None, ...]  # cumulative spent ÷ allocation × 100, to each month
    status: DisbursementStatus  # to the end of the month reported

    @property
    def level(self) -> Level | None:
        return self.status.level if self.status.pct_of_plan is not None else None


def unit_budget(session: Session, unit_id: int, year_be: int, month: int, names: dict[str, str]) -> list[ProjectBudget]:
    """The unit's projects with a budget, in plan order (`names`: project code → name, in order)."""
    budgets = year_budgets(session, year_be, [unit_id])
    lines: dict[int, list[BudgetLineRow]] = {pid: [] for pid in budgets.plans}
    if lines:
        for pid, category, total, monthly in session.execute(
            select(BudgetLine.project_id, BudgetLine.category, BudgetLine.total_baht, BudgetLine.monthly_plan).where(
                BudgetLine.project_id.in_(sorted(lines))
            )
        ):
            lines[pid].append(
                BudgetLineRow(
                    CATEGORIES.get(category, "งบประมาณ"),
                    Decimal(total),
                    None if monthly is None else tuple(Decimal(str(v)) for v in monthly),
                )
            )
    found = []
    for pid, (_, code) in budgets.projects.items():
        plan, spent = budgets.plans[pid], budgets.spent.get(pid, {})
        rows = sorted(lines[pid], key=lambda r: ORDER.get(r.name, -1))
        if not rows:  # the plan file gave the whole only (budget_baht)
            rows = [BudgetLineRow("งบประมาณ", plan.allocation, None)]
        running, cumulative = ZERO, []
        for m in MONTHS:
            running += spent.get(m, ZERO)
            cumulative.append(running / plan.allocation * HUNDRED if m <= month and plan.allocation else None)
        found.append(
            ProjectBudget(
                code,
                names.get(code, ""),
                tuple(rows),
                None if plan.monthly is None else tuple(plan.monthly),
                tuple(spent.get(m) for m in MONTHS),
                tuple(cumulative),
                disbursement_status(plan, spent, month),
            )
        )
    order = {code: n for n, code in enumerate(names)}
    return sorted(found, key=lambda p: order.get(p.code, len(order)))


def baht(value: Decimal | None) -> str:
    """'1,236,000', '150,000.50' as the evaluation report prints budgets; '–' for nothing."""
    return "–" if value is None else report_baht(round_half_up(Decimal(value), 2))


def pct(value: Decimal | None) -> str:
    """'32.69'; '–' for nothing."""
    return "–" if value is None else format_number(round_half_up(value, 2), grouping=True)
