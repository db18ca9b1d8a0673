"""Deterministic bench data, written with SQLAlchemy core `insert()` and lists of dicts.

Every generator takes a seed and sizes and always writes the same rows: ids are given
explicitly (so foreign keys need no read-back) and PostgreSQL's id sequences are moved past
them afterwards, so the bot's own inserts keep working.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import insert, text

from kpi.periods import BANGKOK, Period
from models.budget import BudgetLine, Disbursement
from models.chat import ConversationRecord
from models.db import Database
from models.org import Officer, Unit
from models.plan import Indicator, MonthlyTarget, Project, Responsibility
from models.results import ReportedValue

YEAR_BE = 2569
CHUNK = 5000
#: The webhook and reminder runs happen early in November 2569: October is being reported, on time.
WEBHOOK_NOW = datetime(2026, 11, 3, 10, 0, tzinfo=BANGKOK)
#: The "day3" reminder round of October 2569 (Tuesday 3 November 2026, 09:00): no digests.
REMINDER_NOW = datetime(2026, 11, 3, 9, 0, tzinfo=BANGKOK)
#: Roll-ups happen in January 2570: all twelve months of 2569 have begun and been reported.
ROLLUP_NOW = datetime(2027, 1, 10, 10, 0, tzinfo=BANGKOK)
PLANNER_LINE_ID = "U" + "b" * 32

UNIT_WORDS = ("สำนักงานประกันสังคมจังหวัด", "สำนักงานประกันสังคมกรุงเทพมหานครพื้นที่", "สำนักงานประกันสังคมสาขา")
PROJECT_NAMES = (
    "โครงการส่งเสริมการขึ้นทะเบียนผู้ประกันตน",
    "โครงการตรวจสอบสถานประกอบการ",
    "โครงการพัฒนาคุณภาพบริการ",
    "โครงการเร่งรัดหนี้เงินสมทบ",
    "โครงการประชาสัมพันธ์สิทธิประโยชน์",
    "โครงการฝึกอบรมเจ้าหน้าที่",
    "โครงการพัฒนาระบบสารสนเทศ",
    "โครงการป้องกันการทุจริต",
    "โครงการสำรวจความพึงพอใจ",
    "โครงการลดขั้นตอนการให้บริการ",
)
INDICATOR_NAMES = (
    "จำนวนสถานประกอบการที่ได้รับการตรวจ",
    "จำนวนผู้ประกันตนรายใหม่ตามมาตรา 40",
    "ร้อยละของเงินสมทบที่จัดเก็บได้",
    "ระดับความสำเร็จของการดำเนินงาน",
    "จำนวนครั้งของการประชาสัมพันธ์",
    "ร้อยละความพึงพอใจของผู้รับบริการ",
)


def line_user_id(n: int, salt: str = "officer") -> str:
    """A LINE user id ('U' + 32 hex digits), the same for the same number every run."""
    return "U" + hashlib.md5(f"kpibot-bench:{salt}:{n}".encode()).hexdigest()


def _stamp(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def insert_rows(db: Database, model, rows: list[dict]) -> None:
    """Bulk insert in chunks (executemany / insertmanyvalues)."""
    with db.engine.begin() as conn:
        for start in range(0, len(rows), CHUNK):
            conn.execute(insert(model), rows[start : start + CHUNK])


def fix_sequences(db: Database) -> None:
    """PostgreSQL: move each table's id sequence past the ids written here."""
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as conn:
        for model in (
            Unit,
            Officer,
            Project,
            Indicator,
            MonthlyTarget,
            Responsibility,
            ReportedValue,
            BudgetLine,
            Disbursement,
        ):
            table = model.__tablename__
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            )
        conn.execute(text("ANALYZE"))


