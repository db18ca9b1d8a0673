"""Budget disbursement against plan (การเบิกจ่ายงบประมาณ): pure rules shared by the chat's card
and reason question, สถานะ, the dashboard, the export and the evaluation report.

A project's plan is its allocation and, where the plan form gives one, a month-by-month
spending plan. With a monthly plan the division rates the cumulative spending against the
cumulative plan with the indicators' three levels (kpi.rating.level_of); without one, only
the cumulative share of the allocation can be shown, and there is no level."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from .rating import HUNDRED, YELLOW_FROM, Level, level_of

ZERO = Decimal(0)


@dataclass(frozen=True)
class BudgetPlan:
    """A project's allocation (baht) and its monthly plan, January first (None: not given)."""

    allocation: Decimal
    monthly: Sequence[Decimal] | None = None

    def planned_to(self, month: int) -> Decimal | None:
        """The cumulative plan from January to the month; None without a monthly plan."""
        if self.monthly is None:
            return None
        return sum(self.monthly[:month], ZERO)

    def planned_in(self, month: int) -> Decimal | None:
        return None if self.monthly is None else self.monthly[month - 1]


def combine(plans: Sequence[BudgetPlan]) -> BudgetPlan:
    """Category lines (or projects) added up; the monthly plan only if every part has one."""
    allocation = sum((p.allocation for p in plans), ZERO)
    if not plans or any(p.monthly is None for p in plans):
        return BudgetPlan(allocation, None)
    return BudgetPlan(allocation, [sum((p.monthly[m] for p in plans if p.monthly), ZERO) for m in range(12)])


def spent_to(spent: Mapping[int, Decimal], month: int) -> Decimal:
    """What was disbursed from January to the month (months not reported count nothing)."""
    return sum((amount for m, amount in spent.items() if m <= month), ZERO)


@dataclass(frozen=True)
class DisbursementStatus:
    spent: Decimal  # cumulative to the month
    allocation: Decimal
    planned: Decimal | None  # cumulative plan to the month; None without a monthly plan
    #: spent ÷ cumulative plan × 100 (with a monthly plan), else None
    pct_of_plan: Decimal | None
    #: spent ÷ allocation × 100 (ร้อยละการเบิกจ่ายสะสม); None without an allocation
    pct_of_allocation: Decimal | None
    level: Level  # NO_TARGET when there is no monthly plan or nothing was planned yet

    @property
    def over_allocation(self) -> bool:
        return self.spent > self.allocation

    @property
    def far_behind(self) -> bool:
        """Under half of the cumulative plan: asks for a reason, as an indicator under 50 % does."""
        return self.pct_of_plan is not None and self.pct_of_plan < YELLOW_FROM


def disbursement_status(plan: BudgetPlan, spent: Mapping[int, Decimal], month: int) -> DisbursementStatus:
    """The cumulative position at the end of the month."""
    total = spent_to(spent, month)
    planned = plan.planned_to(month)
    pct_of_plan = total / planned * HUNDRED if planned else None
    return DisbursementStatus(
        spent=total,
        allocation=plan.allocation,
        planned=planned,
        pct_of_plan=pct_of_plan,
        pct_of_allocation=total / plan.allocation * HUNDRED if plan.allocation else None,
        level=level_of(pct_of_plan),
    )


def needs_reason(status: DisbursementStatus) -> bool:
    """Spending past the allocation, or far behind the cumulative plan, is explained."""
    return status.over_allocation or status.far_behind


def owes_disbursement(plan: BudgetPlan) -> bool:
    """A project without budget (ไม่มีงบประมาณ, allocation 0) reports no disbursement."""
    return plan.allocation > 0


def add_spent(spents: Iterable[Mapping[int, Decimal]]) -> dict[int, Decimal]:
    """Several projects' monthly disbursements added up month by month."""
    total: dict[int, Decimal] = {}
    for spent in spents:
        for month, amount in spent.items():
            total[month] = total.get(month, ZERO) + amount
    return total


def rollup(parts: Iterable[tuple[BudgetPlan, Mapping[int, Decimal]]], month: int) -> DisbursementStatus | None:
    """A unit's (or the office's) position: its projects with a budget combined (a level only
    when every one of them has a monthly plan); None when none of them has a budget."""
    owing = [(plan, spent) for plan, spent in parts if owes_disbursement(plan)]
    if not owing:
        return None
    return disbursement_status(combine([plan for plan, _ in owing]), add_spent(spent for _, spent in owing), month)


@dataclass(frozen=True)
class BudgetView:
    """A project whose monthly disbursement one officer reports (models.budget_queries
    .budget_reporters decides who), its plan and what was reported, month → baht."""

    project_id: int
    project_code: str
    project_name: str
    plan: BudgetPlan
    spent: Mapping[int, Decimal]

    def owes(self, month: int) -> bool:
        """The month's disbursement is still to be reported (even when nothing was spent: 0)."""
        return owes_disbursement(self.plan) and month not in self.spent

    def status_with(self, month: int, amount: Decimal) -> DisbursementStatus:
        """The cumulative position at the end of the month if `amount` is that month's figure."""
        return disbursement_status(self.plan, {**self.spent, month: amount}, month)

    def with_spent(self, month: int, amount: Decimal) -> BudgetView:
        return BudgetView(
            self.project_id, self.project_code, self.project_name, self.plan, {**self.spent, month: amount}
        )
