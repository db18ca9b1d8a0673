"""Budgets and disbursements as plain rows for many projects at once (column rows, not ORM
objects, as models.plan_queries reads the plan): one way for the chat's card, the reminders,
สถานะ, the dashboard, the export and the evaluation report."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import CompoundSelect, FromClause, Select, exists, func, null, select, type_coerce, union_all
from sqlalchemy.orm import Session

from kpi.disbursement import (
    BudgetPlan,
    BudgetView,
    DisbursementStatus,
    combine,
    disbursement_status,
    owes_disbursement,
    rollup,
)
from kpi.indicator import code_key
from kpi.plan_structure import PlanCut

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


class _PlanParts:
    """Projects' budgets gathered as rows arrive (a project's own total, its budget lines), for
    the one rule of a project's plan (`plans`)."""

    def __init__(self) -> None:
        self.lines: dict[int, list[BudgetPlan]] = defaultdict(list)
        self.totals: dict[int, Decimal] = {}

    def add_total(self, project_id: int, budget: Decimal | None) -> None:
        if budget is not None:
            self.totals[project_id] = Decimal(budget)

    def add_line(self, project_id: int, total: Decimal | None, monthly: list | None) -> None:
        if total is not None:
            self.lines[project_id].append(BudgetPlan(Decimal(total), _monthly(monthly)))

    def plans(self, owed_only: bool = False) -> dict[int, BudgetPlan]:
        """Each project's plan: its lines combined, else its total alone, else none;
        `owed_only`: only those that owe a disbursement (an allocation over 0)."""
        plans = {pid: BudgetPlan(total) for pid, total in self.totals.items() if pid not in self.lines}
        plans.update({pid: combine(parts) for pid, parts in self.lines.items()})
        return {pid: plan for pid, plan in plans.items() if owes_disbursement(plan)} if owed_only else plans


def budget_plans(session: Session, project_ids: Collection[int]) -> dict[int, BudgetPlan]:
    """Each project's plan: its budget lines combined, or Project.budget_baht alone when the
    plan file gave no lines. Projects with neither (budget not given) are left out."""
    parts = _PlanParts()
    for chunk in _chunks(project_ids):
        for project_id, total, monthly in session.execute(
            select(BudgetLine.project_id, BudgetLine.total_baht, BudgetLine.monthly_plan).where(
                BudgetLine.project_id.in_(chunk)
            )
        ):
            parts.add_line(project_id, total, monthly)
        for project_id, budget in session.execute(
            select(Project.id, Project.budget_baht).where(Project.id.in_(chunk), Project.budget_baht.is_not(None))
        ):
            parts.add_total(project_id, budget)
    return parts.plans()


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


@dataclass(frozen=True)
class BudgetRollup:
    """Disbursement against plan to the end of a month: per project (unit id, project code),
    per unit and for them all (None: no project with a budget)."""

    month: int
    projects: dict[tuple[int, str], DisbursementStatus]
    units: dict[int, DisbursementStatus]
    office: DisbursementStatus | None


@dataclass(frozen=True)
class YearBudgets:
    """The projects of a plan year with a budget (allocation over 0): which unit and code each
    is, its plan and what it spent month by month."""

    projects: dict[int, tuple[int, str]]  # project id → (unit id, project code)
    plans: dict[int, BudgetPlan]
    spent: dict[int, dict[int, Decimal]]

    def of_unit(self) -> dict[int, list[int]]:
        by_unit: dict[int, list[int]] = defaultdict(list)
        for pid, (unit_id, _) in self.projects.items():
            by_unit[unit_id].append(pid)
        return dict(by_unit)

    def rollup(self, month: int) -> BudgetRollup:
        parts = {pid: (self.plans[pid], self.spent.get(pid, {})) for pid in self.projects}
        units = {uid: rollup([parts[pid] for pid in pids], month) for uid, pids in self.of_unit().items()}
        return BudgetRollup(
            month,
            {self.projects[pid]: disbursement_status(plan, spent, month) for pid, (plan, spent) in parts.items()},
            {uid: status for uid, status in units.items() if status is not None},
            rollup(parts.values(), month),
        )


