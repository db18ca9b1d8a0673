"""Data for the dashboard tests: the demo (Uthai Thani plan as 2569, demo officers) plus two small
units whose October reports came in on time and late, on the default clock (25 Nov 2569).

October 2569 was due on 5 November 2569, so at 25 November:
  * หน่วยตรงเวลา: both October values sent on 3 November → ตรงเวลา
  * หน่วยล่าช้า: one sent on 3 November, one on 20 November → ล่าช้า
  * Uthai Thani: two October values sent (P01/1 on time, P07/3 late), the rest missing → ยังไม่ส่ง
  * November (due 5 December) is not due yet → รอส่ง where November has targets
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from bot.clock import BANGKOK
from bot.demo import demo_line_user_id, load_demo_data
from kpi.periods import Period
from models import Indicator, Officer, Project, Unit
from models.reporting import save_value

from . import factories as F

ON_TIME_UNIT = "หน่วยทดสอบส่งตรงเวลา"
LATE_UNIT = "หน่วยทดสอบส่งล่าช้า"
UTHAI = F.UTHAI
PLANNER = demo_line_user_id("plan.chief")
SUPERVISOR = demo_line_user_id("uthai.head")
OFFICER = demo_line_user_id("uthai.visit")
CONTRIB = demo_line_user_id("uthai.contrib")
SENT_ON_TIME = datetime(2026, 11, 3, 9, 30, tzinfo=BANGKOK)
SENT_LATE = datetime(2026, 11, 20, 14, 0, tzinfo=BANGKOK)


def indicator_id(session, unit: str, code: str, number: int, year: int = 2569) -> int:
    return session.scalar(
        select(Indicator.id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Unit, Unit.id == Project.unit_id)
        .where(Unit.name == unit, Project.year_be == year, Project.code == code, Indicator.number == number)
    )


def unit_id(session, name: str) -> int:
    return session.scalar(select(Unit.id).where(Unit.name == name))


def send(session, ind_id: int, month: int, value, at: datetime, by: str | None = None, note: str | None = None):
    officer = session.scalar(select(Officer.id).where(Officer.key == by)) if by else None
    save_value(
        session,
        indicator_id=ind_id,
        month=month,
        value=Decimal(str(value)),
        note=note,
        officer_id=officer,
        now=at,
        on_time=Period(2569, month).is_on_time(at),
        source="chat",
    )


def seed(db, now: datetime) -> dict:
    """The demo data and the reports above; returns a few ids."""
    load_demo_data(db, now)
    with db.transaction() as s:
        early = F.unit(s, ON_TIME_UNIT, "provincial")
        late = F.unit(s, LATE_UNIT, "branch")
        a1 = F.indicator(s, early, "P01", 1, "จำนวนสถานประกอบการที่ตรวจ", "แห่ง", "count", F.month_targets(oct=10), 60)
        a2 = F.indicator(
            s, early, "P01", 2, "ร้อยละของเรื่องที่ตอบภายในกำหนด", "ร้อยละ", "pct_cum", F.month_targets(oct=90), 40
        )
        b1 = F.indicator(s, late, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", F.month_targets(oct=4))
        b2 = F.indicator(s, late, "P02", 1, "จำนวนครั้งที่ประชาสัมพันธ์", "ครั้ง", "count", F.month_targets(oct=2))
        send(s, a1.id, 10, 12, SENT_ON_TIME)
        send(s, a2.id, 10, 85, SENT_ON_TIME)
        send(s, b1.id, 10, 1, SENT_ON_TIME, note="ผู้ประกันตนย้ายไปรักษาต่างจังหวัด")
        send(s, b2.id, 10, 2, SENT_LATE)
        p01 = indicator_id(s, UTHAI, "P01", 1)
        p07_3 = indicator_id(s, UTHAI, "P07", 3)
        send(s, p01, 10, 7, SENT_ON_TIME, by="uthai.visit", note="ญาติไม่อนุญาตให้เยี่ยม")
        send(s, p07_3, 10, 130, SENT_LATE, by="uthai.contrib")
        return {"uthai": unit_id(s, UTHAI), "on_time_unit": early.id, "late_unit": late.id, "p01": p01, "p07_3": p07_3}
