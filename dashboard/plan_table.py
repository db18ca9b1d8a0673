"""The evaluation report's overview table on the dashboard, and the projects behind each number.

The table is the report's own (reports.compose: the same rating, grouping and cells as the
Word, Excel and JSON files), for the units and the cut the overview shows and the period it
shows, cumulative from January as the report is ("ไตรมาส 4" = ม.ค.–ธ.ค.). Each number links
to the projects it counts: a fund, a strategy (or all of the fund's: รวม) and a level (or
every rated project: งาน/โครงการที่ดำเนินการ), picked from the same composed report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kpi.periods import Period
from kpi.plan_structure import PlanCut, strategy_number
from kpi.rating import RATED_LEVELS, Level, UnitStatus
from reports import texts as RT
from reports.compose import (
    EvaluationReport,
    FundSection,
    ProjectLine,
    ReportRequestError,
    UnitPlan,
    compose,
    cumulative_scope,
    fund_table,
    fund_table_head,
    overview_levels,  # noqa: F401  (the template's sentence, as the report prints it)
    overview_sentence,  # noqa: F401
    parse_fund,
)
from reports.gather import load_plans

#: A query parameter's value for projects without a fund or a strategy in the plan.
NONE = "none"
LEVEL_PARAMS = {level.value: level for level in RATED_LEVELS}


class BadFilter(ValueError):
    """A fund, strategy or level the dashboard cannot show; the message is Thai."""


def read_cut(args: Mapping[str, str]) -> PlanCut | None:
    """?fund=SSF|WCF (or the fund's Thai name) &strategy=2: the overview's cut; none given → None."""
    fund = _fund(args.get("fund"))
    strategy = _strategy(args.get("strategy"))
    return PlanCut(fund, strategy) if fund or strategy is not None else None


def _fund(text: str | None) -> str | None:
    try:
        return parse_fund(text)
    except ReportRequestError as error:
        raise BadFilter(str(error)) from None


def _strategy(text: str | None) -> int | None:
    if not (text or "").strip():
        return None
    number = strategy_number(text)
    if number is None:
        raise BadFilter(f"ยุทธศาสตร์ '{text[:20]}' ไม่ถูกต้อง กรุณาระบุเป็นเลขยุทธศาสตร์ เช่น 2")
    return number


@dataclass(frozen=True)
class Selection:
    """The projects one number of the table counts: the fund's (None: ไม่ระบุกองทุน), of one
    strategy (None: ไม่ระบุยุทธศาสตร์) or all its strategies, of one level or every rated one."""

    fund: str | None
    strategy_no: int | None
    all_strategies: bool
    level: Level | None  # None: every rated project

    @property
    def cut(self) -> PlanCut | None:
        """What the database can narrow the loading to (a missing fund or strategy it cannot)."""
        strategy = None if self.all_strategies else self.strategy_no
        return PlanCut(self.fund, strategy) if self.fund or strategy is not None else None

    def takes(self, project: ProjectLine) -> bool:
        levels = RATED_LEVELS if self.level is None else (self.level,)
        return (
            project.plan.fund == self.fund
            and (self.all_strategies or project.plan.strategy_no == self.strategy_no)
            and project.level in levels
        )

    def args(self) -> dict[str, str]:
        args = {"fund": self.fund or NONE}
        if not self.all_strategies:
            args["strategy"] = NONE if self.strategy_no is None else str(self.strategy_no)
        if self.level is not None:
            args["level"] = self.level.value
        return args


def read_selection(args: Mapping[str, str]) -> Selection:
    """?fund=SSF|WCF|none [&strategy=2|none] [&level=green|yellow|red]; BadFilter otherwise."""
    fund_text = (args.get("fund") or "").strip()
    if not fund_text:
        raise BadFilter("กรุณาระบุกองทุน (SSF = กองทุนประกันสังคม, WCF = กองทุนเงินทดแทน)")
    fund = None if fund_text == NONE else _fund(fund_text)
    strategy_text = (args.get("strategy") or "").strip()
    every = not strategy_text
    strategy = None if every or strategy_text == NONE else _strategy(strategy_text)
    level_text = (args.get("level") or "").strip()
    if level_text and level_text not in LEVEL_PARAMS:
        raise BadFilter(f"ระดับ '{level_text[:20]}' ไม่ถูกต้อง (ใช้ green = ดี, yellow = ปานกลาง หรือ red = ต่ำ)")
    return Selection(fund, strategy, every, LEVEL_PARAMS.get(level_text))


# -- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str  # as the report prints it: '12', '83.69', '-'
    link: Selection | None  # None: nothing counted


@dataclass(frozen=True)
class TableRow:
    label: str
    name: str | None  # the strategy's name
    cells: tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class FundTable:
    fund: str | None
    name: str
    head: tuple[str, ...]
    rows: tuple[TableRow, ...]


def report_of(
    session: Session,
    units: Sequence[UnitPlan],
    year_be: int,
    quarter: int | None,
    as_of: Period,
    now: datetime,
    rated: Mapping[int, UnitStatus] | None = None,
) -> EvaluationReport:
    """The report (reports.compose) of these units, January up to the quarter (or the month
    being reported); `rated`: their statuses the overview has rated, reused where its period
    is the report's (the year to date without a go-live month)."""
    scope, number = cumulative_scope(year_be, quarter, as_of)
    return compose(units, load_plans(session, year_be), scope, number, now, rated=rated)


def tables(report: EvaluationReport, cut: PlanCut | None = None) -> list[FundTable]:
    """Each fund's table as the report prints it (reports.compose.fund_table), a link per
    number; `cut`: the one the report's units were loaded with (its strategy bounds รวม too)."""
    head = tuple(fund_table_head(report))
    return [FundTable(s.fund, s.name, head, tuple(_rows(report, s, cut))) for s in report.funds]


def _rows(report: EvaluationReport, section: FundSection, cut: PlanCut | None) -> list[TableRow]:
    printed = fund_table(report, section)
    counted = [(r.strategy_no, False, r.counts) for r in section.strategies]
    # รวม and ร้อยละ count the fund's projects: of every strategy, or of the one cut to
    whole = (None, True) if cut is None or cut.strategy_no is None else (cut.strategy_no, False)
    counted += [(*whole, section.counts), (*whole, section.counts)]
    rows = []
    for index, ((label, *texts), (strategy, every, counts)) in enumerate(zip(printed, counted)):
        links = [
            Selection(section.fund, strategy, every, level) if n else None
            for level, n in zip((None, *RATED_LEVELS), counts.columns)
        ]
        total = index >= len(section.strategies)
        name = None if total or strategy is None else report.strategy_names.get(strategy)
        rows.append(TableRow(label, name, tuple(Cell(t, link) for t, link in zip(texts, links)), total))
    return rows


def projects_counted(report: EvaluationReport, selection: Selection) -> list[ProjectLine]:
    """Exactly the projects the selection's number counts, in the report's order."""
    return [p for section in report.funds for p in section.projects if selection.takes(p)]


def selection_title(selection: Selection) -> str:
    """'กองทุนประกันสังคม · ยุทธศาสตร์ที่ 2 · ระดับดี'."""
    parts = [RT.FUND_NAMES[selection.fund]]
    if not selection.all_strategies:
        parts.append(
            RT.STRATEGY_ROW.format(n=selection.strategy_no) if selection.strategy_no is not None else RT.NO_STRATEGY
        )
    parts.append(f"ระดับ{RT.LEVEL_WORD[selection.level]}" if selection.level else "งาน/โครงการที่ดำเนินการ")
    return " · ".join(parts)