def _projects_of(query, year_be: int, unit_ids: Collection[int] | None, cut: PlanCut | None):
    """The query kept to the year's projects of these units (None: all) and of the cut."""
    query = query.where(Project.year_be == year_be)
    if unit_ids is not None:
        query = query.where(Project.unit_id.in_(sorted(unit_ids)))
    if cut is not None and cut.fund is not None:
        query = query.where(Project.fund == cut.fund)
    if cut is not None and cut.strategy_no is not None:
        query = query.where(Project.strategy_no == cut.strategy_no)
    return query


def year_budgets(
    session: Session, year_be: int, unit_ids: Collection[int] | None = None, cut: PlanCut | None = None
) -> YearBudgets:
    """Every unit's (or these units') projects of the year with a budget: one query per table
    whatever the number of units (and one more per 5,000 projects: the IN lists are chunked)."""
    query = _projects_of(select(Project.id, Project.unit_id, Project.code), year_be, unit_ids, cut)
    found = {pid: (unit_id, code) for pid, unit_id, code in session.execute(query)}
    plans = {pid: plan for pid, plan in budget_plans(session, found).items() if owes_disbursement(plan)}
    return YearBudgets({pid: found[pid] for pid in plans}, plans, spent_by_month(session, plans))


#: A unit's projects with a budget together: their combined plan and spending by month.
UnitBudget = tuple[BudgetPlan, dict[int, Decimal]]


def unit_budget_parts(
    session: Session, year_be: int, unit_ids: Collection[int] | None = None, cut: PlanCut | None = None
) -> dict[int, UnitBudget]:
    """Each unit's projects with a budget, combined (kpi.disbursement.combine) with their
    spending added up by month in the database (a unit's twelve sums, not every project's
    rows): what the roll-up cache keeps per unit, whatever the month asked. Two statements
    (and one more per 5,000 projects with a budget): the projects with their budget lines,
    then the spending."""
    query = _projects_of(
        select(Project.id, Project.unit_id, Project.budget_baht, BudgetLine.total_baht, BudgetLine.monthly_plan)
        .select_from(Project)
        .outerjoin(BudgetLine, BudgetLine.project_id == Project.id),
        year_be,
        unit_ids,
        cut,
    )
    unit_of: dict[int, int] = {}
    parts = _PlanParts()
    for pid, unit_id, budget, line_total, monthly in session.execute(query):
        unit_of[pid] = unit_id
        parts.add_total(pid, budget)
        parts.add_line(pid, line_total, monthly)
    plans = parts.plans(owed_only=True)
    by_unit: dict[int, list[BudgetPlan]] = defaultdict(list)
    for pid, plan in plans.items():
        by_unit[unit_of[pid]].append(plan)
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for chunk in _chunks(plans):
        for unit_id, month, amount in session.execute(
            select(Project.unit_id, Disbursement.month, func.sum(Disbursement.amount_baht))
            .join(Project, Project.id == Disbursement.project_id)
            .where(Disbursement.project_id.in_(chunk))
            .group_by(Project.unit_id, Disbursement.month)
        ):
            spent[unit_id][month] = spent[unit_id].get(month, Decimal(0)) + Decimal(amount)
    return {uid: (combine(parts), spent.get(uid, {})) for uid, parts in by_unit.items()}


def unit_budgets(
    session: Session, year_be: int, unit_ids: Collection[int] | None = None, cut: PlanCut | None = None
) -> dict[int, UnitBudget]:
    """unit_budget_parts, through the database's roll-up cache when the session has one and
    no cut is asked (the cache holds whole units)."""
    from .status_queries import ROLLUP_CACHE

    cache = session.info.get(ROLLUP_CACHE)
    if cache is not None and cut is None:
        return cache.budgets(session, year_be, unit_ids)
    return unit_budget_parts(session, year_be, unit_ids, cut)


def rollup_of_units(parts: dict[int, UnitBudget], month: int) -> BudgetRollup:
    """The units' and their total position at the end of the month (no project figures)."""
    return BudgetRollup(
        month,
        {},
        {uid: disbursement_status(plan, spent, month) for uid, (plan, spent) in parts.items()},
        rollup(parts.values(), month),
    )


