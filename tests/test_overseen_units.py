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
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.clock import BANGKOK
from bot.demo import load_demo_data
from handlers import texts as T
from handlers.messages import MAX_LABEL, MAX_QUICK_REPLIES
from handlers.reminder_messages import DIGEST_MAX_PEOPLE, digest_message
from kpi.periods import Period
from kpi.reminders import OfficerStatus
from kpi.rounds import Urgency
from models import Officer, Unit
from models.org import unit_children, units_overseen_by
from models.report_export import DATA_SHEET

from . import dashboard_data as DD
from . import factories as F
from .reminder_helpers import FAST, at, run, sent_texts

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
        assert units_overseen_by(s, officer("plan.chief")) is None          # planners: every unit
        assert units_overseen_by(s, officer("bpk.visit")) == frozenset()    # officers: their indicators only

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
