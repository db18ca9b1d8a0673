"""The evaluation report's content, in the seed's order: pure, no database, no files.

(About 570 lines: the request, the content and the cells every renderer prints, kept together
so Word, Excel and JSON cannot say different things.)

The seed (การประเมินผลตามแผนปฏิบัติราชการ ประจำปี 2567 ไตรมาส 4) is cumulative from January:
"ไตรมาส 4 (มกราคม - ธันวาคม 2567)". So a quarter here is January up to the quarter's last
month, never past the month being reported. Every level and percentage is kpi.rating's (the
same rules as สถานะ and the dashboard); this module only groups, counts and orders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from kpi.disbursement import DisbursementStatus
from kpi.indicator import IndicatorView, ReportedView
from kpi.periods import MONTHS_ABBR, Period
from kpi.plan_structure import FUNDS as FUND_NAMES
from kpi.plan_structure import ProjectInfo
from kpi.rating import (
    RATED_LEVELS,
    IndicatorStatus,
    Level,
    ProjectRating,
    Scope,
    UnitStatus,
    rate_unit,
    shares,
)
from kpi.thai import arabic_digits

from . import texts as T

FUNDS = tuple(FUND_NAMES)
_QUARTER = re.compile(r"^\s*(\d{4})\s*-\s*[Qq]\s*([1-4])\s*$")
_BAHT = re.compile(r"\d{1,3}(,\d{3})+(\.\d{1,2})?|\d+(\.\d{1,2})?")
#: What the budget column holds (models.base.Amount: 14 digits before the point).
MAX_BAHT = Decimal(10) ** 14


class ReportRequestError(ValueError):
    """A quarter, fund or allocation the report cannot be made for; the message is Thai."""


# --------------------------------------------------------------------------------------------
# What the report is asked for


def parse_quarter(text: str, as_of: Period) -> tuple[Scope, int]:
    """'2567-Q4' → (January–December 2567, 4): cumulative from January, stopping at the month
    being reported. ReportRequestError (Thai) for anything else or a quarter not yet begun."""
    match = _QUARTER.match(arabic_digits(text or ""))
    if match is None:
        raise ReportRequestError(f"ไตรมาส '{(text or '')[:20]}' ไม่ถูกต้อง กรุณาระบุเป็น ปี พ.ศ.-ไตรมาส เช่น 2567-Q4")
    year_be, quarter = int(match.group(1)), int(match.group(2))
    if not 2500 <= year_be <= 2700:
        raise ReportRequestError(f"ปี {year_be} ไม่ใช่ปีพุทธศักราช (เช่น 2567)")
    scope, quarter = cumulative_scope(year_be, quarter, as_of)
    if scope.is_empty:
        raise ReportRequestError(f"ยังไม่ถึงไตรมาส {quarter} ปี {year_be} จึงยังไม่มีผลให้รายงาน")
    return scope, quarter


def cumulative_scope(year_be: int, quarter: int | None, as_of: Period) -> tuple[Scope, int]:
    """The report's period: January up to the quarter's last month (None: up to the month
    being reported), never past the month being reported; and the quarter it is headed with
    (None: the quarter of its last month)."""
    ytd = Scope.year_to_date(year_be, as_of)
    if quarter is None:
        return ytd, max(1, (ytd.last + 2) // 3)
    return replace(ytd, last=min(ytd.last, 3 * quarter)), quarter


def parse_fund(text: str | None) -> str | None:
    """'SSF' / 'WCF' (either case) or the fund's Thai name; None or '' = both funds."""
    value = (text or "").strip()
    if not value:
        return None
    for code in FUNDS:
        if value.upper() == code or value == T.FUND_NAMES[code]:
            return code
    raise ReportRequestError(f"กองทุน '{value[:30]}' ไม่ถูกต้อง (ใช้ SSF = กองทุนประกันสังคม หรือ WCF = กองทุนเงินทดแทน)")


def parse_allocations(items: Iterable[str]) -> dict[str, Decimal]:
    """['SSF=5303083050', 'WCF=349,429,220'] → {'SSF': Decimal(…), …}."""
    allocations: dict[str, Decimal] = {}
    for item in items:
        fund_text, sep, amount_text = (item or "").partition("=")
        fund = parse_fund(fund_text) if sep else None
        text = arabic_digits(amount_text).strip()
        amount = Decimal(text.replace(",", "")) if _BAHT.fullmatch(text) else None
        if fund is None or amount is None or amount > MAX_BAHT:
            raise ReportRequestError(
                f"งบประมาณที่ได้รับจัดสรร '{item[:40]}' ไม่ถูกต้อง (ตัวอย่าง: SSF=5303083050 หรือ WCF=349,429,220)"
            )
        allocations[fund] = amount
    return allocations


