"""The dashboard overview cut by fund and strategy, and the evaluation report's overview table
on it (fund × strategy × level), each number a link to the projects it counts (issue 12).

The data is the seed's own 198 projects (tests/eval_seed.py, as test_evaluation_report.py loads
them): the table must say what `evaluation-report --format json` says for the same period and
units, and so what the seed prints for กองทุนเงินทดแทน's strategies 1 and 2 (whole in the CSV).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from models import Officer, Unit
from presentation import texts as T

from . import dashboard_data as DD
from . import eval_seed as S
from . import factories as F
from .test_dashboard import app, ids, sign_in  # noqa: F401  (fixtures)
from .test_plan_import import run

pytestmark = pytest.mark.skipif(not S.ROWS_FILE.exists(), reason=f"{S.ROWS_FILE} not found (../shared/data)")

LEVELS = ("green", "yellow", "red")
#: The supervisor of one of the seed's units (กองทุนเงินทดแทน's projects only).
SUPERVISED = "สทพ."
SUPERVISOR = "Usupervisor-stp"


@pytest.fixture
def seeded(app, ids, tmp_path):  # noqa: F811
    plan, results = S.write_files(tmp_path)
    assert run(app, "import-plan", plan).exit_code == 0
    assert run(app, "import-results", results).exit_code == 0
    with app.extensions["db"].transaction() as s:
        unit = s.scalar(select(Unit).where(Unit.name == SUPERVISED))
        F.officer(s, "stp.head", unit, role="supervisor", line_user_id=SUPERVISOR, name="หัวหน้า สทพ.")
    return app


def report_json(app, *args) -> dict:
    out = run(app, "evaluation-report", "--quarter", "2567-Q4", "--format", "json", *args)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def tables(page: str) -> dict[str, list[tuple[str, list[str], list[str | None]]]]:
    """fund → rows of (label, cell texts, cell links) of the overview's evaluation table."""
    found = {}
    for fund, body in re.findall(r'<table class="fund-table" data-fund="([^"]+)">(.*?)</table>', page, re.S):
        rows = []
        for row in re.findall(r"<tr[^>]*>\s*<th>(.*?)</tr>", body.split("<tbody>")[1], re.S):
            label = re.sub(r"<small>.*?</small>", "", row.split("</th>")[0]).strip()
            cells = re.findall(r'<td class="num">(.*?)</td>', row, re.S)
            texts = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
            links = [(m.group(1) if (m := re.search(r'href="([^"]+)"', c)) else None) for c in cells]
            rows.append((label, texts, links))
        found[fund] = rows
    return found


def printed(n: int) -> str:
    return str(n) if n else "-"


def assert_table_is_the_reports(page: str, data: dict) -> None:
    shown = tables(page)
    assert list(shown) == [f["fund"] for f in data["funds"]]
    for fund in data["funds"]:
        rows = shown[fund["fund"]]
        want = [
            (f"ยุทธศาสตร์ที่ {s['strategy_no']}", [printed(s[k]) for k in ("projects", *LEVELS)])
            for s in fund["strategies"]
        ]
        want.append(("รวม", [printed(fund[k]) for k in ("projects", *LEVELS)]))
        assert [(label, texts) for label, texts, _ in rows[:-1]] == want
        share_label, shares, _ = rows[-1]
        assert share_label == "ร้อยละของโครงการทั้งหมด"
        total = fund["projects"]
        assert shares == ["100"] + [f"{100 * fund[k] / total:.2f}" if fund[k] else "-" for k in LEVELS]


