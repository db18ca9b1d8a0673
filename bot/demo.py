"""Demo data: the Uthai Thani 2563 plan, units and demo officers, and the demo office.

Demo officers are bound to made-up LINE user ids so the simulator can chat as them at once;
one officer (uthai.new) is left unbound to try binding with a code.

`open_demo` is what `./scripts/demo` starts with: the office of Uthai Thani and of Chachoengsao
with its two branches as of the day it starts, the months before go-live imported as from SSO
Budget and the months since reported by each officer's habit, so no GO_LIVE_MONTH is needed;
two projects of each unit have a budget (P07 planned month by month, P01 a total), whose
disbursement the projects' first officers report by the same habits.
`load_demo_data` is the smaller set of Uthai Thani alone with nothing reported, which
`tools.snapshot` records (with GO_LIVE_MONTH at its first month, so nothing earlier is owed).
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from files.officers_import import import_officers
from files.plan_file import PlanFile, PlanRow, read_plan_file
from files.plan_import import ImportSummary, import_plan, import_units
from kpi.budget_categories import TOTAL
from kpi.disbursement import BudgetView, needs_reason
from kpi.indicator import IndicatorView
from kpi.kinds import IndicatorKind
from kpi.periods import BANGKOK, BE_OFFSET, Period, reporting_period
from kpi.values import Reason, check_value, reason_needed
from models.budget import BudgetLine
from models.budget_queries import officer_budgets
from models.db import Database
from models.linking import issue_link_code
from models.org import Officer, Unit
from models.plan import Indicator, Project, Responsibility
from models.plan_queries import indicator_view
from models.reporting import save_disbursement, save_value

DATA = Path(__file__).resolve().parent.parent / "data"
UNITS_FILE = DATA / "sso_units.csv"
PLAN_FILE = DATA / "uthai_thani_2563_indicators.csv"
PLAN_UNIT = "สำนักงานประกันสังคมจังหวัดอุทัยธานี"  # the plan file's own unit
OFFICERS_FILE = DATA / "demo_officers.csv"
UNBOUND_OFFICER = "uthai.new"


def demo_line_user_id(officer_key: str) -> str:
    return "U" + hashlib.md5(officer_key.encode()).hexdigest()


@dataclass(frozen=True)
class DemoData:
    year_be: int
    plan_summary: ImportSummary
    link_code: str
    #: The first reported month of this data (the month being reported when it is loaded): the
    #: snapshot's GO_LIVE_MONTH.
    first_month: Period


def load_demo_data(db: Database, now: datetime) -> DemoData:
    """Idempotent: running it again updates the same rows and issues a fresh code."""
    db.upgrade()
    year_be = now.year + BE_OFFSET
    with db.transaction() as session:
        import_units(session, UNITS_FILE)
        summary = import_plan(session, read_plan_file(PLAN_FILE, year_be=year_be), now, source=PLAN_FILE.name)
        import_officers(session, OFFICERS_FILE)
        for officer in session.scalars(select(Officer)):
            if officer.key != UNBOUND_OFFICER and officer.line_user_id is None:
                officer.line_user_id = demo_line_user_id(officer.key)
        unbound = session.scalar(select(Officer).where(Officer.key == UNBOUND_OFFICER))
        unbound.line_user_id = None
        code = issue_link_code(session, unbound, now)
    return DemoData(year_be, summary, code, reporting_period(now))


# -- the demo's office: what a new user meets --------------------------------------------------
#
# On top of the data above, the demo command builds a believable office relative to the day it
# starts: Chachoengsao's provincial office and its two branches (the unit list's real tree) with
# their supervisors and officers, plans for every year it needs, the months before the bot went
# live imported from SSO Budget, and the months since go-live reported in the bot by officers of
# different habits (on time, late, behind, not bound to LINE yet).

OFFICE_OFFICERS_FILE = DATA / "demo_office_officers.csv"
PROVINCE = "สำนักงานประกันสังคมจังหวัดฉะเชิงเทรา"
BRANCHES = ("สาขาบางปะกง", "สาขาพนมสารคาม")
#: Each demo unit's plan: the Uthai Thani form, counts scaled to the unit's size; the branches
#: take only the projects a branch runs (visits, advice, contributions).
UNIT_PLANS = {
    PROVINCE: (Decimal("1.4"), None),
    BRANCHES[0]: (Decimal("0.5"), ("P01", "P06", "P07")),
    BRANCHES[1]: (Decimal("0.3"), ("P01", "P06", "P07")),
}
#: Months reported in the bot before the one being reported: the bot went live this many months
#: before it. Earlier months of that year were imported from SSO Budget.
MONTHS_LIVE_BEFORE = 3


class Habit(enum.Enum):
    PROMPT = "prompt"  # every month by the 3rd; the month being reported already on the 2nd
    LATE = "late"  # every past month, after the 5th (late); the month being reported not yet
    BEHIND = "behind"  # the first live month on time, the second late, nothing since
    SILENT = "silent"  # nothing in the bot (not bound to LINE yet)


HABITS = {
    "uthai.visit": Habit.PROMPT,
    "uthai.contrib": Habit.BEHIND,
    "uthai.train": Habit.LATE,
    "uthai.new": Habit.SILENT,
    "cco.visit": Habit.PROMPT,
    "cco.contrib": Habit.LATE,
    "cco.train": Habit.PROMPT,
    "bpk.visit": Habit.PROMPT,
    "bpk.contrib": Habit.BEHIND,
    "pns.visit": Habit.LATE,
    "pns.contrib": Habit.SILENT,
}
#: Officers of the office left without a LINE account (nothing reported, cannot be nudged).
OFFICE_UNBOUND = ("pns.contrib",)
#: Reasons officers give below the month's target (ปัญหา/อุปสรรค).
REASONS = (
    "งบประมาณโอนล่าช้า",
    "ผู้ประกันตนย้ายไปรักษาต่างจังหวัด",
    "ระบบอินเทอร์เน็ตขัดข้องช่วงปลายเดือน",
    "เลื่อนกิจกรรมเพราะติดภารกิจของจังหวัด",
    "เจ้าหน้าที่ลาคลอด งานจึงล่าช้า",
)
#: The demo's budgets at Uthai Thani's size (baht; scaled like counts for the other units):
#: code → (allocation, planned month by month, in equal twelfths).
DEMO_BUDGETS = {"P07": (Decimal(240_000), True), "P01": (Decimal(120_000), False)}
#: Result ÷ target of a month, picked per indicator and month (a stable hash, not random).
RATIOS = (
    Decimal("0.4"),
    Decimal("0.7"),
    Decimal("0.85"),
    Decimal("0.95"),
    Decimal("1"),
    Decimal("1"),
    Decimal("1.05"),
    Decimal("1.1"),
    Decimal("1.2"),
)


@dataclass(frozen=True)
class DemoOffice:
    """What `./scripts/demo` starts with (built now, or kept from an earlier start)."""

    kept: bool  #: the demo database existed: nothing of it was changed
    link_code: str | None  #: a fresh code for uthai.new, while that account is not bound
    go_live: Period  #: the first month reported in the bot
    reporting: Period  #: the month being reported today
    plan_years: tuple[int, ...]


def shift(period: Period, months: int) -> Period:
    index = period.year_be * 12 + period.month - 1 + months
    return Period(index // 12, index % 12 + 1)


def go_live_month(now: datetime) -> Period:
    return shift(reporting_period(now), -MONTHS_LIVE_BEFORE)


def plan_years(now: datetime) -> tuple[int, ...]:
    """From the go-live month's year to this month's (on 15 January: last year and this one)."""
    return tuple(range(go_live_month(now).year_be, now.astimezone(BANGKOK).year + BE_OFFSET + 1))


def open_demo(db: Database, now: datetime) -> DemoOffice:
    """The demo office: built when the database is new; otherwise kept as the user left it
    (bindings, imported plans, values), with only a plan added for a year that has none yet and
    a fresh binding code while uthai.new is unbound."""
    db.upgrade()
    with db.transaction() as session:
        kept = session.scalar(select(Officer.id).limit(1)) is not None
    if not kept:
        build_demo_office(db, now)
    with db.transaction() as session:
        for year_be in plan_years(now):
            _ensure_plan_year(session, year_be, now)
        unbound = session.scalar(select(Officer).where(Officer.key == UNBOUND_OFFICER))
        code = None
        if unbound is not None and unbound.line_user_id is None and unbound.active:
            code = issue_link_code(session, unbound, now)
    return DemoOffice(kept, code, go_live_month(now), reporting_period(now), plan_years(now))


def build_demo_office(db: Database, now: datetime) -> None:
    """The demo data, the office of Chachoengsao and the months reported so far, as of `now`."""
    load_demo_data(db, now)
    with db.transaction() as session:
        for year_be in plan_years(now):
            _ensure_plan_year(session, year_be, now)
            _ensure_budgets(session, year_be, [PLAN_UNIT, *UNIT_PLANS])
        import_officers(session, OFFICE_OFFICERS_FILE)
        for officer in session.scalars(select(Officer).where(Officer.key.in_(list(HABITS)))):
            if officer.key not in OFFICE_UNBOUND and officer.key != UNBOUND_OFFICER:
                officer.line_user_id = officer.line_user_id or demo_line_user_id(officer.key)
        for officer in session.scalars(select(Officer).where(Officer.key.in_(("cco.head", "bpk.head", "pns.head")))):
            officer.line_user_id = officer.line_user_id or demo_line_user_id(officer.key)
        _responsible_every_year(session)
        _report_history(session, now)
        _report_disbursements(session, now)


def _unit_plan(year_be: int) -> dict[str, PlanFile]:
    """Each demo unit's plan file for the year (Uthai Thani's form as it is, the office's scaled)."""
    form = read_plan_file(PLAN_FILE, year_be=year_be)
    plans = {form.rows[0].unit: form}
    for unit, (scale, projects) in UNIT_PLANS.items():
        rows = [
            replace(r, unit=unit, targets=tuple(_scaled(r, t, scale) for t in r.targets), total=None)
            for r in form.rows
            if projects is None or r.project_code in projects
        ]
        plans[unit] = PlanFile(f"{PLAN_FILE.name} ({unit})", rows)
    return plans


