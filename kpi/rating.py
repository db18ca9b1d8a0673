"""How the SSO rates results, as the Policy and Planning Division's evaluation report does.

(Longer than our ~400 lines on purpose: the report's rules for indicators, projects, units, the
office and reporting completeness refer to one another; kept whole so they read as the report.)

Pure functions, no I/O. The rules come from the evaluation report (การประเมินผลตามแผนปฏิบัติ
ราชการ ประจำปี 2567 ไตรมาส 4) and are tested against its own rows (tests/data/):

* Indicator % = result ÷ target × 100, not capped (749 % occurs). Over a month, a quarter or
  the year to date the plan counts **up to that month**, by kind:
    count              targets and results of the months are added
    stock, pct_cum,    the latest month with a target is the target; the latest figure
    level, pp_change   reported is the result (a level scores level reached ÷ target level)
    pct_monthly        a rate each month: the months' results and targets are averaged
    pass_fail          months passed ÷ months due
  Lower-is-better indicators are inverted (target ÷ result; a result of 0 meets the target).
* A period with no target due (a 0 in the plan's month) is "no target", not a level.
* Project % = the weight-weighted sum of its indicators' % (weights sum to 100; when some
  indicators have no target in the period, the others' weights are scaled up to 100).
  An indicator with a target but nothing reported counts 0 % (nothing done), so a project
  with nothing done is red.
* Levels are given on the % rounded half up to a whole number: green (ดี) 100 and above,
  yellow (ปานกลาง) 50–99, red (ต่ำ) under 50. Indicators get the same colours as a guide.
* Reporting completeness and timeliness, per unit and period, like DHIS2's reporting rates:
  each due month of each indicator is one expected report, on time (by the 5th of the next
  month), late, missing (the deadline has passed) or pending (not due yet).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from kpi.kinds import IndicatorKind

from .indicator import IndicatorView, ReportedView
from .periods import MONTHS_ABBR, MONTHS_FULL, Period

K = IndicatorKind
HUNDRED = Decimal(100)
GREEN_FROM = Decimal(100)
YELLOW_FROM = Decimal(50)
#: Kinds whose latest figure is the result (a cumulative stock, percentage or milestone).
LATEST_KINDS = (K.STOCK.value, K.PERCENT_CUMULATIVE.value, K.LEVEL.value, K.PP_CHANGE.value)


class Level(str, enum.Enum):
    GREEN = "green"  # ดี: 100 % of the target and above
    YELLOW = "yellow"  # ปานกลาง: 50–99 %
    RED = "red"  # ต่ำ: under 50 %
    NO_TARGET = "no_target"  # nothing due in the period: no level
    NOT_REPORTED = "not_reported"  # indicators only: due, but no result sent yet (counts 0 %)


#: The three levels of the report, best first (the order of its overview).
RATED_LEVELS = (Level.GREEN, Level.YELLOW, Level.RED)


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """As the report prints: 99.5 → 100, 2.145 → 2.15 (places=2)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def level_of(pct: Decimal | None) -> Level:
    """The level of a % (rounded to a whole number first, as the report rounds); None = no target."""
    if pct is None:
        return Level.NO_TARGET
    rounded = round_half_up(pct)
    if rounded >= GREEN_FROM:
        return Level.GREEN
    return Level.YELLOW if rounded >= YELLOW_FROM else Level.RED


def percent(result: Decimal, target: Decimal, higher_is_better: bool = True) -> Decimal | None:
    """Result ÷ target × 100, not capped; None when there is no target (0)."""
    if target == 0:
        return None
    if higher_is_better:
        return result / target * HUNDRED
    if result == 0:
        return HUNDRED  # nothing of what should be low: the target is met
    return target / result * HUNDRED


