"""kpi.rating against the SSO evaluation report 2567 Q4: its own rows, monthly series and counts.

tests/data/eval_2567_q4_rows.csv holds 401 indicator rows of the report (target, result, printed
%, weight, printed project %); eval_2567_q4_summary.json its overview counts. Both are copies of
../shared/data (see check_eval.py there for where the report bends its own rule).
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bot.clock import BANGKOK
from kpi.indicator import IndicatorView, ReportedView
from kpi.periods import Period
from kpi.rating import (
    Completeness,
    Level,
    ReportStatus,
    Scope,
    ScopeKind,
    level_of,
    percent,
    project_percent,
    rate_indicator,
    rate_office,
    rate_unit,
    report_status,
    round_half_up,
    shares,
)

DATA = Path(__file__).parent / "data"
ROWS = list(csv.DictReader(open(DATA / "eval_2567_q4_rows.csv", encoding="utf-8")))
SUMMARY = json.loads((DATA / "eval_2567_q4_summary.json").read_text(encoding="utf-8"))


def num(text: str | None) -> Decimal | None:
    text = (text or "").replace(",", "").strip()
    return None if text in ("", "-") else Decimal(text)


def places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def row_id(row: dict) -> str:
    return (
        f"{row['fund_code']}-S{row['strategic_issue']}-P{row['project_no']}.{row['indicator_seq']}"
        f"-L{row['source_line']}"
    )


def computed(row: dict) -> Decimal:
    """The rule: result ÷ target × 100 (a result printed '-' is nothing done)."""
    return percent(num(row["result"]) or Decimal(0), num(row["target"]))


def agrees(row: dict) -> bool:
    """The rule's %, rounded to the precision the report printed, is the printed %."""
    printed = row["percent_reported"]
    return round_half_up(computed(row), places(printed)) == num(printed)


PRINTED = [r for r in ROWS if r["percent_reported"]]

#: Where the report bends its own rule (check_eval.py and the rows' `note`), by source line.
#: Divided by the plan row's total instead of the target column:
BY_PLAN_TOTAL = {"125", "212", "363", "365", "398", "571", "573", "778", "873", "1110", "1138", "2133"}
#: Worked from an unrounded result (a monthly figure or average) that the row prints rounded:
FROM_UNROUNDED = {"523", "652", "658", "731", "1149", "1290"}
#: Printed 100 though result > target (a remark says ahead of plan / capped), and a 5-point
#: satisfaction score printed rounded (4.65 → 5) but scored unrounded:
OTHER = {"108", "672", "1634"}
EXCEPTIONS = BY_PLAN_TOTAL | FROM_UNROUNDED | OTHER


def test_the_rows_are_the_report_rows():
    assert len(ROWS) == 401 and len(PRINTED) == 373
    assert {r["source_line"] for r in PRINTED} >= EXCEPTIONS


@pytest.mark.parametrize("row", [r for r in PRINTED if r["source_line"] not in EXCEPTIONS], ids=row_id)
def test_indicator_percent_is_result_over_target_uncapped(row):
    assert agrees(row), (computed(row), row["percent_reported"], row["note"])
    assert level_of(computed(row)) == level_of(num(row["percent_reported"]))


def test_the_report_bends_its_rule_exactly_on_the_known_rows():
    bent = {r["source_line"] for r in PRINTED if not agrees(r)}
    assert bent == EXCEPTIONS
    assert len(PRINTED) - len(bent) == 352


@pytest.mark.parametrize("row", [r for r in PRINTED if r["source_line"] in BY_PLAN_TOTAL], ids=row_id)
def test_bent_rows_divide_by_the_plan_total(row):
    by_total = percent(num(row["result"]), num(row["plan_total"]))
    assert round_half_up(by_total, places(row["percent_reported"])) == num(row["percent_reported"])


@pytest.mark.parametrize("row", [r for r in PRINTED if r["source_line"] in FROM_UNROUNDED], ids=row_id)
def test_bent_rows_differ_by_rounding_only(row):
    assert abs(computed(row) - num(row["percent_reported"])) <= 1


def test_uncapped_percent_as_printed():
    row = next(r for r in PRINTED if r["percent_reported"] == "615.85")
    assert round_half_up(computed(row), 2) == Decimal("615.85") and level_of(computed(row)) == Level.GREEN


