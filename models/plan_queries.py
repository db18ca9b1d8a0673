"""The plan's indicators and monthly targets as plain column rows, one way for everyone: the
chat's officer view, the status roll-up, the reminders and the exports. Column rows, not ORM
objects: the roll-up reads 50,000 indicators and 600,000 targets (ORM objects took 30 s)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from kpi.indicator import IndicatorView

from .plan import Indicator, MonthlyTarget, Project

MONTHS = range(1, 13)
ZERO = Decimal(0)

#: The columns of an IndicatorView, in the order `view_of` reads them (joined to Project).
INDICATOR_VIEW_COLUMNS = (
    Indicator.id,
    Project.code,
    Project.name,
    Indicator.number,
    Indicator.name,
    Indicator.unit_of_measure,
    Indicator.kind,
    Indicator.weight_pct,
    Indicator.higher_is_better,
    Indicator.max_level,
    Indicator.allow_over_100,
)
VIEW_WIDTH = len(INDICATOR_VIEW_COLUMNS)


def targets_query() -> Select[Any]:
    """(indicator id, month, target) rows; the caller narrows it to the indicators it reads."""
    return select(MonthlyTarget.indicator_id, MonthlyTarget.month, MonthlyTarget.value)


def monthly_targets(session: Session, query: Select[Any]) -> dict[int, dict[int, Decimal]]:
    """{indicator id: {month: target}} from a narrowed `targets_query()`."""
    targets: dict[int, dict[int, Decimal]] = {}
    for indicator_id, month, value in session.execute(query):
        targets.setdefault(indicator_id, {})[month] = value
    return targets


def view_of(row: Iterable[Any], targets: Mapping[int, Decimal]) -> IndicatorView:
    """An IndicatorView from a row starting with INDICATOR_VIEW_COLUMNS and its targets by month."""
    ind_id, code, project_name, number, name, uom, kind, weight, higher, max_level, over_100 = tuple(row)[:VIEW_WIDTH]
    return IndicatorView(
        id=ind_id,
        project_code=code,
        project_name=project_name,
        number=number,
        name=name,
        unit_of_measure=uom,
        kind=kind,
        weight_pct=weight,
        targets=tuple(targets.get(m, ZERO) for m in MONTHS),
        higher_is_better=higher,
        max_level=max_level,
        allow_over_100=over_100,
    )


def indicator_view(ind: Indicator) -> IndicatorView:
    """The same view from an ORM Indicator with its project and targets loaded (imports)."""
    return view_of(
        (
            ind.id,
            ind.project.code,
            ind.project.name,
            ind.number,
            ind.name,
            ind.unit_of_measure,
            ind.kind,
            ind.weight_pct,
            ind.higher_is_better,
            ind.max_level,
            ind.allow_over_100,
        ),
        {t.month: t.value for t in ind.targets},
    )