def rollup_disbursements(
    session: Session, year_be: int, month: int, unit_ids: Collection[int] | None = None, cut: PlanCut | None = None
) -> BudgetRollup:
    """The units' and their total disbursement (no project figures), for roll-ups of many
    units: through the database's roll-up cache (only units changed since are read again)
    when the session has one and no cut is asked."""
    from .status_queries import ROLLUP_CACHE

    cache = session.info.get(ROLLUP_CACHE)
    if cache is not None and cut is None:
        return cache.budget_rollup(session, year_be, month, unit_ids)
    return rollup_of_units(unit_budget_parts(session, year_be, unit_ids, cut), month)


def unit_disbursements(
    session: Session, year_be: int, month: int, unit_ids: Collection[int] | None = None, cut: PlanCut | None = None
) -> BudgetRollup:
    """Disbursement against plan to the end of the month, per project, unit and for them all."""
    return year_budgets(session, year_be, unit_ids, cut).rollup(month)


def _reporters(year_be: int) -> CompoundSelect:
    """(officer_id, project_id) of the plan year: the rule of `budget_reporters`."""
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
    return union_all(named, first)


def _narrowed(query: Select[Any], both: FromClause, officer_ids, unit_ids) -> Select[Any]:
    if unit_ids is not None:
        query = query.join(Officer, Officer.id == both.c.officer_id).where(Officer.unit_id.in_(list(unit_ids)))
    if officer_ids is not None:
        query = query.where(both.c.officer_id.in_(list(officer_ids)))
    return query


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
    both = _reporters(year_be).subquery()
    query = _narrowed(select(both.c.officer_id, both.c.project_id), both, officer_ids, unit_ids)
    return [(officer_id, project_id) for officer_id, project_id in session.execute(query)]


def officer_budgets(
    session: Session, year_be: int, officer_ids: Collection[int] | None = None, unit_ids: Collection[int] | None = None
) -> dict[int, tuple[BudgetView, ...]]:
    """officer id → the projects with a budget whose disbursement they report in the plan year
    (`budget_reporters`), each with its plan and what was reported, in plan order. One statement
    (every officer's view reads it when their unit's data changed): the reporters' projects with
    their budget lines, then UNION ALL their disbursements, so a line's monthly plan is read once,
    not once per month reported (the reminder round reads every unit's)."""
    both = _reporters(year_be).cte("reporters")
    planned = _narrowed(
        select(
            both.c.officer_id,
            both.c.project_id,
            Project.code,
            Project.name,
            Project.budget_baht,
            BudgetLine.id,
            BudgetLine.total_baht,
            BudgetLine.monthly_plan,
            type_coerce(null(), Disbursement.month.type),
            type_coerce(null(), Disbursement.amount_baht.type),
        )
        .join(Project, Project.id == both.c.project_id)
        .outerjoin(BudgetLine, BudgetLine.project_id == both.c.project_id),
        both,
        officer_ids,
        unit_ids,
    )
    spent_rows = _narrowed(
        select(
            both.c.officer_id,
            both.c.project_id,
            *[null()] * 6,
            Disbursement.month,
            Disbursement.amount_baht,
        ).join(Disbursement, Disbursement.project_id == both.c.project_id),
        both,
        officer_ids,
        unit_ids,
    )
    parts = _PlanParts()
    names: dict[int, tuple[str, str]] = {}
    reporters: dict[int, set[int]] = defaultdict(set)
    spent: dict[int, dict[int, Decimal]] = defaultdict(dict)
    seen_lines: set[int] = set()  # a line comes once per officer reporting its project
    for row in session.execute(union_all(planned, spent_rows)):
        officer_id, project_id, code, name, budget, line_id, line_total, line_monthly, month, amount = row
        if month is not None:
            spent[project_id][month] = Decimal(amount)
            continue
        reporters[officer_id].add(project_id)
        names[project_id] = (code, name)
        parts.add_total(project_id, budget)
        if line_id is not None and line_id not in seen_lines:
            seen_lines.add(line_id)
            parts.add_line(project_id, line_total, line_monthly)
    plans = parts.plans(owed_only=True)
    return {
        officer_id: tuple(
            sorted(
                (BudgetView(p, *names[p], plans[p], spent.get(p, {})) for p in projects if p in plans),
                key=lambda b: code_key(b.project_code),
            )
        )
        for officer_id, projects in reporters.items()
        if any(p in plans for p in projects)
    }
