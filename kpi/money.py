"""Money as officers type a month's disbursement (การเบิกจ่าย), in baht.

Pure. The figure is read by the one number reader (kpi.numbers: digits in any script, commas,
Thai number words, "1.5 ล้าน", the colloquial "แสนห้า" = 150,000), and every other word must be
one that comes with a figure (kpi.typed_answer) or says it is money spent ("เบิกจ่ายแล้ว"), so
words that merely hold a figure ("รอเบิก 2 งวด") are no amount; this module adds what only money
has: "ลบ." (ล้านบาท) after a figure, "ไม่มีการเบิกจ่าย" = 0, a refund (คืนเงิน) as a
negative amount, satang (two decimals at most) and baht as the only unit. A negative amount,
typed as a refund or with a minus, is returned as such: the conversation asks whether it is a
refund before anything is saved. Callers get a `MoneyReading` and phrase the reply.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

from .approximate import strip_hedge
from .numbers import POLITE_PARTICLES, NumberError, ParsedNumber, parse_number
from .thai import arabic_digits
from .typed_answer import is_value_answer

SATANG = Decimal("0.01")


class MoneyProblem(enum.Enum):
    EMPTY = "empty"
    NOT_AN_AMOUNT = "not_an_amount"  # words, no figure
    TWO_AMOUNTS = "two_amounts"
    TOO_LARGE = "too_large"  # over 10¹² baht
    TOO_PRECISE = "too_precise"  # more than two decimals (satang)
    PERCENT = "percent"  # a percentage, not baht
    NOT_BAHT = "not_baht"  # another unit ("30 คน")
    APPROXIMATE = "approximate"  # "ประมาณ 150,000": a disbursement is the exact figure


@dataclass(frozen=True)
class MoneyReading:
    amount: Decimal | None  # baht; negative: a refund, to be confirmed
    problem: MoneyProblem | None = None


#: "1.5 ลบ." is 1.5 ล้านบาท (the abbreviation only right after a figure: "ลบ 5000" is minus).
_LOR_BOR = re.compile(r"(?<=\d)\s*ลบ\.?(?![\d\u0E00-\u0E7F])")
#: Words that make the amount money given back (คืนเงิน 5,000).
_REFUND = re.compile(r"คืนเงิน|เงินคืน|ส่งคืน|คืนงบ|คืน")
#: "No disbursement this month", particles and spaces taken off.
_NOTHING_SPENT = re.compile(r"(ยัง)?ไม่(มี|ได้)?(การ)?(เบิก(จ่าย)?(เงิน)?)?(เลย)?")
#: Words around an amount that say it is the month's disbursement ("เบิกจ่ายแล้ว 150,000 บาท"),
#: and the sign words the number reader took ("ลบ 5000"); with kpi.typed_answer's figure words
#: and units, the only words an amount may come with.
_MONEY_WORDS = re.compile(r"ยอดเบิกจ่าย|เบิกจ่าย|เบิก|จ่าย|ยอดเงิน|เงิน|แล้ว|เดือนนี้|ทั้งเดือน|จำนวน|ติดลบ|ลบ")
_BARE_NO = frozenset({"", "ไม่", "ยังไม่", "ไม่ได้", "ยังไม่ได้"})  # "no" alone is not "nothing spent"
_BAHT = frozenset({None, "บาท", "฿"})
_ERRORS = {
    NumberError.EMPTY: MoneyProblem.EMPTY,
    NumberError.TWO_NUMBERS: MoneyProblem.TWO_AMOUNTS,
    NumberError.TOO_LARGE: MoneyProblem.TOO_LARGE,
}


def _without_particles(text: str) -> str:
    core = "".join(text.split())
    trimmed = True
    while trimmed:
        trimmed = False
        for particle in POLITE_PARTICLES:
            if core.endswith(particle) and len(core) > len(particle):
                core, trimmed = core[: -len(particle)], True
    return core


def read_money(text: str | None) -> MoneyReading:
    """The baht typed, or why it is not an amount."""
    typed = arabic_digits(text or "").strip()
    if _nothing_spent(typed):
        return MoneyReading(Decimal(0))
    if strip_hedge(typed) is not None:
        return MoneyReading(None, MoneyProblem.APPROXIMATE)
    refund = _REFUND.search(typed) is not None
    figure = _figure_text(typed)
    parsed = parse_number(figure)
    if not isinstance(parsed, ParsedNumber):
        return MoneyReading(None, _ERRORS.get(parsed, MoneyProblem.NOT_AN_AMOUNT))
    if not is_value_answer(_MONEY_WORDS.sub(" ", figure)):  # "รอเบิก 2 งวด" holds a figure, is no amount
        return MoneyReading(None, MoneyProblem.NOT_AN_AMOUNT)
    if parsed.is_percent:
        return MoneyReading(None, MoneyProblem.PERCENT)
    if parsed.unit_word not in _BAHT:
        return MoneyReading(None, MoneyProblem.NOT_BAHT)
    amount = parsed.value
    if amount != amount.quantize(SATANG):
        return MoneyReading(None, MoneyProblem.TOO_PRECISE)
    if refund:
        amount = -abs(amount)
    return MoneyReading(amount.quantize(SATANG) + 0)  # + 0: no "-0.00"


def is_amount_answer(text: str | None) -> bool:
    """At the confirmation card: an amount typed again ("200,000", "คืนเงิน 5,000",
    "ไม่มีการเบิกจ่าย"), not words that hold a figure ("รอเบิก 2 งวด", a new reason)."""
    return read_money(text).amount is not None


def _nothing_spent(typed: str) -> bool:
    core = _without_particles(typed)
    return _NOTHING_SPENT.fullmatch(core) is not None and core not in _BARE_NO


def _figure_text(typed: str) -> str:
    """The text as the number reader takes it: ลบ. spelt out, refund words off."""
    return _REFUND.sub(" ", _LOR_BOR.sub(" ล้านบาท", typed))
