"""What the dashboard pages show, computed with the SSO rating rules (kpi.rating).

Loading goes through models.status_queries (a fixed number of queries); rating, completeness
and levels come from kpi.rating — this module only arranges them for the pages and charts:
the overview matrix (units × months), a unit's projects and indicators, and the charts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from handlers.status import cut_name
from kpi.go_live import BEFORE_GO_LIVE_TH, counted_months
from kpi.indicator import IndicatorView, ReportedView
from kpi.kinds import IndicatorKind
from kpi.periods import BANGKOK, BE_OFFSET, MONTHS_ABBR, MONTHS_FULL, Period, reporting_period  # noqa: F401  (templates)
from kpi.plan_structure import FUNDS, PlanCut  # noqa: F401  (templates)
from kpi.rating import (
    RATED_LEVELS,
    Completeness,
    IndicatorStatus,
    Level,
    OfficeStatus,
    ProjectRating,
    ReportStatus,
    Scope,
    UnitStatus,
    count_reports,
    indicator_reports,
    rate_indicator,
    rate_office,
    round_half_up,
    shares,
)
from kpi.text import parse_int
from models.base import MAX_DB_ID
from models.org import Officer, Unit, UnitType
from models.plan import Indicator, Project
from models.results import ReportedValue
from models.status_queries import UnitData, chat_has_picture, load_status_data  # noqa: F401
from presentation import texts as T
from presentation.formatting import shorten
from reports.compose import EvaluationReport, ProjectLine

from . import charts as C
from . import plan_table as PT

LEVEL_COLOURS = {
    Level.GREEN: C.GREEN,
    Level.YELLOW: C.YELLOW,
    Level.RED: C.RED,
    Level.NO_TARGET: C.GREY,
    Level.NOT_REPORTED: C.GREY,
    Level.BEFORE_GO_LIVE: C.GREY,
}
STATUS_TH = {
    ReportStatus.ON_TIME: "ตรงเวลา",
    ReportStatus.LATE: "ล่าช้า",
    ReportStatus.MISSING: "ยังไม่ส่ง",
    ReportStatus.PENDING: "รอส่ง",
    ReportStatus.BEFORE_GO_LIVE: BEFORE_GO_LIVE_TH,
}
STATUS_COLOURS = {
    ReportStatus.ON_TIME: C.GREEN,
    ReportStatus.LATE: C.YELLOW,
    ReportStatus.MISSING: C.RED,
    ReportStatus.PENDING: C.GREY,
    ReportStatus.BEFORE_GO_LIVE: C.GREY,
}
UNIT_TYPE_TH = {
    UnitType.CENTRAL.value: "ส่วนกลาง (กอง/สำนัก/ศูนย์)",
    UnitType.BANGKOK_AREA.value: "สปส. กรุงเทพมหานครเขตพื้นที่",
    UnitType.PROVINCIAL.value: "สปส. จังหวัด",
    UnitType.BRANCH.value: "สาขา",
    UnitType.GROUPING.value: "กลุ่ม/ภาค",
    UnitType.EXTERNAL.value: "หน่วยงานภายนอก",
    UnitType.OTHER.value: "อื่น ๆ",
}
#: Kinds whose year-to-date figure adds up the months: drawn on their own (right) axis.
SUMMED_KINDS = (IndicatorKind.COUNT.value, IndicatorKind.PASS_FAIL.value)


def level_word(level: Level) -> str:
    return T.LEVEL_WORDS[level.value]


def fmt(value: Decimal | None, places: int | None = None) -> str:
    """'1,250', '84.5'; '–' for nothing."""
    if value is None:
        return "–"
    if places is not None:
        value = round_half_up(value, places)
    from presentation.formatting import format_number

    return format_number(value, grouping=True)


def fmt_pct(pct: Decimal | None) -> str:
    return "–" if pct is None else fmt(pct, 2)


def thai_datetime(at: datetime) -> str:
    """'25 พฤศจิกายน 2569 เวลา 10:00 น.'"""
    from files.report_export import thai_datetime as full

    return full(at)


def short_datetime(at: datetime) -> str:
    """'3 พ.ย. 2569 09:15' (Bangkok time)."""
    local = at.astimezone(BANGKOK)
    return f"{local.day} {MONTHS_ABBR[local.month - 1]} {local.year + BE_OFFSET} {local:%H:%M}"


# -- filters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    year_be: int
    quarter: int | None = None  # None: the whole year (to date)
    unit_type: str | None = None  # None: every type
    go_live: Period | None = None  # GO_LIVE_MONTH (a setting, not a query parameter)
    cut: PlanCut | None = None  # the overview's fund and/or strategy (plan_table.read_cut)

    def scope(self, as_of: Period) -> Scope:
        if self.quarter:
            return Scope.quarter_of(self.year_be, self.quarter, as_of).since(self.go_live)
        return Scope.year_to_date(self.year_be, as_of).since(self.go_live)

    @property
    def months(self) -> range:
        """The months shown: the quarter's three, or the twelve of the year."""
        return range(3 * self.quarter - 2, 3 * self.quarter + 1) if self.quarter else range(1, 13)

    def args(self, **changes) -> dict:
        cut = self.cut or PlanCut()
        values = {
            "year": self.year_be,
            "q": self.quarter,
            "type": self.unit_type,
            "fund": cut.fund,
            "strategy": cut.strategy_no,
            **changes,
        }
        return {k: v for k, v in values.items() if v not in (None, "")}

    def period_args(self, **changes) -> dict:
        """The period and unit type alone: for pages that are not cut by fund or strategy."""
        return self.args(**{"fund": None, "strategy": None, **changes})

    @property
    def cut_name(self) -> str:
        """'กองทุนเงินทดแทน ยุทธศาสตร์ที่ 2'; '' without a cut."""
        return cut_name(self.cut) if self.cut else ""

    def label(self) -> str:
        return f"ไตรมาส {self.quarter}/{self.year_be}" if self.quarter else f"ปี {self.year_be}"


