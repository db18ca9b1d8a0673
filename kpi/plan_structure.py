"""Where a project sits in the SSO's plan: fund, strategy, กลยุทธ์, แผนงาน, kind, budget,
responsible unit, duration and master plan (the evaluation report is organised by these).
Pure: read from plan files (files.plan_file), stored on models.plan.Project, laid out by reports/."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

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