@dataclass
class Rows:
    """Rows of one data set, table by table (written in foreign-key order)."""

    units: list[dict] = field(default_factory=list)
    officers: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    indicators: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    responsibilities: list[dict] = field(default_factory=list)
    values: list[dict] = field(default_factory=list)
    conversations: list[dict] = field(default_factory=list)
    budget_lines: list[dict] = field(default_factory=list)
    disbursements: list[dict] = field(default_factory=list)

    def write(self, db: Database) -> dict[str, int]:
        for model, rows in (
            (Unit, self.units),
            (Officer, self.officers),
            (Project, self.projects),
            (BudgetLine, self.budget_lines),
            (Indicator, self.indicators),
            (MonthlyTarget, self.targets),
            (Responsibility, self.responsibilities),
            (ReportedValue, self.values),
            (Disbursement, self.disbursements),
            (ConversationRecord, self.conversations),
        ):
            if rows:
                insert_rows(db, model, rows)
        fix_sequences(db)
        return self.counts()

    def counts(self) -> dict[str, int]:
        return {
            "units": len(self.units),
            "officers": len(self.officers),
            "projects": len(self.projects),
            "indicators": len(self.indicators),
            "targets": len(self.targets),
            "values": len(self.values),
            "budget_lines": len(self.budget_lines),
            "disbursements": len(self.disbursements),
        }

    # -- builders -----------------------------------------------------------------------------

    def unit(self, n: int) -> int:
        uid = len(self.units) + 1
        word = UNIT_WORDS[n % len(UNIT_WORDS)]
        self.units.append(
            dict(id=uid, name=f"{word} {n:04d}", unit_type="provincial", parent_id=None, abbreviation=f"U{n:04d}")
        )
        return uid

    def officer(self, unit_id: int, n: int, role: str = "officer", line_id: str | None = None) -> int:
        oid = len(self.officers) + 1
        self.officers.append(
            dict(
                id=oid,
                key=f"bench.{n:06d}",
                display_name=f"เจ้าหน้าที่ {n:06d}",
                unit_id=unit_id,
                role=role,
                line_user_id=line_id,
                active=True,
                line_blocked=False,
            )
        )
        return oid

    def project(self, unit_id: int, n: int) -> int:
        pid = len(self.projects) + 1
        self.projects.append(
            dict(
                id=pid,
                unit_id=unit_id,
                year_be=YEAR_BE,
                code=f"P{n:02d}",
                name=PROJECT_NAMES[(n - 1) % len(PROJECT_NAMES)],
            )
        )
        return pid

    def budget(self, project_id: int, rng: random.Random, months_reported: range, reported_share: float = 1.0) -> None:
        """The project's allocation (issue 13): every other project split into งบดำเนินงาน and
        งบลงทุน, every third planned month by month; its disbursement of the months reported
        (`reported_share` of them), around the plan."""
        project = self.projects[project_id - 1]
        allocation = Decimal(rng.randint(10, 500) * 10_000)
        project["budget_baht"] = allocation
        split = project_id % 2 == 0
        planned = project_id % 3 == 0
        parts = (
            [("operating", allocation * 3 / 4), ("investment", allocation / 4)] if split else [("total", allocation)]
        )
        for category, amount in parts:
            self.budget_lines.append(
                dict(
                    id=len(self.budget_lines) + 1,
                    project_id=project_id,
                    category=category,
                    total_baht=amount,
                    monthly_plan=[str((amount / 12).quantize(Decimal("0.01")))] * 12 if planned else None,
                )
            )
        for month in months_reported:
            if rng.random() >= reported_share:
                continue
            due = Period(YEAR_BE, month).due_date()
            self.disbursements.append(
                dict(
                    id=len(self.disbursements) + 1,
                    project_id=project_id,
                    month=month,
                    amount_baht=(allocation / 12 * Decimal(rng.uniform(0.3, 1.2))).quantize(Decimal("0.01")),
                    note=None,
                    reported_by_id=None,
                    reported_at=_stamp(datetime(due.year, due.month, 3, 14, 0, tzinfo=BANGKOK)),
                    on_time=True,
                    source="chat",
                    version=1,
                )
            )

    def indicator(
        self,
        project_id: int,
        number: int,
        weight: Decimal,
        kind: str = "count",
        uom: str = "ราย",
        targets: list[Decimal] | None = None,
    ) -> int:
        iid = len(self.indicators) + 1
        self.indicators.append(
            dict(
                id=iid,
                project_id=project_id,
                number=number,
                name=INDICATOR_NAMES[(iid + number) % len(INDICATOR_NAMES)] + f" ({number})",
                weight_pct=weight,
                unit_of_measure=uom,
                kind=kind,
                higher_is_better=True,
                max_level=5 if kind == "level" else None,
                allow_over_100=False,
            )
        )
        tid = len(self.targets)
        for month, value in enumerate(targets or [Decimal(20)] * 12, start=1):
            tid += 1
            self.targets.append(dict(id=tid, indicator_id=iid, month=month, value=value))
        return iid

    def responsible(self, officer_id: int, indicator_id: int) -> None:
        self.responsibilities.append(
            dict(id=len(self.responsibilities) + 1, officer_id=officer_id, indicator_id=indicator_id)
        )

    def value(
        self,
        indicator_id: int,
        month: int,
        value: Decimal,
        officer_id: int | None,
        on_time: bool = True,
        note: str | None = None,
    ) -> None:
        due = Period(YEAR_BE, month).due_date()
        at = datetime(due.year, due.month, due.day if on_time else 12, 14, 0, tzinfo=BANGKOK) - timedelta(days=1)
        self.values.append(
            dict(
                id=len(self.values) + 1,
                indicator_id=indicator_id,
                month=month,
                value=value,
                note=note,
                reported_by_id=officer_id,
                reported_at=_stamp(at),
                on_time=on_time,
                source="chat",
                version=1,
            )
        )