# --------------------------------------------------------------------------------------------
# What the report is made from


class UnitPlan(Protocol):
    """One unit's indicators of the year and what was reported (models.status_queries.UnitData)."""

    unit_id: int
    unit_name: str
    indicators: tuple[IndicatorView, ...]
    reported: dict[tuple[int, int], ReportedView]


@dataclass(frozen=True, kw_only=True)
class PlanProject(ProjectInfo):
    """A project's place in the SSO plan (models.plan.Project's structure columns)."""

    unit_id: int
    code: str


# --------------------------------------------------------------------------------------------
# The report


@dataclass(frozen=True)
class Note:
    """What an officer wrote with a value (ปัญหา/อุปสรรค), for the red list."""

    reported_at: datetime
    month: int
    indicator_no: int
    text: str


@dataclass(frozen=True)
class IndicatorLine:
    status: IndicatorStatus
    values: tuple[Decimal | None, ...]  # 12 months reported; None = not reported (printed empty)

    @property
    def view(self) -> IndicatorView:
        return self.status.indicator


@dataclass(frozen=True)
class ProjectLine:
    plan: PlanProject
    unit_name: str
    rating: ProjectRating
    indicators: tuple[IndicatorLine, ...]
    notes: tuple[Note, ...]  # newest first
    order: int  # plan order (unit, then code)
    #: Disbursed to the end of the period against the allocation (None: no budget).
    spent: DisbursementStatus | None = None

    @property
    def code(self) -> str:
        return self.rating.code

    @property
    def name(self) -> str:
        return self.rating.name

    @property
    def level(self) -> Level:
        return self.rating.level

    @property
    def pct(self) -> Decimal | None:
        return self.rating.pct

    @property
    def unit_label(self) -> str:
        """The report's หน่วยงาน: the responsible unit, else the unit that reports."""
        return self.plan.responsible_unit or self.unit_name


@dataclass(frozen=True)
class Counts:
    green: int = 0
    yellow: int = 0
    red: int = 0
    no_target: int = 0

    @property
    def projects(self) -> int:
        """The rated projects (งาน/โครงการที่ดำเนินการ): those with a target in the period."""
        return self.green + self.yellow + self.red

    def of(self, level: Level) -> int:
        return {
            Level.GREEN: self.green,
            Level.YELLOW: self.yellow,
            Level.RED: self.red,
            Level.NO_TARGET: self.no_target,
        }.get(level, 0)

    def shares(self) -> dict[Level, Decimal]:
        return shares({level: self.of(level) for level in RATED_LEVELS})

    @property
    def columns(self) -> tuple[int, ...]:
        """The overview table's numbers: งาน/โครงการที่ดำเนินการ, then each rated level's."""
        return (self.projects, *(self.of(level) for level in RATED_LEVELS))

    @classmethod
    def of_projects(cls, projects: Iterable[ProjectLine]) -> Counts:
        c = Counter(p.level for p in projects)
        return cls(c[Level.GREEN], c[Level.YELLOW], c[Level.RED], c[Level.NO_TARGET])


@dataclass(frozen=True)
class StrategyRow:
    strategy_no: int | None
    strategy_name: str | None
    counts: Counts


@dataclass(frozen=True)
class FundSection:
    fund: str | None
    name: str
    allocation: Decimal
    allocation_given: bool
    counts: Counts
    strategies: tuple[StrategyRow, ...]
    projects: tuple[ProjectLine, ...]  # detail order: strategy › กลยุทธ์ › plan order


@dataclass(frozen=True)
class EvaluationReport:
    year_be: int
    quarter: int
    scope: Scope
    generated_at: datetime
    fund_filter: str | None
    funds: tuple[FundSection, ...]
    counts: Counts
    red: tuple[ProjectLine, ...]
    strategy_names: dict[int, str] = field(default_factory=dict)

    @property
    def projects(self) -> tuple[ProjectLine, ...]:
        return tuple(p for f in self.funds for p in f.projects)

    @property
    def span(self) -> str:
        return T.month_span(self.year_be, self.scope.first, self.scope.last)

    @property
    def span_short(self) -> str:
        return T.month_span_short(self.year_be, self.scope.first, self.scope.last)


