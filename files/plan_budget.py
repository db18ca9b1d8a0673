"""A project's budget in a plan file: by category and, where the plan gives it, by month.

Columns (all optional; like the plan-structure columns they repeat on a project's rows or
sit on one of them, and two rows of a project giving a cell differently is an error):
- `budget_baht` (files.plan_file): the project's whole budget; ไม่มีงบประมาณ = 0.
- `b01`…`b12` (แผนเบิกจ่าย ม.ค.…ธ.ค.): the monthly plan of a budget not split by category.
- `budget_personnel`, `budget_operating`, `budget_investment`, `budget_subsidy`,
  `budget_other` (งบบุคลากร … งบรายจ่ายอื่น): the form's categories, and
  `<category>_b01`…`<category>_b12` (งบบุคลากร ม.ค. …) their monthly plans.

A category's blank months count 0 once any month is given; a category given by its months
only totals them. A monthly plan that does not add up to its total, categories that do not
add up to `budget_baht`, or `b01`… beside categories is an error (the level of disbursement
is rated against the cumulative plan: a plan that does not add up would rate it wrongly).
Pure: reads cells, touches no database.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kpi.budget_categories import CATEGORIES, TOTAL
from kpi.periods import MONTHS_ABBR
from models.budget import BudgetLine
from models.column_limits import FieldTooBig, fit_amount
from presentation.formatting import format_number

MONTHS = range(12)
BUDGET_MONTH_COLUMNS = tuple(f"b{m:02d}" for m in range(1, 13))
CATEGORY_COLUMNS = {category: f"budget_{category}" for category in CATEGORIES}
CATEGORY_MONTH_COLUMNS = {category: tuple(f"{category}_b{m:02d}" for m in range(1, 13)) for category in CATEGORIES}
#: Every budget column besides budget_baht, in the order the template gives them.
BUDGET_COLUMNS = (
    *BUDGET_MONTH_COLUMNS,
    *CATEGORY_COLUMNS.values(),
    *(column for columns in CATEGORY_MONTH_COLUMNS.values() for column in columns),
)
BUDGET_NAMES_TH = {
    **{c: f"แผนเบิกจ่าย {MONTHS_ABBR[i]}" for i, c in enumerate(BUDGET_MONTH_COLUMNS)},
    **{column: CATEGORIES[category] for category, column in CATEGORY_COLUMNS.items()},
    **{
        column: f"{CATEGORIES[category]} {MONTHS_ABBR[i]}"
        for category, columns in CATEGORY_MONTH_COLUMNS.items()
        for i, column in enumerate(columns)
    },
}
#: Headers as the plan form prints them (งบบุคลากร, งบดำเนินงาน ม.ค. …) read as the columns.
BUDGET_ALIASES = {name.lower(): column for column, name in BUDGET_NAMES_TH.items()} | {
    name.replace(".", "").lower(): column for column, name in BUDGET_NAMES_TH.items() if "." in name
}
TOLERANCE = Decimal("0.01")
ZERO = Decimal(0)


class BudgetCellError(ValueError):
    """A budget cell or a project's budget that cannot be taken; str() is the Thai reason."""


def parse_budget_cells(row: dict[str, Any], parse_number) -> dict[str, Decimal]:
    """The budget cells the row gives (blank ones left out), as non-negative baht."""
    cells: dict[str, Decimal] = {}
    for column in BUDGET_COLUMNS:
        raw = row.get(column)
        text = str(raw).replace("บาท", "").strip() if isinstance(raw, str) else raw
        try:
            value = parse_number(text)
        except ValueError:
            raise BudgetCellError(
                f"{BUDGET_NAMES_TH[column]} ({column}) ไม่ใช่ตัวเลข (พบ '{str(raw)[:40]}') — กรอกเป็นบาท เช่น 75,000"
            ) from None
        if value is None:
            continue
        if value < 0:
            raise BudgetCellError(f"{BUDGET_NAMES_TH[column]} ({column}) ติดลบ ({format_number(value, True)})")
        try:
            cells[column] = fit_amount(value, BudgetLine.total_baht, f"{BUDGET_NAMES_TH[column]} ({column}) ")
        except FieldTooBig as too_big:
            raise BudgetCellError(str(too_big)) from None
    return cells


