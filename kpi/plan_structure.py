"""Where a project sits in the SSO's plan: fund, strategy, กลยุทธ์, แผนงาน, kind, budget,
responsible unit, duration and master plan (the evaluation report is organised by these).
Pure: read from plan files (files.plan_file), stored on models.plan.Project, laid out by reports/."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from decimal import Decimal

from .text import parse_int
from .thai import arabic_digits

FUNDS = {"SSF": "กองทุนประกันสังคม", "WCF": "กองทุนเงินทดแทน"}


@dataclass(frozen=True)
class ProjectInfo:
    """The project's place in the SSO plan, as far as the file gives it (None = not given)."""

    fund: str | None = None  # SSF | WCF
    strategy_no: int | None = None
    strategy_name: str | None = None
    tactic_no: str | None = None
    tactic_name: str | None = None
    work_plan: str | None = None
    project_type: str | None = None
    budget_baht: Decimal | None = None  # 0 = ไม่มีงบประมาณ
    responsible_unit: str | None = None
    duration: str | None = None
    master_plan: str | None = None

    def merged(self, other: ProjectInfo) -> ProjectInfo:
        """Blanks filled from the other row of the same project."""
        return ProjectInfo(
            **{name: value if value is not None else getattr(other, name) for name, value in vars(self).items()}
        )

    def conflict(self, other: ProjectInfo) -> str | None:
        """The first column both give differently."""
        return next(
            (
                name
                for name, value in vars(self).items()
                if value is not None and getattr(other, name) is not None and getattr(other, name) != value
            ),
            None,
        )


#: The plan file's columns and Project's attributes, in this order.
STRUCTURE_COLUMNS = tuple(f.name for f in fields(ProjectInfo))


@dataclass(frozen=True)
class PlanCut:
    """A part of the plan asked for by name ("สถานะ กองทุนเงินทดแทน", "สถานะ ยุทธศาสตร์ 2"):
    the projects of a fund, of a strategy, or of both."""

    fund: str | None = None  # SSF | WCF
    strategy_no: int | None = None


#: Strategy numbers a cut may name: ยุทธศาสตร์ที่ 1 … 999.
STRATEGY_NUMBERS = range(1, 1000)


def strategy_number(text: str | None) -> int | None:
    """'2', '๒' → 2: a strategy a cut may name; anything else (a forged button, a bad query
    parameter) → None."""
    number = parse_int(text)
    return number if number in STRATEGY_NUMBERS else None


_CUT = re.compile(
    r"^(?P<fund>กองทุนประกันสังคม|กองทุนเงินทดแทน|ssf|wcf)?(?:ยุทธศาสตร์(?:ที่)?(?P<no>[0-9]{1,3}))?$", re.IGNORECASE
)


def parse_plan_cut(text: str) -> PlanCut | None:
    """'กองทุนเงินทดแทน', 'WCF', 'ยุทธศาสตร์ 2', 'ยุทธศาสตร์ที่ ๒', 'กองทุนประกันสังคม ยุทธศาสตร์ 1' → the
    cut; anything else (a unit's name) → None. Only whole fund names: units are named
    "สำนักงานประกันสังคม…" too."""
    match = _CUT.match(arabic_digits(text).replace(" ", ""))
    if match is None or not (match["fund"] or match["no"]):
        return None
    fund = match["fund"]
    code = next((c for c, name in FUNDS.items() if fund and fund.upper() in (c, name)), None)
    return PlanCut(code, int(match["no"]) if match["no"] else None)
