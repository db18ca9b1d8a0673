"""GO_LIVE_MONTH (formerly REMINDER_BACKLOG_FROM): months before the bot went live that were
not imported are ก่อนใช้ระบบ in every view (the dashboard, สถานะ in chat, `flask status`, both
exports): not due, not missing, in no completeness figure and no rating; `import-results` of
such a month makes it count. One rule, kpi.go_live, asked by every view.

The demo's Uthai Thani plan as 2569 on 25 November 2569, October reported (partly late): the
bot went live in October, January–September were reported in SSO Budget and never imported.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest

from bot.clock import BANGKOK
from bot.config import config_from_env
from bot.demo import demo_line_user_id, load_demo_data
from kpi.go_live import counted_months, outside_bot
from kpi.indicator import IndicatorView, ReportedView
from kpi.periods import Period
from kpi.rating import Completeness, Level, ReportStatus, Scope, ScopeKind, rate_unit
from reminders.settings import go_live_month, reminder_settings

from .test_dashboard import BASE, sign_in
from .test_import_results import HEADER, write
from .test_plan_import import run
from .test_status_chat import UTHAI, report, shown

GO_LIVE = "2569-10"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)


def _view(targets, ident=1, kind="count") -> IndicatorView:
    return IndicatorView(
        id=ident,
        project_code="P1",
        project_name="งานทดลอง",
        number=ident,
        name="ตัวชี้วัด",
        unit_of_measure="ราย",
        kind=kind,
        weight_pct=Decimal(100),
        targets=tuple(Decimal(t) for t in targets),
    )


def _seen(value: str) -> ReportedView:
    return ReportedView(Decimal(value), None, True, NOW)


# -- the rule ---------------------------------------------------------------------------------


def test_the_rule_months_outside_the_bot_are_those_before_go_live_without_a_value():
    october = Period(2569, 10)
    assert outside_bot(Period(2569, 9), october, reported=False)
    assert not outside_bot(Period(2569, 9), october, reported=True)  # imported: it counts
    assert not outside_bot(Period(2569, 10), october, reported=False)  # the go-live month is due
    assert not outside_bot(Period(2569, 1), None, reported=False)  # not set: every month counts
    assert not outside_bot(Period(2570, 1), october, reported=False)
    assert counted_months(2569, range(1, 11), {3}, october) == (3, 10)


def test_rating_the_year_to_date_counts_only_months_in_the_bot():
    ind = _view([10] * 12)
    values = {(1, 10): _seen("10")}
    ytd = Scope.around(ScopeKind.YTD, Period(2569, 10))
    before = rate_unit(1, "หน่วย", [ind], values, ytd, NOW)  # no go-live: 9 months missing, 10 %
    assert before.completeness == Completeness(on_time=1, missing=9)
    assert before.projects[0].level == Level.RED

    live = rate_unit(1, "หน่วย", [ind], values, ytd.since(Period(2569, 10)), NOW)
    assert live.completeness == Completeness(on_time=1, before_go_live=9)
    assert live.completeness.completeness_pct == 100
    status = live.indicators[0]
    assert (status.rating.target, status.rating.result, status.rating.level) == (10, 10, Level.GREEN)
    assert status.reports[1] == ReportStatus.BEFORE_GO_LIVE and status.missing_months == ()

    imported = rate_unit(1, "หน่วย", [ind], {**values, (1, 3): _seen("4")}, ytd.since(Period(2569, 10)), NOW)
    assert imported.completeness == Completeness(on_time=2, before_go_live=8)  # March imported counts
    assert (imported.indicators[0].rating.target, imported.indicators[0].rating.result) == (20, 14)

    # a quarter entirely before go-live: nothing expected, nothing rated, shown as ก่อนใช้ระบบ
    q1 = rate_unit(1, "หน่วย", [ind], values, Scope.quarter_of(2569, 1, Period(2569, 10)).since(Period(2569, 10)), NOW)
    assert q1.completeness.expected == 0 and q1.completeness.before_go_live == 3
    assert q1.projects[0].level == Level.BEFORE_GO_LIVE
    assert q1.level_counts[Level.BEFORE_GO_LIVE] == 1 and q1.level_counts[Level.RED] == 0


# -- the setting ------------------------------------------------------------------------------


def test_go_live_month_is_the_setting_and_the_old_name_still_works(monkeypatch, tmp_path):
    monkeypatch.delenv("GO_LIVE_MONTH", raising=False)
    monkeypatch.delenv("REMINDER_BACKLOG_FROM", raising=False)
    assert go_live_month({"GO_LIVE_MONTH": "2569-10"}) == Period(2569, 10)
    assert go_live_month({"REMINDER_BACKLOG_FROM": "2569-09"}) == Period(2569, 9)
    assert go_live_month({"GO_LIVE_MONTH": "2569-10", "REMINDER_BACKLOG_FROM": "2569-09"}) == Period(2569, 10)
    assert reminder_settings({"GO_LIVE_MONTH": "2569-10"}).backlog_from == Period(2569, 10)
    monkeypatch.setenv("GO_LIVE_MONTH", "2569-11")  # from the environment, as deployed
    assert go_live_month(config_from_env(str(tmp_path))) == Period(2569, 11)
    with pytest.raises(ValueError, match="GO_LIVE_MONTH must be the first month reported in the bot"):
        go_live_month({"GO_LIVE_MONTH": "2026-10"})


# -- every view -------------------------------------------------------------------------------


def _demo(app, db, clock):
    load_demo_data(db, clock.now())
    report(db, {"P01/1": "12"}, on_time=True)
    report(db, {"P04/1": "30", "P04/2": "1", "P07/1": "80", "P07/2": "95", "P07/3": "124", "P07/5": "26384"})
    return app


@pytest.fixture
def app(make_app, request):
    """The bot live from October 2569 (`parametrize("app", [None], indirect=True)`: not set)."""
    go_live = getattr(request, "param", GO_LIVE)
    return make_app(PUBLIC_BASE_URL=BASE, **({"GO_LIVE_MONTH": go_live} if go_live else {}))


@pytest.fixture
def live(app, db, clock):
    return _demo(app, db, clock)


NOT_SET = pytest.mark.parametrize("app", [None], indirect=True)


@NOT_SET
def test_without_go_live_every_month_of_the_year_is_owed(live):
    old = run(live, "status", "--unit", UTHAI, "--ytd", "2569").stdout
    assert "ก่อนใช้ระบบ" not in old and "ยังไม่ส่ง 78" in old  # January–September as missing


def test_cli_status_counts_only_months_in_the_bot_and_import_results_makes_them_count(live, tmp_path):
    out = run(live, "status", "--unit", UTHAI, "--ytd", "2569").stdout
    assert "การรายงานผล: ตรงเวลา 1 · ล่าช้า 6 · ยังไม่ส่ง 3" in out  # October's, as for the month
    assert "ก่อนใช้ระบบ 75 รายการ (รายงานในระบบเดิม ไม่นับรวม)" in out
    assert "| เป้า 10 ราย | ผล 12 ราย | ร้อยละ 120 | ดี |" in out  # P01/1: October only

    path = write(tmp_path / "results.csv", [HEADER, [UTHAI, "2569", "P01", "1", "3", "20", ""]])
    assert run(live, "import-results", path).exit_code == 0
    out = run(live, "status", "--unit", UTHAI, "--ytd", "2569").stdout
    assert "ตรงเวลา 2 · ล่าช้า 6 · ยังไม่ส่ง 3" in out and "ก่อนใช้ระบบ 74 รายการ" in out
    assert "| เป้า 30 ราย | ผล 32 ราย |" in out  # March imported: counted


def rows(app) -> dict:
    return {
        (r["project_code"], r["indicator_no"]): r
        for r in csv.DictReader(io.StringIO(run(app, "export", "--year", "2569").stdout.lstrip("\ufeff")))
    }


def test_export_marks_months_before_go_live(live):
    p07 = rows(live)[("P07", "1")]
    assert p07["on_time_m01"] == "ก่อนใช้ระบบ" and p07["on_time_m09"] == "ก่อนใช้ระบบ"
    assert p07["on_time_m10"] == "ล่าช้า" and p07["on_time_m11"] == ""
    assert rows(live)[("P07", "4")]["on_time_m10"] == ""  # due, not sent: not hidden


def overview(app, chat_with) -> str:
    client = sign_in(app, chat_with, demo_line_user_id("plan.chief"))
    return client.get("/dashboard/?year=2569").get_data(as_text=True)


@NOT_SET
def test_dashboard_without_go_live_shows_the_year_missing(live, chat_with):
    assert overview(live, chat_with).count('class="cell st-missing"') == 10


def test_dashboard_shows_months_before_go_live_as_such(live, chat_with):
    page = overview(live, chat_with)
    assert page.count('class="cell st-before_go_live"') == 9  # ม.ค.–ก.ย.
    assert page.count('class="cell st-missing"') == 1  # ต.ค. only
    assert "ก่อนใช้ระบบ 75 รายการ" in page


def test_status_in_chat_for_the_year_to_date(live, chat_with):
    chat = chat_with(demo_line_user_id("uthai.head"))
    chat.say("สถานะ")
    chat.press("ตั้งแต่ต้นปี")
    text = shown(chat)
    assert "ตรงเวลา 1 · ล่าช้า 6 · ยังไม่ส่ง 3" in text
    assert "ก่อนใช้ระบบ 75 รายการ (รายงานในระบบเดิม ไม่นับรวม)" in text
    assert "ยังไม่ส่ง: ม.ค." not in text
