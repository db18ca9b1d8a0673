"""Budgets and disbursements as plain rows for many projects at once (column rows, not ORM
objects, as models.plan_queries reads the plan): one way for the chat's card, the reminders,
สถานะ, the dashboard, the export and the evaluation report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import exists, func, select, union_all
from sqlalchemy.orm import Session

from kpi.disbursement import BudgetPlan, BudgetView, combine, owes_disbursement
from kpi.indicator import code_key

from .budget import BudgetLine, BudgetResponsibility, Disbursement
from .org import Officer
from .plan import Indicator, Project, Responsibility


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


def budget_reporters(
    session: Session, year_be: int, officer_ids: Collection[int] | None = None, unit_ids: Collection[int] | None = None
) -> list[tuple[int, int]]:
    """Who reports each project's monthly disbursement in the plan year, as (officer id,
    project id): the active officers the officers file named for it (BudgetResponsibility), or,
    when it named none, the project's first officer: the one responsible for its
    lowest-numbered indicator (ties by officer id). The one rule of chat, reminders and every
    other reader; one query, the default computed as it is read (nothing to keep in step when
    the plan or the responsibilities change). Projects without budget are not filtered here
    (`officer_budgets` drops them). Narrowed to some officers or to the officers of some units."""
    named_active = (
        select(BudgetResponsibility.officer_id, BudgetResponsibility.project_id)
        .join(Officer, Officer.id == BudgetResponsibility.officer_id)
        .where(Officer.active.is_(True))
    )
    named = named_active.join(Project, Project.id == BudgetResponsibility.project_id).where(Project.year_be == year_be)
    someone_named = exists(named_active.where(BudgetResponsibility.project_id == Indicator.project_id))
    ranked = (
        select(
            Responsibility.officer_id,
            Indicator.project_id,
            func.row_number()
            .over(partition_by=Indicator.project_id, order_by=(Indicator.number, Responsibility.officer_id))
            .label("rank"),
        )
        .join(Indicator, Indicator.id == Responsibility.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Officer, Officer.id == Responsibility.officer_id)
        .where(Project.year_be == year_be, Officer.active.is_(True), ~someone_named)
        .subquery()
    )
    first = select(ranked.c.officer_id, ranked.c.project_id).where(ranked.c.rank == 1)
    both = union_all(named, first).subquery()
    query = select(both.c.officer_id, both.c.project_id)
    if unit_ids is not None:
        query = query.join(Officer, Officer.id == both.c.officer_id).where(Officer.unit_id.in_(list(unit_ids)))
    if officer_ids is not None:
        query = query.where(both.c.officer_id.in_(list(officer_ids)))
    return [(officer_id, project_id) for officer_id, project_id in session.execute(query)]


def officer_budgets(
    session: Session, year_be: int, officer_ids: Collection[int] | None = None, unit_ids: Collection[int] | None = None
) -> dict[int, tuple[BudgetView, ...]]:
    """officer id → the projects with a budget whose disbursement they report in the plan year
    (`budget_reporters`), each with its plan and what was reported, in plan order."""
    reporters = budget_reporters(session, year_be, officer_ids, unit_ids)
    project_ids = {project_id for _, project_id in reporters}
    if not project_ids:
        return {}
    plans = budget_plans(session, project_ids)
    spent = spent_by_month(session, project_ids)
    names = {
        project_id: (code, name)
        for chunk in _chunks(project_ids)
        for project_id, code, name in session.execute(
            select(Project.id, Project.code, Project.name).where(Project.id.in_(chunk))
        )
    }
    views: dict[int, list[BudgetView]] = defaultdict(list)
    for officer_id, project_id in reporters:
        plan = plans.get(project_id)
        if plan is not None and owes_disbursement(plan):
            code, name = names[project_id]
            views[officer_id].append(BudgetView(project_id, code, name, plan, spent.get(project_id, {})))
    return {officer_id: tuple(sorted(v, key=lambda b: code_key(b.project_code))) for officer_id, v in views.items()}