def test_the_table_is_the_reports_for_the_quarter_and_each_number_opens_its_projects(seeded, chat_with):
    client = sign_in(seeded, chat_with, DD.PLANNER)
    page = client.get("/dashboard/?year=2567&q=4")
    assert page.status_code == 200
    text = page_text(page)
    data = report_json(seeded)
    assert_table_is_the_reports(text, data)
    assert "แผนการดำเนินงาน จำนวนทั้งสิ้น 198 งาน/โครงการ" in text
    assert "ไตรมาส 4 (มกราคม – ธันวาคม 2567)" in text
    assert "การสร้างพลัง" in text  # strategy 2's name beside its number

    # กองทุนเงินทดแทน's strategies 1 and 2 are the seed's printed rows
    seed = S.summary()["per_fund"]["กองทุนเงินทดแทน"]["by_strategy"]
    wcf = {label: texts for label, texts, _ in tables(text)["WCF"]}
    for strategy in ("1", "2"):
        assert wcf[f"ยุทธศาสตร์ที่ {strategy}"] == [printed(seed[strategy][k]) for k in ("projects", *LEVELS)]

    # every number opens exactly the projects it counts, in the period shown
    levels = {p["project_code"]: p for p in data["projects"]}
    opened = 0
    for fund, rows in tables(text).items():
        for label, texts, links in rows:
            for column, (number, link) in enumerate(zip(texts, links)):
                assert (link is None) == (number == "-"), (fund, label, column)
                if link is None:
                    continue
                query = parse_qs(urlsplit(html.unescape(link)).query)
                assert query["year"] == ["2567"] and query["q"] == ["4"]  # the period kept
                listed = client.get(html.unescape(link))
                assert listed.status_code == 200
                listed_text = page_text(listed)
                codes = re.findall(r'<tr data-code="([^"]+)">', listed_text)
                assert f"{len(codes)} งาน/โครงการ" in listed_text
                if label != "ร้อยละของโครงการทั้งหมด":
                    assert len(codes) == int(number), (fund, label, column)
                want = {
                    c
                    for c, p in levels.items()
                    if p["fund"] == fund
                    and p["level"] in LEVELS
                    and (label in ("รวม", "ร้อยละของโครงการทั้งหมด") or label == f"ยุทธศาสตร์ที่ {p['strategy_no']}")
                    and (column == 0 or p["level"] == LEVELS[column - 1])
                }
                assert set(codes) == want and len(codes) == len(want), (fund, label, column)
                opened += 1
    assert opened >= 20

    one = client.get("/dashboard/projects?year=2567&q=4&fund=WCF&strategy=2&level=red")
    row = re.search(r'<tr data-code="WCF-2-17">(.*?)</tr>', page_text(one), re.S).group(1)
    assert levels["WCF-2-17"]["percent"] == 25
    assert "ศฟง. ภาค 2" in row and '<td class="num">25</td>' in row and '<span class="lv lv-red">ต่ำ</span>' in row


def test_the_period_drives_the_table(seeded, chat_with):
    """The seed's targets are all in December: up to September nothing is due yet."""
    client = sign_in(seeded, chat_with, DD.PLANNER)
    text = page_text(client.get("/dashboard/?year=2567&q=3"))
    assert "ไตรมาส 3 (มกราคม – กันยายน 2567)" in text
    assert "แผนการดำเนินงาน จำนวนทั้งสิ้น 0 งาน/โครงการ" in text
    for rows in tables(text).values():
        assert all(link is None for _, _, links in rows for link in links)
    whole_year = page_text(client.get("/dashboard/?year=2567"))  # the year to date: ม.ค.–ธ.ค. 2567
    q4 = page_text(client.get("/dashboard/?year=2567&q=4"))

    def numbers(page: str) -> dict:
        return {fund: [(label, texts) for label, texts, _ in rows] for fund, rows in tables(page).items()}

    assert numbers(whole_year) == numbers(q4) and numbers(q4) != numbers(text)


