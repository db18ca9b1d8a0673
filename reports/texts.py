"""The evaluation report's Thai wording, as the seed (sso_evaluation_2567_q4.txt) prints it."""

from __future__ import annotations

from decimal import Decimal

from kpi.periods import MONTHS_ABBR, MONTHS_FULL
from kpi.plan_structure import FUNDS
from kpi.rating import Level

OFFICE = "สำนักงานประกันสังคม"
FUND_NAMES = {**FUNDS, None: "ไม่ระบุกองทุน"}
FUND_ORDER = ("SSF", "WCF", None)

COVER_TITLE = "การประเมินผลตามแผนปฏิบัติราชการ ประจำปี {year}"
COVER_QUARTER = "ไตรมาส {quarter}"
HEADING = "รายงานผลการดำเนินงานตามแผนปฏิบัติการสำนักงานประกันสังคม ปี {year}"

#: How the report names each fund's money (its budget paragraph).
BUDGET_SOURCE = {
    "SSF": "งบประมาณจากเงินกองทุนเพื่อบริหารงานสำนักงานประกันสังคม ประจำปี พ.ศ. {year} รวมทั้งสิ้น {amount} บาท",
    "WCF": "งบประมาณจากการจัดสรรดอกผลของเงินกองทุนเงินทดแทนประจำปี พ.ศ. {year} รวมทั้งสิ้น {amount} บาท",
    None: "งบประมาณของงาน/โครงการที่ไม่ระบุกองทุน ประจำปี พ.ศ. {year} รวมทั้งสิ้น {amount} บาท",
}
BUDGET_SUMMED = " (รวมงบประมาณของงาน/โครงการในแผน)"
BUDGET_OPENING = "สำนักงานประกันสังคมได้รับจัดสรร"
COMPILED_BY = (
    "กองนโยบายและแผนงาน ได้รวบรวมรายงานติดตามผลการดำเนินงานตามแผนปฏิบัติการสำนักงานประกันสังคม ประจำปี {year} รอบเดือน{span} ดังนี้"
)

CRITERIA_HEADING = "เกณฑ์การประเมิน 3 ระดับ"
CRITERIA = (
    "ระดับดี (สีเขียว) ดำเนินการได้ 100% ของเป้าหมาย",
    "ระดับปานกลาง (สีเหลือง) ดำเนินการได้ 50-99% ของเป้าหมาย",
    "ระดับต่ำ (สีแดง) ดำเนินการได้ต่ำกว่า 50% ของเป้าหมาย",
)

OVERVIEW_HEADING = "ผลการดำเนินงานภาพรวม {funds} รอบเดือน{span} จำแนกตามเกณฑ์การประเมินได้ ดังนี้"
OVERVIEW_SENTENCE = "แผนการดำเนินงาน จำนวนทั้งสิ้น {n} งาน/โครงการ แบ่งตามเกณฑ์การประเมินได้ ดังนี้"
OVERVIEW_LEVEL = "ดำเนินการได้ในระดับ{level} : จำนวน {n} งาน/โครงการ คิดเป็นร้อยละ {share}%"
LEVEL_WORD = {Level.GREEN: "ดี", Level.YELLOW: "ปานกลาง", Level.RED: "ต่ำ", Level.NO_TARGET: "ยังไม่มีเป้าหมาย"}
NO_TARGET_NOTE = "งาน/โครงการที่ยังไม่มีเป้าหมายในช่วงนี้ {n} งาน/โครงการ ไม่นับรวมในการประเมิน"

FUND_PROJECTS = "{n} งาน/โครงการ"
FUND_TABLE_TITLE = "{fund} จำแนกตามยุทธศาสตร์"
FUND_TABLE_HEAD = (
    "ผลการประเมิน",
    "งาน/โครงการที่ดำเนินการ ไตรมาส {quarter} ({span_short})",
    "ดี 100% ขึ้นไป",
    "ปานกลาง 50 - 99%",
    "ต่ำกว่า 50%",
)
FUND_TABLE_GROUP = "ผลการประเมิน (ระดับ)"
STRATEGY_ROW = "ยุทธศาสตร์ที่ {n}"
NO_STRATEGY = "ไม่ระบุยุทธศาสตร์"
TOTAL_ROW = "รวม"
SHARE_ROW = "ร้อยละของโครงการทั้งหมด"
ZERO = "-"

