"""The quarterly evaluation report (reports/) rebuilt from the seed's own rows.

The 198 projects of ../shared/data/eval_2567_q4_rows.csv go in through `import-plan` and
`import-results` (tests/eval_seed.py writes them in those formats and explains each rule);
`evaluation-report --quarter 2567-Q4 --format json` must give every project the bot can
rebuild the level the seed gives it, and so the seed's fund × strategy counts for them.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from kpi.rating import RATED_LEVELS, Level

from . import eval_seed as S
from .test_plan_import import run

pytestmark = pytest.mark.skipif(not S.ROWS_FILE.exists(), reason=f"{S.ROWS_FILE} not found (../shared/data)")


@pytest.fixture
def seeded(app, tmp_path):
    plan, results = S.write_files(tmp_path)
    out = run(app, "import-plan", plan)
    assert out.exit_code == 0, out.output
    out = run(app, "import-results", results)
    assert out.exit_code == 0, out.output
    return app


def report_json(app, *args) -> dict:
    out = run(app, "evaluation-report", "--quarter", "2567-Q4", "--format", "json", *args)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_every_rebuilt_project_has_the_seeds_level_and_counts(seeded):
    data = report_json(seeded)
    got = {p["project_code"]: p for p in data["projects"]}
    assert len(got) == 198
    want = S.expected()
    assert len(want) == 177  # the projects whose every indicator and weight the CSV holds
    wrong = {c: (level.value, got[c]["level"], got[c]["percent"]) for c, (_, level) in want.items()
             if got[c]["level"] != level.value}
    assert wrong == {}

    # so the fund × strategy counts of those projects are the seed's
    counts = Counter((key[0], key[1], Level(got[c]["level"])) for c, (key, _) in want.items())
    assert counts == S.counts_by_fund_and_strategy(want)
    # and they stay within the seed's printed table (which counts all 233 projects)
    for fund in S.summary()["per_fund"].values():
        for strategy, printed in fund["by_strategy"].items():
            for level in RATED_LEVELS:
                assert counts[(fund["code"], int(strategy), level)] <= printed[level.value]

    # the JSON's shape (issue 12) and its counts
    assert set(data) == {"overall", "funds", "red_projects", "projects"}
    assert [f["fund"] for f in data["funds"]] == ["SSF", "WCF"]
    for fund in data["funds"]:
        assert set(fund) == {"fund", "projects", "green", "yellow", "red", "strategies"}
        assert [s["strategy_no"] for s in fund["strategies"]] == [1, 2, 3]
        assert sum(s["projects"] for s in fund["strategies"]) == fund["projects"]
    levels = Counter(p["level"] for p in data["projects"])
    assert data["overall"] == {"projects": 198, "green": levels["green"], "yellow": levels["yellow"],
                               "red": levels["red"]}
    assert set(data["projects"][0]) == {"project_code", "fund", "strategy_no", "percent", "level"}

    # the red list: every red project, with what the officers gave as the reason
    red = {p["project_code"]: p for p in data["red_projects"]}
    assert set(red) == {c for c, p in got.items() if p["level"] == "red"}
    reasons = {S.code(k): r for k, r in S.red_reasons(S.summary()).items() if S.code(k) in want}
    assert sorted(reasons) == ["WCF-2-12", "WCF-2-17"]  # the CSV holds 2 of the seed's 5 red-listed projects
    for project_code, reason in reasons.items():
        assert reason in red[project_code]["result"]
        assert set(red[project_code]) == {"project_code", "name", "unit", "plan", "result"}
    assert red["WCF-2-17"]["unit"] == "ศฟง. ภาค 2" and "เป้าหมาย 4 ระดับ" in red["WCF-2-17"]["plan"]


def test_workers_compensation_strategies_1_and_2_are_the_printed_table(seeded):
    """กองทุนเงินทดแทน's strategies 1 and 2 are in the CSV whole: the JSON's rows are the
    seed's printed rows (incl. the cancelled project and the one with nothing done)."""
    data = report_json(seeded, "--fund", "WCF")
    assert [f["fund"] for f in data["funds"]] == ["WCF"]
    assert {p["fund"] for p in data["projects"]} == {"WCF"}
    printed = S.summary()["per_fund"]["กองทุนเงินทดแทน"]["by_strategy"]
    for strategy in ("1", "2"):
        row = next(s for s in data["funds"][0]["strategies"] if s["strategy_no"] == int(strategy))
        assert {k: row[k] for k in ("projects", "green", "yellow", "red")} == \
            {k: printed[strategy][k] for k in ("projects", "green", "yellow", "red")}
    assert data["funds"][0]["strategies"][1]["strategy_name"].startswith("การสร้างพลัง")


def test_bad_requests_get_a_thai_answer(seeded):
    for args, words in [
        (("--quarter", "2567-Q5"), "ไม่ถูกต้อง"),
        (("--quarter", "Q4-2567"), "ไม่ถูกต้อง"),
        (("--quarter", "2560-Q4"), "ไม่มีแผนปฏิบัติการของปี 2560"),
        (("--quarter", "2575-Q1"), "ยังไม่ถึงไตรมาส 1 ปี 2575"),
        (("--quarter", "2567-Q4", "--fund", "ABC"), "กองทุน 'ABC' ไม่ถูกต้อง"),
        (("--quarter", "2567-Q4", "--allocation", "SSF=abc"), "งบประมาณที่ได้รับจัดสรร"),
    ]:
        out = run(seeded, "evaluation-report", *args, "--format", "json")
        assert out.exit_code == 1, (args, out.output)
        assert words in out.stderr and "Traceback" not in out.output
    out = run(seeded, "evaluation-report", "--quarter", "2567-Q4", "--format", "docx")
    assert out.exit_code == 2 and "--out" in out.output