# ------------------------------------------------------------------------------------------------
# 1. Webhook: officers in the middle of reporting October 2569


@dataclass(frozen=True)
class WebhookSet:
    officers: int
    indicators_each: int
    target: int = 20  # every month's target: typing it is 100 %, no reason asked, not "far"


def webhook_rows(spec: WebhookSet, seed: int = 7) -> Rows:
    """`officers` bound officers, 10 per unit, each holding `indicators_each` count indicators
    of their own project with January–September reported, and each one's conversation in
    ASK_VALUE on the first of them for October (as if they had just picked it)."""
    rng = random.Random(seed)
    rows = Rows()
    period = Period(YEAR_BE, 10)
    unit_id = 0
    for n in range(spec.officers):
        if n % 10 == 0:
            unit_id = rows.unit(n // 10)
        line_id = line_user_id(n)
        oid = rows.officer(unit_id, n, line_id=line_id)
        pid = rows.project(unit_id, n % 10 + 1)
        weight = Decimal(100) / spec.indicators_each
        first = None
        for k in range(1, spec.indicators_each + 1):
            iid = rows.indicator(pid, k, weight.quantize(Decimal("0.0001")), targets=[Decimal(spec.target)] * 12)
            first = first or iid
            rows.responsible(oid, iid)
            for month in range(1, period.month):
                rows.value(iid, month, Decimal(rng.randint(10, 30)), oid, on_time=rng.random() > 0.1)
        rows.conversations.append(
            dict(
                line_user_id=line_id,
                state="ask_value",
                updated_at=_stamp(WEBHOOK_NOW),
                data={
                    "state": "ask_value",
                    "mode": "report",
                    "period": period.key(),
                    "indicator_id": first,
                    "value": None,
                    "note": None,
                    "page": 0,
                },
            )
        )
    return rows


# ------------------------------------------------------------------------------------------------
# 2. Reminder round


@dataclass(frozen=True)
class ReminderSet:
    units: int
    officers_per_unit: int = 10
    indicators_per_unit: int = 20
    pending_share: float = 0.30


def reminder_rows(spec: ReminderSet, seed: int = 11) -> tuple[Rows, int]:
    """Units of `officers_per_unit` bound officers (the first a supervisor) sharing
    `indicators_per_unit` indicators round-robin; January–September reported by everyone, and
    October by all but `pending_share` of the officers (chosen by the seed), who owe one or all
    of theirs. Returns the rows and the number of officers pending."""
    rng = random.Random(seed)
    money = random.Random(seed + 1)  # budgets apart: the indicators stay as they were
    rows = Rows()
    total = spec.units * spec.officers_per_unit
    pending = set(rng.sample(range(total), round(total * spec.pending_share)))
    n = 0
    for u in range(spec.units):
        unit_id = rows.unit(u)
        officers = []
        for k in range(spec.officers_per_unit):
            officers.append(
                rows.officer(
                    unit_id, n, role="supervisor" if k == 0 else "officer", line_id=line_user_id(n, "reminder")
                )
            )
            n += 1
        per_project = 5
        held: dict[int, list[int]] = {o: [] for o in officers}
        for i in range(spec.indicators_per_unit):
            if i % per_project == 0:
                pid = rows.project(unit_id, i // per_project + 1)
                # every month's disbursement reported, October's too: the officers owing are those
                # owing indicators (who owes a disbursement is the reminders' own rule, not the bench's)
                rows.budget(pid, money, range(1, 11))
            iid = rows.indicator(
                pid,
                i % per_project + 1,
                Decimal(100 / per_project).quantize(Decimal("0.0001")),
                targets=[Decimal(rng.randint(5, 40)) for _ in range(12)],
            )
            owner = officers[i % len(officers)]
            rows.responsible(owner, iid)
            held[owner].append(iid)
        for number, oid in enumerate(officers, start=u * spec.officers_per_unit):
            owes = held[oid] if rng.random() < 0.5 else held[oid][:1]
            for iid in held[oid]:
                for month in range(1, 11):
                    if month == 10 and number in pending and iid in owes:
                        continue
                    rows.value(iid, month, Decimal(rng.randint(5, 40)), oid, on_time=rng.random() > 0.1)
    # officers holding no indicator owe nothing: count who is really pending
    holders = {r["officer_id"] for r in rows.responsibilities}
    really = sum(1 for o in rows.officers if o["id"] in holders and o["id"] - 1 in pending)
    return rows, really


# ------------------------------------------------------------------------------------------------
# 3. Roll-up: a whole year of a national plan


@dataclass(frozen=True)
class RollupSet:
    units: int
    projects_per_unit: int = 10
    indicators_per_project: int = 5
    reported_share: float = 0.95


KINDS = (
    ("count", "ราย"),
    ("count", "ครั้ง"),
    ("stock", "ราย"),
    ("pct_monthly", "ร้อยละ"),
    ("pct_cum", "ร้อยละ"),
    ("level", "ระดับ"),
    ("pass_fail", "ผ่าน/ไม่ผ่าน"),
)


def _targets_for(kind: str, rng: random.Random) -> list[Decimal]:
    if kind == "count":
        return [Decimal(rng.randint(0, 60)) if rng.random() > 0.1 else Decimal(0) for _ in range(12)]
    if kind == "stock":
        base = rng.randint(100, 1000)
        return [Decimal(base + 10 * m) for m in range(12)]
    if kind in ("pct_monthly", "pct_cum"):
        return [Decimal(rng.choice((80, 85, 90, 95))) for _ in range(12)]
    if kind == "level":
        return [Decimal(0)] * 2 + [Decimal(min(5, 1 + m // 2)) for m in range(10)]
    return [Decimal(1) if m % 3 == 2 else Decimal(0) for m in range(12)]  # pass/fail at quarter ends


def _value_for(kind: str, target: Decimal, rng: random.Random) -> Decimal:
    if kind == "pass_fail":
        return Decimal(1 if rng.random() > 0.2 else 0)
    if kind == "level":
        return Decimal(max(0, min(5, int(target) + rng.randint(-1, 1))))
    if kind in ("pct_monthly", "pct_cum"):
        return Decimal(rng.randint(60, 100))
    return Decimal(max(0, int(target * Decimal(rng.uniform(0.3, 1.3)))))


def rollup_rows(spec: RollupSet, seed: int = 13) -> Rows:
    """`units` units × projects × indicators of mixed kinds, twelve monthly targets each and
    `reported_share` of the twelve months reported (some late, some with a note), one officer
    per unit, and a bound planner (for the chat's office-wide สถานะ)."""
    rng = random.Random(seed)
    money = random.Random(seed + 1)  # budgets apart: the indicators stay as they were
    rows = Rows()
    plan_unit = rows.unit(99999)
    rows.officer(plan_unit, 999999, role="planner", line_id=PLANNER_LINE_ID)
    weight = Decimal(100) / spec.indicators_per_project
    for u in range(spec.units):
        unit_id = rows.unit(u)
        oid = rows.officer(unit_id, u)
        for p in range(1, spec.projects_per_unit + 1):
            pid = rows.project(unit_id, p)
            rows.budget(pid, money, range(1, 13), spec.reported_share)
            for k in range(1, spec.indicators_per_project + 1):
                kind, uom = KINDS[rng.randrange(len(KINDS))]
                targets = _targets_for(kind, rng)
                iid = rows.indicator(pid, k, weight.quantize(Decimal("0.0001")), kind, uom, targets)
                rows.responsible(oid, iid)
                for month in range(1, 13):
                    if rng.random() < spec.reported_share:
                        value = _value_for(kind, targets[month - 1], rng)
                        below = targets[month - 1] and value < targets[month - 1] / 2
                        rows.value(
                            iid, month, value, oid, on_time=rng.random() > 0.15, note="ขาดแคลนบุคลากร" if below else None
                        )
    return rows