def test_indicator_levels_differ_only_where_the_report_bends_its_rule():
    differ = {r["source_line"] for r in PRINTED if level_of(computed(r)) != level_of(num(r["percent_reported"]))}
    assert differ == {"212", "398", "573", "873", "2133"}
    assert differ <= EXCEPTIONS


# --------------------------------------------------------------------------------------------
# Levels and projects


@pytest.mark.parametrize(
    "pct, level",
    [
        ("749", Level.GREEN),
        ("100", Level.GREEN),
        ("99.5", Level.GREEN),
        ("99.49", Level.YELLOW),
        ("50", Level.YELLOW),
        ("49.5", Level.YELLOW),
        ("49.49", Level.RED),
        ("0", Level.RED),
        (None, Level.NO_TARGET),
    ],
)
def test_levels_on_the_rounded_percent(pct, level):
    assert level_of(None if pct is None else Decimal(pct)) == level


def _projects() -> dict[tuple[str, str, int], list[dict]]:
    projects = defaultdict(list)
    for r in ROWS:
        projects[(r["fund_code"], r["strategic_issue"], int(r["project_no"]))].append(r)
    return projects


PROJECTS = _projects()


def complete(rows: list[dict]) -> bool:
    """Every indicator of the project extracted, with weights summing to 100 (or one indicator)."""
    weights = [num(r["weight"]) for r in rows]
    if len(rows) == 1:
        return weights[0] == 100 and num(rows[0]["target"]) is not None
    return None not in weights and sum(weights) == 100 and all(num(r["target"]) for r in rows)


def weight(row: dict, rows: list[dict]) -> Decimal:
    return num(row["weight"])


CHECKED = {k: rs for k, rs in PROJECTS.items() if rs[0]["project_percent_reported"] and complete(rs)}
#: Printed project % that is not the weighted sum of its indicators (check_eval.py).
PROJECT_EXCEPTIONS = {("WCF", "2", 3), ("WCF", "3", 36)}


@pytest.mark.parametrize("key", sorted(CHECKED), ids=lambda k: f"{k[0]}-S{k[1]}-P{k[2]}")
def test_project_percent_is_the_weighted_sum(key):
    rows = CHECKED[key]
    # the report's own indicator figures: the rule's %, or what it printed where it bent the rule
    parts = [
        (weight(r, rows), num(r["percent_reported"]) if r["source_line"] in EXCEPTIONS else computed(r)) for r in rows
    ]
    pct = project_percent(parts)
    printed = num(rows[0]["project_percent_reported"])
    if key in PROJECT_EXCEPTIONS:
        assert abs(pct - printed) > 1
    else:
        assert abs(pct - printed) <= 1, (pct, printed)
        assert level_of(pct) == level_of(printed)


def test_project_levels_from_results_differ_only_where_the_rows_bend_the_rule():
    differ = set()
    for key, rows in CHECKED.items():
        pct = project_percent([(weight(r, rows), computed(r)) for r in rows])
        if level_of(pct) != level_of(num(rows[0]["project_percent_reported"])):
            differ.add(key)
            assert {r["source_line"] for r in rows} & EXCEPTIONS, key
    assert differ == {("SSF", "1", 15), ("SSF", "2", 12), ("SSF", "2", 36), ("SSF", "2", 71), ("WCF", "3", 74)}
    assert len(CHECKED) == 171  # as check_eval.py counts them


def test_project_percent_leaves_out_indicators_without_target_and_scales_weights():
    assert project_percent([(Decimal(40), Decimal(100)), (Decimal(60), None)]) == 100
    assert project_percent([(Decimal(50), Decimal(120)), (Decimal(50), Decimal(40))]) == 80
    assert project_percent([(Decimal(60), None)]) is None
    # P12 of the Uthai Thani plan: weights 40 + 20 = 60 are scaled to 100, not capped at 60 %.
    assert project_percent([(Decimal(40), Decimal(100)), (Decimal(20), Decimal(100))]) == 100


def strategy_levels(fund: str, strategy: str, from_results: bool) -> Counter:
    """Levels of a strategy's extracted projects: from result ÷ target through the weights, or
    from the printed project % (a red-listed project without a printed % is red)."""
    levels = Counter()
    for (f, s, _), rows in PROJECTS.items():
        if (f, s) != (fund, strategy):
            continue
        if from_results:
            if not complete(rows):
                continue
            levels[level_of(project_percent([(weight(r, rows), computed(r)) for r in rows]))] += 1
        elif rows[0]["project_percent_reported"]:
            levels[level_of(num(rows[0]["project_percent_reported"]))] += 1
        elif rows[0]["level_reported"] == "red":
            levels[Level.RED] += 1
    return levels


