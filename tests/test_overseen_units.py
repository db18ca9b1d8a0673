"""A supervisor oversees their unit and every unit below it (models.org.units_overseen_by), in
chat (สถานะ, ส่งเตือน), in the supervisors' digest and on the dashboard.

The tree is the real one of data/sso_units.csv (loaded with the demo): the provincial office of
Chachoengsao has two branches, บางปะกง and พนมสารคาม; Chon Buri is a sibling province with its
own branch, ศรีราชา. No branch of the list has units below it, so depth beyond two levels is
shown on the list's regions (ภาคกลาง › provinces › branches) and on a made-up unit below a
branch in the function's own test.

On 25 November 2569 (October due on 5 November): the province's officer sent October on time;
in บางปะกง two officers owe October (one not bound to LINE), in พนมสารคาม one; Chon Buri's and
ศรีราชา's officers owe October too and must never be nudged, listed or shown to Chachoengsao.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.clock import BANGKOK
from bot.demo import load_demo_data
from files.report_export import DATA_SHEET
from kpi.periods import Period
from kpi.reminders import OfficerStatus
from kpi.rounds import Urgency
from models import Indicator, Officer, Unit
from models.org import unit_children, units_overseen_by
from presentation import texts as T
from presentation.messages import MAX_LABEL, MAX_QUICK_REPLIES
from presentation.reminder_messages import DIGEST_MAX_PEOPLE, digest_message

from . import dashboard_data as DD
from . import factories as F
from .reminder_helpers import FAST, at, run, sent_texts
from .test_dashboard import sign_in

BASE = "https://kpi.example.test"
PROVINCE = "สำนักงานประกันสังคมจังหวัดฉะเชิงเทรา"
BANGPAKONG = "สาขาบางปะกง"
PHANOM = "สาขาพนมสารคาม"
CHONBURI = "สำนักงานประกันสังคมจังหวัดชลบุรี"
SRIRACHA = "สาขาศรีราชา"
SENT_ON_TIME = datetime(2026, 11, 3, 9, 30, tzinfo=BANGKOK)

PROVINCE_HEAD = "Ucco-head"
BRANCH_HEAD = "Ubpk-head"
BPK_VISIT = "Ubpk-visit"
PNS_VISIT = "Upns-visit"
CHON_VISIT = "Uchon-visit"
SRI_VISIT = "Usri-visit"
CCO_VISIT = "Ucco-visit"
#: Words of the units outside Chachoengsao's tree (and their officers' names).
OUTSIDE = ("ชลบุรี", "ศรีราชา", "ชลธี", "อุทัยธานี")


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL=BASE, **FAST)


@pytest.fixture
def tree(app, db, clock):
    """The demo's units and plan, plus October plans and officers in the two provinces above."""
    load_demo_data(db, clock.now())
    with db.transaction() as s:

        def unit(name):
            return s.scalar(select(Unit).where(Unit.name == name))

        province, bpk, pns, chon, sri = (unit(n) for n in (PROVINCE, BANGPAKONG, PHANOM, CHONBURI, SRIRACHA))
        assert bpk.parent_id == pns.parent_id == province.id and sri.parent_id == chon.id

        def count(u, code, name, oct_target):
            return F.indicator(s, u, code, 1, name, "ราย", "count", F.month_targets(oct=oct_target))

        cco_p01 = count(province, "P01", "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", 10)
        bpk_p01 = count(bpk, "P01", "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", 4)
        bpk_p02 = count(bpk, "P02", "จำนวนครั้งที่ประชาสัมพันธ์", 2)
        pns_p01 = count(pns, "P01", "จำนวนสถานประกอบการที่ตรวจ", 5)
        chon_p01 = count(chon, "P01", "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", 3)
        sri_p01 = count(sri, "P01", "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", 3)
        F.officer(s, "cco.head", province, "supervisor", PROVINCE_HEAD, name="ประเสริฐ หัวหน้าจังหวัด")
        F.officer(s, "cco.visit", province, line_user_id=CCO_VISIT, indicators=[cco_p01], name="มานี ตรงเวลา")
        F.officer(s, "bpk.head", bpk, "supervisor", BRANCH_HEAD, name="บุญมี หัวหน้าสาขา")
        F.officer(s, "bpk.visit", bpk, line_user_id=BPK_VISIT, indicators=[bpk_p01], name="สมศรี บางปะกง")
        F.officer(s, "bpk.pr", bpk, indicators=[bpk_p02], name="ชูใจ ประชาสัมพันธ์")  # not bound to LINE
        F.officer(s, "pns.visit", pns, line_user_id=PNS_VISIT, indicators=[pns_p01], name="วิชัย พนมสารคาม")
        F.officer(s, "chon.visit", chon, line_user_id=CHON_VISIT, indicators=[chon_p01], name="ชลธี ชลบุรี")
        F.officer(s, "sri.visit", sri, line_user_id=SRI_VISIT, indicators=[sri_p01], name="ศรีสุดา ศรีราชา")
        DD.send(s, cco_p01.id, 10, 12, SENT_ON_TIME, by="cco.visit")
        return {"province": province.id, "bpk": bpk.id, "pns": pns.id, "chon": chon.id, "sri": sri.id}


