"""Budgets and disbursements as plain rows for many projects at once (column rows, not ORM
objects, as models.plan_queries reads the plan): one way for the chat's card, the reminders,
สถานะ, the dashboard, the export and the evaluation report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from kpi.disbursement import BudgetPlan, combine

from .budget import BudgetLine, Disbursement
from .plan import Project


def _chunks(ids: Collection[int], size: int = 5000) -> list[list[int]]:
    """IN lists kept under the databases' parameter limits."""
    ordered = sorted(ids)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def _monthly(values: list | None) -> list[Decimal] | None:
    if values is None:
        return None
    return [Decimal(str(v)) if v is not None else Decimal(0) for v in values]


def budget_plans(session: Session, project_ids: Collection[int]) -> dict[int, BudgetPlan]:
    """Each project's plan: its budget lines combined, or Project.budget_baht alone when the
    plan file gave no lines. Projects with neither (budget not given) are left out."""
    lines: dict[int, list[BudgetPlan]] = defaultdict(list)
    plans: dict[int, BudgetPlan] = {}
    for chunk in _chunks(project_ids):
        for project_id, total, monthly in session.execute(
            select(BudgetLine.project_id, BudgetLine.total_baht, BudgetLine.monthly_plan).where(
                BudgetLine.project_id.in_(chunk)
            )
        ):
            lines[project_id].append(BudgetPlan(Decimal(total), _monthly(monthly)))
        for project_id, budget in session.execute(
            select(Project.id, Project.budget_baht).where(Project.id.in_(chunk), Project.budget_baht.is_not(None))
        ):
            if project_id not in lines:
                plans[project_id] = BudgetPlan(Decimal(budget))
    plans.update({project_id: combine(parts) for project_id, parts in lines.items()})
    return plans


def spent_by_month(session: Session, project_ids: Collection[int]) -> dict[int, dict[int, Decimal]]:
    """project id → {month: baht disbursed} as reported (months not reported are absent)."""
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for chunk in _chunks(project_ids):
        for project_id, month, amount in session.execute(
            select(Disbursement.project_id, Disbursement.month, Disbursement.amount_baht).where(
                Disbursement.project_id.in_(chunk)
            )
        ):
            spent[project_id][month] = Decimal(amount)
    return dict(spent)