def plan_years(session: Session) -> list[int]:
    return list(session.scalars(select(Project.year_be).distinct().order_by(Project.year_be.desc())))


def plan_strategies(session: Session, year_be: int) -> list[tuple[int, str]]:
    """The strategies of the year's plan: (number, name), by number."""
    rows = session.execute(
        select(Project.strategy_no, func.max(Project.strategy_name))
        .where(Project.year_be == year_be, Project.strategy_no.is_not(None))
        .group_by(Project.strategy_no)
        .order_by(Project.strategy_no)
    )
    return [(number, name or "") for number, name in rows]


def read_filters(args, session: Session, now: datetime, go_live: Period | None = None) -> Filters:
    """Filters from the query string; unknown values fall back to the defaults."""
    years = plan_years(session)
    as_of = reporting_period(now)
    default = as_of.year_be if as_of.year_be in years or not years else years[0]
    year = _int(args.get("year"))
    quarter = _int(args.get("q"))
    unit_type = args.get("type") or None
    return Filters(
        year if year and 2400 <= year <= 2800 else default,
        quarter if quarter in (1, 2, 3, 4) else None,
        unit_type if unit_type in UNIT_TYPE_TH else None,
        go_live,
    )


def _int(text) -> int | None:
    """A whole number a query parameter names, within what the database's ids hold; else None."""
    number = parse_int(text)
    return number if number is not None and abs(number) <= MAX_DB_ID else None


# -- the overview matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    month: int
    reports: Completeness
    levels: dict[Level, int] | None  # projects per level that month; None: not rated yet

    @property
    def status(self) -> ReportStatus | None:
        """The unit's reporting in the month: any missing → ยังไม่ส่ง; any not yet due → รอส่ง;
        any late → ล่าช้า; all on time → ตรงเวลา; None when nothing was due."""
        c = self.reports
        if c.expected == 0:
            return ReportStatus.BEFORE_GO_LIVE if c.before_go_live else None
        if c.missing:
            return ReportStatus.MISSING
        if c.pending:
            return ReportStatus.PENDING
        return ReportStatus.LATE if c.late else ReportStatus.ON_TIME

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.status] if self.status else "–"

    @property
    def level_bar(self) -> list[tuple[str, int, str]]:
        """(colour, count, word) of the rated levels with projects, for the cell's colour strip."""
        if not self.levels:
            return []
        return [(LEVEL_COLOURS[lv], n, level_word(lv)) for lv in RATED_LEVELS if (n := self.levels.get(lv, 0))]


@dataclass(frozen=True)
class Row:
    unit_id: int
    unit_name: str
    unit_type: str
    cells: list[Cell]
    status: UnitStatus  # rated over the filters' scope


@dataclass
class Overview:
    filters: Filters
    scope: Scope
    rows: list[Row]
    office: OfficeStatus
    years: list[int]
    monthly: dict[int, Completeness] = field(default_factory=dict)
    units: list[UnitData] = field(default_factory=list)  # the units shown, as loaded
    report: EvaluationReport | None = None  # their evaluation report (its overview table), overview_page()
    strategies: list[tuple[int, str]] = field(default_factory=list)  # the plan's, for the filter

    @property
    def plan_tables(self) -> list[PT.FundTable]:
        return PT.tables(self.report, self.filters.cut) if self.report is not None else []

    @property
    def level_counts(self) -> dict[Level, int]:
        return self.office.level_counts

    @property
    def shares(self) -> dict[Level, Decimal]:
        return shares(self.office.level_counts)

    @property
    def rated_projects(self) -> int:
        return sum(self.level_counts[lv] for lv in RATED_LEVELS)