def _scaled(row: PlanRow, target: Decimal, scale: Decimal) -> Decimal:
    if row.kind not in (IndicatorKind.COUNT, IndicatorKind.STOCK) or target == 0:
        return target
    return max(Decimal(1), (target * scale).to_integral_value(ROUND_HALF_UP))


def _ensure_plan_year(session: Session, year_be: int, now: datetime) -> None:
    """Import the year's plan for each demo unit that has none for that year (never over one)."""
    have = set(
        session.scalars(select(Unit.name).join(Project, Project.unit_id == Unit.id).where(Project.year_be == year_be))
    )
    added = []
    for unit, plan in _unit_plan(year_be).items():
        if unit not in have and session.scalar(select(Unit.id).where(Unit.name == unit)) is not None:
            import_plan(session, plan, now, source=plan.name)
            added.append(unit)
    session.flush()
    _responsible_every_year(session)
    _ensure_budgets(session, year_be, added)


def _ensure_budgets(session: Session, year_be: int, units: Collection[str]) -> None:
    """The demo's budgets on these units' projects of the year that have none given (as a plan
    file with budget columns would: one line of the whole allocation)."""
    scales = {plan_unit: scale for plan_unit, (scale, _) in UNIT_PLANS.items()}
    for project, unit in session.execute(
        select(Project, Unit.name)
        .join(Unit, Unit.id == Project.unit_id)
        .where(
            Project.year_be == year_be,
            Project.code.in_(list(DEMO_BUDGETS)),
            Project.budget_baht.is_(None),
            Unit.name.in_(list(units)),
        )
    ).all():
        if session.scalar(select(BudgetLine.id).where(BudgetLine.project_id == project.id)) is not None:
            continue
        allocation, monthly = DEMO_BUDGETS[project.code]
        allocation = (allocation * scales.get(unit, Decimal(1))).quantize(Decimal(1))
        plan = [str((allocation / 12).quantize(Decimal("0.01")))] * 12 if monthly else None
        session.add(BudgetLine(project_id=project.id, category=TOTAL, total_baht=allocation, monthly_plan=plan))
        project.budget_baht = allocation
    session.flush()


