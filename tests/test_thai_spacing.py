"""kpi.thai_spacing on the names of the seed plans (../shared/data): stray spaces go, real ones stay."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kpi.thai_spacing import tidy_thai_spaces

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.mark.parametrize(
    "typed, tidy",
    [
        # from the Uthai Thani plan form (PDF-made)
        (
            "ร้อยละของ จำนวนผู้ประกันตนส่งเงิน สมทบที่นายจ้างส่งผ่าน ระบบอินเทอร์เน็ต",
            "ร้อยละของจำนวนผู้ประกันตนส่งเงินสมทบที่นายจ้างส่งผ่าน ระบบอินเทอร์เน็ต",
        ),
        ("ความสำเร็จในการ ปิดและส่งงบการเงินกองทุน ประกันสังคม", "ความสำเร็จในการปิดและส่งงบการเงินกองทุนประกันสังคม"),
        ("จำนวนผู้เข้ารับการ อบรม", "จำนวนผู้เข้ารับการอบรม"),
        (
            "ร้อยละของนายจ้าง ที่จ่ายเงินสมทบกองทุน ประกันสังคมผ่านระบบ อิเล็กทรอนิกส์ (e-Payment)",
            "ร้อยละของนายจ้างที่จ่ายเงินสมทบกองทุนประกันสังคมผ่านระบบ อิเล็กทรอนิกส์ (e-Payment)",
        ),
        # real boundaries: numbers, Latin, brackets, abbreviations, list items
        ("จำนวนผู้ประกันตน มาตรา 33 และมาตรา 39", "จำนวนผู้ประกันตน มาตรา 33 และมาตรา 39"),
        ("จำนวนผู้ประกันตน ตามมาตรา 40", "จำนวนผู้ประกันตน ตามมาตรา 40"),
        ("กระบวนการที่ ก.พ.ร. กำหนด", "กระบวนการที่ ก.พ.ร. กำหนด"),
        ("บริการขอคำปรึกษา แนะนำ เกี่ยวกับสิทธิประโยชน์", "บริการขอคำปรึกษา แนะนำ เกี่ยวกับสิทธิประโยชน์"),
        ("Service Delivery Unit", "Service Delivery Unit"),
        ("  แนะนำ   เกี่ยวกับ ", "แนะนำ เกี่ยวกับ"),
        ("", ""),
    ],
)
def test_tidy_thai_spaces(typed, tidy):
    assert tidy_thai_spaces(typed) == tidy


def _seed_names():
    for name, keys in [
        ("sso_plan_2566_indicators.csv", ("goal_or_project", "indicator_name")),
        ("sso_hr_2569_indicators.csv", ("goal_or_project", "indicator_name")),
    ]:
        with open(DATA / name, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for key in keys:
                    yield row[key]


@pytest.mark.skipif(not DATA.exists(), reason="../shared/data is not beside the repository")
def test_typeset_plans_keep_their_spaces():
    """The national plans were typeset, not copied from PDFs: almost nothing of theirs changes,
    and what does is a space before the relative ที่ (2 names of 358)."""
    names = list(_seed_names())
    changed = [(n, tidy_thai_spaces(n)) for n in names if " ".join(n.split()) != tidy_thai_spaces(n)]
    assert len(names) > 300
    assert [after for _, after in changed] == [
        "ร้อยละความสำเร็จของเรื่องร้องเรียนและข้อทักท้วงที่ได้รับการดำเนินการภายใน 30 วัน",
        "ร้อยละของจำนวนข้อมูลการใช้บริการทางการแพทย์ของผู้ประกันตนประเภทผู้ป่วยนอกที่ผู้รับจ้างตรวจสอบผ่าน",
    ]