# --------------------------------------------------------------------------------------------
# Composition


def _natural(text: str | None) -> tuple:
    """'1.10' after '1.9'; missing last."""
    if text is None:
        return (1, ())
    return (0, tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text) if p))


def _notes(
    line_indicators: Sequence[IndicatorLine], reported: Mapping[tuple[int, int], ReportedView], months: range
) -> tuple[Note, ...]:
    notes = []
    for line in line_indicators:
        for month in months:
            value = reported.get((line.view.id, month))
            if value is not None and value.note and value.note.strip():
                notes.append(Note(value.reported_at, month, line.view.number, value.note.strip()))
    return tuple(sorted(notes, key=lambda n: (n.reported_at, n.month), reverse=True))


def compose(
    units: Sequence[UnitPlan],
    plans: Mapping[tuple[int, str], PlanProject],
    scope: Scope,
    quarter: int,
    now: datetime,
    allocations: Mapping[str, Decimal] | None = None,
    fund_filter: str | None = None,
    rated: Mapping[int, UnitStatus] | None = None,
    disbursements: Mapping[tuple[int, str], DisbursementStatus] | None = None,
) -> EvaluationReport:
    """Rate every unit's projects over the scope (kpi.rating) and lay them out as the report.
    `rated`: units already rated (the dashboard's overview rates its units once); a unit's
    status is taken from it only when it was rated over this very scope. `disbursements`:
    (unit id, project code) → what the project spent to the period's end."""
    allocations = dict(allocations or {})
    disbursements = disbursements or {}
    lines: list[ProjectLine] = []
    order = 0
    for unit in units:
        status = (rated or {}).get(unit.unit_id)
        if status is None or status.scope != scope:
            status = rate_unit(unit.unit_id, unit.unit_name, unit.indicators, unit.reported, scope, now)
        for rating in status.projects:
            plan = plans.get((unit.unit_id, rating.code)) or PlanProject(unit_id=unit.unit_id, code=rating.code)
            indicators = tuple(
                IndicatorLine(s, tuple(_value(unit.reported, s.indicator.id, m) for m in range(1, 13)))
                for s in rating.indicators
            )
            lines.append(
                ProjectLine(
                    plan,
                    unit.unit_name,
                    rating,
                    indicators,
                    _notes(indicators, unit.reported, scope.months),
                    order,
                    disbursements.get((unit.unit_id, rating.code)),
                )
            )
            order += 1

    strategy_names: dict[int, str] = {}
    for line in lines:
        if line.plan.strategy_no is not None and line.plan.strategy_name:
            strategy_names.setdefault(line.plan.strategy_no, line.plan.strategy_name)
    strategies = sorted({line.plan.strategy_no for line in lines if line.plan.strategy_no is not None})

    funds = []
    for fund in T.FUND_ORDER:
        members = [line for line in lines if line.plan.fund == fund]
        if not members or (fund_filter is not None and fund != fund_filter):
            continue
        members.sort(
            key=lambda p: (
                p.plan.strategy_no is None,
                p.plan.strategy_no or 0,
                _natural(p.plan.tactic_no),
                _natural(p.code),
                p.order,
            )
        )
        rows = [
            StrategyRow(n, strategy_names.get(n), Counts.of_projects(p for p in members if p.plan.strategy_no == n))
            for n in strategies
        ]
        if any(p.plan.strategy_no is None for p in members):
            rows.append(StrategyRow(None, None, Counts.of_projects(p for p in members if p.plan.strategy_no is None)))
        budget = sum((p.plan.budget_baht or Decimal(0) for p in members), Decimal(0))
        given = fund in allocations
        funds.append(
            FundSection(
                fund,
                T.FUND_NAMES[fund],
                allocations.get(fund, budget),
                given,
                Counts.of_projects(members),
                tuple(rows),
                tuple(members),
            )
        )
    shown = [p for f in funds for p in f.projects]
    red = tuple(p for p in shown if p.level == Level.RED)
    return EvaluationReport(
        scope.year_be, quarter, scope, now, fund_filter, tuple(funds), Counts.of_projects(shown), red, strategy_names
    )


def _value(reported: Mapping[tuple[int, int], ReportedView], indicator_id: int, month: int) -> Decimal | None:
    item = reported.get((indicator_id, month))
    return None if item is None else item.value


