"""kpi.numbers: numbers and pass/fail answers as Thai officers type them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kpi.numbers import NumberError, ParsedNumber, parse_number, parse_pass_fail

D = Decimal

# (typed text, value, is_percent, unit_word)
VALID = [
    # plain digits, any script
    ("25", D("25"), False, None),
    ("๒๕", D("25"), False, None),
    ("1๒5", D("125"), False, None),
    ("２５", D("25"), False, None),
    ("1,250", D("1250"), False, None),
    ("๑,๒๕๐", D("1250"), False, None),
    ("1,250.50", D("1250.5"), False, None),
    ("12,345,678", D("12345678"), False, None),
    ("12.5", D("12.5"), False, None),
    ("0.5", D("0.5"), False, None),
    (".5", D("0.5"), False, None),
    ("0", D("0"), False, None),
    ("  25  ", D("25"), False, None),
    ("25.", D("25"), False, None),
    # signs
    ("-3", D("-3"), False, None),
    ("\u22123", D("-3"), False, None),  # unicode minus
    ("ลบ 3", D("-3"), False, None),
    ("ลบ3", D("-3"), False, None),
    ("ติดลบ 2.5", D("-2.5"), False, None),
    ("+2", D("2"), False, None),
    ("-0", D("0"), False, None),
    ("- 3 ราย", D("3"), False, "ราย"),  # a bullet, not a sign
    # invisible characters
    ("1\u200b250", D("1250"), False, None),  # zero-width space removed
    ("\u00a025\u00a0ราย", D("25"), False, "ราย"),  # NBSP
    ("\ufeff๒๕", D("25"), False, None),
    # surrounding chat words and units
    ("25 ราย", D("25"), False, "ราย"),
    ("25ราย", D("25"), False, "ราย"),
    ("25 คน", D("25"), False, "คน"),
    ("25 ค่ะ", D("25"), False, None),
    ("25 ครับ", D("25"), False, None),
    ("ได้ 25 รายค่ะ", D("25"), False, "ราย"),
    ("จำนวน 25", D("25"), False, None),
    ("ผล 25 ราย นะคะ", D("25"), False, "ราย"),
    ("5 ครั้ง", D("5"), False, "ครั้ง"),
    ("3 ขั้นตอน", D("3"), False, "ขั้นตอน"),
    ("ระดับ 3", D("3"), False, "ระดับ"),
    ("ระดับที่ 3", D("3"), False, "ระดับ"),
    ("ระดับที่สาม", D("3"), False, "ระดับ"),
    ("25 ราย 👍", D("25"), False, "ราย"),
    ("ประมาณ 25", D("25"), False, None),
    ("เรียบร้อยละค่ะ 25 ราย", D("25"), False, "ราย"),  # "done", not ร้อยละ
    ("25฿", D("25"), False, "฿"),
    ("สามจุด", D("3"), False, "จุด"),  # จุด as a unit ("3 spots")
    # percent
    ("ร้อยละ 80", D("80"), True, None),
    ("ร้อยละ80", D("80"), True, None),
    ("80%", D("80"), True, None),
    ("80 %", D("80"), True, None),
    ("80％", D("80"), True, None),
    ("80 เปอร์เซ็นต์", D("80"), True, None),
    ("80 เปอร์เซ็น", D("80"), True, None),
    ("-1.5%", D("-1.5"), True, None),
    ("ผลการดำเนินงาน ร้อยละ 85.50 ค่ะ", D("85.5"), True, None),
    ("ร้อยละแปดสิบ", D("80"), True, None),
    ("ร้อยละร้อย", D("100"), True, None),
    ("ร้อยเปอร์เซ็นต์", D("100"), True, None),
    ("80 percent", D("80"), True, None),
    # Thai number words
    ("ยี่สิบห้า", D("25"), False, None),
    ("ได้ยี่สิบห้ารายค่ะ", D("25"), False, "ราย"),
    ("หนึ่งพันสองร้อยห้าสิบ", D("1250"), False, None),
    ("สามสิบ ราย", D("30"), False, "ราย"),
    ("ห้าสิบเอ็ด", D("51"), False, None),
    ("สิบเอ็ด", D("11"), False, None),
    ("ยี่สิบเอ็ด", D("21"), False, None),
    ("หนึ่งร้อยเอ็ด", D("101"), False, None),
    ("หนึ่งร้อย", D("100"), False, None),
    ("ร้อย", D("100"), False, None),
    ("สิบ", D("10"), False, None),
    ("ศูนย์", D("0"), False, None),
    ("ยี่สิบ ห้า", D("25"), False, None),
    ("ห้าสิบห้าคน", D("55"), False, "คน"),
    ("สองล้านห้าแสนสามหมื่น", D("2530000"), False, None),
    ("หนึ่งหมื่นห้าพัน", D("15000"), False, None),
    ("ล้าน", D("1000000"), False, None),
    ("ล้านล้าน", D("1000000000000"), False, None),  # exactly 1e12 is still allowed
    # Thai decimal point
    ("สิบสองจุดห้า", D("12.5"), False, None),
    ("ศูนย์จุดห้า", D("0.5"), False, None),
    ("จุดห้า", D("0.5"), False, None),
    ("สิบสองจุดห้าศูนย์", D("12.5"), False, None),
    ("ลบจุดห้า", D("-0.5"), False, None),
    ("หนึ่งจุดห้าล้าน", D("1500000"), False, None),
    # digits with Thai power words
    ("2 พัน", D("2000"), False, None),
    ("1.5 ล้าน", D("1500000"), False, None),
    ("1.5ล้าน", D("1500000"), False, None),
    ("3 หมื่น", D("30000"), False, None),
    ("2.5 พัน", D("2500"), False, None),
    ("2 พัน 5 ร้อย", D("2500"), False, None),
    ("1,250 ล้าน", D("1250000000"), False, None),
    ("3 หมื่นคน", D("30000"), False, "คน"),
    # colloquial: a lone digit after พัน/หมื่น/แสน/ล้าน is the next lower place
    ("สองพันห้า", D("2500"), False, None),
    ("หนึ่งหมื่นห้า", D("15000"), False, None),
    ("ล้านห้า", D("1500000"), False, None),
    ("สองพันห้าร้อยราย", D("2500"), False, "ราย"),
    ("สองพันเอ็ด", D("2001"), False, None),  # เอ็ด is always the units digit
    ("สองพันสิบห้า", D("2015"), False, None),
]


@pytest.mark.parametrize(("text", "value", "is_percent", "unit"), VALID)
def test_parse_number_valid(text, value, is_percent, unit):
    got = parse_number(text)
    assert isinstance(got, ParsedNumber), f"{text!r} -> {got!r}"
    assert got.value == value
    assert isinstance(got.value, Decimal)
    assert got.is_percent is is_percent
    assert got.unit_word == unit


ERRORS = [
    # EMPTY: nothing but whitespace / politeness
    ("", NumberError.EMPTY),
    ("   ", NumberError.EMPTY),
    ("\u200b", NumberError.EMPTY),
    ("ค่ะ", NumberError.EMPTY),
    ("ครับผม", NumberError.EMPTY),
    ("ขอบคุณค่ะ", NumberError.EMPTY),
    # NOT_A_NUMBER
    ("abc", NumberError.NOT_A_NUMBER),
    ("ไม่ทราบ", NumberError.NOT_A_NUMBER),
    ("ยังไม่มี", NumberError.NOT_A_NUMBER),
    ("?", NumberError.NOT_A_NUMBER),
    ("👍", NumberError.NOT_A_NUMBER),
    ("ลบ", NumberError.NOT_A_NUMBER),
    ("จุด", NumberError.NOT_A_NUMBER),
    ("ยี่", NumberError.NOT_A_NUMBER),
    ("เอ็ด", NumberError.NOT_A_NUMBER),
    ("สามารถ", NumberError.NOT_A_NUMBER),  # starts with สาม but is a word
    ("เรียบร้อยแล้ว", NumberError.NOT_A_NUMBER),  # contains ร้อย
    ("25?", NumberError.NOT_A_NUMBER),
    ("ไม่ถึง 25", NumberError.NOT_A_NUMBER),
    ("ยี่สิบกว่าราย", NumberError.NOT_A_NUMBER),
    ("เกือบ 30", NumberError.NOT_A_NUMBER),
    ("ยี่สิบเศษ", NumberError.NOT_A_NUMBER),
    ("สองพันครึ่ง", NumberError.NOT_A_NUMBER),
    ("หลายร้อย", NumberError.NOT_A_NUMBER),
    ("เป็นร้อยราย", NumberError.NOT_A_NUMBER),
    ("สิบๆ ราย", NumberError.NOT_A_NUMBER),
    ("2k", NumberError.NOT_A_NUMBER),
    ("1e5", NumberError.NOT_A_NUMBER),
    ("สองร้อยห้า", NumberError.NOT_A_NUMBER),  # 205 or 250? ask again
    ("หนึ่งพันห้าร้อยห้า", NumberError.NOT_A_NUMBER),
    ("2 ร้อย 5", NumberError.NOT_A_NUMBER),
    ("25 พัน", NumberError.NOT_A_NUMBER),
    ("สองพันห้าจุดห้า", NumberError.NOT_A_NUMBER),
    ("9999999999999", NumberError.TOO_LARGE),  # > 1e12
    ("1000000000000.5", NumberError.TOO_LARGE),
    ("ล้านล้านล้าน", NumberError.TOO_LARGE),
    ("1" * 2000, NumberError.NOT_A_NUMBER),
    # TWO_NUMBERS
    ("25 หรือ 30", NumberError.TWO_NUMBERS),
    ("20-30", NumberError.TWO_NUMBERS),
    ("20\u201330", NumberError.TWO_NUMBERS),  # en dash
    ("20 ถึง 30", NumberError.TWO_NUMBERS),
    ("1 250", NumberError.TWO_NUMBERS),
    ("1\u00a0250", NumberError.TWO_NUMBERS),
    ("25 30", NumberError.TWO_NUMBERS),
    ("ยี่สิบ สามสิบ", NumberError.TWO_NUMBERS),
    ("ยี่สิบหรือสามสิบ", NumberError.TWO_NUMBERS),
    ("5/10", NumberError.TWO_NUMBERS),
    ("10:30", NumberError.TWO_NUMBERS),
    ("1,25", NumberError.TWO_NUMBERS),
    ("1.2.3", NumberError.TWO_NUMBERS),
    ("12 จุด 5", NumberError.TWO_NUMBERS),
    ("สองสาม", NumberError.TWO_NUMBERS),
    ("25 ราย 30 คน", NumberError.TWO_NUMBERS),
    ("ครั้งที่ 2 ได้ 25", NumberError.TWO_NUMBERS),
]


@pytest.mark.parametrize(("text", "error"), ERRORS)
def test_parse_number_errors(text, error):
    assert parse_number(text) is error


def test_parse_number_is_repeatable():
    # Cached tokenisation must not leak state between calls.
    for _ in range(3):
        assert parse_number("ได้ยี่สิบห้ารายค่ะ") == ParsedNumber(D("25"), False, "ราย")
        assert parse_number("ร้อยละแปดสิบ") == ParsedNumber(D("80"), True, None)


PASS_FAIL = [
    ("ผ่าน", True),
    ("ผ่านค่ะ", True),
    ("ผ่านเกณฑ์", True),
    ("สำเร็จ", True),
    ("ดำเนินการแล้ว", True),
    ("ดำเนินการแล้วค่ะ", True),
    ("ใช่", True),
    ("ใช่ครับ", True),
    ("1", True),
    ("๑", True),
    (" ผ่าน ", True),
    ("ไม่ผ่าน", False),
    ("ไม่ ผ่าน ครับ", False),
    ("ไม่สำเร็จ", False),
    ("ยังไม่ดำเนินการ", False),
    ("ไม่", False),
    ("0", False),
    ("๐", False),
    ("", None),
    ("2", None),
    ("ผ่าน 80", None),
    ("80", None),
    ("ไม่ทราบ", None),
    ("ค่ะ", None),
]


@pytest.mark.parametrize(("text", "expected"), PASS_FAIL)
def test_parse_pass_fail(text, expected):
    assert parse_pass_fail(text) is expected
