"""The evaluation report 2567 Q4's own rows (../shared/data/eval_2567_q4_rows.csv) as the bot's
plan and results files, and what the seed says each project's level is.

The CSV holds 401 indicator rows of 198 of the report's 233 projects: fund, strategy, budget,
responsible unit, unit of measure, weight, the target column, the plan row's total (รวม), the
result and the printed % (indicator and project). It has no monthly series, so each
indicator's year is written as December's figure: its plan is one target in ธ.ค., its result
one value reported for ธ.ค.; rated over ม.ค.–ธ.ค. every kind then gives result ÷ target.

Rules of the conversion (each says why):
* The target is the plan row's total (รวม), not the target column (เป้าหมาย), where the two
  differ. The bot's plan is the monthly แผน row, and its year figure is what those months add
  up to; in 8 rows (5 projects) the printed target column disagrees with the report's own
  monthly plan (a monthly report "12" planned 1 a month and totalled 1; 783 people printed,
  768 planned), and there the report itself divided by the plan total. With the target column
  those 5 projects would change level; with the plan total every project with a printed level
  keeps it.
* The kind is the one the bot guesses from the unit (kpi.kinds), unless the bot's own value
  check (kpi.values.check_value) refuses the result for it: then `count`, else `pp_change`.
  Two rows need it: a "ร้อยละ" row planned as 1,200 people (a count), and 136.54 % of the
  establishments planned (a percentage over 100, which the plan file cannot mark as allowed;
  pp_change is rated the same way, the latest figure against the target).
* A result printed "-" or left empty is not reported (the month stays empty, and the rating
  counts it as nothing done, as the report does).
* A weight left empty on a project's only indicator is 100 (one indicator is the whole
  project); several indicators without weights get equal shares (the plan check warns). Such
  projects are not compared: their weights are not the report's.
* A unit of measure the seed lost (2 rows: a garbled cell, an empty one) is "ไม่ระบุ": the
  plan needs one, and it does not change the %.
* The unit that reports is the responsible unit (หน่วยงาน), else สำนักงานประกันสังคม.
* A result under half the target needs a note (as in chat): the red list's own reason where
  the seed gives one, else a short note saying so.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from kpi.indicator import IndicatorView
from kpi.kinds import resolve_kind
from kpi.rating import Level, level_of, project_percent
from kpi.values import check_value

#: ../shared/data beside the repository (CI keeps a copy of shared/ beside the clone).
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ROWS_FILE = SHARED / "eval_2567_q4_rows.csv"
SUMMARY_FILE = SHARED / "eval_2567_q4_summary.json"
YEAR_BE = 2567
HQ = "สำนักงานประกันสังคม"
LOW_NOTE = "ผลต่ำกว่าครึ่งหนึ่งของเป้าหมาย (จากรายงานการประเมินผล ปี 2567)"

PLAN_COLUMNS = (
    "unit",
    "year_be",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "weight_pct",
    "unit_of_measure",
    *(f"m{m:02d}" for m in range(1, 13)),
    "kind",
    "fund",
    "strategy_no",
    "strategy_name",
    "budget_baht",
    "responsible_unit",
)
RESULT_COLUMNS = ("unit", "year_be", "project_code", "indicator_no", "month", "value", "note")


def num(text: str | None) -> Decimal | None:
    text = (text or "").replace(",", "").strip()
    return None if text in ("", "-") else Decimal(text)


def rows() -> list[dict]:
    return list(csv.DictReader(open(ROWS_FILE, encoding="utf-8")))


def summary() -> dict:
    return json.loads(SUMMARY_FILE.read_text(encoding="utf-8"))


def project_key(row: dict) -> tuple[str, int, int]:
    return row["fund_code"], int(row["strategic_issue"]), int(row["project_no"])


def code(key: tuple[str, int, int]) -> str:
    return f"{key[0]}-{key[1]}-{key[2]:02d}"


def projects(all_rows: list[dict]) -> dict[tuple[str, int, int], list[dict]]:
    grouped: dict[tuple[str, int, int], list[dict]] = defaultdict(list)
    for row in all_rows:
        grouped[project_key(row)].append(row)
    return grouped


def year_target(row: dict) -> Decimal:
    """The plan row's total where printed (what the monthly plan adds up to), else the target."""
    return num(row["plan_total"]) or num(row["target"])


def rebuildable(project_rows: list[dict]) -> bool:
    """Every indicator of the project is in the file, with the report's weights (summing to 100)."""
    weights = [num(r["weight"]) for r in project_rows]
    return None not in weights and sum(weights) == 100 and all(year_target(r) for r in project_rows)


def _weights(project_rows: list[dict]) -> list[Decimal]:
    weights = [num(r["weight"]) for r in project_rows]
    if all(w is None for w in weights):
        share = (Decimal(100) / len(weights)).quantize(Decimal("0.01"))
        return [share] * len(weights)
    return [w if w is not None else Decimal(0) for w in weights]