def labels(chat) -> list[str]:
    return [b["label"] for b in chat.buttons()]


def closing(chat) -> str:
    return chat.last[-1]["text"]


def assert_nothing_outside(text: str) -> None:
    assert not [word for word in OUTSIDE if word in text], text


# -- the rule --------------------------------------------------------------------------------------


def test_a_supervisor_oversees_their_unit_and_everything_below_it(tree, db):
    with db.transaction() as s:

        def officer(key):
            return s.scalar(select(Officer).where(Officer.key == key))

        assert units_overseen_by(s, officer("cco.head")) == {tree["province"], tree["bpk"], tree["pns"]}
        assert units_overseen_by(s, officer("bpk.head")) == {tree["bpk"]}
        assert units_overseen_by(s, officer("uthai.head")) == {officer("uthai.head").unit_id}
        assert units_overseen_by(s, officer("plan.chief")) is None  # planners: every unit
        assert units_overseen_by(s, officer("bpk.visit")) == frozenset()  # officers: their indicators only

        # any depth: a region of the list holds provinces, which hold branches
        region = s.scalar(select(Unit).where(Unit.name == "ภาคกลาง"))
        at_region = Officer(key="x", display_name="x", unit_id=region.id, role="supervisor")
        below_region = units_overseen_by(s, at_region)
        assert {tree["province"], tree["bpk"], tree["chon"], tree["sri"]} <= below_region
        assert region.id in below_region and F.unit(s).id not in below_region  # Uthai Thani is ภาคเหนือ

        # a made-up unit below a branch (none in the list) is overseen from the province too
        kiosk = Unit(name="จุดบริการทดสอบใต้สาขาบางปะกง", unit_type="other", parent_id=tree["bpk"])
        s.add(kiosk)
        s.flush()
        assert kiosk.id in units_overseen_by(s, officer("cco.head"))
        assert units_overseen_by(s, officer("bpk.head")) == {tree["bpk"], kiosk.id}
        # a loop in the parents cannot hang it
        s.get(Unit, tree["province"]).parent_id = kiosk.id
        s.flush()
        assert units_overseen_by(s, officer("bpk.head")) == {tree["bpk"], kiosk.id, tree["province"], tree["pns"]}
        children = unit_children(s)
        assert units_overseen_by(s, officer("cco.head"), children) == units_overseen_by(s, officer("cco.head"))


# -- สถานะ -----------------------------------------------------------------------------------------