def summary_levels(fund_code: str, strategy: str) -> Counter:
    fund = next(v for v in SUMMARY["per_fund"].values() if v["code"] == fund_code)
    counts = fund["by_strategy"][strategy]
    return Counter({Level.GREEN: counts["green"], Level.YELLOW: counts["yellow"], Level.RED: counts["red"]})


@pytest.mark.parametrize("strategy", ["1", "2"])
def test_fully_extracted_strategies_match_the_summary_counts(strategy):
    """กองทุนเงินทดแทน strategies 1 and 2 are extracted whole: every project rated from its
    results gets the report's counts (incl. the two red ones: nothing done, and cancelled)."""
    summary = summary_levels("WCF", strategy)
    assert sum(1 for k in PROJECTS if k[:2] == ("WCF", strategy)) == sum(summary.values())
    assert strategy_levels("WCF", strategy, from_results=True) == summary


@pytest.mark.parametrize("fund, strategy", [("SSF", "1"), ("SSF", "2"), ("SSF", "3"), ("WCF", "3")])
def test_partly_extracted_strategies_stay_within_the_summary_counts(fund, strategy):
    summary = summary_levels(fund, strategy)
    found = strategy_levels(fund, strategy, from_results=False)
    assert all(found[level] <= summary[level] for level in summary), (found, summary)
    assert sum(1 for k in PROJECTS if k[:2] == (fund, strategy)) <= sum(summary.values())


def test_overview_shares_as_the_report_prints_them():
    overall = SUMMARY["overall"]
    counts = {
        Level.GREEN: overall["green"]["count"],
        Level.YELLOW: overall["yellow"]["count"],
        Level.RED: overall["red"]["count"],
    }
    assert sum(counts.values()) == overall["total_projects"] == 233
    assert shares(counts) == {level: Decimal(str(overall[level.value]["pct"])) for level in counts}
    for fund in SUMMARY["per_fund"].values():
        total = fund["total"]
        counts = {level: total[level.value] for level in (Level.GREEN, Level.YELLOW, Level.RED)}
        assert shares(counts) == {level: Decimal(str(fund["pct_of_projects"][level.value])) for level in counts}


# --------------------------------------------------------------------------------------------
# Kinds over months: monthly series printed in the report (seed line numbers)

NOW = datetime(2025, 2, 1, 9, 0, tzinfo=BANGKOK)


def view(
    kind: str,
    targets: list,
    weight: int = 100,
    higher_is_better: bool = True,
    number: int = 1,
    code: str = "P1",
    ident: int = 1,
) -> IndicatorView:
    return IndicatorView(
        id=ident,
        project_code=code,
        project_name=f"โครงการ {code}",
        number=number,
        name=f"ตัวชี้วัด {number}",
        unit_of_measure="ราย",
        kind=kind,
        weight_pct=Decimal(weight),
        targets=tuple(Decimal(str(t)) for t in targets),
        higher_is_better=higher_is_better,
    )


def series(values: list) -> dict[int, Decimal]:
    return {m: Decimal(str(v)) for m, v in enumerate(values, start=1) if v is not None}


def printed(source_line: str) -> Decimal:
    return num(next(r for r in ROWS if r["source_line"] == source_line)["percent_reported"])


