"""kpi.disbursement: cumulative plan, rates, levels and when a reason is asked."""

from decimal import Decimal as D

from kpi.disbursement import BudgetPlan, combine, disbursement_status, needs_reason, owes_disbursement
from kpi.rating import Level

MONTHLY = [D(10_000)] * 12  # 120,000 a year, 10,000 a month


def test_cumulative_plan_and_levels_with_a_monthly_plan():
    plan = BudgetPlan(D(120_000), MONTHLY)
    status = disbursement_status(plan, {1: D(10_000), 2: D(10_000), 3: D(5_000)}, 3)
    assert status.planned == D(30_000)
    assert status.spent == D(25_000)
    assert round(status.pct_of_plan, 2) == D("83.33")
    assert round(status.pct_of_allocation, 2) == D("20.83")
    assert status.level is Level.YELLOW
    assert not needs_reason(status)


def test_later_months_do_not_count_before_their_time():
    plan = BudgetPlan(D(120_000), MONTHLY)
    status = disbursement_status(plan, {1: D(9_000), 5: D(90_000)}, 2)
    assert status.spent == D(9_000)
    assert status.level is Level.RED
    assert status.far_behind and needs_reason(status)


def test_without_a_monthly_plan_only_the_share_of_the_allocation():
    status = disbursement_status(BudgetPlan(D(75_000)), {3: D(15_000)}, 6)
    assert status.planned is None and status.pct_of_plan is None
    assert status.pct_of_allocation == D(20)
    assert status.level is Level.NO_TARGET
    assert not needs_reason(status)


def test_spending_past_the_allocation_asks_for_a_reason():
    status = disbursement_status(BudgetPlan(D(75_000)), {3: D(75_000), 4: D("0.01")}, 4)
    assert status.over_allocation and needs_reason(status)


def test_a_refund_lowers_the_total():
    status = disbursement_status(BudgetPlan(D(120_000), MONTHLY), {1: D(10_000), 2: D(-2_500)}, 2)
    assert status.spent == D(7_500)


def test_combined_lines_keep_a_monthly_plan_only_when_every_line_has_one():
    a = BudgetPlan(D(60_000), [D(5_000)] * 12)
    b = BudgetPlan(D(24_000), [D(2_000)] * 12)
    both = combine([a, b])
    assert both.allocation == D(84_000) and both.planned_to(2) == D(14_000)
    assert combine([a, BudgetPlan(D(1_000))]).monthly is None


def test_no_budget_owes_nothing():
    assert not owes_disbursement(BudgetPlan(D(0)))
    assert owes_disbursement(BudgetPlan(D("0.50")))


def test_plans_and_spending_read_from_the_store(db):
    from datetime import UTC, datetime

    from models import BudgetLine, Disbursement, Project
    from models.budget_queries import budget_plans, spent_by_month
    from tests.factories import unit

    with db.transaction() as s:
        u = unit(s)
        lines, total_only, none_given = (
            Project(unit_id=u.id, year_be=2569, code=code, name=code, budget_baht=budget)
            for code, budget in (("B1", D(84_000)), ("B2", D(75_000)), ("B3", None))
        )
        s.add_all([lines, total_only, none_given])
        s.flush()
        s.add_all(
            [
                BudgetLine(project_id=lines.id, category="operating", total_baht=D(60_000), monthly_plan=["5000"] * 12),
                BudgetLine(
                    project_id=lines.id, category="investment", total_baht=D(24_000), monthly_plan=["2000"] * 12
                ),
                Disbursement(
                    project_id=lines.id,
                    month=2,
                    amount_baht=D("150000.50"),
                    reported_at=datetime(2026, 3, 3, tzinfo=UTC),
                    on_time=True,
                ),
            ]
        )
        s.flush()

        plans = budget_plans(s, [lines.id, total_only.id, none_given.id])
        assert plans[lines.id].planned_to(3) == D(21_000)
        assert plans[total_only.id] == BudgetPlan(D(75_000))
        assert none_given.id not in plans
        assert spent_by_month(s, [lines.id, total_only.id]) == {lines.id: {2: D("150000.50")}}