def test_province_supervisor_sees_their_unit_and_its_branches_worst_first(tree, chat_with):
    chat = chat_with(PROVINCE_HEAD)
    chat.say("สถานะ")
    assert chat.last[0]["altText"].startswith(f"สถานะ{PROVINCE} ตุลาคม 2569: ดี 1 ปานกลาง 0 ต่ำ 0")
    assert closing(chat).endswith(
        "หน่วยงานในสังกัด 2 หน่วยงาน เรียงจากที่ยังไม่ส่งมากที่สุด:\n"
        "1. สาขาบางปะกง — ยังไม่ส่ง 2 · ดี 0 ปานกลาง 0 ต่ำ 2\n"
        "2. สาขาพนมสารคาม — ยังไม่ส่ง 1 · ดี 0 ปานกลาง 0 ต่ำ 1"
    )
    # the province sent everything, its branches did not: the nudge is offered all the same
    assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "ส่งเตือน", "1. สาขาบางปะกง", "2. สาขาพนมสารคาม"]
    assert_nothing_outside(closing(chat))

    chat.press("2. สาขาพนมสารคาม")
    assert chat.last[0]["altText"].startswith(f"สถานะ{PHANOM} ตุลาคม 2569: ดี 0 ปานกลาง 0 ต่ำ 1")
    assert "หน่วยงานในสังกัด 2 หน่วยงาน" not in closing(chat)
    assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "ส่งเตือน", "หน่วยงานในสังกัด", "หน่วยงานของท่าน"]
    chat.press("ตั้งแต่ต้นปี")  # the period buttons stay on the branch
    assert chat.last[0]["altText"].startswith(f"สถานะ{PHANOM} ตั้งแต่ต้นปี 2569")

    chat.press("หน่วยงานในสังกัด")  # the planner's unit list, of the overseen units
    assert chat.last[0]["text"] == (
        f"หน่วยงานในสังกัด{PROVINCE} (ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)) เรียงจากที่ยังไม่ส่งมากที่สุด:\n"
        "1. สาขาบางปะกง — ยังไม่ส่ง 2 · ดี 0 ปานกลาง 0 ต่ำ 2\n"
        "2. สาขาพนมสารคาม — ยังไม่ส่ง 1 · ดี 0 ปานกลาง 0 ต่ำ 1"
    )
    assert labels(chat) == ["1. สาขาบางปะกง", "2. สาขาพนมสารคาม", "หน่วยงานของท่าน"]
    chat.press("1. สาขาบางปะกง")
    assert chat.last[0]["altText"].startswith(f"สถานะ{BANGPAKONG}")
    chat.press("หน่วยงานของท่าน")
    assert chat.last[0]["altText"].startswith(f"สถานะ{PROVINCE}")

    chat.say("สถานะ พนมสารคาม")  # any overseen unit by name
    assert chat.last[0]["altText"].startswith(f"สถานะ{PHANOM}")


def test_province_supervisor_is_refused_a_unit_outside_their_tree(tree, chat_with):
    chat = chat_with(PROVINCE_HEAD)
    refusal = T.STATUS_OTHER_UNIT_REFUSED_REALM.format(unit=PROVINCE, count=2)
    for ask in (
        lambda: chat.say("สถานะ ชลบุรี"),
        lambda: chat.say("สถานะ ศรีราชา"),
        lambda: chat.tap(f"act=status&w=unit&s=m&u={tree['sri']}"),  # a forged button
        lambda: chat.tap(f"act=status&w=unit&s=y&u={tree['chon']}"),
        lambda: chat.tap("act=status&w=office&s=m"),
    ):
        ask()
        assert [m["text"] for m in chat.last] == [refusal]
        assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "หน่วยงานในสังกัด"]
    chat.press("หน่วยงานในสังกัด")
    assert_nothing_outside(chat.last[0]["text"])


