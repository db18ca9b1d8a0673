"""The office roll-up kept up to date as values arrive (models/rollup_cache.py): each unit's
data version is raised by every change to what it is rated from (models/data_versions.py),
and a cached roll-up always equals one rated afresh."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.clock import BANGKOK
from kpi.periods import reporting_period
from kpi.rating import Scope, ScopeKind, rate_office
from models import BudgetLine, Disbursement, Indicator, MonthlyTarget, Project, Responsibility, Unit
from models.reporting import save_value
from models.rollup_cache import RollupCache
from models.status_queries import rate_loaded, rate_units

from . import factories as F
from .statements import counted
from .test_status_chat import BRANCH, UTHAI, chat_as, indicator_id, report, strings, uthai  # noqa: F401


@pytest.fixture
def office(uthai, db):
    """The demo's Uthai Thani plan with some October values, and a second unit of two indicators."""
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        for n in (1, 2):
            F.indicator(s, other, f"P0{n}", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    return db


def scopes(now: datetime) -> list[Scope]:
    as_of = reporting_period(now)
    return [Scope.around(kind, as_of) for kind in ScopeKind]


def afresh(db, scope: Scope, now: datetime):
    """The roll-up with no cache: every unit loaded and rated."""
    with db.transaction() as s:
        return rate_office(rate_loaded(s, scope, now), scope)


def cached(db, scope: Scope, now: datetime):
    with db.transaction() as s:
        return rate_units(s, scope, now)


def versions(db) -> dict[str, int]:
    with db.transaction() as s:
        return dict(s.execute(select(Unit.name, Unit.data_version)).all())


def warm(db, now: datetime) -> None:
    for scope in scopes(now):
        assert cached(db, scope, now) == afresh(db, scope, now)


def _report(db):
    report(db, {"P07/4": "7"})


def _correct(db):
    report(db, {"P07/1": "81"})


def _report_other_unit(db):
    report(db, {"P01/1": "6"}, unit=BRANCH)


def _weight(db):
    with db.transaction() as s:
        s.get(Indicator, indicator_id(s, "P07", 1)).weight_pct = Decimal(5)


def _target(db):
    with db.transaction() as s:
        target = s.scalar(
            select(MonthlyTarget).where(
                MonthlyTarget.indicator_id == indicator_id(s, "P01", 1), MonthlyTarget.month == 10
            )
        )
        target.value = Decimal(1)


def _new_indicator(db):
    with db.transaction() as s:
        F.indicator(s, F.unit(s), "P99", 1, "ตัวชี้วัดใหม่", "ราย", "count", [3] * 12)


def _delete_indicator(db):
    with db.transaction() as s:
        ind = s.get(Indicator, indicator_id(s, "P02", 1, unit=BRANCH))
        s.delete(ind)


def _rename(db):
    with db.transaction() as s:
        F.unit(s, BRANCH).name = "สำนักงานประกันสังคมจังหวัดชัยนาท (ใหม่)"


def _project_name(db):
    with db.transaction() as s:
        project = s.scalar(select(Project).join(Unit).where(Unit.name == UTHAI, Project.code == "P04"))
        project.name = "ชื่อโครงการใหม่"


def _disbursement(db):
    with db.transaction() as s:
        project = s.scalar(select(Project).join(Unit).where(Unit.name == UTHAI, Project.code == "P07"))
        s.add(
            Disbursement(
                project_id=project.id,
                month=10,
                amount_baht=Decimal(1500),
                reported_at=datetime(2026, 11, 2, tzinfo=BANGKOK),
                on_time=True,
            )
        )


def _budget_line(db):
    with db.transaction() as s:
        project = s.scalar(select(Project).join(Unit).where(Unit.name == BRANCH, Project.code == "P01"))
        s.add(BudgetLine(project_id=project.id, category="total", total_baht=Decimal(90000), monthly_plan=None))


def _project_moved(db):
    """No screen moves a project, but any write through the ORM keeps both summaries right."""
    with db.transaction() as s:
        project = s.scalar(select(Project).join(Unit).where(Unit.name == UTHAI, Project.code == "P04"))
        project.unit_id = F.unit(s, BRANCH).id


def _indicator_moved(db):
    with db.transaction() as s:
        ind = s.get(Indicator, indicator_id(s, "P07", 4))
        ind.project_id = s.get(Indicator, indicator_id(s, "P01", 1, unit=BRANCH)).project_id
        ind.number = 9


CHANGES = {  # a change → the units whose version it must raise
    "a value reported": (_report, {UTHAI}),
    "a value corrected": (_correct, {UTHAI}),
    "a value of another unit": (_report_other_unit, {BRANCH}),
    "an indicator's weight": (_weight, {UTHAI}),
    "a monthly target": (_target, {UTHAI}),
    "a new indicator and project": (_new_indicator, {UTHAI}),
    "an indicator deleted": (_delete_indicator, {BRANCH}),
    "a project renamed": (_project_name, {UTHAI}),
    "a disbursement reported": (_disbursement, {UTHAI}),
    "a budget line imported": (_budget_line, {BRANCH}),
    "a project moved to another unit": (_project_moved, {UTHAI, BRANCH}),
    "an indicator moved to another unit's project": (_indicator_moved, {UTHAI, BRANCH}),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_a_cached_roll_up_equals_a_fresh_one_after_each_change(office, clock, change):
    db, now = office, clock.now()
    do, units = CHANGES[change]
    warm(db, now)
    before = versions(db)
    db.rollups.stats.rated = 0
    do(db)
    after = versions(db)
    assert {name for name in after if after[name] != before.get(name)} == units
    for scope in scopes(now):
        assert cached(db, scope, now) == afresh(db, scope, now)
    assert db.rollups.stats.rated == len(scopes(now)) * len(units)  # only the changed units, once per scope


def test_a_renamed_unit_is_rated_again_under_its_new_name(office, clock):
    now = clock.now()
    warm(office, now)
    _rename(office)
    scope = scopes(now)[0]
    names = [u.unit_name for u in cached(office, scope, now).units]
    assert names == [u.unit_name for u in afresh(office, scope, now).units]
    assert "สำนักงานประกันสังคมจังหวัดชัยนาท (ใหม่)" in names


def test_a_deadline_passing_rates_again(office, clock):
    """On 5 Nov October's reports are pending; on the 6th the same ones are missing."""
    clock.set(datetime(2026, 11, 5, 23, 0, tzinfo=BANGKOK))
    month = scopes(clock.now())[0]
    before = cached(office, month, clock.now())
    assert before.completeness.missing == 0 and before.completeness.pending > 0
    clock.set(datetime(2026, 11, 6, 9, 0, tzinfo=BANGKOK))
    after = cached(office, month, clock.now())
    assert after == afresh(office, month, clock.now())
    assert after.completeness.missing == before.completeness.pending


def test_an_unchanged_office_is_not_loaded_again(office, clock):
    now, scope = clock.now(), scopes(clock.now())[0]
    first = cached(office, scope, now)
    with counted(office.engine) as statements:
        again = cached(office, scope, now)
        unchanged = len(statements)
        report(office, {"P01/1": "8"}, unit=BRANCH)
        statements.clear()
        changed = cached(office, scope, now)
    assert again == first and unchanged == 1  # the units' versions, nothing else
    assert changed != first and len(statements) == 4  # versions + the one unit's plan, targets and values
    assert all("IN" in s.upper() for s in statements[1:])


def test_a_few_units_share_the_office_cache(office, clock):
    """A supervisor's roll-up of their units: rated as afresh, and the office's other units kept."""
    now, scope = clock.now(), scopes(clock.now())[0]
    cached(office, scope, now)
    with office.transaction() as s:
        uthai_id = F.unit(s).id
    report(office, {"P07/4": "9"})
    office.rollups.stats.rated = office.rollups.stats.reused = 0
    with office.transaction() as s:
        some = rate_units(s, scope, now, {uthai_id})
        expected = rate_office(rate_loaded(s, scope, now, {uthai_id}), scope)
    assert some == expected and [u.unit_name for u in some.units] == [UTHAI]
    assert (office.rollups.stats.rated, office.rollups.stats.reused) == (1, 0)
    assert cached(office, scope, now) == afresh(office, scope, now)
    assert (office.rollups.stats.rated, office.rollups.stats.reused) == (1, 2)  # nothing rated again


def test_who_reports_what_raises_the_version_of_both_units(office, clock):
    """An officer of the branch made responsible for an Uthai Thani indicator: both units move
    (the rating of neither changes, but the officer's view in chat does)."""
    before = versions(office)
    with office.transaction() as s:
        officer = F.officer(s, "x.new", F.unit(s, BRANCH))
    assert versions(office) == before
    with office.transaction() as s:
        s.add(Responsibility(officer_id=officer.id, indicator_id=indicator_id(s, "P01", 1)))
    after = versions(office)
    assert {name for name in after if after[name] != before[name]} == {UTHAI, BRANCH}


def test_the_cache_keeps_a_few_scopes_only(office, clock):
    cache, now = RollupCache(max_scopes=2), clock.now()
    expected = [afresh(office, scope, now) for scope in scopes(now)]
    with office.transaction() as s:
        assert [cache.rate(s, scope, now) for scope in scopes(now)] == expected
    assert len(cache._scopes) == 2


def test_a_planner_sees_a_value_sent_between_two_questions(office, chat_with):
    planner = chat_as(chat_with, "plan.chief")
    planner.say("สถานะ")
    assert "ดี 1 ปานกลาง 1 ต่ำ 4" in "\n".join(strings(planner.last[0]))
    report(office, {"P01/1": "5", "P02/1": "5"}, unit=BRANCH)  # both of its projects now green
    planner.say("สถานะ")
    assert "ดี 3 ปานกลาง 1 ต่ำ 2" in "\n".join(strings(planner.last[0]))


def test_budgets_are_kept_per_unit_and_read_again_when_a_disbursement_arrives(office, clock):
    """The units' budgets through the cache: an unchanged office reads only the versions; a
    disbursement saved re-reads its unit and the roll-up equals one read afresh."""
    from models.budget_queries import rollup_disbursements, rollup_of_units, unit_budget_parts

    from .budget_seed import add_disbursement, seed_budgets

    ids = seed_budgets(office)
    with office.transaction() as s:
        first = rollup_disbursements(s, 2569, 10)
    with counted(office.engine) as statements, office.transaction() as s:
        again = rollup_disbursements(s, 2569, 10)
    assert again == first and len(statements) == 1 and first.office.spent == 170000
    add_disbursement(office, ids["P07"], 9, 1500)
    with office.transaction() as s:
        after = rollup_disbursements(s, 2569, 10)
        fresh = rollup_of_units(unit_budget_parts(s, 2569), 10)
    assert after == fresh and after.office.spent == 171500


def budget_versions(db) -> dict[str, int]:
    with db.transaction() as s:
        return dict(s.execute(select(Unit.name, Unit.budget_version)).all())


def test_values_reported_do_not_read_the_budgets_again(office, clock):
    """The common case between two planners' questions: values arrive, no money moves. Their
    unit's data version moves (its rating is read again) but not its budget version, so the
    summary's budgets come from the cache without a statement of their own."""
    from models.budget_queries import rollup_disbursements, rollup_of_units, unit_budget_parts

    from .budget_seed import seed_budgets

    seed_budgets(office)
    now, scope = clock.now(), scopes(clock.now())[0]
    with office.transaction() as s:
        rate_units(s, scope, now)
        first = rollup_disbursements(s, 2569, 10)
    data, budget = versions(office), budget_versions(office)
    report(office, {"P07/4": "7", "P01/1": "9"})  # Uthai Thani: the unit with the budgets
    assert versions(office)[UTHAI] != data[UTHAI] and budget_versions(office) == budget
    with counted(office.engine) as statements, office.transaction() as s:
        rated = rate_units(s, scope, now)
        money = rollup_disbursements(s, 2569, 10)
    assert rated == afresh(office, scope, now)
    assert len(statements) == 4  # the versions, then the one unit's plan, targets and values
    assert not any("budget_line" in s or "disbursement" in s for s in statements)
    with office.transaction() as s:
        assert money == first == rollup_of_units(unit_budget_parts(s, 2569), 10)


def _money_reported(db, ids):
    from .budget_seed import add_disbursement

    add_disbursement(db, ids["P07"], 9, 1500)


def _money_corrected(db, ids):
    with db.transaction() as s:
        s.scalar(select(Disbursement).filter_by(project_id=ids["P01"], month=10)).amount_baht = Decimal(12000)


def _money_deleted(db, ids):
    with db.transaction() as s:
        s.delete(s.scalar(select(Disbursement).filter_by(project_id=ids["P07"], month=3)))


def _planned_by_month(db, ids):
    from .budget_seed import plan_p07_by_month

    plan_p07_by_month(db, ids)


def _project_budget(db, ids):
    with db.transaction() as s:
        s.get(Project, ids["P04"]).budget_baht = Decimal(60000)  # no lines: its total is its plan


def _other_unit_budget(db, ids):
    _budget_line(db)


def _value_and_money(db, ids):
    """A value of the branch and a disbursement of Uthai Thani in one flush: both data versions
    move, only Uthai Thani's budget version."""
    with db.transaction() as s:
        save_value(
            s,
            indicator_id=indicator_id(s, "P01", 1, BRANCH),
            month=10,
            value=Decimal(6),
            note=None,
            officer_id=None,
            now=datetime(2026, 11, 3, 9, 0, tzinfo=BANGKOK),
            on_time=True,
            source="chat",
        )
        s.add(
            Disbursement(
                project_id=ids["P01"],
                month=11,
                amount_baht=Decimal(7000),
                reported_at=datetime(2026, 12, 2, tzinfo=BANGKOK),
                on_time=True,
            )
        )


def _budgeted_project_moved(db, ids):
    with db.transaction() as s:
        s.get(Project, ids["P07"]).unit_id = F.unit(s, BRANCH).id


BUDGET_CHANGES = {  # a change to the money → the units whose budget version it must raise
    "a disbursement reported": (_money_reported, {UTHAI}),
    "a disbursement corrected": (_money_corrected, {UTHAI}),
    "a disbursement deleted": (_money_deleted, {UTHAI}),
    "a budget line planned by month": (_planned_by_month, {UTHAI}),
    "a project's own budget": (_project_budget, {UTHAI}),
    "a budget line of another unit": (_other_unit_budget, {BRANCH}),
    "a value and a disbursement": (_value_and_money, {UTHAI}),
    "a project with its budget moved": (_budgeted_project_moved, {UTHAI, BRANCH}),
}


@pytest.mark.parametrize("change", BUDGET_CHANGES, ids=list(BUDGET_CHANGES))
def test_cached_budgets_equal_fresh_ones_after_each_money_change(office, clock, change):
    from models.budget_queries import rollup_disbursements, rollup_of_units, unit_budget_parts

    from .budget_seed import seed_budgets

    ids = seed_budgets(office)
    do, units = BUDGET_CHANGES[change]
    months = (3, 10, 12)
    with office.transaction() as s:
        before = [rollup_disbursements(s, 2569, m) for m in months]
    versions_before = budget_versions(office)
    do(office, ids)
    after_versions = budget_versions(office)
    assert {name for name in after_versions if after_versions[name] != versions_before[name]} == units
    with office.transaction() as s:
        after = [rollup_disbursements(s, 2569, m) for m in months]
        fresh = [rollup_of_units(unit_budget_parts(s, 2569), m) for m in months]
    assert after == fresh and after != before


def test_a_disbursement_reads_its_unit_budget_again_in_two_statements(office, clock):
    """Money arriving: the unit's projects with their budget lines in one statement, its
    spending by month in another (after the versions)."""
    from models.budget_queries import rollup_disbursements, rollup_of_units, unit_budget_parts

    from .budget_seed import add_disbursement, seed_budgets

    ids = seed_budgets(office)
    with office.transaction() as s:
        rollup_disbursements(s, 2569, 10)
    add_disbursement(office, ids["P07"], 9, 1500)
    with counted(office.engine) as statements, office.transaction() as s:
        after = rollup_disbursements(s, 2569, 10)
    assert len(statements) == 3 and "budget_line" in statements[1] and "disbursement" in statements[2]
    with office.transaction() as s:
        assert after == rollup_of_units(unit_budget_parts(s, 2569), 10) and after.office.spent == 171500
