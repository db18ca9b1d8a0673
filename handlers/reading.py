"""What an officer typed or tapped, read as a value for an indicator: the value, or the Thai
reason it cannot be taken (the same checks as buttons and imports: kpi.values)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kpi.approximate import strip_hedge
from kpi.indicator import IndicatorView
from kpi.kinds import IndicatorKind
from kpi.numbers import NumberError, parse_number, parse_pass_fail
from kpi.periods import Period
from kpi.text import parse_int
from kpi.typed_answer import is_value_answer
from kpi.values import check_value
from presentation import texts as T
from presentation.value_problems import value_problem_text

from .conversation_state import Ctx, Input, Item


def read_value(ind: IndicatorView, typed: str) -> tuple[Decimal | None, str | None]:
    """The value typed for this indicator, or the Thai reason it cannot be taken."""
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        verdict = parse_pass_fail(typed)
        return (None, T.ERR_NOT_PASS_FAIL) if verdict is None else (Decimal(int(verdict)), None)
    parsed = parse_number(typed)
    if isinstance(parsed, NumberError):
        return None, {NumberError.EMPTY: T.ERR_EMPTY, NumberError.TWO_NUMBERS: T.ERR_TWO_NUMBERS}.get(
            parsed, T.ERR_NOT_A_NUMBER
        )
    return _checked(ind, parsed.value, parsed.is_percent)


def read_typed_value(ind: IndicatorView, typed: str) -> tuple[Decimal | None, str | None, str | None]:
    """The value typed, the Thai reason it cannot be taken, and the hedge of an approximate
    answer ("ประมาณ 30" is read as 30, and the card says so)."""
    approx = strip_hedge(typed) if ind.kind != IndicatorKind.PASS_FAIL.value else None
    if approx is not None:
        value, problem = read_value(ind, approx.text)
        if value is not None:
            return value, problem, approx.hedge
    value, problem = read_value(ind, typed)
    return value, problem, None


def is_new_value(ind: IndicatorView, typed: str) -> bool:
    """At the card: a value typed again (else words, a new reason)."""
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return parse_pass_fail(typed) is not None
    return is_value_answer(typed)


def read_button_value(ind: IndicatorView, raw: str | None) -> tuple[Decimal | None, str | None]:
    """A value from a level or pass/fail button: checked like a typed one, never trusted
    (postback data can be forged)."""
    value = _decimal(raw)
    if value is None:
        return None, T.ERR_NOT_A_NUMBER
    return _checked(ind, value)


def _checked(ind: IndicatorView, value: Decimal, typed_percent: bool = False) -> tuple[Decimal | None, str | None]:
    problem = check_value(ind, value, typed_percent)
    if problem is None:
        return value, None
    return None, value_problem_text(problem, ind)


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(str(text))
    except (InvalidOperation, TypeError, ValueError):
        return None


def period_from_postback(inp: Input, ctx: Ctx) -> Period | None:
    key = (inp.postback or {}).get("p")
    if not key:
        return None
    try:
        period = Period.from_key(key)
    except ValueError:
        return None
    last = ctx.default_period
    return period if period.year_be == last.year_be and period <= last else None


def indicator_from_postback(inp: Input, ctx: Ctx) -> Item | None:
    """The indicator (i=) or the project's disbursement (b=) a button names, if the officer's."""
    project_id = parse_int((inp.postback or {}).get("b"))
    if project_id is not None:
        return ctx.view.budget(project_id)
    return ctx.view.indicator(parse_int((inp.postback or {}).get("i")) or -1)