def test_a_name_matching_several_units_offers_the_overseen_ones(tree, chat_with):
    chat = chat_with(PROVINCE_HEAD)
    chat.say("สถานะ สาขา")  # 42 branches in the list match, two of them are theirs
    assert chat.last[0]["text"] == (
        f'หน่วยงานในความดูแลของท่านที่ตรงกับ "สาขา" มี 2 หน่วยงาน แตะเพื่อเลือก:\n1. {BANGPAKONG}\n2. {PHANOM}'
    )
    assert labels(chat) == ["1. สาขาบางปะกง", "2. สาขาพนมสารคาม", "หน่วยงานในสังกัด", "หน่วยงานของท่าน"]
    assert len(chat.buttons()) <= MAX_QUICK_REPLIES and all(len(label) <= MAX_LABEL for label in labels(chat))
    chat.press("2. สาขาพนมสารคาม")
    assert chat.last[0]["altText"].startswith(f"สถานะ{PHANOM}")

    branch = chat_with(BRANCH_HEAD)
    branch.say("สถานะ สาขา")  # one of the matches is theirs: shown at once
    assert branch.last[0]["altText"].startswith(f"สถานะ{BANGPAKONG}")
    leaf = chat_with(DD.SUPERVISOR)  # Uthai Thani has no branch: none of the matches is theirs
    leaf.say("สถานะ สาขา")
    assert [m["text"] for m in leaf.last] == [T.STATUS_OTHER_UNIT_REFUSED.format(unit=F.UTHAI)]


def test_a_long_partial_name_no_longer_hides_the_supervisors_own_unit(tree, chat_with):
    # 76 provincial offices match; Uthai Thani sorts after the first 20 of them
    chat = chat_with(DD.SUPERVISOR)
    chat.say("สถานะ สำนักงานประกันสังคมจังหวัด")
    assert chat.last[0]["altText"].startswith(f"สถานะ{F.UTHAI}")


def test_a_branch_supervisor_sees_only_the_branch_as_before(tree, chat_with):
    chat = chat_with(BRANCH_HEAD)
    chat.say("สถานะ")
    assert chat.last[0]["altText"].startswith(f"สถานะ{BANGPAKONG} ตุลาคม 2569: ดี 0 ปานกลาง 0 ต่ำ 2")
    assert "หน่วยงานในสังกัด" not in closing(chat)
    assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี", "ส่งเตือน"]
    refusal = T.STATUS_OTHER_UNIT_REFUSED.format(unit=BANGPAKONG)
    for ask in (
        lambda: chat.say("สถานะ พนมสารคาม"),
        lambda: chat.say("สถานะ ฉะเชิงเทรา"),
        lambda: chat.tap(f"act=status&w=unit&s=m&u={tree['pns']}"),  # the sibling branch
        lambda: chat.tap(f"act=status&w=unit&s=m&u={tree['province']}"),  # the office above
        lambda: chat.tap("act=status&w=units&s=m"),
    ):
        ask()
        assert [m["text"] for m in chat.last] == [refusal]
        assert labels(chat) == ["เดือนนี้", "ไตรมาส", "ตั้งแต่ต้นปี"]


# -- ส่งเตือน and the digest -------------------------------------------------------------------------


def test_province_supervisor_nudges_the_branch_officers_grouped_by_unit(tree, app, clock, line, chat_with):
    head = chat_with(PROVINCE_HEAD)
    assert head.say("ส่งเตือน")[0]["text"] == (
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 2 คน (ข้อความจะถึงภายในประมาณ 1 นาที):\n"
        "▸ สาขาบางปะกง (1 คน)\n"
        "• สมศรี บางปะกง: P01/1\n"
        "▸ สาขาพนมสารคาม (1 คน)\n"
        "• วิชัย พนมสารคาม: P01/1\n"
        "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: ชูใจ ประชาสัมพันธ์"
    )
    run(app, clock, at(2026, 11, 25, 10, 1))
    got = sent_texts(line)
    assert set(got) == {BPK_VISIT, PNS_VISIT}  # not Chon Buri, not ศรีราชา, not the province's officer
    assert got[BPK_VISIT][0].startswith("📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนตุลาคม 2569")

    line.clear()
    branch = chat_with(BRANCH_HEAD)
    assert branch.say("ส่งเตือน")[0]["text"] == (  # already nudged today by the province: said so
        "ไม่มีผู้ที่ต้องเตือนเพิ่มในวันนี้\n"
        "วันนี้เตือนไปแล้ว (เตือนได้วันละครั้งต่อคน): สมศรี บางปะกง\n"
        "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: ชูใจ ประชาสัมพันธ์"
    )
    clock.set(at(2026, 11, 26, 9, 0))
    assert branch.say("ส่งเตือน")[0]["text"].split("\n")[:2] == [
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 1 คน (ข้อความจะถึงภายในประมาณ 1 นาที):",
        "• สมศรี บางปะกง: P01/1",
    ]
    run(app, clock, at(2026, 11, 26, 9, 1))
    assert set(sent_texts(line)) == {BPK_VISIT}


