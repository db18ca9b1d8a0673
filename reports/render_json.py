"""The report as data, in the shape of issue 12:

    overall       {projects, green, yellow, red}
    funds         [{fund, projects, green, yellow, red, strategies: [{strategy_no, strategy_name,
                    projects, green, yellow, red}]}]
    red_projects  [{project_code, name, unit, plan, result}]
    projects      [{project_code, fund, strategy_no, percent, level, allocated_baht, spent_baht,
                    spent_pct}]

`projects` counts the projects rated (a target in the period); a project with nothing due is
listed with level "no_target" and percent null. Percentages are kpi.rating's, to two places.
allocated_baht / spent_baht / spent_pct: the project's budget, what it disbursed to the end of
the period and its share (ร้อยละการเบิกจ่ายสะสม); null without a budget.
"""

from __future__ import annotations

import json
from decimal import Decimal

from kpi.rating import round_half_up

from .compose import Counts, EvaluationReport, plan_text, result_text


def _counts(counts: Counts) -> dict:
    return {"projects": counts.projects, "green": counts.green, "yellow": counts.yellow, "red": counts.red}


def _percent(pct: Decimal | None) -> float | None:
    return None if pct is None else float(round_half_up(pct, 2))


def _baht(amount: Decimal | None) -> int | float | None:
    if amount is None:
        return None
    amount = round_half_up(Decimal(amount), 2)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def as_data(report: EvaluationReport) -> dict:
    return {
        "overall": _counts(report.counts),
        "funds": [
            {
                "fund": section.fund,
                **_counts(section.counts),
                "strategies": [
                    {"strategy_no": row.strategy_no, "strategy_name": row.strategy_name, **_counts(row.counts)}
                    for row in section.strategies
                ],
            }
            for section in report.funds
        ],
        "red_projects": [
            {
                "project_code": p.code,
                "name": p.name,
                "unit": p.unit_label,
                "plan": plan_text(p),
                "result": result_text(p),
            }
            for p in report.red
        ],
        "projects": [
            {
                "project_code": p.code,
                "fund": p.plan.fund,
                "strategy_no": p.plan.strategy_no,
                "percent": _percent(p.pct),
                "level": p.level.value,
                "allocated_baht": _baht(p.spent.allocation if p.spent else p.plan.budget_baht),
                "spent_baht": _baht(p.spent.spent) if p.spent else None,
                "spent_pct": _percent(p.spent.pct_of_allocation) if p.spent else None,
            }
            for p in report.projects
        ],
    }


def to_json(report: EvaluationReport) -> str:
    return json.dumps(as_data(report), ensure_ascii=False, indent=1) + "\n"
