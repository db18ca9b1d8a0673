"""kpi.money: a month's disbursement as officers type it (pure)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kpi.money import MoneyProblem, is_amount_answer, read_money
from presentation.formatting import fmt_baht

READ = [
    ("150000", D("150000")),
    ("150,000", D("150000")),
    ("150,000.50 บาท", D("150000.50")),
    ("1.5 ล้าน", D("1500000")),
    ("1.5 ลบ.", D("1500000")),  # ล้านบาท
    ("1.5ลบ.ค่ะ", D("1500000")),
    ("๑.๕ ลบ.", D("1500000")),
    ("2.5 ล้านบาท", D("2500000")),
    ("แสนห้า", D("150000")),  # colloquial: the digit after แสน counts in หมื่น
    ("หนึ่งแสนห้าหมื่นบาท", D("150000")),
    ("๑๕๐,๐๐๐", D("150000")),
    ("เบิกจ่าย 150,000 บาทค่ะ", D("150000")),
    ("เบิกจ่ายแล้ว 1.5 ล้านบาทค่ะ", D("1500000")),
    ("ยอดเบิกจ่ายเดือนนี้ 20,000 บาท", D("20000")),
    ("0", D("0")),
    ("ไม่มีการเบิกจ่าย", D("0")),
    ("ไม่มีการเบิกจ่ายค่ะ", D("0")),
    ("ยังไม่ได้เบิกจ่าย", D("0")),
    ("150000.500", D("150000.50")),  # a trailing zero is no third decimal
    ("1,000,000,000,000", D("1000000000000")),  # 10¹² itself is allowed
    # negative: a refund, which the chat asks to confirm
    ("คืนเงิน 5,000", D("-5000")),
    ("คืนเงิน -5000", D("-5000")),
    ("-5000", D("-5000")),
    ("ลบ 5000", D("-5000")),  # ลบ before a figure is minus, not ล้านบาท
    ("-0", D("0")),
]

REFUSED = [
    ("150,000 และ 20,000", MoneyProblem.TWO_AMOUNTS),
    ("100 200", MoneyProblem.TWO_AMOUNTS),
    ("2 ลบ. 3 ลบ.", MoneyProblem.TWO_AMOUNTS),
    ("งบล่าช้า", MoneyProblem.NOT_AN_AMOUNT),
    ("ไม่ทราบ", MoneyProblem.NOT_AN_AMOUNT),
    ("ไม่", MoneyProblem.NOT_AN_AMOUNT),  # "no" alone is not "nothing spent"
    ("รอเบิกจ่าย 2 งวด", MoneyProblem.NOT_AN_AMOUNT),  # words that hold a figure
    ("งบล่าช้า 3 เดือน", MoneyProblem.NOT_AN_AMOUNT),
    ("2,000,000,000,000", MoneyProblem.TOO_LARGE),
    ("1000000000000.01", MoneyProblem.TOO_LARGE),
    ("150000.555", MoneyProblem.TOO_PRECISE),
    ("0.001", MoneyProblem.TOO_PRECISE),
    ("ร้อยละ 50", MoneyProblem.PERCENT),
    ("30 คน", MoneyProblem.NOT_BAHT),
    ("ประมาณ 150,000", MoneyProblem.APPROXIMATE),
    ("", MoneyProblem.EMPTY),
    ("ค่ะ", MoneyProblem.EMPTY),
]


@pytest.mark.parametrize(("typed", "amount"), READ)
def test_money_as_officers_type_it(typed, amount):
    reading = read_money(typed)
    assert (reading.amount, reading.problem) == (amount, None)


@pytest.mark.parametrize(("typed", "problem"), REFUSED)
def test_what_is_not_an_amount_says_why(typed, problem):
    assert read_money(typed) == read_money(typed).__class__(None, problem)


def test_shown_back_with_satang():
    assert fmt_baht(D("150000.5")) == "150,000.50 บาท"
    assert fmt_baht(D("1500000")) == "1,500,000.00 บาท"
    assert fmt_baht(D("-5000")) == "-5,000.00 บาท"


@given(st.decimals(min_value=D("-1e12"), max_value=D("1e12"), places=2, allow_nan=False, allow_infinity=False))
def test_an_amount_shown_back_reads_as_itself(amount):
    """What the card shows ("150,000.50 บาท") is read back as the same amount."""
    assert read_money(fmt_baht(amount)).amount == amount


@given(st.integers(min_value=0, max_value=10**12 - 1), st.integers(min_value=0, max_value=99))
def test_digits_with_and_without_commas_and_satang(baht, satang):
    amount = D(baht) + D(satang) / 100
    for typed in (f"{amount:.2f}", f"{amount:,.2f}", f"{amount:,.2f} บาท"):
        assert read_money(typed).amount == amount


@given(st.integers(min_value=10**12 + 1, max_value=10**15))
def test_over_a_trillion_baht_is_refused(baht):
    assert read_money(f"{baht:,}").problem == MoneyProblem.TOO_LARGE


@pytest.mark.parametrize(
    ("typed", "is_amount"),
    [
        ("200,000", True),
        ("แก้เป็น 200,000 บาทค่ะ", True),
        ("คืนเงิน 5,000", True),
        ("1.5 ลบ.", True),
        ("ไม่มีการเบิกจ่าย", True),
        ("รอเบิกจ่าย 2 งวด", False),  # words holding a figure: a reason
        ("ได้รับโอนงบเพิ่มเติม", False),
        ("100 200", False),
    ],
)
def test_at_the_card_an_amount_or_words(typed, is_amount):
    assert is_amount_answer(typed) is is_amount