RED_TITLE = "งาน/โครงการที่มีผลการดำเนินงานต่ำกว่า 50% ของเป้าหมาย (สีแดง) รวม {n} งาน/โครงการ"
RED_HEAD = ("ลำดับ", "งาน/โครงการ", "ผลการดำเนินงาน ({span_short})", "หน่วยงาน")
RED_SUBHEAD = ("แผนการดำเนินงาน", "ผลการดำเนินงาน")
RED_GROUP = "ผลการดำเนินงานที่ดำเนินการได้ต่ำกว่าเป้าหมาย (<50%)"
RED_NONE = "ไม่มีงาน/โครงการที่มีผลการดำเนินงานต่ำกว่า 50% ของเป้าหมาย"
RED_PLAN_LINE = "{name}: เป้าหมาย {target} {uom}"
RED_FIGURES = "{name}: ผล {result} จากเป้าหมาย {target} {uom} (ร้อยละ {pct})"
RED_NOT_REPORTED = "{name}: ยังไม่ได้รายงานผล"

DETAIL_PLAN = "แผนปฏิบัติการสำนักงานประกันสังคม ประจำปี พ.ศ. {year}"
DETAIL_STRATEGY = "ยุทธศาสตร์ที่ {n} {name}"
DETAIL_TACTIC = "กลยุทธ์ที่ {n} : {name}"
DETAIL_WORK_PLAN = "แผนงาน : {name}"
DETAIL_HEAD = (
    "ลำดับที่",
    "ตัวชี้วัด งาน/โครงการ",
    "หน่วยงาน",
    "งบประมาณ (บาท)",
    "เป้าหมาย",
    "แผน/ผล",
    "หน่วยนับ",
    "น้ำหนัก",
    *MONTHS_ABBR,
    "รวม",
    "ผลการดำเนินงาน",
    "หมายเหตุ",
)
QUARTER_HEADS = tuple(f"ไตรมาสที่ {q}" for q in range(1, 5))
INDICATOR_NO = "ตัวชี้วัดที่ {n}"
PLAN_ROW, RESULT_ROW = "แผน", "ผล"
DURATION = "ระยะเวลาโครงการ : {text}"
PROJECT_AVERAGE = "ร้อยละเฉลี่ยของงาน/โครงการ"
NO_BUDGET = "ไม่มีงบประมาณ"
#: Under a project's budget, as the seed prints it on its first indicator's row ("เบิกจ่าย 176,005"),
#: with the share of the allocation.
SPENT = "เบิกจ่าย {amount}\n(ร้อยละ {pct})"

XLSX_SUMMARY_SHEET = "สรุป"


def baht(amount: Decimal) -> str:
    """5303083050 → '5,303,083,050'; 99250.5 → '99,250.50'."""
    whole = amount == amount.to_integral_value()
    return f"{amount:,.0f}" if whole else f"{amount:,.2f}"


def month_span(year_be: int, first: int, last: int, dash: str = "–") -> str:
    """'มกราคม – ธันวาคม 2567' (the heading's), or one month: 'มกราคม 2567'."""
    if first == last:
        return f"{MONTHS_FULL[first - 1]} {year_be}"
    return f"{MONTHS_FULL[first - 1]} {dash} {MONTHS_FULL[last - 1]} {year_be}"


def month_span_short(year_be: int, first: int, last: int) -> str:
    """'ม.ค. - ธ.ค. 67' as the tables' headers print it."""
    yy = f"{year_be % 100:02d}"
    if first == last:
        return f"{MONTHS_ABBR[first - 1]} {yy}"
    return f"{MONTHS_ABBR[first - 1]} - {MONTHS_ABBR[last - 1]} {yy}"
