"""How numbers, percentages and figures are written for people: chat, pages, CLI and files."""

from __future__ import annotations

from decimal import Decimal

from kpi.indicator import IndicatorView
from kpi.kinds import IndicatorKind
from kpi.rating import round_half_up

from . import texts as T


def format_number(value: Decimal | int | None, grouping: bool = False) -> str:
    """25.0000 → '25', 84.50 → '84.5', 100 → '100', None → ''; grouping: 26729 → '26,729'."""
    if value is None:
        return ""
    number = Decimal(value)
    if number == 0:
        return "0"
    return format(number.normalize(), ",f" if grouping else "f")


def fmt_number(value: Decimal | int | None) -> str:
    """'1,250', '12.5', '0' — Thai officials write thousands with commas."""
    return "-" if value is None else format_number(value, grouping=True)


def fmt_amount(value: Decimal | int, unit_of_measure: str) -> str:
    """'12 ราย', but 'ร้อยละ 80' and 'ระดับ 3' as Thai write them."""
    if unit_of_measure.strip() in ("ร้อยละ", "ระดับ"):
        return f"{unit_of_measure.strip()} {fmt_number(value)}"
    return f"{fmt_number(value)} {unit_of_measure}"


def fmt_baht(value: Decimal | int) -> str:
    """'150,000.50 บาท': money always with its satang, as Thai official documents write it."""
    return f"{Decimal(value):,.2f} บาท"


def count_items(indicators: int, budgets: int) -> str:
    """'3 ตัวชี้วัด', '3 ตัวชี้วัด และการเบิกจ่าย 1 โครงการ', 'การเบิกจ่าย 1 โครงการ'."""
    parts = [T.COUNT_INDICATORS.format(count=indicators)] if indicators or not budgets else []
    if budgets:
        parts.append(T.COUNT_BUDGETS.format(count=budgets))
    return T.COUNT_JOIN.join(parts)


def fmt_percent(pct: Decimal | None, none: str = T.NO_TARGET) -> str:
    """'ร้อยละ 105': the one rounding of a percentage in every reply, half up to a whole number,
    as levels are decided (kpi.rating) and the evaluation report prints a project's %."""
    return none if pct is None else fmt_pct(pct)


def fmt_pct(pct: Decimal | None, places: int = 0) -> str:
    """'ร้อยละ 101' (whole numbers, as the report prints project %; the level is on this)."""
    if pct is None:
        return "-"
    return f"ร้อยละ {fmt_number(round_half_up(pct, places))}"


def figure(ind: IndicatorView, value: Decimal) -> str:
    """A target or result as officers read it: '25 ราย', 'ร้อยละ 80', 'ระดับ 3', 'ผ่าน 2 เดือน'."""
    if ind.kind == IndicatorKind.PASS_FAIL.value:
        return T.STATUS_PASSED.format(count=fmt_number(value))
    return fmt_amount(round_half_up(Decimal(value), 2), ind.unit_of_measure)


def shorten(text: str | None, limit: int) -> str:
    """At most `limit` characters, spaces tidied, a cut marked with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