def test_everyone_in_the_tree_reported(tree, db, clock, chat_with):
    with db.transaction() as s:
        for key, code in (("bpk.visit", "P01"), ("bpk.pr", "P02")):
            DD.send(s, DD.indicator_id(s, BANGPAKONG, code, 1), 10, 1, clock.now(), by=key)
        DD.send(s, DD.indicator_id(s, PHANOM, "P01", 1), 10, 5, clock.now(), by="pns.visit")
    assert chat_with(PROVINCE_HEAD).say("ส่งเตือน")[0]["text"] == (
        f"ทุกคนใน{PROVINCE}และหน่วยงานในสังกัด ส่งผลเดือนตุลาคม 2569 ครบแล้ว ไม่ต้องส่งเตือน 🎉"
    )
    province = chat_with(PROVINCE_HEAD)
    province.say("สถานะ")
    assert "ส่งเตือน" not in labels(province)


def test_the_digest_reaches_the_province_with_its_branches_grouped(tree, app, clock, line):
    run(app, clock, at(2026, 11, 6, 9, 0))
    got = sent_texts(line)
    province = got[PROVINCE_HEAD]
    assert province == [
        f"📊 ผลเดือนตุลาคม 2569 เลยกำหนดส่ง (5 พฤศจิกายน 2569) แล้ว {PROVINCE}และหน่วยงานในสังกัด "
        "ยังส่งไม่ครบ 3 คน ใน 2 หน่วยงาน (3 ตัวชี้วัด):\n"
        "▸ สาขาบางปะกง (2 คน)\n"
        "• สมศรี บางปะกง: P01/1\n"
        "• ชูใจ ประชาสัมพันธ์: P02/1 (ยังไม่ได้ผูกบัญชี LINE)\n"
        "▸ สาขาพนมสารคาม (1 คน)\n"
        "• วิชัย พนมสารคาม: P01/1\n"
        'แตะ "ส่งเตือน" เพื่อเตือนทุกคนที่ยังไม่ส่งอีกครั้ง (วันละครั้งต่อคน)'
    ]
    assert got[BRANCH_HEAD] == [
        f"📊 ผลเดือนตุลาคม 2569 เลยกำหนดส่ง (5 พฤศจิกายน 2569) แล้ว {BANGPAKONG} ยังส่งไม่ครบ 2 คน (2 ตัวชี้วัด):\n"
        "• สมศรี บางปะกง: P01/1\n"
        "• ชูใจ ประชาสัมพันธ์: P02/1 (ยังไม่ได้ผูกบัญชี LINE)\n"
        'แตะ "ส่งเตือน" เพื่อเตือนทุกคนที่ยังไม่ส่งอีกครั้ง (วันละครั้งต่อคน)'
    ]
    assert {BPK_VISIT, PNS_VISIT, CHON_VISIT, SRI_VISIT} <= set(got) and CCO_VISIT not in got


def owe_september(db, *units_and_codes) -> None:
    """Give these indicators a September target: their officers owe September too (never sent)."""
    with db.transaction() as s:
        for unit, code in units_and_codes:
            ind = s.get(Indicator, DD.indicator_id(s, unit, code, 1))
            next(t for t in ind.targets if t.month == 9).value = Decimal(3)