def project_percent(parts: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """The weighted % of a project from (weight, indicator %) pairs; a None % (no target) is
    left out and the other weights are scaled to 100. None when no indicator has a target."""
    rated = [(Decimal(w or 0), p) for w, p in parts if p is not None]
    if not rated:
        return None
    total = sum((w for w, _ in rated), Decimal(0))
    if total <= 0:  # weights not given: a plain average
        return sum((p for _, p in rated), Decimal(0)) / len(rated)
    return sum((w * p for w, p in rated), Decimal(0)) / total


def shares(counts: Mapping[Level, int]) -> dict[Level, Decimal]:
    """Each level's share of the rated projects, in % to two places as the report prints them
    (195 of 233 → 83.69)."""
    total = sum(counts.get(level, 0) for level in RATED_LEVELS)
    if total == 0:
        return {level: Decimal(0) for level in RATED_LEVELS}
    return {level: round_half_up(Decimal(counts.get(level, 0)) * HUNDRED / total, 2) for level in RATED_LEVELS}


# --------------------------------------------------------------------------------------------
# The period rated


class ScopeKind(str, enum.Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YTD = "ytd"


@dataclass(frozen=True)
class Scope:
    """The months rated: one month, a quarter or the year to date, never past `last`.

    Quarters and the year to date stop at the latest month that can be reported (the month
    before today), so the plan counts up to that month; a scope not yet begun has no months.
    """

    kind: ScopeKind
    year_be: int
    first: int
    last: int  # first > last: nothing to rate yet
    quarter: int | None = None

    @property
    def months(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def is_empty(self) -> bool:
        return self.last < self.first

    def key(self) -> str:
        """'2569-10', '2569-Q4' or '2569' (the CLI's --period / --quarter / --ytd)."""
        if self.kind == ScopeKind.MONTH:
            return f"{self.year_be}-{self.first:02d}"
        if self.kind == ScopeKind.QUARTER:
            return f"{self.year_be}-Q{self.quarter}"
        return str(self.year_be)

    def thai(self) -> str:
        """'ตุลาคม 2569', 'ไตรมาส 4/2569 (ต.ค.–พ.ย.)', 'ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)'."""
        if self.kind == ScopeKind.MONTH:
            return f"{MONTHS_FULL[self.first - 1]} {self.year_be}"
        span = (
            "ยังไม่เริ่ม"
            if self.is_empty
            else (
                MONTHS_ABBR[self.first - 1]
                if self.first == self.last
                else f"{MONTHS_ABBR[self.first - 1]}–{MONTHS_ABBR[self.last - 1]}"
            )
        )
        if self.kind == ScopeKind.QUARTER:
            return f"ไตรมาส {self.quarter}/{self.year_be} ({span})"
        return f"ตั้งแต่ต้นปี {self.year_be} ({span})"

    @classmethod
    def month(cls, period: Period) -> Scope:
        return cls(ScopeKind.MONTH, period.year_be, period.month, period.month)

    @classmethod
    def quarter_of(cls, year_be: int, quarter: int, as_of: Period) -> Scope:
        if not 1 <= quarter <= 4:
            raise ValueError(f"not a quarter: {quarter}")
        first = 3 * quarter - 2
        return cls(ScopeKind.QUARTER, year_be, first, min(3 * quarter, _last_month(year_be, as_of)), quarter)

    @classmethod
    def year_to_date(cls, year_be: int, as_of: Period) -> Scope:
        return cls(ScopeKind.YTD, year_be, 1, _last_month(year_be, as_of))

    @classmethod
    def around(cls, kind: ScopeKind, as_of: Period) -> Scope:
        """The month, quarter or year to date that ends with the month being reported."""
        if kind == ScopeKind.MONTH:
            return cls.month(as_of)
        if kind == ScopeKind.QUARTER:
            return cls.quarter_of(as_of.year_be, (as_of.month - 1) // 3 + 1, as_of)
        return cls.year_to_date(as_of.year_be, as_of)

    @classmethod
    def parse(cls, key: str, as_of: Period) -> Scope:
        """'2569-10' (a month), '2569-Q4' (a quarter) or '2569' (year to date); ValueError otherwise."""
        text = key.strip().upper()
        year, _, rest = text.partition("-")
        if not year.isdigit() or not 2400 <= int(year) <= 2800:
            raise ValueError(f"not a period: {key!r}")
        if not rest:
            return cls.year_to_date(int(year), as_of)
        if rest.startswith("Q") and rest[1:].isdigit():
            return cls.quarter_of(int(year), int(rest[1:]), as_of)
        return cls.month(Period.from_key(text))


def _last_month(year_be: int, as_of: Period) -> int:
    if year_be < as_of.year_be:
        return 12
    return as_of.month if year_be == as_of.year_be else 0


# --------------------------------------------------------------------------------------------
# Indicators


@dataclass(frozen=True)
class IndicatorRating:
    indicator: IndicatorView
    target: Decimal | None  # None: no target due in the period
    result: Decimal | None  # None: nothing reported
    pct: Decimal | None  # None: no target, or nothing reported
    level: Level
    months_due: tuple[int, ...] = ()


def _value(reported: Mapping[int, ReportedView | Decimal], month: int) -> Decimal | None:
    item = reported.get(month)
    if item is None:
        return None
    return item.value if isinstance(item, ReportedView) else Decimal(item)


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def rate_indicator(
    ind: IndicatorView, reported: Mapping[int, ReportedView | Decimal], months: Iterable[int]
) -> IndicatorRating:
    """Target, result, % and level of one indicator over the given months.

    `reported` maps a month (1–12) to the value sent for it (a ReportedView or a Decimal).
    """
    months = tuple(months)
    due = tuple(m for m in months if ind.target(m) != 0)
    values = {m: v for m in months if (v := _value(reported, m)) is not None}
    if not due:
        return IndicatorRating(ind, None, None, None, Level.NO_TARGET)
    kind = ind.kind
    if kind == K.COUNT.value:
        target = sum((ind.target(m) for m in due), Decimal(0))
        result = sum(values.values(), Decimal(0)) if values else None
    elif kind == K.PERCENT_MONTHLY.value:
        target = _mean([ind.target(m) for m in due])
        due_values = [values[m] for m in due if m in values]
        result = _mean(due_values) if due_values else None
    elif kind == K.PASS_FAIL.value:
        target = Decimal(len(due))
        due_values = [values[m] for m in due if m in values]
        result = Decimal(sum(1 for v in due_values if v == 1)) if due_values else None
    else:  # LATEST_KINDS (and any kind not known here): the latest figure against the latest target
        target = ind.target(due[-1])
        result = values[max(values)] if values else None
    if result is None:
        return IndicatorRating(ind, target, None, None, Level.NOT_REPORTED, due)
    pct = percent(result, target, ind.higher_is_better)
    return IndicatorRating(ind, target, result, pct, level_of(pct), due)


# --------------------------------------------------------------------------------------------
# Reporting completeness and timeliness


class ReportStatus(str, enum.Enum):
    ON_TIME = "on_time"  # sent by the 5th of the following month
    LATE = "late"  # sent after it
    MISSING = "missing"  # not sent, and the deadline has passed
    PENDING = "pending"  # not sent, not due yet


def report_status(period: Period, value: ReportedView | None, now: datetime) -> ReportStatus:
    if value is not None:
        return ReportStatus.ON_TIME if value.on_time else ReportStatus.LATE
    return ReportStatus.PENDING if period.is_on_time(now) else ReportStatus.MISSING


@dataclass(frozen=True)
class Completeness:
    """Expected reports (due months of the indicators) and how they came in."""

    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    @property
    def expected(self) -> int:
        return self.on_time + self.late + self.missing + self.pending

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def completeness_pct(self) -> Decimal | None:
        """Reports received ÷ expected × 100 (DHIS2's reporting rate)."""
        return None if not self.expected else Decimal(self.reported) * HUNDRED / self.expected

    @property
    def timeliness_pct(self) -> Decimal | None:
        """Reports received on time ÷ expected × 100 (DHIS2's reporting rate on time)."""
        return None if not self.expected else Decimal(self.on_time) * HUNDRED / self.expected

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(
            self.on_time + other.on_time,
            self.late + other.late,
            self.missing + other.missing,
            self.pending + other.pending,
        )


def indicator_reports(
    ind: IndicatorView, reported: Mapping[int, ReportedView], year_be: int, months: Iterable[int], now: datetime
) -> dict[int, ReportStatus]:
    """The status of each expected report: every due month of the scope that has begun."""
    statuses = {}
    for month in months:
        period = Period(year_be, month)
        if ind.is_due(month) and period.has_started(now):
            statuses[month] = report_status(period, reported.get(month), now)
    return statuses


def count_reports(statuses: Iterable[ReportStatus]) -> Completeness:
    counts = Counter(statuses)
    return Completeness(
        counts[ReportStatus.ON_TIME],
        counts[ReportStatus.LATE],
        counts[ReportStatus.MISSING],
        counts[ReportStatus.PENDING],
    )


# --------------------------------------------------------------------------------------------
# Projects, units and the office


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator in a scope: its rating and its reports."""

    rating: IndicatorRating
    reports: dict[int, ReportStatus]
    completeness: Completeness

    @property
    def indicator(self) -> IndicatorView:
        return self.rating.indicator

    @property
    def missing_months(self) -> tuple[int, ...]:
        return tuple(m for m, s in self.reports.items() if s == ReportStatus.MISSING)


@dataclass(frozen=True)
class ProjectRating:
    code: str
    name: str
    indicators: tuple[IndicatorStatus, ...]
    pct: Decimal | None
    level: Level
    weight_total: Decimal

    @property
    def weights_sum_to_100(self) -> bool:
        return self.weight_total == HUNDRED


@dataclass(frozen=True)
class UnitStatus:
    unit_id: int | None
    unit_name: str
    scope: Scope
    projects: tuple[ProjectRating, ...]
    completeness: Completeness

    @property
    def level_counts(self) -> dict[Level, int]:
        return level_counts(self.projects)

    @property
    def indicators(self) -> tuple[IndicatorStatus, ...]:
        return tuple(i for p in self.projects for i in p.indicators)


@dataclass(frozen=True)
class OfficeStatus:
    scope: Scope
    units: tuple[UnitStatus, ...]
    completeness: Completeness = field(default_factory=Completeness)

    @property
    def level_counts(self) -> dict[Level, int]:
        return level_counts(p for u in self.units for p in u.projects)

    @property
    def projects(self) -> int:
        return sum(len(u.projects) for u in self.units)

    def units_missing(self) -> list[UnitStatus]:
        """Units with missing reports, worst first (most missing, then lowest completeness)."""
        missing = [u for u in self.units if u.completeness.missing]
        return sorted(
            missing, key=lambda u: (-u.completeness.missing, u.completeness.completeness_pct or 0, u.unit_name)
        )


def level_counts(projects: Iterable[ProjectRating]) -> dict[Level, int]:
    counts = Counter(p.level for p in projects)
    return {level: counts.get(level, 0) for level in (*RATED_LEVELS, Level.NO_TARGET)}


def rate_indicators(
    indicators: Iterable[IndicatorView], reported: Mapping[tuple[int, int], ReportedView], scope: Scope, now: datetime
) -> list[IndicatorStatus]:
    """Each indicator's rating and reports in the scope (reported: (indicator id, month) → value)."""
    by_indicator: dict[int, dict[int, ReportedView]] = {}
    for (indicator_id, month), value in reported.items():
        by_indicator.setdefault(indicator_id, {})[month] = value
    result = []
    for ind in indicators:
        values = by_indicator.get(ind.id, {})
        rating = rate_indicator(ind, values, scope.months)
        reports = indicator_reports(ind, values, scope.year_be, scope.months, now)
        result.append(IndicatorStatus(rating, reports, count_reports(reports.values())))
    return result


def rate_project(code: str, name: str, indicators: Sequence[IndicatorStatus]) -> ProjectRating:
    parts = [(i.indicator.weight_pct, _counted_pct(i.rating)) for i in indicators]
    pct = project_percent(parts)
    weight_total = sum((Decimal(i.indicator.weight_pct or 0) for i in indicators), Decimal(0))
    return ProjectRating(code, name, tuple(indicators), pct, level_of(pct), weight_total)


def _counted_pct(rating: IndicatorRating) -> Decimal | None:
    """What an indicator adds to its project: nothing reported counts 0 (nothing done)."""
    if rating.level == Level.NOT_REPORTED:
        return Decimal(0)
    return rating.pct


def rate_unit(
    unit_id: int | None,
    unit_name: str,
    indicators: Sequence[IndicatorView],
    reported: Mapping[tuple[int, int], ReportedView],
    scope: Scope,
    now: datetime,
) -> UnitStatus:
    statuses = rate_indicators(indicators, reported, scope, now)
    projects: dict[str, list[IndicatorStatus]] = {}
    names: dict[str, str] = {}
    for status in statuses:
        ind = status.indicator
        projects.setdefault(ind.project_code, []).append(status)
        names.setdefault(ind.project_code, ind.project_name)
    rated = tuple(rate_project(code, names[code], items) for code, items in projects.items())
    total = sum((s.completeness for s in statuses), Completeness())
    return UnitStatus(unit_id, unit_name, scope, rated, total)


def rate_office(units: Sequence[UnitStatus], scope: Scope) -> OfficeStatus:
    return OfficeStatus(scope, tuple(units), sum((u.completeness for u in units), Completeness()))
