"""The budget categories of SSO's plan form (แผนการใช้จ่ายงบประมาณ): code, Thai name.

Pure. A project's budget is planned by these (and by month where the form gives it);
TOTAL is the plan of a project whose file gives no split by category."""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "personnel": "งบบุคลากร",
    "operating": "งบดำเนินงาน",
    "investment": "งบลงทุน",
    "subsidy": "งบเงินอุดหนุน",
    "other": "งบรายจ่ายอื่น",
}

#: The category of a budget line that is not split by category.
TOTAL = "total"
