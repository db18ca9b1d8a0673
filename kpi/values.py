"""Which values an indicator can take, and how a value compares with the month's target."""

from __future__ import annotations

import enum
from decimal import Decimal

from kpi.kinds import IndicatorKind

from .indicator import IndicatorView

K = IndicatorKind
HUNDRED = Decimal(100)
#: A value this many times the month's target (or this fraction of it, for stocks) is asked again.
FAR_FACTOR = Decimal(3)
COUNTING_KINDS = (K.COUNT.value, K.STOCK.value)
#: The largest figure and the finest fraction a value may have: far beyond any indicator's
#: (SSO's largest are contributions in baht, under 10¹²), and within what the database keeps
#: exactly (`models.base.Amount`, 18 digits with 4 after the point).
MAX_ABS_VALUE = Decimal(10) ** 12
MAX_DECIMALS = 4


class ValueProblem(enum.Enum):
    NEGATIVE = "negative"
    NOT_WHOLE = "not_whole"
    OVER_100 = "over_100"
    OUT_OF_LADDER = "out_of_ladder"
    PERCENT_FOR_COUNT = "percent_for_count"
    NOT_PASS_FAIL = "not_pass_fail"
    OUT_OF_RANGE = "out_of_range"
    TOO_PRECISE = "too_precise"


class Reason(enum.Enum):
    """Whether a reason (ปัญหา/อุปสรรค) is asked after the value."""

    NONE = "none"
    OPTIONAL = "optional"  # below the month's target
    REQUIRED = "required"  # under 50 % of it


def check_value(ind: IndicatorView, value: Decimal, typed_percent: bool = False) -> ValueProblem | None:
    """None when the indicator can take this value (typed, from a button or from a file alike)."""
    if not value.is_finite() or abs(value) > MAX_ABS_VALUE:
        return ValueProblem.OUT_OF_RANGE
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite value's is
    if exponent < -MAX_DECIMALS and value != round(value, MAX_DECIMALS):
        return ValueProblem.TOO_PRECISE
    if ind.kind == K.PASS_FAIL.value:
        return None if value in (0, 1) else ValueProblem.NOT_PASS_FAIL
    if typed_percent and ind.kind in COUNTING_KINDS:
        return ValueProblem.PERCENT_FOR_COUNT
    if value < 0 and ind.kind != K.PP_CHANGE.value:
        return ValueProblem.NEGATIVE
    if ind.kind == K.LEVEL.value:
        top = ind.max_level or 5
        return None if value == value.to_integral_value() and 0 <= value <= top else ValueProblem.OUT_OF_LADDER
    if ind.kind in COUNTING_KINDS and value != value.to_integral_value():
        return ValueProblem.NOT_WHOLE
    if ind.kind in (K.PERCENT_CUMULATIVE.value, K.PERCENT_MONTHLY.value) and value > HUNDRED and not ind.allow_over_100:
        return ValueProblem.OVER_100
    return None


def percent_of_target(ind: IndicatorView, month: int, value: Decimal) -> Decimal | None:
    """Result ÷ target × 100 for the month (not capped); None when the month has no target."""
    target = ind.target(month)
    if target == 0:
        return None
    if ind.higher_is_better:
        return value / target * HUNDRED
    if value == 0:
        return None
    return target / value * HUNDRED


def reason_needed(ind: IndicatorView, month: int, value: Decimal) -> Reason:
    pct = percent_of_target(ind, month, value)
    if pct is None or pct >= HUNDRED:
        return Reason.NONE
    return Reason.REQUIRED if pct < 50 else Reason.OPTIONAL


def is_far_from_target(ind: IndicatorView, month: int, value: Decimal) -> bool:
    """Suspiciously far from the plan: a likely typo worth a second look."""
    target = ind.target(month)
    if target <= 0 or ind.kind in (K.PASS_FAIL.value, K.LEVEL.value, K.PP_CHANGE.value):
        return False
    if value >= target * FAR_FACTOR:
        return True
    return ind.kind == K.STOCK.value and value * FAR_FACTOR <= target