_ = None
REPORT_SERIES = [
    # line, kind, 12 monthly targets, 12 monthly results
    ("116", "pct_monthly", [98] * 12, [99, 99, 98, 99, 99, 99, 99, 98, 98, 98, 98, 99]),
    # the target column prints 2 but the plan is 1 a month: by months the report's 100 is the rule
    ("125", "count", [1] * 12, [1] * 12),
    # the รวม column prints 1; by months (1 a month) the report's 100 is the rule
    ("212", "count", [1] * 12, [1] * 12),
    ("191", "level", [5] * 12, [5] * 12),
    ("523", "pct_cum", [50, 50, 50] + [0] * 9, [61.05, 64.39, 60.64] + [_] * 9),
    ("525", "count", [3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3], [1, 2, 5, 3, 1, 5, 3, 3, 4, _, 2, 1]),
    ("650", "count", [0, 0, 0, 100, 100, 100, 100, 100, 0, 0, 0, 0], [_, _, _, 200, 100, 198] + [_] * 6),
    ("652", "pct_monthly", [0, 0, 0, 80, 80, 80, 80, 80, 0, 0, 0, 0], [_, _, _, 98.85, 91.50, 93.65] + [_] * 6),
    ("654", "pct_monthly", [0, 0, 0, 90, 90, 90, 90, 90, 0, 0, 0, 0], [_, _, _, 100, 100, 99] + [_] * 6),
    # a collection rate to date: the report takes December's 96.74 against 96
    (
        "1149",
        "pct_cum",
        [96] * 12,
        [92.99, 94.28, 94.73, 95.07, 95.48, 95.81, 96.17, 96.44, 96.64, 96.87, 97.00, 96.74],
    ),
    (
        "1151",
        "pct_cum",
        [85] * 12,
        [89.04, 89.28, 89.72, 90.15, 90.28, 90.67, 90.76, 91.06, 91.10, 91.41, 91.10, 90.44],
    ),
]


@pytest.mark.parametrize("line, kind, targets, results", REPORT_SERIES, ids=[s[0] for s in REPORT_SERIES])
def test_year_to_december_by_kind_gives_the_printed_percent(line, kind, targets, results):
    rating = rate_indicator(view(kind, targets), series(results), range(1, 13))
    expected = printed(line)
    assert round_half_up(rating.pct, places(str(expected))) == expected
    assert rating.level == level_of(expected)


def test_project_47_from_its_monthly_series():
    """โครงการพัฒนาสมรรถนะบุคลากรด้านการบริหารพัสดุ: weights 40/40/20, printed 109."""
    ratings = [
        rate_indicator(view(kind, targets), series(results), range(1, 13))
        for line, kind, targets, results in REPORT_SERIES
        if line in ("650", "652", "654")
    ]
    pct = project_percent(zip([Decimal(40), Decimal(40), Decimal(20)], [r.pct for r in ratings]))
    assert round_half_up(pct) == 109 and level_of(pct) == Level.GREEN


def test_a_quarter_and_a_month_of_a_count():
    targets = [3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3, 3]
    results = series([1, 2, 5, 3, 1, 5, 3, 3, 4, _, 2, 1])
    q1 = rate_indicator(view("count", targets), results, range(1, 4))
    q4 = rate_indicator(view("count", targets), results, range(10, 13))
    october = rate_indicator(view("count", targets), results, [10])
    assert (q1.target, q1.result, q1.level) == (9, 8, Level.YELLOW)
    assert (q4.target, q4.result, q4.level) == (9, 3, Level.RED)
    assert (october.result, october.pct, october.level) == (None, None, Level.NOT_REPORTED)


def test_stock_and_level_take_the_latest_month_with_a_target():
    stock = view("stock", [24668, 24859, 25049, 25240, 25431, 25621, 25812, 26002, 26193, 26384, 26574, 26729])
    rating = rate_indicator(stock, series([24700, 24810, 25100]), range(1, 4))
    assert (rating.target, rating.result) == (25049, 25100)
    level = view("level", [0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 5])
    rating = rate_indicator(level, series([_, _, _, 1, 1]), range(1, 11))
    assert (rating.target, rating.result, rating.pct, rating.level) == (2, 1, 50, Level.YELLOW)
    december = rate_indicator(level, series([_, _, _, 1, 2] + [_] * 6 + [3]), range(1, 13))
    assert (december.target, december.result, december.pct) == (5, 3, 60)


def test_no_target_due_is_no_level_even_with_a_result():
    level = view("level", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5])
    rating = rate_indicator(level, series([_] * 9 + [2]), range(1, 11))
    assert (rating.target, rating.pct, rating.level) == (None, None, Level.NO_TARGET)


def test_pass_fail_counts_months_passed():
    ind = view("pass_fail", [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1])
    rating = rate_indicator(ind, series([_, _, 1, _, _, 0, _, _, 1]), range(1, 10))
    assert (rating.target, rating.result, round_half_up(rating.pct, 2)) == (3, 2, Decimal("66.67"))


def test_lower_is_better_is_inverted():
    ind = view("pct_cum", [5] * 12, higher_is_better=False)
    assert rate_indicator(ind, series([4]), [1]).pct == 125
    assert rate_indicator(ind, series([10]), [1]).level == Level.YELLOW
    assert rate_indicator(ind, series([0]), [1]).level == Level.GREEN
    assert percent(Decimal(0), Decimal(0)) is None