# --------------------------------------------------------------------------------------------
# Texts the renderers share


def figure(value: Decimal | None, places: int = 2) -> str:
    """A figure as the report prints it: 1,250 · 98.5 · 0; None → ''."""
    if value is None:
        return ""
    from kpi.rating import round_half_up

    rounded = round_half_up(Decimal(value), places).normalize()
    if rounded == rounded.to_integral_value():
        return f"{rounded:,.0f}"
    return f"{rounded:,f}"


def count_cell(n: int) -> str:
    """Counts in the overview tables: '-' for zero, as printed."""
    return str(n) if n else T.ZERO


def share_cell(share: Decimal, n: int) -> str:
    return f"{share:.2f}" if n else T.ZERO


def plan_text(project: ProjectLine) -> str:
    """The red list's แผนการดำเนินงาน: each indicator's target for the period."""
    parts = []
    for line in project.indicators:
        target = line.status.rating.target
        if target is None:
            continue
        parts.append(T.RED_PLAN_LINE.format(name=line.view.name, target=figure(target), uom=line.view.unit_of_measure))
    return "\n".join(parts)


def result_text(project: ProjectLine) -> str:
    """The red list's ผลการดำเนินงาน: what the officers wrote, newest first; without a note,
    the figures (or that nothing was reported)."""
    if project.notes:
        return "\n".join(f"({MONTHS_ABBR[n.month - 1]}) {n.text}" for n in project.notes)
    parts = []
    for line in project.indicators:
        rating = line.status.rating
        if rating.target is None:
            continue
        if rating.result is None:
            parts.append(T.RED_NOT_REPORTED.format(name=line.view.name))
        else:
            parts.append(
                T.RED_FIGURES.format(
                    name=line.view.name,
                    result=figure(rating.result),
                    target=figure(rating.target),
                    uom=line.view.unit_of_measure,
                    pct=figure(rating.pct),
                )
            )
    return "\n".join(parts)


def budget_paragraph(report: EvaluationReport) -> str:
    clauses = []
    for section in report.funds:
        text = T.BUDGET_SOURCE[section.fund].format(year=report.year_be, amount=T.baht(section.allocation))
        clauses.append(text + ("" if section.allocation_given else T.BUDGET_SUMMED))
    return T.BUDGET_OPENING + " และ".join(clauses)


def overview_heading(report: EvaluationReport) -> str:
    funds = f"{len(report.funds)} กองทุน" if len(report.funds) > 1 else (report.funds[0].name if report.funds else "")
    return T.OVERVIEW_HEADING.format(funds=funds, span=report.span)


def overview_sentence(report: EvaluationReport) -> str:
    return T.OVERVIEW_SENTENCE.format(n=report.counts.projects)


def overview_levels(report: EvaluationReport) -> list[str]:
    share = report.counts.shares()
    return [
        T.OVERVIEW_LEVEL.format(level=T.LEVEL_WORD[level], n=report.counts.of(level), share=f"{share[level]:.2f}")
        for level in RATED_LEVELS
    ]


def strategy_label(row: StrategyRow) -> str:
    return T.STRATEGY_ROW.format(n=row.strategy_no) if row.strategy_no is not None else T.NO_STRATEGY


def fund_table(report: EvaluationReport, section: FundSection) -> list[list[str]]:
    """The per-fund table's body: a row per strategy, รวม, ร้อยละของโครงการทั้งหมด."""
    rows = [[strategy_label(r), *map(count_cell, r.counts.columns)] for r in section.strategies]
    c = section.counts
    rows.append([T.TOTAL_ROW, *map(count_cell, c.columns)])
    share = c.shares()
    rows.append(
        [T.SHARE_ROW, "100" if c.projects else T.ZERO, *(share_cell(share[lv], c.of(lv)) for lv in RATED_LEVELS)]
    )
    return rows


def fund_table_head(report: EvaluationReport) -> list[str]:
    first, second, *rest = T.FUND_TABLE_HEAD
    return [first, second.format(quarter=report.quarter, span_short=report.span_short), *rest]


# --------------------------------------------------------------------------------------------
# The detail tables: fund › strategy › กลยุทธ์ › แผนงาน › project kind › project


@dataclass(frozen=True)
class Heading:
    level: int  # 1 fund, 2 strategy, 3 กลยุทธ์, 4 แผนงาน
    text: str