def test_fund_and_strategy_cut_the_overview_and_its_table(seeded, chat_with):
    client = sign_in(seeded, chat_with, DD.PLANNER)
    wcf = page_text(client.get("/dashboard/?year=2567&q=4&fund=WCF"))
    assert_table_is_the_reports(wcf, report_json(seeded, "--fund", "WCF"))
    assert 'id="cut-name">กองทุนเงินทดแทน</span>' in wcf
    assert '<option value="WCF" selected>' in wcf
    units = set(re.findall(r'<tr data-unit="([^"]+)">', wcf))
    assert "สทพ." in units and "กฟ." not in units  # กฟ.'s projects are all กองทุนประกันสังคม

    # a strategy: each fund's table holds that strategy alone, and รวม counts it alone
    data = report_json(seeded)
    cut = page_text(client.get("/dashboard/?year=2567&q=4&strategy=2"))
    shown = tables(cut)
    assert list(shown) == ["SSF", "WCF"]
    for fund in data["funds"]:
        row = next(s for s in fund["strategies"] if s["strategy_no"] == 2)
        (label, texts, _), total = shown[fund["fund"]][0], shown[fund["fund"]][1]
        assert label == "ยุทธศาสตร์ที่ 2" and len(shown[fund["fund"]]) == 3
        assert texts == total[1] == [printed(row[k]) for k in ("projects", *LEVELS)]
        link = html.unescape(total[2][0])
        assert parse_qs(urlsplit(link).query)["strategy"] == ["2"]
        assert page_text(client.get(link)).count("<tr data-code=") == row["projects"]

    # both at once; links from the overview keep the period, and the cut where it applies
    both = page_text(client.get("/dashboard/?year=2567&q=4&fund=ssf&strategy=๓"))
    assert list(tables(both)) == ["SSF"] and [r[0] for r in tables(both)["SSF"]][0] == "ยุทธศาสตร์ที่ 3"
    unit_link = re.search(r'<th class="unit"><a href="([^"]+)"', both).group(1)
    assert parse_qs(urlsplit(html.unescape(unit_link)).query) == {"year": ["2567"], "q": ["4"]}

    # a cut the plan does not have: a Thai sentence, not an error
    empty = client.get("/dashboard/?year=2567&fund=WCF&strategy=7")
    assert empty.status_code == 200
    assert T.STATUS_CUT_EMPTY.format(cut="กองทุนเงินทดแทน ยุทธศาสตร์ที่ 7", year=2567) in page_text(empty)


BAD = [
    ("/dashboard/?year=2567&fund=XYZ", "กองทุน 'XYZ' ไม่ถูกต้อง"),
    ("/dashboard/?fund=%00%ff", "ไม่ถูกต้อง"),
    ("/dashboard/?strategy=abc", "ยุทธศาสตร์ 'abc' ไม่ถูกต้อง"),
    ("/dashboard/?strategy=0", "ยุทธศาสตร์ '0' ไม่ถูกต้อง"),
    ("/dashboard/?strategy=99999999999999999999999", "ไม่ถูกต้อง"),
    ("/dashboard/?strategy=-1", "ไม่ถูกต้อง"),
    ("/dashboard/projects?year=2567&q=4", "กรุณาระบุกองทุน"),
    ("/dashboard/projects?year=2567&fund=ABC", "กองทุน 'ABC' ไม่ถูกต้อง"),
    ("/dashboard/projects?year=2567&fund=SSF&strategy=x", "ยุทธศาสตร์ 'x' ไม่ถูกต้อง"),
    ("/dashboard/projects?year=2567&fund=SSF&level=purple", "ระดับ 'purple' ไม่ถูกต้อง"),
    ("/dashboard/projects?year=2567&fund=SSF&level=no_target", "ระดับ 'no_target' ไม่ถูกต้อง"),
]


def test_bad_parameters_get_a_thai_400(seeded, chat_with):
    client = sign_in(seeded, chat_with, DD.PLANNER)
    for url, words in BAD:
        response = client.get(url)
        assert response.status_code == 400 and words in page_text(response), url
    # what the table never links to is an empty list, not an error; a bad year falls back
    for url in ("/dashboard/projects?year=2567&fund=none", "/dashboard/projects?year=9999&fund=SSF&strategy=none"):
        response = client.get(url)
        assert response.status_code == 200 and "0 งาน/โครงการ" in page_text(response), url