# --------------------------------------------------------------------------------------------
# Scopes, completeness, units and the office


def test_scopes_stop_at_the_month_being_reported():
    as_of = Period(2569, 10)
    assert Scope.around(ScopeKind.MONTH, as_of).months == range(10, 11)
    quarter = Scope.around(ScopeKind.QUARTER, as_of)
    assert (quarter.months, quarter.key(), quarter.thai()) == (range(10, 11), "2569-Q4", "ไตรมาส 4/2569 (ต.ค.)")
    ytd = Scope.around(ScopeKind.YTD, as_of)
    assert (ytd.months, ytd.thai()) == (range(1, 11), "ตั้งแต่ต้นปี 2569 (ม.ค.–ต.ค.)")
    assert Scope.parse("2568", as_of).months == range(1, 13)
    assert Scope.parse("2569-q3", as_of).months == range(7, 10)
    assert Scope.parse("2570", as_of).is_empty
    assert Scope.parse("2569-11", as_of).thai() == "พฤศจิกายน 2569"
    for bad in ("2569-Q5", "2569-13", "abc", "69"):
        with pytest.raises(ValueError):
            Scope.parse(bad, as_of)


def reported(value: str, on_time: bool) -> ReportedView:
    return ReportedView(Decimal(value), None, on_time, NOW)


def test_report_status_on_time_late_missing_pending():
    october = Period(2569, 10)
    before = datetime(2026, 11, 5, 23, 59, tzinfo=BANGKOK)
    after = datetime(2026, 11, 6, 0, 0, tzinfo=BANGKOK)
    assert report_status(october, reported("1", True), after) == ReportStatus.ON_TIME
    assert report_status(october, reported("1", False), after) == ReportStatus.LATE
    assert report_status(october, None, before) == ReportStatus.PENDING
    assert report_status(october, None, after) == ReportStatus.MISSING


def test_unit_status_projects_levels_and_completeness():
    now = datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK)
    a1 = view("count", [10] * 12, weight=50, code="P1", ident=1)
    a2 = view("pct_cum", [80] * 12, weight=50, code="P1", number=2, ident=2)
    b1 = view("level", [0] * 9 + [3, 0, 5], code="P2", ident=3)
    c1 = view("count", [0] * 11 + [4], code="P3", ident=4)  # nothing due before December
    values = {(1, 9): reported("12", True), (1, 10): reported("8", False), (2, 10): reported("40", True)}
    scope = Scope.around(ScopeKind.MONTH, Period(2569, 10))
    unit = rate_unit(7, "หน่วยทดลอง", [a1, a2, b1, c1], values, scope, now)
    p1, p2, p3 = unit.projects
    assert [s.rating.pct for s in p1.indicators] == [80, 50]
    assert (p1.pct, p1.level) == (65, Level.YELLOW)
    assert (p2.pct, p2.level, p2.indicators[0].rating.level) == (0, Level.RED, Level.NOT_REPORTED)
    assert (p3.pct, p3.level) == (None, Level.NO_TARGET)
    assert unit.level_counts == {Level.GREEN: 0, Level.YELLOW: 1, Level.RED: 1, Level.NO_TARGET: 1}
    assert unit.completeness == Completeness(on_time=1, late=1, missing=1, pending=0)
    assert round_half_up(unit.completeness.completeness_pct, 2) == Decimal("66.67")
    assert p2.indicators[0].missing_months == (10,)

    ytd = rate_unit(7, "หน่วยทดลอง", [a1, a2, b1, c1], values, Scope.around(ScopeKind.YTD, Period(2569, 10)), now)
    assert ytd.projects[0].indicators[0].rating.pct == 20  # 20 of 100 planned by October
    assert ytd.completeness.missing == 8 + 9 + 1

    other = rate_unit(8, "หน่วยครบ", [a1], {(1, 10): reported("10", True)}, scope, now)
    office = rate_office([unit, other], scope)
    assert office.level_counts == {Level.GREEN: 1, Level.YELLOW: 1, Level.RED: 1, Level.NO_TARGET: 1}
    assert office.projects == 4 and office.completeness.expected == 4
    assert [u.unit_name for u in office.units_missing()] == ["หน่วยทดลอง"]
