""" "สถานะ" in chat for each role, through signed webhooks and the fake LINE (which checks every
Flex message against LINE's spec and limits)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from bot.clock import BANGKOK
from bot.demo import demo_line_user_id, load_demo_data
from handlers import commands
from models import Indicator, Project, Unit
from models.reporting import save_value

from . import factories as F

UTHAI = F.UTHAI
BRANCH = "สำนักงานประกันสังคมจังหวัดชัยนาท"
ON_TIME_AT = datetime(2026, 11, 3, 9, 0, tzinfo=BANGKOK)
LATE_AT = datetime(2026, 11, 20, 9, 0, tzinfo=BANGKOK)


def indicator_id(session, code: str, number: int, unit: str = UTHAI) -> int:
    return session.scalar(
        select(Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Unit, Unit.id == Project.unit_id)
        .where(Unit.name == unit, Project.code == code, Indicator.number == number)
    )


def report(db, values: dict[str, str], month: int = 10, on_time: bool = False, unit: str = UTHAI) -> None:
    with db.transaction() as s:
        for ref, value in values.items():
            code, number = ref.split("/")
            save_value(
                s,
                indicator_id=indicator_id(s, code, int(number), unit),
                month=month,
                value=Decimal(value),
                note=None,
                officer_id=None,
                now=ON_TIME_AT if on_time else LATE_AT,
                on_time=on_time,
                source="chat",
            )


@pytest.fixture
def uthai(app, db, clock):
    """The demo: the Uthai Thani plan as 2569, its officers bound; October is overdue (25 Nov)."""
    load_demo_data(db, clock.now())
    report(db, {"P01/1": "12"}, on_time=True)
    report(db, {"P04/1": "30", "P04/2": "1", "P07/1": "80", "P07/2": "95", "P07/3": "124", "P07/5": "26384"})
    return db


def chat_as(chat_with, officer_key: str):
    return chat_with(demo_line_user_id(officer_key))


def strings(node) -> list[str]:
    """Every text shown in a message (text, altText and Flex texts), in order."""
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) and node.get("type") in ("text", None) else []
        found += [node["altText"]] if "altText" in node else []
        for key, value in node.items():
            if key not in ("text", "altText", "quickReply"):
                found += strings(value)
        return found
    if isinstance(node, list):
        return [s for item in node for s in strings(item)]
    return []


def shown(chat) -> str:
    return "\n".join(strings(chat.last))


def labels(chat) -> list[str]:
    return [b["label"] for b in chat.buttons()]


def test_officer_sees_only_their_own_indicators(uthai, chat_with):
    chat = chat_as(chat_with, "uthai.visit")
    chat.say("สถานะ")
    text = shown(chat)
    assert "ตัวชี้วัดของคุณสมชาย ใจดี" in text and "ผลการดำเนินงาน ตุลาคม 2569" in text
    assert "P01/1" in text and "P07/" not in text and "P04/" not in text
    assert "ร้อยละ 120" in text and "ดี" in text
    assert "ตรงเวลา 1 · ล่าช้า 0 · ยังไม่ส่ง 0" in text
    assert len(chat.last) <= 5 and chat.last[0]["type"] == "flex"

    chat.say("สถานะ จังหวัดอุทัยธานี")  # a unit summary: only their own indicators, with a note
    assert "ได้เฉพาะตัวชี้วัดที่ท่านรับผิดชอบ" in chat.last[0]["text"]
    text = shown(chat)
    assert "P01/1" in text and "P07/" not in text


def test_officer_with_missing_reports_gets_a_report_button(uthai, chat_with):
    chat = chat_as(chat_with, "uthai.contrib")
    chat.say("สถานะ")
    text = shown(chat)
    assert "P07/4" in text and "ยังไม่ส่ง: ต.ค." in text and "ยังไม่ส่งผล" in text
    assert "ตรงเวลา 0 · ล่าช้า 4 · ยังไม่ส่ง 2" in text
    assert labels(chat)[:3] == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี"] and "รายงานผล" in labels(chat)


def test_supervisor_sees_their_unit_rated_as_the_report_rates(uthai, chat_with):
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ")
    assert len(chat.last) == 3 and [m["type"] for m in chat.last] == ["flex", "flex", "text"]
    summary = "\n".join(strings(chat.last[0]))
    assert "สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี" in summary
    assert "ตรงเวลา 1 · ล่าช้า 6 · ยังไม่ส่ง 3" in summary
    assert "ส่งแล้ว 7 จาก 10 รายการ (ร้อยละ 70)" in summary
    # P01 12/10 → 120 ดี; P07 weighted 10·95.24+20·100+20·100+10·0+20·100+20·0 → 70 ปานกลาง;
    # P04 (30 % and 50 %) → 40 ต่ำ; P06 nothing sent → 0 ต่ำ; P03, P09, P11, P12 have no October target.
    assert "ดี 1 · ปานกลาง 1 · ต่ำ 2 · ยังไม่มีเป้าหมาย 4" in summary
    rows = strings(chat.last[0])
    p07 = rows.index("P07")
    assert rows[p07 + 2 : p07 + 4] == ["70", "ปานกลาง"]
    p04 = rows.index("P04")
    assert rows[p04 + 2 : p04 + 4] == ["40", "ต่ำ"]
    assert chat.last[0]["altText"].startswith("สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี ตุลาคม 2569: ดี 1 ปานกลาง 1 ต่ำ 2")
    carousel = chat.last[1]["contents"]
    assert carousel["type"] == "carousel" and len(carousel["contents"]) == 8
    details = "\n".join(strings(chat.last[1]))
    assert "P07/1" in details and "ร้อยละ 95" in details and "น้ำหนัก 10" in details
    assert "แสดงครบทั้ง 8 โครงการแล้ว" in chat.last[2]["text"]
    assert labels(chat)[:3] == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี"]


def test_levels_have_colours_and_words(uthai, chat_with):
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ")
    colours = {}

    def walk(node):
        if isinstance(node, dict):
            word = (node.get("text") or "").rsplit(" ", 1)[0] if node.get("type") == "span" else node.get("text")
            if node.get("type") in ("text", "span") and word in ("ดี", "ปานกลาง", "ต่ำ", "ยังไม่ส่งผล", "ยังไม่มีเป้าหมาย"):
                colours.setdefault(word, set()).add(node.get("color"))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(chat.last)
    assert colours["ดี"] == {"#1E8449"} and colours["ปานกลาง"] == {"#B7950B"} and colours["ต่ำ"] == {"#C0392B"}
    assert colours["ยังไม่ส่งผล"] == colours["ยังไม่มีเป้าหมาย"] == {"#888888"}


def test_supervisor_asking_for_another_unit_is_refused(uthai, app, db, chat_with):
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        F.indicator(s, other, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", [5] * 12)
        other_id = other.id
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ ชัยนาท")
    assert len(chat.last) == 1 and "ขออภัย ท่านดูสถานะได้เฉพาะหน่วยงานของท่าน" in chat.last[0]["text"]
    chat.tap(f"act=status&w=unit&s=m&u={other_id}")  # a forged or forwarded button
    assert len(chat.last) == 1 and "ขออภัย" in chat.last[0]["text"] and "ชัยนาท" not in shown(chat)
    chat.tap("act=status&w=office&s=y")
    assert "ขออภัย" in chat.last[0]["text"]
    chat.press("ตั้งแต่ต้นปี")  # the refusal offers their own unit
    assert "สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี" in shown(chat)
    chat.say("สถานะ อุทัยธานี")  # their own unit by name is fine
    assert "สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี" in shown(chat)


def test_period_switching(uthai, chat_with):
    report(uthai, {"P01/1": "15"}, month=3, on_time=True)
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ")
    chat.press("ไตรมาส")
    assert "ผลการดำเนินงาน ไตรมาส 4/2569 (ต.ค.)" in shown(chat)
    chat.press("ตั้งแต่ต้นปี")
    text = shown(chat)
    assert "ผลการดำเนินงาน ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)" in text
    # P01 to October: plan 20+20+30+30+30+10 = 140, results 15 + 12 = 27 → 19 % (ต่ำ)
    assert "140 ราย" in text and "27 ราย" in text and "ร้อยละ 19" in text
    # the year's due months so far: P03, P09, P11 are due in March/August and never sent
    assert "ยังไม่ส่ง: มี.ค." in text
    chat.say("สถานะ เดือนนี้")
    assert "ผลการดำเนินงาน ตุลาคม 2569" in shown(chat)


def test_planner_roll_up_then_any_unit(uthai, db, chat_with):
    with db.transaction() as s:
        other = F.unit(s, BRANCH)
        for n in (1, 2):
            F.indicator(s, other, f"P0{n}", 1, "จำนวนผู้เข้าร่วม", "คน", "count", [5] * 12)
    chat = chat_as(chat_with, "plan.chief")
    chat.say("สถานะ")
    office = "\n".join(strings(chat.last[0]))
    assert "ภาพรวมทั้งสำนักงาน" in office and "ผลการดำเนินงาน ตุลาคม 2569" in office
    assert "6 งาน/โครงการ: ดี 1 ปานกลาง 1 ต่ำ 4" in office
    assert "(ร้อยละ 17 / 17 / 67)" in office  # one rounding of percentages in every reply
    # units with missing reports, worst first
    assert office.index("1. สำนักงานประกันสังคมจังหวัดอุทัยธานี: ยังไม่ส่ง 3") < office.index(
        "2. สำนักงานประกันสังคมจังหวัดชัยนาท: ยังไม่ส่ง 2"
    )
    assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "เลือกหน่วยงาน", "1. จ.อุทัยธานี", "2. จ.ชัยนาท"]

    chat.press("เลือกหน่วยงาน")
    assert "1. สำนักงานประกันสังคมจังหวัดอุทัยธานี — ยังไม่ส่ง 3 · ดี 1 ปานกลาง 1 ต่ำ 2" in chat.last[0]["text"]
    chat.press("2. จ.ชัยนาท")
    assert "สถานะสำนักงานประกันสังคมจังหวัดชัยนาท" in shown(chat) and "P07" not in shown(chat)
    chat.press("ตั้งแต่ต้นปี")
    assert "สถานะสำนักงานประกันสังคมจังหวัดชัยนาท" in shown(chat) and "ตั้งแต่ต้นปี 2569" in shown(chat)
    assert "ยังไม่ส่ง 20" in shown(chat)
    chat.press("ภาพรวมสำนักงาน")
    assert "ภาพรวมทั้งสำนักงาน" in shown(chat) and "ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)" in shown(chat)

    chat.say("สถานะ อุทัยธานี")
    assert "สถานะสำนักงานประกันสังคมจังหวัดอุทัยธานี" in shown(chat)
    chat.say("สถานะ ไม่มีหน่วยนี้")
    assert "ไม่พบหน่วยงาน" in chat.last[0]["text"]


def test_a_long_unit_is_paged_and_nothing_is_cut(app, db, chat_with):
    long_name = "ร้อยละของผู้ประกันตนที่ได้รับบริการตามมาตรฐานและความพึงพอใจของผู้รับบริการในระดับดีขึ้นไป " * 2
    with db.transaction() as s:
        u = F.unit(s)
        for p in range(1, 31):
            for n in range(1, 8):
                F.indicator(s, u, f"P{p:02d}", n, long_name, "ราย", "count", [10] * 12, weight=14)
        F.officer(s, "head", u, role="supervisor", line_user_id="Uhead")
    chat = chat_with("Uhead")
    chat.say("สถานะ")
    seen: list[str] = []
    pages = 0
    while True:
        pages += 1
        assert len(chat.last) <= 5
        for message in chat.last:
            if message["type"] == "flex" and message["contents"]["type"] == "carousel":
                bubbles = message["contents"]["contents"]
                assert len(bubbles) <= 12
                seen += [
                    b["header"]["contents"][0]["text"].split()[0]
                    for b in bubbles
                    if "(ต่อ)" not in b["header"]["contents"][0]["text"]
                ]
        closing = chat.last[-1]["text"]
        if not any(label.startswith("โครงการถัดไป") for label in labels(chat)):
            assert f"จาก 30 (หน้า {pages}/{pages}) ครบแล้ว" in closing
            break
        assert f"จาก 30 (หน้า {pages}/" in closing
        chat.press("โครงการถัดไป")
    assert pages > 1
    assert seen == [f"P{p:02d}" for p in range(1, 31)]


def test_status_mid_report_leaves_the_report_where_it_was(uthai, chat_with):
    chat = chat_as(chat_with, "uthai.contrib")
    chat.say("รายงาน")
    chat.press("4. ")
    chat.say("สถานะ")
    assert "ตัวชี้วัดของคุณวันเพ็ญ ศรีสุข" in shown(chat)
    chat.say("1")
    assert chat.last[0]["type"] == "flex" and "ยืนยัน" in labels(chat)


def test_nudge_button_for_supervisors_once_reminders_handle_it(uthai, chat_with, monkeypatch):
    registered = commands.COMMANDS
    monkeypatch.setattr(commands, "COMMANDS", tuple(c for c in registered if c.name != "nudge"))
    chat = chat_as(chat_with, "uthai.head")
    chat.say("สถานะ")
    assert "ส่งเตือน" not in labels(chat)  # never a button that leads nowhere
    monkeypatch.setattr(commands, "COMMANDS", registered)
    chat.say("สถานะ")
    assert labels(chat)[-1] == "ส่งเตือน" and 'แตะ "ส่งเตือน"' in chat.last[-1]["text"]
    chat_as(chat_with, "plan.chief").say("สถานะ อุทัยธานี")
    officer = chat_as(chat_with, "uthai.visit")
    officer.say("สถานะ")
    assert "ส่งเตือน" not in labels(officer)


def test_unit_without_a_plan_this_year(app, db, chat_with):
    with db.transaction() as s:
        u = F.unit(s)
        F.officer(s, "head", u, role="supervisor", line_user_id="Uhead")
        F.officer(s, "plan", F.unit(s, "กองนโยบายและแผนงาน", "central"), role="planner", line_user_id="Uplan")
    chat = chat_with("Uhead")
    chat.say("สถานะ")
    assert "ยังไม่มีแผนปฏิบัติการของสำนักงานประกันสังคมจังหวัดอุทัยธานี ปี 2569" in chat.last[0]["text"]
    planner = chat_with("Uplan")
    planner.say("สถานะ")
    assert "ยังไม่มีแผนปฏิบัติการของหน่วยงานใดในปี 2569" in planner.last[0]["text"]