@dataclass(frozen=True)
class ProjectBudget:
    """A project's budget as the file gives it: the whole (None: not given) and its lines,
    category → (allocation, twelve months January first or None)."""

    total: Decimal | None
    lines: tuple[tuple[str, Decimal, tuple[Decimal, ...] | None], ...] = ()

    @property
    def has_monthly(self) -> bool:
        return any(monthly is not None for _, _, monthly in self.lines)

    def snapshot(self) -> dict:
        """As a BudgetRevision keeps it (amounts as text, exact)."""
        return budget_snapshot(self.total, self.lines)


def budget_snapshot(total, lines) -> dict:
    return {
        "budget_baht": None if total is None else format_number(Decimal(total)),
        "lines": {
            category: {
                "total": format_number(Decimal(amount)),
                "monthly": None if monthly is None else [format_number(Decimal(v)) for v in monthly],
            }
            for category, amount, monthly in sorted(lines)
        },
    }


def _months(cells: dict[str, Decimal], columns: tuple[str, ...]) -> tuple[Decimal, ...] | None:
    if not any(c in cells for c in columns):
        return None
    return tuple(cells.get(c, ZERO) for c in columns)


def _line(name: str, total: Decimal | None, monthly: tuple[Decimal, ...] | None) -> Decimal:
    """The line's allocation, checked against its monthly plan."""
    if monthly is None:
        return total if total is not None else ZERO
    planned = sum(monthly, ZERO)
    if total is None:
        return planned
    if abs(planned - total) > TOLERANCE:
        raise BudgetCellError(
            f"แผนเบิกจ่ายรายเดือนของ{name}รวมได้ {format_number(planned, True)} บาท "
            f"ไม่ตรงกับงบประมาณ {format_number(total, True)} บาท"
        )
    return total


def project_budget(cells: dict[str, Decimal], budget_baht: Decimal | None) -> ProjectBudget:
    """A project's budget from its merged cells and budget_baht; raises BudgetCellError."""
    # A category printed as 0 (the form prints every row) splits nothing.
    split = [c for c in CATEGORIES if cells.get(CATEGORY_COLUMNS[c]) or _months(cells, CATEGORY_MONTH_COLUMNS[c])]
    unsplit_months = _months(cells, BUDGET_MONTH_COLUMNS)
    if split and unsplit_months is not None:
        raise BudgetCellError(
            "กรอกแผนเบิกจ่ายรายเดือน b01…b12 เฉพาะงบที่ไม่แยกหมวด — เมื่อแยกหมวดแล้ว "
            "ให้กรอกรายเดือนของแต่ละหมวด เช่น operating_b01 (งบดำเนินงาน ม.ค.)"
        )
    if not split:
        if unsplit_months is None:
            return ProjectBudget(budget_baht, (((TOTAL, budget_baht, None),) if budget_baht else ()))
        total = _line("งบประมาณ", budget_baht, unsplit_months)
        return ProjectBudget(total, ((TOTAL, total, unsplit_months),) if total else ())
    lines = []
    for category in split:
        monthly = _months(cells, CATEGORY_MONTH_COLUMNS[category])
        amount = _line(CATEGORIES[category], cells.get(CATEGORY_COLUMNS[category]), monthly)
        if amount or (monthly and any(monthly)):
            lines.append((category, amount, monthly))
    whole = sum((amount for _, amount, _ in lines), ZERO)
    if budget_baht is not None and abs(whole - budget_baht) > TOLERANCE:
        raise BudgetCellError(
            f"งบประมาณรวม {format_number(budget_baht, True)} บาท ไม่ตรงกับผลรวมของงบแต่ละหมวด "
            f"{format_number(whole, True)} บาท"
        )
    return ProjectBudget(budget_baht if budget_baht is not None else whole, tuple(lines))