def _responsible_every_year(session: Session) -> None:
    """Officers report the same codes in every plan year of their unit (import-officers gives
    them the latest year's): on 15 January December is still reported, in last year's plan."""
    rows = session.execute(
        select(Responsibility.officer_id, Officer.unit_id, Project.code, Indicator.number)
        .join(Officer, Officer.id == Responsibility.officer_id)
        .join(Indicator, Indicator.id == Responsibility.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
    ).all()
    wanted = {(unit_id, code, number): set() for _, unit_id, code, number in rows}
    for officer_id, unit_id, code, number in rows:
        wanted[(unit_id, code, number)].add(officer_id)
    have = set(session.execute(select(Responsibility.officer_id, Responsibility.indicator_id)).all())
    for ind_id, unit_id, code, number in session.execute(
        select(Indicator.id, Project.unit_id, Project.code, Indicator.number).join(
            Project, Project.id == Indicator.project_id
        )
    ).all():
        for officer_id in wanted.get((unit_id, code, number), ()):
            if (officer_id, ind_id) not in have:
                session.add(Responsibility(officer_id=officer_id, indicator_id=ind_id))
    session.flush()


def _report_history(session: Session, now: datetime) -> None:
    """Imported values before go-live; since then, what each officer's habit reported by now."""
    rows = session.execute(
        select(Officer.id, Officer.key, Unit.name, Indicator)
        .join(Unit, Unit.id == Officer.unit_id)
        .join(Responsibility, Responsibility.officer_id == Officer.id)
        .join(Indicator, Indicator.id == Responsibility.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
        .where(Project.year_be.in_(plan_years(now)))
        .options(selectinload(Indicator.targets), joinedload(Indicator.project))
    ).all()
    for officer_id, key, unit, indicator in rows:
        view = indicator_view(indicator)
        for month in range(1, 13):
            period = Period(indicator.project.year_be, month)
            sent = _how_sent(key, officer_id, period, now)
            if sent is None or view.target(month) == 0:
                continue
            value, note = _result(view, period, unit)
            save_value(session, indicator_id=indicator.id, month=month, value=value, note=note, **sent)


def _report_disbursements(session: Session, now: datetime) -> None:
    """Each budget's disbursement as its reporter's habit reported it (models.budget_queries
    decides who: the demo names no one, so each project's first officer), as values are."""
    keys = dict(session.execute(select(Officer.id, Officer.key)).all())
    for year_be in plan_years(now):
        for officer_id, budgets in officer_budgets(session, year_be).items():
            for budget in budgets:
                for month in range(1, 13):
                    period = Period(year_be, month)
                    sent = _how_sent(keys[officer_id], officer_id, period, now)
                    if sent is None:
                        continue
                    amount, note = _disbursed(budget, period)
                    budget = budget.with_spent(month, amount)
                    save_disbursement(
                        session, project_id=budget.project_id, month=month, amount=amount, note=note, **sent
                    )


def _how_sent(key: str, officer_id: int, period: Period, now: datetime) -> dict | None:
    """Who sent the month and when, as the save functions take it: imported from SSO Budget
    before go-live (in go-live's year only), since then by the officer's habit; None: not sent."""
    live, current = go_live_month(now), reporting_period(now)
    if period > current or (period < live and period.year_be != live.year_be):
        return None
    if period < live:
        imported_at = datetime(live.year_ce, live.month, 1, 9, 0, tzinfo=BANGKOK)
        return dict(officer_id=None, now=imported_at, on_time=True, source="import")
    sent_at = _sent_at(HABITS.get(key, Habit.PROMPT), period, live, current, now)
    if sent_at is None:
        return None
    return dict(officer_id=officer_id, now=sent_at, on_time=period.is_on_time(sent_at), source="chat")


def _disbursed(budget: BudgetView, period: Period) -> tuple[Decimal, str | None]:
    """A plausible month's disbursement around the plan (or a twelfth of the allocation), and a
    reason when the cumulative figure is far behind the plan or past the allocation."""
    seed = hashlib.sha256(f"{budget.project_id}:{period.key()}".encode()).digest()
    planned = budget.plan.planned_in(period.month)
    base = planned if planned is not None else budget.plan.allocation / 12
    amount = (base * RATIOS[seed[0] % len(RATIOS)]).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if not needs_reason(budget.status_with(period.month, amount)):
        return amount, None
    return amount, REASONS[seed[3] % len(REASONS)]


def _sent_at(habit: Habit, period: Period, live: Period, current: Period, now: datetime) -> datetime | None:
    """When an officer of this habit sent this month's values (None: not yet)."""
    after = shift(period, 1)
    if habit is Habit.SILENT:
        return None
    if habit is Habit.BEHIND:
        if period == live:
            return datetime(after.year_ce, after.month, 4, 15, 0, tzinfo=BANGKOK)
        if period == shift(live, 1):
            return datetime(after.year_ce, after.month, 12, 10, 30, tzinfo=BANGKOK)
        return None
    if habit is Habit.LATE:
        if period == current:
            return None
        return datetime(after.year_ce, after.month, 9, 14, 0, tzinfo=BANGKOK)
    day = 2 if period == current else 3
    sent = datetime(after.year_ce, after.month, day, 10, 0, tzinfo=BANGKOK)
    return sent if sent <= now else None


def _result(view: IndicatorView, period: Period, unit: str) -> tuple[Decimal, str | None]:
    """A plausible result for the month, and a reason when it falls short."""
    seed = hashlib.sha256(f"{unit}:{view.code}:{period.key()}".encode()).digest()
    target, ratio = view.target(period.month), RATIOS[seed[0] % len(RATIOS)]
    if view.kind == IndicatorKind.LEVEL.value:
        value = target if ratio >= 1 else max(Decimal(0), target - 1)
    elif view.kind == IndicatorKind.STOCK.value:
        value = (target * (Decimal("0.98") + Decimal(seed[1] % 5) / 100)).to_integral_value(ROUND_HALF_UP)
    elif view.kind in (IndicatorKind.PERCENT_CUMULATIVE.value, IndicatorKind.PERCENT_MONTHLY.value):
        value = min(Decimal(100), (target * ratio).quantize(Decimal("0.1"), ROUND_HALF_UP))
    else:
        value = (target * ratio).to_integral_value(ROUND_HALF_UP)
    assert check_value(view, value) is None, (view.code, value)
    needed = reason_needed(view, period.month, value)
    if needed is Reason.NONE or (needed is Reason.OPTIONAL and seed[2] % 2):
        return value, None
    return value, REASONS[seed[3] % len(REASONS)]