def test_a_supervisor_sees_their_units_alone_cut_as_they_like(seeded, chat_with):
    client = sign_in(seeded, chat_with, SUPERVISOR)
    text = page_text(client.get("/dashboard/?year=2567&q=4"))
    assert set(re.findall(r'<tr data-unit="([^"]+)">', text)) == {SUPERVISED}
    own = [p for p in report_json(seeded)["projects"] if p["project_code"] in _codes_of(seeded, SUPERVISED)]
    shown = tables(text)
    assert list(shown) == ["WCF"]
    total = next(texts for label, texts, _ in shown["WCF"] if label == "รวม")
    rated = [p for p in own if p["level"] in LEVELS]
    assert total == [printed(len(rated))] + [printed(sum(p["level"] == k for p in rated)) for k in LEVELS]
    listed = page_text(client.get("/dashboard/projects?year=2567&q=4&fund=WCF"))
    assert set(re.findall(r'<tr data-code="([^"]+)">', listed)) == {p["project_code"] for p in rated}
    # another unit's projects never appear, whatever the query asks
    assert page_text(client.get("/dashboard/projects?year=2567&q=4&fund=SSF")).count("<tr data-code=") == 0
    assert "0 งาน/โครงการ" in page_text(client.get("/dashboard/projects?year=2567&q=4&fund=SSF"))
    ssf = page_text(client.get("/dashboard/?year=2567&fund=SSF"))
    assert "<tr data-unit=" not in ssf and 'class="fund-table"' not in ssf

    # officers have no dashboard: a supervisor made an officer loses it at once
    with seeded.extensions["db"].transaction() as s:
        s.scalar(select(Officer).where(Officer.key == "stp.head")).role = "officer"
    assert client.get("/dashboard/projects?year=2567&fund=WCF").status_code == 401
    assert seeded.test_client().get("/dashboard/projects?year=2567&fund=WCF").status_code == 401


def _codes_of(app, unit_name: str) -> set[str]:
    from models import Project

    with app.extensions["db"].transaction() as s:
        return set(s.scalars(select(Project.code).join(Unit).where(Unit.name == unit_name)))


def test_the_report_reuses_a_units_rating_only_when_it_was_rated_over_the_reports_period():
    """The overview hands compose the statuses it rated (for the year to date its period is the
    report's); a status rated over another period (a quarter alone, or with a go-live month)
    must be rated again, not taken."""
    from dataclasses import replace
    from datetime import datetime
    from decimal import Decimal

    from bot.clock import BANGKOK
    from kpi.indicator import IndicatorView, ReportedView
    from kpi.periods import Period
    from kpi.rating import Level, Scope
    from models.status_queries import UnitData
    from reports.compose import compose, cumulative_scope

    now = datetime(2026, 7, 10, tzinfo=BANGKOK)  # June 2569 is being reported
    ten = Decimal(10)
    view = IndicatorView(1, "P01", "โครงการ", 1, "ผู้ประกันตนที่เยี่ยม", "ราย", "count", Decimal(100), (ten,) * 12, True, None)
    reported = {(1, m): ReportedView(ten, None, True, now) for m in (1, 2, 3)}  # nothing since March
    unit = UnitData(7, "หน่วยทดสอบ", (view,), reported)
    ytd, quarter = cumulative_scope(2569, None, Period(2569, 6))  # ม.ค.–มิ.ย.: 30 of 60, ปานกลาง
    first_quarter = unit.rate(Scope.quarter_of(2569, 1, Period(2569, 6)), now)  # 30 of 30, ดี
    assert first_quarter.projects[0].level == Level.GREEN

    def level(rated) -> Level:
        return compose([unit], {}, ytd, quarter, now, rated=rated).projects[0].level

    assert level(None) == Level.YELLOW
    assert level({7: first_quarter}) == Level.YELLOW  # another period: rated again
    went_live = replace(first_quarter, scope=ytd.since(Period(2569, 4)))
    assert level({7: went_live}) == Level.YELLOW  # the year to date with a go-live month: again
    assert level({7: replace(first_quarter, scope=ytd)}) == Level.GREEN  # the same period: taken as given