def _unit_types(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Unit.id, Unit.unit_type)).all())


def month_reports(reports: dict[int, dict[int, ReportStatus]], month: int) -> Completeness:
    """How the reports due in one month came in, over the indicators given."""
    return count_reports(r[month] for r in reports.values() if month in r)


def whole_year_reports(
    data: UnitData, year_be: int, now: datetime, go_live: Period | None = None
) -> dict[int, dict[int, ReportStatus]]:
    """indicator id → month → report status, for all twelve months that have begun (pending
    and before go-live included)."""
    values: dict[int, dict[int, ReportedView]] = {}
    for (indicator_id, month), value in data.reported.items():
        values.setdefault(indicator_id, {})[month] = value
    return {
        ind.id: indicator_reports(ind, values.get(ind.id, {}), year_be, range(1, 13), now, go_live)
        for ind in data.indicators
    }


def _month_levels(
    data: UnitData, year_be: int, month: int, as_of: Period, now: datetime, go_live: Period | None
) -> dict[Level, int] | None:
    if Period(year_be, month) > as_of:
        return None
    return data.rate(Scope.month(Period(year_be, month)).since(go_live), now).level_counts


def units_shown(session: Session, filters: Filters, unit_ids: set[int] | None, cut: PlanCut | None) -> list[UnitData]:
    """The units of the year the viewer may see, of the unit type chosen, with their projects
    of the cut (all twelve months' values)."""
    types = _unit_types(session)
    return [
        data
        for data in load_status_data(session, filters.year_be, unit_ids=unit_ids, cut=cut)
        if not filters.unit_type or types.get(data.unit_id) == filters.unit_type
    ]


def overview(session: Session, filters: Filters, now: datetime, unit_ids: set[int] | None) -> Overview:
    as_of = reporting_period(now)
    scope = filters.scope(as_of)
    types = _unit_types(session)
    rows: list[Row] = []
    monthly = {m: Completeness() for m in filters.months}
    shown = units_shown(session, filters, unit_ids, filters.cut)
    for data in shown:
        year_reports = whole_year_reports(data, filters.year_be, now, filters.go_live)
        cells = []
        for m in filters.months:
            reports = month_reports(year_reports, m)
            monthly[m] = monthly[m] + reports
            cells.append(Cell(m, reports, _month_levels(data, filters.year_be, m, as_of, now, filters.go_live)))
        rows.append(Row(data.unit_id, data.unit_name, types.get(data.unit_id, ""), cells, data.rate(scope, now)))
    office = rate_office([r.status for r in rows], scope)
    return Overview(filters, scope, rows, office, plan_years(session), monthly, shown)


def overview_page(session: Session, filters: Filters, now: datetime, unit_ids: set[int] | None) -> Overview:
    """The overview page: the matrix and cards (overview()), the evaluation report's table
    composed from the same loaded units, and the plan's strategies for the filter."""
    view = overview(session, filters, now, unit_ids)
    if view.units:
        rated = {row.unit_id: row.status for row in view.rows}
        as_of = reporting_period(now)
        view.report = PT.report_of(session, view.units, filters.year_be, filters.quarter, as_of, now, rated)
    view.strategies = plan_strategies(session, filters.year_be)
    return view


def projects_counted(
    session: Session, filters: Filters, selection: PT.Selection, now: datetime, unit_ids: set[int] | None
) -> tuple[EvaluationReport | None, list[ProjectLine]]:
    """The report of the units shown (as the overview composes it) and the projects one of its
    table's numbers counts."""
    shown = units_shown(session, filters, unit_ids, selection.cut)
    if not shown:
        return None, []
    report = PT.report_of(session, shown, filters.year_be, filters.quarter, reporting_period(now), now)
    return report, PT.projects_counted(report, selection)


# -- a unit's page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthLine:
    month: int
    target: Decimal
    value: Decimal | None
    note: str | None
    status: ReportStatus | None
    by: str | None
    at: datetime | None

    @property
    def label(self) -> str:
        return MONTHS_ABBR[self.month - 1]


@dataclass
class IndicatorBlock:
    status: IndicatorStatus  # over the filters' scope (the year to date or a quarter)
    months: list[MonthLine]
    chart: C.Chart
    month: IndicatorStatus | None = None  # the scope's last month alone; None before the year begins

    @property
    def ind(self) -> IndicatorView:
        return self.status.indicator

    @property
    def notes(self) -> list[tuple[str, str]]:
        return [(line.label, line.note) for line in self.months if line.note]


@dataclass
class ProjectBlock:
    rating: ProjectRating
    indicators: list[IndicatorBlock]


