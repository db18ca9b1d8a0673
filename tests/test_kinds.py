"""kpi.kinds: which IndicatorKind a plan row is (pure, no database)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from kpi.kinds import UnknownKind, expected_total, infer_kind, ladder_top, parse_kind, resolve_kind
from models.plan import IndicatorKind as K

UTHAI_CSV = Path(__file__).resolve().parent.parent / "data" / "uthai_thani_2563_indicators.csv"


def D(*values) -> list[Decimal]:
    return [Decimal(str(v)) for v in values]


def uthai_rows() -> dict[str, dict]:
    with open(UTHAI_CSV, encoding="utf-8-sig", newline="") as f:
        return {f"{r['project_code']}/{r['indicator_no']}": r for r in csv.DictReader(f)}


# Every indicator of the Uthai Thani 2563 plan form and the kind it must get.
UTHAI_EXPECTED = [
    ("P01/1", K.COUNT, None),  # ราย, total 150 = sum
    ("P03/1", K.PERCENT_CUMULATIVE, None),  # ร้อยละ 85 in มี.ค. only (one-off survey)
    ("P03/2", K.COUNT, None),  # คน 28
    ("P04/1", K.COUNT, None),  # คน 100 + 100
    ("P04/2", K.COUNT, None),  # รุ่น 2 + 2
    ("P06/1", K.COUNT, None),  # คน 200 × 12 = 2400
    ("P07/1", K.PERCENT_CUMULATIVE, None),  # ร้อยละ stepped 76 → 78 → 84
    ("P07/2", K.PERCENT_MONTHLY, None),  # ร้อยละ 95 every month
    ("P07/3", K.COUNT, None),  # คน 124 × 12 = 1488
    ("P07/4", K.COUNT, None),  # เดือน 1,0,2,1… = 12 (ความสำเร็จ… but counted months)
    ("P07/5", K.STOCK, None),  # คน 24668 … 26729, total 26729 (ผู้ประกันตนมาตรา 40)
    ("P07/6", K.PERCENT_MONTHLY, None),  # ร้อยละ 96 every month
    ("P09/1", K.COUNT, None),  # เรื่อง 1
    ("P09/2", K.LEVEL, 7),  # ขั้นตอน, 7 ขั้นตอน
    ("P11/1", K.PERCENT_CUMULATIVE, None),  # ร้อยละ 100 in มี.ค.
    ("P11/2", K.PERCENT_CUMULATIVE, None),  # ร้อยละ 75 "เพิ่มขึ้น" but unit is plain ร้อยละ
    ("P12/1", K.PERCENT_CUMULATIVE, None),  # ร้อยละ 50 in พ.ย. and ธ.ค.
    ("P12/2", K.COUNT, None),  # คน 80 + 40
]


def test_the_table_covers_every_uthai_row():
    assert sorted(code for code, _, _ in UTHAI_EXPECTED) == sorted(uthai_rows())


@pytest.mark.parametrize("code,kind,max_level", UTHAI_EXPECTED, ids=[c for c, _, _ in UTHAI_EXPECTED])
def test_uthai_thani_row_kind(code, kind, max_level):
    row = uthai_rows()[code]
    targets = D(*(row[f"m{m:02d}"] for m in range(1, 13)))
    got = infer_kind(row["unit_of_measure"], targets, Decimal(row["total"]), row["indicator_name"])
    assert got == (kind, max_level)
    # and the printed total is what the kind says the year's figure is
    assert expected_total(kind, targets) == Decimal(row["total"])


@pytest.mark.parametrize(
    "unit,targets,total,name,expected",
    [
        # percentages
        ("ร้อยละ", D(*[98] * 12), D(98)[0], "ร้อยละความถูกต้องเฉลี่ยต่อเดือน", (K.PERCENT_MONTHLY, None)),
        (
            "ร้อยละ",
            D(3, 5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90),
            D(90)[0],
            "ร้อยละการเบิกจ่าย",
            (K.PERCENT_CUMULATIVE, None),
        ),
        ("ร้อยละ", D(*[0] * 12), None, "ร้อยละ…", (K.PERCENT_CUMULATIVE, None)),
        ("ร้อยละ (คะแนน)", D(*[85] * 12), None, "ITA", (K.PERCENT_MONTHLY, None)),
        # percentage points
        ("ร้อยละ (จุด)", D(*[0] * 11, "0.57"), None, "สัดส่วนแรงงานในระบบเพิ่มขึ้น", (K.PP_CHANGE, None)),
        ("จุด", D(*[0] * 11, 2), None, "อัตราการร้องเรียนลดลง", (K.PP_CHANGE, None)),
        ("จุด", D(*[1] * 12), D(12)[0], "จำนวนจุดบริการ", (K.COUNT, None)),  # service points: a count
        # levels
        ("ระดับ", D(0, 0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 3), D(3)[0], "ระดับความสำเร็จของการทำงาน", (K.LEVEL, 5)),
        ("ระดับ", D(*[5] * 12), D(5)[0], "ระดับความสำเร็จของการให้บริการ WAN", (K.LEVEL, 5)),
        ("ระดับ", D(0, 2, 0, 0, 0, 0, 6, 0, 0, 7, 0, 8), D(8)[0], "ระดับความสำเร็จ", (K.LEVEL, 8)),
        ("ระดับ", D(0, 0, 0, 0, 0, 0, 3, 0, 0, 6, 0, 9), D(9)[0], "ระดับความสำเร็จ (9 ระดับ)", (K.LEVEL, 9)),
        ("ระดับ (พิมพ์ว่า ร้อยละ)", D(0, 0, 0, 3, 0, 5, 6, 0, 0, 0, 0, 0), D(6)[0], "ระดับความสำเร็จ", (K.LEVEL, 6)),
        ("ขั้นตอน", D(0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0), D(3)[0], "การดำเนินการ", (K.LEVEL, 3)),
        ("ขั้นตอน", D(0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0), D(7)[0], "ทั้งสิ้น ๗ ขั้นตอน", (K.LEVEL, 7)),
        # pass / fail
        ("การรับรอง (ผ่าน/ไม่ผ่าน)", D(*[0] * 11, 1), D(1)[0], "ผ่านการรับรอง ISO/IEC 27001", (K.PASS_FAIL, None)),
        ("ครั้ง (ผ่าน / ไม่ผ่าน)", D(0, 0, 1, *[0] * 9), D(1)[0], "ความสำเร็จในการตรวจประเมิน", (K.PASS_FAIL, None)),
        # counting units
        ("ครั้ง", D(*[1] * 12), D(12)[0], "จำนวนครั้งในการจัดประชุม", (K.COUNT, None)),
        ("แห่ง", D(*[6] * 12), D(72)[0], "จำนวนสถานพยาบาล", (K.COUNT, None)),
        ("เล่ม", D(*[1] * 12), D(12)[0], "รายงาน", (K.COUNT, None)),
        ("ช่องทาง", D(*[0] * 11, 1), D(1)[0], "จำนวนช่องทาง", (K.COUNT, None)),
        (
            "ราย",
            D(557, 1422, 2994, 3667, 5329, 4964, 5865, 5382, 5072, 3308, 2145, 3354),
            D(44059)[0],
            "จำนวนผู้ประกันตนที่ได้รับประโยชน์",
            (K.COUNT, None),
        ),
        (
            "คน",
            D(100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200),
            D(1200)[0],
            "จำนวนผู้ประกันตนตามมาตรา 33 และมาตรา 39 ที่เพิ่มขึ้น",
            (K.STOCK, None),
        ),
        ("คน", D(*[500] * 12), D(500)[0], "ผู้ประกันตนคงอยู่", (K.STOCK, None)),
        ("คน", D(*[10] * 12), None, "ไม่มียอดรวม", (K.COUNT, None)),
        ("คน", D(5, 4, 3, *[0] * 9), D(5)[0], "ยอดรวมไม่ตรง (ลดลง) — ไม่ใช่ stock", (K.COUNT, None)),
    ],
)
def test_synthetic_rows(unit, targets, total, name, expected):
    assert infer_kind(unit, targets, total, name) == expected


def test_ladder_top_prefers_the_size_the_name_states():
    assert ladder_top("ระดับ", D(0, 0, 2), "ระดับความสำเร็จ (2 ระดับ)") == 2
    assert ladder_top("ระดับ", D(0, 0, 2), "ระดับความสำเร็จ") == 5
    assert ladder_top("ขั้นตอน", D(0, 0, 4), "ขั้นตอนการจัดการ") == 4


@pytest.mark.parametrize(
    "text,expected",
    [
        ("count", (K.COUNT, True)),
        ("stock", (K.STOCK, True)),
        ("pct_cum", (K.PERCENT_CUMULATIVE, True)),
        ("PCT_MONTHLY", (K.PERCENT_MONTHLY, True)),
        ("level", (K.LEVEL, True)),
        ("pass_fail", (K.PASS_FAIL, True)),
        ("pp_change:lower", (K.PP_CHANGE, False)),
        (" count : lower ", (K.COUNT, False)),
        ("percent_cumulative", (K.PERCENT_CUMULATIVE, True)),
    ],
)
def test_parse_kind(text, expected):
    assert parse_kind(text) == expected


@pytest.mark.parametrize("text", ["sum", "count:down", "", "level:lower:x"])
def test_parse_kind_rejects_unknown(text):
    with pytest.raises(UnknownKind):
        parse_kind(text)


def test_explicit_kind_wins_over_the_rules():
    choice = resolve_kind("คน", D(*[10] * 12), Decimal(120), "จำนวน", "stock")
    assert (choice.kind, choice.max_level, choice.higher_is_better, choice.explicit) == (K.STOCK, None, True, True)
    choice = resolve_kind("ร้อยละ", D(*[0] * 11, -2), None, "อัตราการว่างงาน", "pp_change:lower")
    assert (choice.kind, choice.higher_is_better) == (K.PP_CHANGE, False)
    choice = resolve_kind("ครั้ง", D(0, 0, 3), None, "งาน", "level")
    assert (choice.kind, choice.max_level) == (K.LEVEL, 3)
    inferred = resolve_kind("คน", D(*[10] * 12), Decimal(120), "จำนวน", "")
    assert (inferred.kind, inferred.explicit, inferred.higher_is_better) == (K.COUNT, False, True)


def test_expected_total_per_kind():
    months = D(0, 0, 20, 0, 20, 30, 30, 30, 0, 10, 0, 10)
    assert expected_total(K.COUNT, months) == 150
    assert expected_total(K.STOCK, months) == 10
    assert expected_total(K.PERCENT_CUMULATIVE, D(76, 76, 78, 78, *[84] * 8)) == 84
    assert expected_total(K.PERCENT_MONTHLY, D(*[96] * 12)) == 96
    assert expected_total(K.LEVEL, D(0, 1, 0, 3, 2)) == 3
    assert expected_total(K.PERCENT_CUMULATIVE, D(*[0] * 12)) == 0