def test_the_digest_and_the_nudge_name_earlier_months_owed_in_every_unit_overseen(
    tree, app, db, clock, line, chat_with
):
    """The province's officer sent October but owes September; พนมสารคาม's owes both: the
    province's digest and nudge list them with their earlier months, unit by unit."""
    owe_september(db, (PROVINCE, "P01"), (PHANOM, "P01"))
    run(app, clock, at(2026, 11, 6, 9, 0))
    got = sent_texts(line)
    assert got[PROVINCE_HEAD] == [
        f"📊 ผลเดือนตุลาคม 2569 เลยกำหนดส่ง (5 พฤศจิกายน 2569) แล้ว {PROVINCE}และหน่วยงานในสังกัด "
        "ยังส่งไม่ครบ 3 คน ใน 2 หน่วยงาน (3 ตัวชี้วัด) และยังค้างผลเดือนก่อนหน้า 2 คน:\n"
        "▸ จ.ฉะเชิงเทรา (1 คน)\n"
        "• มานี ตรงเวลา: ค้าง ก.ย. (1 ตัวชี้วัด)\n"
        "▸ สาขาบางปะกง (2 คน)\n"
        "• สมศรี บางปะกง: P01/1\n"
        "• ชูใจ ประชาสัมพันธ์: P02/1 (ยังไม่ได้ผูกบัญชี LINE)\n"
        "▸ สาขาพนมสารคาม (1 คน)\n"
        "• วิชัย พนมสารคาม: P01/1; ค้าง ก.ย. (1 ตัวชี้วัด)\n"
        'แตะ "ส่งเตือน" เพื่อเตือนทุกคนที่ยังไม่ส่งอีกครั้ง (วันละครั้งต่อคน)'
    ]
    assert "ค้าง" not in got[BRANCH_HEAD][0]  # บางปะกง owes no earlier month: its digest reads as before
    assert got[CCO_VISIT][0].startswith("❗ ยังค้างส่งผลเดือน ก.ย. 2569")  # the overdue round reminds the backlog
    assert got[PNS_VISIT][0].split("\n")[-2] == "ยังค้าง ก.ย. 2569 (1 ตัวชี้วัด)"
    assert_nothing_outside(got[PROVINCE_HEAD][0])

    line.clear()
    clock.set(at(2026, 11, 25, 10, 0))
    assert chat_with(PROVINCE_HEAD).say("ส่งเตือน")[0]["text"] == (
        "ส่งเตือนผลเดือนตุลาคม 2569 ถึง 3 คน (ข้อความจะถึงภายในประมาณ 1 นาที):\n"
        "▸ จ.ฉะเชิงเทรา (1 คน)\n"
        "• มานี ตรงเวลา: ค้าง ก.ย. (1 ตัวชี้วัด)\n"
        "▸ สาขาบางปะกง (1 คน)\n"
        "• สมศรี บางปะกง: P01/1\n"
        "▸ สาขาพนมสารคาม (1 คน)\n"
        "• วิชัย พนมสารคาม: P01/1; ค้าง ก.ย. (1 ตัวชี้วัด)\n"
        "เตือนทาง LINE ไม่ได้ (ยังไม่ได้ผูกบัญชีหรือบล็อกบอทอยู่) กรุณาติดต่อโดยตรง: ชูใจ ประชาสัมพันธ์"
    )
    run(app, clock, at(2026, 11, 25, 10, 1))
    got = sent_texts(line)
    assert set(got) == {CCO_VISIT, BPK_VISIT, PNS_VISIT}
    assert got[CCO_VISIT][0].startswith("📣 หัวหน้าหน่วยงานขอให้ส่งผลเดือนที่ยังค้าง (ก.ย. 2569)")


def person(n: int, unit_id: int, unit_name: str, codes: int = 1) -> OfficerStatus:
    from tests.test_reminder_schedule import indicator

    return OfficerStatus(
        n, f"คน {n}", "officer", unit_id, unit_name, True, False, tuple(indicator(i) for i in range(1, codes + 1))
    )


