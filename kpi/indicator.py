"""Plain views of an officer's indicators and values: what the conversation reasons about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from kpi.kinds import IndicatorKind

if TYPE_CHECKING:  # kpi.disbursement rates with kpi.rating, which reads these views
    from kpi.disbursement import BudgetView

K = IndicatorKind
_CODE_NUMBER = re.compile(r"^(.*?)(\d+)$")


def code_key(code: str) -> tuple[str, int, str]:
    """Plan order of project codes: P2 before P10."""
    m = _CODE_NUMBER.match(code)
    return (m.group(1), int(m.group(2)), code) if m else (code, -1, code)


@dataclass(frozen=True)
class IndicatorView:
    id: int
    project_code: str
    project_name: str
    number: int
    name: str
    unit_of_measure: str
    kind: str
    weight_pct: Decimal
    targets: tuple[Decimal, ...]  # 12 monthly targets, ม.ค.–ธ.ค.
    higher_is_better: bool = True
    max_level: int | None = None
    allow_over_100: bool = False

    @property
    def code(self) -> str:
        """Short, unique within a unit's plan: 'P07/3'."""
        return f"{self.project_code}/{self.number}"

    def target(self, month: int) -> Decimal:
        return self.targets[month - 1]

    def is_due(self, month: int) -> bool:
        """A month with a 0 in the plan has no target to report against."""
        return self.target(month) != 0

    def year_target(self) -> Decimal:
        """The year's figure as the plan form totals it for this kind."""
        nonzero = [t for t in self.targets if t != 0]
        if not nonzero:
            return Decimal(0)
        if self.kind == K.COUNT.value:
            return sum(self.targets, Decimal(0))
        if self.kind == K.PERCENT_MONTHLY.value:
            return sum(nonzero, Decimal(0)) / len(nonzero)
        return nonzero[-1]

    @property
    def is_percent(self) -> bool:
        return self.kind in (K.PERCENT_CUMULATIVE.value, K.PERCENT_MONTHLY.value, K.PP_CHANGE.value)


@dataclass(frozen=True)
class ReportedView:
    value: Decimal
    note: str | None
    on_time: bool
    reported_at: datetime


@dataclass(frozen=True)
class OfficerView:
    """One officer's indicators for a plan year, and what they reported; and the projects whose
    monthly disbursement they report (one more item of each month's list)."""

    officer_id: int
    display_name: str
    role: str
    unit_name: str
    indicators: tuple[IndicatorView, ...]
    reported: dict[tuple[int, int], ReportedView] = field(default_factory=dict)  # (indicator id, month)
    budgets: tuple[BudgetView, ...] = ()

    def indicator(self, indicator_id: int) -> IndicatorView | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def value(self, indicator_id: int, month: int) -> ReportedView | None:
        return self.reported.get((indicator_id, month))

    def pending(self, month: int) -> list[IndicatorView]:
        """Indicators due this month with no value yet."""
        return [i for i in self.indicators if i.is_due(month) and (i.id, month) not in self.reported]

    def reported_in(self, month: int) -> list[IndicatorView]:
        return [i for i in self.indicators if (i.id, month) in self.reported]

    def budget(self, project_id: int) -> BudgetView | None:
        return next((b for b in self.budgets if b.project_id == project_id), None)

    def budgets_pending(self, month: int) -> list[BudgetView]:
        """Projects with a budget whose disbursement of the month is not reported yet."""
        return [b for b in self.budgets if b.owes(month)]

    def budgets_reported(self, month: int) -> list[BudgetView]:
        return [b for b in self.budgets if month in b.spent]

    def owes(self, month: int) -> bool:
        """Anything of the month still to report: an indicator value or a disbursement."""
        return bool(self.pending(month) or self.budgets_pending(month))