@dataclass(frozen=True)
class Row:
    kind: str  # type | project | plan | result | footer
    cells: tuple[str, ...]
    level: Level | None = None


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)


WIDTH = len(T.DETAIL_HEAD)
MONTH_COL = 8  # ม.ค. is the 9th column


def _blank(**cells: str) -> list[str]:
    row = [""] * WIDTH
    for index, text in cells.items():
        row[int(index[1:])] = text
    return row


def _budget(value: Decimal | None) -> str:
    if value is None:
        return ""
    return T.NO_BUDGET if value == 0 else T.baht(value)


def spent_text(spent: DisbursementStatus | None) -> str:
    """'เบิกจ่าย 176,005\n(ร้อยละ 17.02)'; '' without a budget."""
    if spent is None:
        return ""
    return T.SPENT.format(amount=figure(spent.spent), pct=figure(spent.pct_of_allocation))


def project_rows(project: ProjectLine, seq: int, scope: Scope) -> list[Row]:
    """The project's rows: its title (unit, budget, master plan), a แผน and a ผล row per
    indicator over the twelve months, and the footer with its duration and average %."""
    plan = project.plan
    rows = [
        Row(
            "project",
            tuple(
                _blank(
                    c0=f"{seq}.",
                    c1=project.name,
                    c2=project.unit_label,
                    c3=_budget(plan.budget_baht),
                    c22=plan.master_plan or "",
                )
            ),
        )
    ]
    for n, line in enumerate(project.indicators):
        view, rating = line.view, line.status.rating
        plan_row = _blank(
            c0=T.INDICATOR_NO.format(n=view.number),
            c1=view.name,
            c3="" if n else spent_text(project.spent),
            c4=figure(view.year_target()),
            c5=T.PLAN_ROW,
            c6=view.unit_of_measure,
            c7=figure(view.weight_pct),
            c20=figure(rating.target),
        )
        result_row = _blank(c5=T.RESULT_ROW, c20=figure(rating.result), c21=figure(rating.pct))
        for month in range(1, 13):
            target = view.target(month)
            plan_row[MONTH_COL + month - 1] = figure(target) if target else T.ZERO
            value = line.values[month - 1] if month in scope.months else None
            result_row[MONTH_COL + month - 1] = figure(value)  # not reported: empty, never 0
        rows.append(Row("plan", tuple(plan_row)))
        rows.append(Row("result", tuple(result_row), rating.level))
    label = T.PROJECT_AVERAGE + (f"\n{T.DURATION.format(text=plan.duration)}" if plan.duration else "")
    footer = _blank(c1=label, c21=figure(project.pct))
    rows.append(Row("footer", tuple(footer), project.level))
    return rows


def detail(report: EvaluationReport, section: FundSection) -> list[Heading | Table]:
    """Headings and tables of one fund's detail, in the plan's order; a new table under each
    strategy, กลยุทธ์ and แผนงาน heading, a kind row whenever the kind changes."""
    blocks: list[Heading | Table] = [Heading(1, section.name)]
    current: tuple = ()
    table: Table | None = None
    kind = None
    seq = 0
    for project in section.projects:
        plan = project.plan
        strategy = (plan.strategy_no,)
        tactic = strategy + (plan.tactic_no,)
        work_plan = tactic + (plan.work_plan,)
        if not current or current[:1] != strategy:
            name = plan.strategy_name or report.strategy_names.get(plan.strategy_no or 0, "")
            blocks.append(
                Heading(
                    2,
                    T.DETAIL_STRATEGY.format(n=plan.strategy_no, name=name).strip()
                    if plan.strategy_no is not None
                    else T.NO_STRATEGY,
                )
            )
            seq = 0
        if plan.tactic_no is not None and (not current or current[:2] != tactic):
            blocks.append(Heading(3, T.DETAIL_TACTIC.format(n=plan.tactic_no, name=plan.tactic_name or "")))
        if plan.work_plan is not None and (not current or current[:3] != work_plan):
            blocks.append(Heading(4, T.DETAIL_WORK_PLAN.format(name=plan.work_plan)))
        if not current or current[:3] != work_plan:
            table = Table()
            blocks.append(table)
            kind = None
        current = work_plan
        if plan.project_type is not None and plan.project_type != kind:
            table.rows.append(Row("type", tuple(_blank(c1=plan.project_type))))
        kind = plan.project_type
        seq += 1
        table.rows.extend(project_rows(project, seq, report.scope))
    return blocks