def test_a_long_digest_of_many_units_still_fits_a_phone_screen():
    units = [(1, PROVINCE, 2), (2, BANGPAKONG, 12), (3, PHANOM, 9)]
    missing = [person(n * 10 + k, uid, name) for n, (uid, name, size) in enumerate(units) for k in range(size)]
    text = digest_message(
        Period(2569, 10), Urgency.OVERDUE, at(2026, 11, 6, 9, 0).date(), PROVINCE, missing, own_unit_id=1
    ).text
    lines = text.split("\n")
    assert lines[0].endswith("ยังส่งไม่ครบ 23 คน ใน 3 หน่วยงาน (23 ตัวชี้วัด):")
    body = lines[1:-2]
    assert len(body) == DIGEST_MAX_PEOPLE and lines[-2] == "…และอีก 10 คน"
    assert body[0] == "▸ จ.ฉะเชิงเทรา (2 คน)" and body[3] == "▸ สาขาบางปะกง (12 คน)"
    assert sum(line.startswith("• ") for line in body) == 13
    # the officers of the supervisor's own unit only: the plain list, as always
    own = digest_message(
        Period(2569, 10), Urgency.OVERDUE, at(2026, 11, 6, 9, 0).date(), PROVINCE, missing[:2], own_unit_id=1
    ).text
    assert own.split("\n")[1:3] == ["• คน 0: P07/1", "• คน 1: P07/1"]


# -- the dashboard ---------------------------------------------------------------------------------


def units_in(response) -> set[str]:
    book = load_workbook(io.BytesIO(response.data), read_only=True)
    return {row[0] for row in book[DATA_SHEET].iter_rows(min_row=2, values_only=True)}


def matrix_units(page: str) -> set[str]:
    return set(re.findall(r'<tr data-unit="([^"]+)">', page))


def test_dashboard_of_a_province_supervisor_is_the_province_and_its_branches(tree, app, chat_with):
    client = sign_in(app, chat_with, PROVINCE_HEAD)
    assert matrix_units(client.get("/dashboard/").get_data(as_text=True)) == {PROVINCE, BANGPAKONG, PHANOM}
    for unit in ("province", "bpk", "pns"):
        assert client.get(f"/dashboard/unit/{tree[unit]}").status_code == 200
    for unit in ("chon", "sri"):
        refused = client.get(f"/dashboard/unit/{tree[unit]}")
        assert refused.status_code == 403 and T.DASH_PAGE_OTHER_UNIT_REALM in refused.get_data(as_text=True)
        assert client.get(f"/dashboard/export.xlsx?unit={tree[unit]}").status_code == 403
    assert units_in(client.get("/dashboard/export.xlsx")) == {PROVINCE, BANGPAKONG, PHANOM}
    assert units_in(client.get(f"/dashboard/export.xlsx?unit={tree['pns']}")) == {PHANOM}
    page = client.get("/dashboard/export").get_data(as_text=True)
    assert "ทุกหน่วยงานในสังกัด (3 หน่วยงาน)" in page
    assert all(name in page for name in (PROVINCE, BANGPAKONG, PHANOM))
    assert_nothing_outside(page)
    assert client.get("/dashboard/import").status_code == 403


def test_dashboard_of_a_branch_supervisor_is_the_branch_only(tree, app, chat_with):
    client = sign_in(app, chat_with, BRANCH_HEAD)
    assert matrix_units(client.get("/dashboard/").get_data(as_text=True)) == {BANGPAKONG}
    assert client.get(f"/dashboard/unit/{tree['bpk']}").status_code == 200
    for unit in ("province", "pns", "chon"):
        refused = client.get(f"/dashboard/unit/{tree[unit]}")
        assert refused.status_code == 403 and T.DASH_PAGE_OTHER_UNIT in refused.get_data(as_text=True)
    assert client.get(f"/dashboard/export.xlsx?unit={tree['province']}").status_code == 403
    assert units_in(client.get("/dashboard/export.xlsx")) == {BANGPAKONG}
    page = client.get("/dashboard/export").get_data(as_text=True)
    assert "ทุกหน่วยงานในสังกัด" not in page and PHANOM not in page and PROVINCE not in page