def _kind(row: dict, targets: list[Decimal]) -> str:
    """'' (the bot's guess) unless its value check refuses the result; then count or pp_change."""
    result = num(row["result"])
    for explicit in (None, "count", "pp_change"):
        choice = resolve_kind(row["unit_of_measure"].strip() or "ไม่ระบุ", targets, None, row["indicator_name"], explicit)
        view = IndicatorView(
            0,
            "P",
            "",
            1,
            row["indicator_name"],
            row["unit_of_measure"],
            choice.kind.value,
            Decimal(100),
            tuple(targets),
            choice.higher_is_better,
            choice.max_level,
        )
        if result is None or check_value(view, result) is None:
            return explicit or ""
    raise AssertionError(f"no kind takes {row['result']!r}")


def _budget(row: dict) -> str:
    if "ไม่มีงบประมาณ" in row["note"] or "ไม่ใช้งบประมาณ" in row["note"]:
        return "ไม่มีงบประมาณ"
    return row["budget_allocated"]


def red_reasons(summary_data: dict) -> dict[tuple[str, int, int], str]:
    """The red list's ผลการดำเนินงาน, by project: what the officers reported as the reason
    (the summary keeps it verbatim where it is short Thai, paraphrased in English otherwise:
    those get a Thai note saying the reason is in the report)."""

    def thai(text: str) -> str:
        return (
            text
            if any("\u0e00" <= ch <= "\u0e7f" for ch in text)
            else "ดำเนินการไม่ได้ตามแผน (เหตุผลตามรายงานการประเมินผล ปี 2567)"
        )

    return {
        (r["fund"], int(r["strategy"]), int(r["project_no_in_detail"])): thai(r["status"])
        for r in summary_data["red_projects_table"]["rows"]
    }


def write_files(folder: Path) -> tuple[Path, Path]:
    """The plan and results CSV files of the 198 projects, in the bot's import formats."""
    data, names = rows(), summary()["strategies"]
    reasons = red_reasons(summary())
    plan_path, results_path = folder / "eval_2567_plan.csv", folder / "eval_2567_results.csv"
    with (
        open(plan_path, "w", encoding="utf-8", newline="") as plan_file,
        open(results_path, "w", encoding="utf-8", newline="") as results_file,
    ):
        plan = csv.DictWriter(plan_file, PLAN_COLUMNS)
        results = csv.DictWriter(results_file, RESULT_COLUMNS)
        plan.writeheader()
        results.writeheader()
        for key, project_rows in projects(data).items():
            for number, (row, weight) in enumerate(zip(project_rows, _weights(project_rows)), start=1):
                unit = row["responsible_unit"].strip() or HQ
                target = year_target(row)
                targets = [Decimal(0)] * 11 + [target]
                strategy = str(key[1])
                plan.writerow(
                    {
                        "unit": unit,
                        "year_be": YEAR_BE,
                        "project_code": code(key),
                        "project_name": row["project_name"],
                        "indicator_no": number,
                        "indicator_name": row["indicator_name"],
                        "weight_pct": weight,
                        "unit_of_measure": row["unit_of_measure"].strip() or "ไม่ระบุ",
                        **{f"m{m:02d}": targets[m - 1] for m in range(1, 13)},
                        "kind": _kind(row, targets),
                        "fund": row["fund"],
                        "strategy_no": strategy,
                        # the strategy's name once, on the project's first row: the plan fills the rest
                        "strategy_name": names[strategy].split(" ", 2)[2] if number == 1 else "",
                        "budget_baht": _budget(row) if number == 1 else "",
                        "responsible_unit": row["responsible_unit"],
                    }
                )
                result = num(row["result"])
                if result is None:
                    continue
                low = result * 2 < target
                note = reasons.get(key) or (LOW_NOTE if low else "")
                results.writerow(
                    {
                        "unit": unit,
                        "year_be": YEAR_BE,
                        "project_code": code(key),
                        "indicator_no": number,
                        "month": 12,
                        "value": row["result"].replace(",", ""),
                        "note": note,
                    }
                )
    return plan_path, results_path


# --------------------------------------------------------------------------------------------
# What the seed says


def _rounded(pct: Decimal) -> Decimal:
    return pct.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def expected_level(project_rows: list[dict]) -> Level:
    """The project's level from the seed's own columns: its printed ร้อยละเฉลี่ยของงาน/โครงการ;
    else the level it is listed with (the red list); else its printed indicator % through the
    weights; else result ÷ plan total through the weights (the rows printed no %)."""
    first = project_rows[0]
    if first["project_percent_reported"]:
        return level_of(num(first["project_percent_reported"]))
    if first["level_reported"]:
        return Level(first["level_reported"])
    weights = [num(r["weight"]) for r in project_rows]
    if all(r["percent_reported"] for r in project_rows):
        return level_of(project_percent(zip(weights, (num(r["percent_reported"]) for r in project_rows))))
    pcts = [(num(r["result"]) or Decimal(0)) * 100 / year_target(r) for r in project_rows]
    return level_of(project_percent(zip(weights, pcts)))


def expected() -> dict[str, tuple[tuple[str, int, int], Level]]:
    """Project code → (key, level) for every project the bot can rebuild."""
    return {code(key): (key, expected_level(rs)) for key, rs in projects(rows()).items() if rebuildable(rs)}


def counts_by_fund_and_strategy(levels: dict[str, tuple[tuple[str, int, int], Level]]) -> Counter:
    return Counter((key[0], key[1], level) for key, level in levels.values())
