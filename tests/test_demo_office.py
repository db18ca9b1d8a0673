"""The demo a new user meets (`./scripts/demo`): a believable office on whatever day it starts.

Built at a few clock dates (15 January: December of last year being reported, overdue; the 3rd
of a month: not due yet, the prompt officers have sent; 31 December), it must have a province
with two branches, their supervisors and officers, the months before go-live imported, the
months since partly reported (some late, some with reasons), and สถานะ, the dashboard, the
supervisors' digest and ส่งเตือน must each show something real. Restarting keeps what the user
did; --reset starts over.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bot.cli_demo import DEMO_SECRET, start_demo
from bot.clock import BANGKOK
from bot.demo import BRANCHES, PROVINCE, demo_line_user_id, open_demo, shift
from kpi.periods import Period, reporting_period
from models import BudgetLine, Disbursement, Indicator, Officer, Project, Unit
from models.plan import MonthlyTarget, Responsibility
from models.reporting import save_value
from models.results import ReportedValue

from . import dashboard_data as DD
from .chat import Chat
from .conftest import TOKEN
from .reminder_helpers import FAST, run, sent_texts
from .test_dashboard import sign_in

DATES = {
    "15 January (last year's December overdue)": datetime(2027, 1, 15, 10, 0, tzinfo=BANGKOK),
    "the 3rd (not due yet)": datetime(2027, 3, 3, 10, 0, tzinfo=BANGKOK),
    "31 December": datetime(2026, 12, 31, 21, 0, tzinfo=BANGKOK),
}
PROVINCE_HEAD = demo_line_user_id("cco.head")


@pytest.fixture
def app(make_app):
    return make_app(PUBLIC_BASE_URL="https://kpi.example.test", **FAST)


@pytest.fixture(params=list(DATES), ids=["jan15", "3rd", "dec31"])
def started(request, app, clock):
    clock.set(DATES[request.param])
    office = open_demo(app.extensions["db"], clock.now())
    return app, office


def _values(session, unit: str) -> list[tuple[Period, bool, str | None, str]]:
    rows = session.execute(
        select(Project.year_be, ReportedValue.month, ReportedValue.on_time, ReportedValue.note, ReportedValue.source)
        .join(Indicator, Indicator.id == ReportedValue.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Unit, Unit.id == Project.unit_id)
        .where(Unit.name == unit)
    ).all()
    return [(Period(y, m), on_time, note, source) for y, m, on_time, note, source in rows]


def _due(session, unit: str, period: Period) -> int:
    return session.scalar(
        select(func.count())
        .select_from(MonthlyTarget)
        .join(Indicator, Indicator.id == MonthlyTarget.indicator_id)
        .join(Project, Project.id == Indicator.project_id)
        .join(Unit, Unit.id == Project.unit_id)
        .where(
            Unit.name == unit,
            Project.year_be == period.year_be,
            MonthlyTarget.month == period.month,
            MonthlyTarget.value != 0,
        )
    )


def test_the_office_has_the_promised_shape(started, clock):
    app, office = started
    now = clock.now()
    assert not office.kept and office.link_code and len(office.link_code) == 6
    assert office.reporting == reporting_period(now) and office.go_live == shift(office.reporting, -3)
    # Plans for the year being reported and for this month's year (both on 15 January).
    assert office.reporting.year_be in office.plan_years and now.year + 543 in office.plan_years
    with app.extensions["db"].transaction() as s:
        province = s.scalar(select(Unit).where(Unit.name == PROVINCE))
        for branch in BRANCHES:
            unit = s.scalar(select(Unit).where(Unit.name == branch))
            assert unit.parent_id == province.id
        for unit in (PROVINCE, *BRANCHES):
            people = s.execute(
                select(Officer.role, Officer.line_user_id)
                .join(Unit, Unit.id == Officer.unit_id)
                .where(Unit.name == unit)
            ).all()
            assert [r for r, _ in people].count("supervisor") == 1
            assert [r for r, _ in people].count("officer") >= 2
            # Officers can report the months being reported, in every plan year they span.
            for year in office.plan_years:
                assert (
                    s.scalar(
                        select(func.count())
                        .select_from(Responsibility)
                        .join(Indicator, Indicator.id == Responsibility.indicator_id)
                        .join(Project, Project.id == Indicator.project_id)
                        .join(Unit, Unit.id == Project.unit_id)
                        .where(Unit.name == unit, Project.year_be == year)
                    )
                    > 0
                )

        office_values = [v for unit in (PROVINCE, *BRANCHES, DD.UTHAI) for v in _values(s, unit)]
        before = [v for v in office_values if v[0] < office.go_live]
        since = [v for v in office_values if v[0] >= office.go_live]
        # Before go-live: imported from SSO Budget, every month of that year complete.
        assert before and all(source == "import" and on_time for _, on_time, _, source in before)
        for month in range(1, office.go_live.month):
            period = Period(office.go_live.year_be, month)
            for unit in (PROVINCE, *BRANCHES):
                assert sum(1 for p, *_ in _values(s, unit) if p == period) == _due(s, unit, period)
        # Since go-live: reported in chat, some on time, some late, some with reasons.
        assert all(source == "chat" for *_, source in since)
        assert any(on_time for _, on_time, _, _ in since) and any(not on_time for _, on_time, _, _ in since)
        assert any(note for _, _, note, _ in since)
        # Partly reported: months since go-live each have some missing somewhere in the office.
        for month_offset in range(4):
            period = shift(office.go_live, month_offset)
            due = sum(_due(s, unit, period) for unit in (PROVINCE, *BRANCHES))
            sent = sum(1 for unit in (PROVINCE, *BRANCHES) for p, *_ in _values(s, unit) if p == period)
            assert 0 <= sent < due, period
        # The month being reported: the prompt officers sent it on the 2nd (each date is later).
        assert now.day >= 3 and [v for v in since if v[0] == office.reporting]
        # Nothing is dated after now, nothing for a month that has not ended.
        latest = s.scalars(select(ReportedValue.reported_at)).all()
        assert all((t if t.tzinfo else t.replace(tzinfo=BANGKOK)) <= now for t in latest)
        assert not [v for v in office_values if v[0] > office.reporting]


def test_the_walkthrough_shows_the_disbursement_item(started, clock, chat_with):
    """README: วันเพ็ญ ศรีสุข's รายงาน lists P07's disbursement beside her indicators, and its card
    the month's plan; สมชาย ใจดี (on time) has sent P01's."""
    app, office = started
    with app.extensions["db"].transaction() as s:
        lines = s.execute(
            select(Unit.name, Project.code, BudgetLine.monthly_plan)
            .join(Project, Project.id == BudgetLine.project_id)
            .join(Unit, Unit.id == Project.unit_id)
            .where(Project.year_be == office.reporting.year_be)
        ).all()
        assert {(u, c) for u, c, _ in lines} == {
            (u, c) for u in (DD.UTHAI, PROVINCE, *BRANCHES) for c in ("P01", "P07")
        }
        assert all((plan is not None) == (code == "P07") for _, code, plan in lines)
        sources = {
            (Period(y, m) < office.go_live, source)
            for y, m, source in s.execute(
                select(Project.year_be, Disbursement.month, Disbursement.source).join(
                    Project, Project.id == Disbursement.project_id
                )
            )
        }
        assert sources == {(True, "import"), (False, "chat")}
    contrib = chat_with(demo_line_user_id("uthai.contrib"))
    contrib.say("รายงาน")
    assert "เบิกจ่ายงบประมาณ P07" in contrib.texts().split("\n")[-2], contrib.texts()  # the list's last item
    contrib.press(next(b["label"] for b in contrib.buttons() if "เบิกจ่าย P07" in b["label"]))
    assert f"แผนการเบิกจ่ายเดือน{office.reporting.thai()}: 20,000.00 บาท" in contrib.texts(), contrib.texts()
    visit = chat_with(demo_line_user_id("uthai.visit"))
    visit.say("แก้ไข")
    assert "เบิกจ่ายงบประมาณ P01" in visit.texts() and "(ส่งแล้ว" in visit.texts(), visit.texts()


def test_status_digest_nudge_and_dashboard_show_something_real(started, clock, chat_with, line):
    app, office = started
    # สถานะ as the province's supervisor: the province and its branches, with ส่งเตือน on offer.
    head = chat_with(PROVINCE_HEAD)
    head.say("สถานะ")
    said = head.texts()
    assert "หน่วยงานในสังกัด 2 หน่วยงาน" in said and all(branch in said for branch in BRANCHES), said
    labels = [b["label"] for b in head.buttons()]
    assert "ส่งเตือน" in labels, labels

    # ส่งเตือน nudges real people of the branches (and says who cannot be reached on LINE).
    head.say("ส่งเตือน")
    nudged = head.texts()
    assert "▸ สาขาบางปะกง" in nudged and "• ชูใจ ใฝ่งาน" in nudged, nudged
    assert "เตือนทาง LINE ไม่ได้" in nudged and "นภา รักษ์ข้อมูล" in nudged  # not bound to LINE

    # The supervisors' digest on the next 6th at 09:00 lists who still owes what.
    sixth = clock.now().replace(day=6, hour=9, minute=0)
    if sixth <= clock.now():
        sixth = (clock.now().replace(day=1) + timedelta(days=32)).replace(day=6, hour=9, minute=0)
    line.clear()
    run(app, clock, sixth)
    digest = "\n".join(sent_texts(line).get(PROVINCE_HEAD, []))
    assert all(f"▸ {branch}" in digest for branch in BRANCHES) and "ยังไม่ได้ผูกบัญชี LINE" in digest, digest

    # The planner's dashboard: on time, late and missing months in the matrix.
    client = sign_in(app, chat_with, DD.PLANNER)
    page = client.get("/dashboard/").get_data(as_text=True)
    for word in ("ตรงเวลา", "ล่าช้า", "ยังไม่ส่ง", PROVINCE, BRANCHES[0], BRANCHES[1]):
        assert word in page, word


def test_restarting_keeps_what_the_user_did_and_reset_starts_over(make_app, clock, chat_with, line, tmp_path):
    clock.set(datetime(2027, 1, 15, 10, 0, tzinfo=BANGKOK))
    instance = tmp_path / "instance"
    instance.mkdir()
    app, lines = start_demo(
        instance, "http://127.0.0.1:5000", line.url, CLOCK=clock, TESTING=True, LINE_CHANNEL_ACCESS_TOKEN=TOKEN
    )
    assert not any("SECRET_KEY" in x or "WARNING" in x for x in lines)
    code = next(x.rsplit(" ", 1)[1] for x in lines if "uthai.new" in x)
    db = app.extensions["db"]
    kitti = Chat(app.test_client(), line, DEMO_SECRET, "U" + "1" * 32)
    kitti.say(code)
    assert "กิตติ พากเพียร" in kitti.texts()
    with db.transaction() as s:
        values_before = s.scalar(select(func.count()).select_from(ReportedValue))
        # A planner renamed an indicator (as an imported plan does) and an officer sent a value.
        ind = s.scalar(
            select(Indicator)
            .join(Project)
            .join(Unit)
            .where(Unit.name == PROVINCE, Project.code == "P06", Project.year_be == 2570)
        )
        ind.name = "จำนวนผู้เข้ารับคำปรึกษา (แก้ไขโดยผู้ใช้)"
        save_value(
            s,
            indicator_id=ind.id,
            month=1,
            value=Decimal(7),
            note="ค่าที่ผู้ใช้ส่งเอง",
            officer_id=None,
            now=clock.now(),
            on_time=True,
            source="chat",
        )
    clock.advance(minutes=5)
    db.dispose()

    again, lines = start_demo(
        instance, "http://127.0.0.1:5000", line.url, CLOCK=clock, TESTING=True, LINE_CHANNEL_ACCESS_TOKEN=TOKEN
    )
    assert any("ข้อมูลเดิม" in x for x in lines) and not any("uthai.new" in x for x in lines)
    with again.extensions["db"].transaction() as s:
        assert s.scalar(select(Officer.line_user_id).where(Officer.key == "uthai.new")) == "U" + "1" * 32
        assert s.scalar(select(func.count()).select_from(ReportedValue)) == values_before + 1
        assert s.scalar(select(func.count()).where(Indicator.name.like("%แก้ไขโดยผู้ใช้%"))) == 1
        assert s.scalar(select(func.count()).where(ReportedValue.note == "ค่าที่ผู้ใช้ส่งเอง")) == 1
    again.extensions["db"].dispose()

    fresh, lines = start_demo(
        instance,
        "http://127.0.0.1:5000",
        line.url,
        reset=True,
        CLOCK=clock,
        TESTING=True,
        LINE_CHANNEL_ACCESS_TOKEN=TOKEN,
    )
    assert any("uthai.new" in x for x in lines)
    with fresh.extensions["db"].transaction() as s:
        assert s.scalar(select(Officer.line_user_id).where(Officer.key == "uthai.new")) is None
        assert s.scalar(select(func.count()).where(Indicator.name.like("%แก้ไขโดยผู้ใช้%"))) == 0
        assert s.scalar(select(func.count()).where(ReportedValue.note == "ค่าที่ผู้ใช้ส่งเอง")) == 0
        assert s.scalar(select(func.count()).select_from(ReportedValue)) == values_before
    fresh.extensions["db"].dispose()
