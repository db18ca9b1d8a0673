"""Disbursement against plan in words (kpi.disbursement): the lines สถานะ shows in chat and
`flask status` prints, "เบิกจ่าย 45,000 บาท จากงบ 75,000 บาท (ร้อยละ 60)" and, with a
monthly plan, "เทียบแผนสะสม 45,000 บาท: ร้อยละ 100 · ดี"."""

from __future__ import annotations

from functools import lru_cache

from kpi.disbursement import DisbursementStatus
from kpi.periods import MONTHS_ABBR

from . import texts as T
from .formatting import fmt_baht, fmt_pct


def budget_head(month: int) -> str:
    return T.STATUS_BUDGET_HEAD.format(month=MONTHS_ABBR[month - 1])


#: The office summary writes one per unit (1,000 at national scale) and most units' positions
#: are the same objects from one question to the next (the roll-up cache): formatting them
#: again was a third of the text's time. Equal positions always read the same.
@lru_cache(maxsize=4096)
def spent_line(status: DisbursementStatus) -> str:
    return T.STATUS_BUDGET_SPENT.format(
        spent=fmt_baht(status.spent), allocation=fmt_baht(status.allocation), pct=fmt_pct(status.pct_of_allocation)
    )


def plan_line(status: DisbursementStatus) -> str:
    """Against the cumulative plan with the division's level; or why there is none."""
    if status.planned is None:
        return T.STATUS_BUDGET_NO_MONTHLY
    if status.pct_of_plan is None:
        return T.STATUS_BUDGET_NOTHING_PLANNED
    return T.STATUS_BUDGET_VS_PLAN.format(
        planned=fmt_baht(status.planned), pct=fmt_pct(status.pct_of_plan), level=T.LEVEL_WORDS[status.level.value]
    )
