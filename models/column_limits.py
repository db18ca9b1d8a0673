"""What a column holds, read from its definition, and the check an imported field gets against it.

The tables are the one source of truth: a unit name fits `Unit.name`'s String(300), an
indicator number `Indicator.number`'s INTEGER (PostgreSQL's int4), a target `MonthlyTarget.value`'s
Numeric(18, 4). A file importer checks each field here while it reads the row, so a field that
does not fit is a line-numbered Thai error instead of a database error (PostgreSQL) or an
OverflowError (SQLite) at flush.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Integer, Numeric, SmallInteger, String
from sqlalchemy.orm import QueryableAttribute

#: The largest value of each integer type, as PostgreSQL stores it (SQLite's are wider).
_INTEGER_MAX = {SmallInteger: 2**15 - 1, BigInteger: 2**63 - 1, Integer: 2**31 - 1}


class FieldTooBig(ValueError):
    """A field that its column cannot hold; str() is the Thai reason (without a line number)."""


def _type(column: QueryableAttribute):
    return column.property.columns[0].type


def max_length(column: QueryableAttribute) -> int | None:
    """The characters a String(n) column holds; None for Text."""
    kind = _type(column)
    return kind.length if isinstance(kind, String) else None


def max_integer(column: QueryableAttribute) -> int:
    kind = _type(column)
    for integer_type, largest in _INTEGER_MAX.items():  # subclasses before Integer
        if isinstance(kind, integer_type):
            return largest
    raise TypeError(f"{column} is not an integer column")


def max_amount(column: QueryableAttribute) -> Decimal:
    """The largest size a Numeric(p, s) column holds: p - s digits before the point."""
    kind = _type(column)
    if not isinstance(kind, Numeric) or kind.precision is None or kind.scale is None:
        raise TypeError(f"{column} is not a Numeric(p, s) column")
    return Decimal(10) ** (kind.precision - kind.scale) - Decimal(10) ** -kind.scale


def fit_text(text: str, column: QueryableAttribute, label: str) -> str:
    limit = max_length(column)
    if limit is not None and len(text) > limit:
        raise FieldTooBig(f"{label}ยาวเกิน {limit:,} ตัวอักษร (พบ {len(text):,} ตัวอักษร)")
    return text


def fit_integer(number: int, column: QueryableAttribute, label: str) -> int:
    limit = max_integer(column)
    if abs(number) > limit:
        raise FieldTooBig(f"{label}ใหญ่เกินไป (ต้องไม่เกิน {limit:,})")
    return number


def fit_amount(number: Decimal, column: QueryableAttribute, label: str) -> Decimal:
    limit = max_amount(column)
    if abs(number) > limit:
        raise FieldTooBig(f"{label}ใหญ่เกินไป (ต้องน้อยกว่า {limit.to_integral_value(rounding='ROUND_CEILING'):,})")
    return number