@dataclass
class UnitPage:
    unit: Unit
    filters: Filters
    scope: Scope
    status: UnitStatus | None
    projects: list[ProjectBlock]
    months: list[Completeness]  # reports per month (1..12) of the whole year
    years: list[int]
    month_scope: Scope | None = None  # the scope's last month (the unit table's "month" columns)


def reporters(session: Session, unit_id: int, year_be: int) -> dict[tuple[int, int], tuple[str | None, datetime, str]]:
    """(indicator id, month) → (who reported, when, source) for the unit's values of the year."""
    rows = session.execute(
        select(
            ReportedValue.indicator_id,
            ReportedValue.month,
            Officer.display_name,
            ReportedValue.reported_at,
            ReportedValue.source,
        )
        .join(Indicator, ReportedValue.indicator_id == Indicator.id)
        .join(Project, Indicator.project_id == Project.id)
        .outerjoin(Officer, ReportedValue.reported_by_id == Officer.id)
        .where(Project.unit_id == unit_id, Project.year_be == year_be)
    )
    return {(i, m): (name, at, source) for i, m, name, at, source in rows}


def unit_page(session: Session, unit: Unit, filters: Filters, now: datetime) -> UnitPage:
    as_of = reporting_period(now)
    scope = filters.scope(as_of)
    loaded = load_status_data(session, filters.year_be, unit_id=unit.id)
    if not loaded:
        return UnitPage(unit, filters, scope, None, [], [Completeness()] * 12, plan_years(session))
    data = loaded[0]
    status = data.rate(scope, now)
    month_scope = None if scope.is_empty else Scope.month(Period(scope.year_be, scope.last)).since(scope.go_live)
    in_month = {} if month_scope is None else {i.indicator.id: i for i in data.rate(month_scope, now).indicators}
    who = reporters(session, unit.id, filters.year_be)
    year_reports = whole_year_reports(data, filters.year_be, now, filters.go_live)
    projects = []
    for project in status.projects:
        blocks = []
        for ind_status in project.indicators:
            ind = ind_status.indicator
            values = {m: v for (i, m), v in data.reported.items() if i == ind.id}
            reports = year_reports[ind.id]
            lines = []
            for m in filters.months:
                v = values.get(m)
                by, at, _ = who.get((ind.id, m), (None, None, None))
                lines.append(
                    MonthLine(m, ind.target(m), v.value if v else None, v.note if v else None, reports.get(m), by, at)
                )
            blocks.append(
                IndicatorBlock(
                    ind_status,
                    lines,
                    indicator_chart(ind, values, filters.year_be, as_of, filters.go_live),
                    in_month.get(ind.id),
                )
            )
        projects.append(ProjectBlock(project, blocks))
    months = [month_reports(year_reports, m) for m in range(1, 13)]
    return UnitPage(unit, filters, scope, status, projects, months, plan_years(session), month_scope)


def indicator_chart(
    ind: IndicatorView, values: dict[int, ReportedView], year_be: int, as_of: Period, go_live: Period | None = None
) -> C.Chart:
    """Monthly target vs. result (bars) and the year-to-date target and result (lines), as the
    rating counts them for the indicator's kind (sums for counts, the latest figure for stocks
    and percentages, the average for monthly rates, months passed for pass/fail); the lines
    leave out the months before go-live that the bot knows nothing of (kpi.go_live)."""
    last = 12 if year_be < as_of.year_be else (as_of.month if year_be == as_of.year_be else 0)
    cum_target: list[Decimal | None] = []
    cum_result: list[Decimal | None] = []
    for m in range(1, 13):
        r = rate_indicator(ind, values, counted_months(year_be, range(1, m + 1), values, go_live))
        cum_target.append(r.target)
        cum_result.append(r.result if m <= last else None)
    axis = "right" if ind.kind in SUMMED_KINDS else "left"
    monthly = [values[m].value if m in values else None for m in range(1, 13)]
    series = [
        C.Series("เป้าหมายรายเดือน", [t if t else None for t in ind.targets], "bar", C.TARGET),
        C.Series("ผลรายเดือน", monthly, "bar", C.RESULT),
        C.Series("เป้าหมายสะสม", cum_target, "line", C.GREY, axis=axis, dashed=True),
        C.Series("ผลสะสม", cum_result, "line", C.CUMULATIVE, axis=axis),
    ]
    title = f"{ind.code} {shorten(ind.name, 64)}"
    return C.Chart(
        title,
        MONTHS_ABBR,
        series,
        subtitle=f"หน่วยนับ: {ind.unit_of_measure} · ปี {year_be}",
        left_label=ind.unit_of_measure,
        right_label="สะสม" if axis == "right" else "",
    )
