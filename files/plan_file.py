"""Reading and checking a plan file (.csv or .xlsx): one row per indicator.

(About 700 lines: reading the cells, the row rules and the whole-plan checks of one format, and
the optional plan-structure columns, which share its cell readers and line-numbered errors.)

Columns (header row = line 1, names as below, any order, extra columns ignored):
unit, year_be, project_code, project_name, indicator_no, indicator_name, weight_pct,
unit_of_measure, m01..m12 (ม.ค.–ธ.ค.), total (optional: as printed on the form),
kind (optional: count, stock, pct_cum, pct_monthly, level, pass_fail, pp_change, ':lower').
Optional, the project's place in the SSO plan (Thai headers accepted, see STRUCTURE_ALIASES):
fund (กองทุนประกันสังคม / กองทุนเงินทดแทน or SSF / WCF), strategy_no, strategy_name,
tactic_no, tactic_name, work_plan, project_type, budget_baht (or ไม่มีงบประมาณ),
responsible_unit, duration, master_plan. Given once per project is enough (on any of its rows).
Optional, the project's budget by category and month (files.plan_budget): b01..b12,
budget_personnel … budget_other and <category>_b01..b12.

A row that cannot be read raises PlanFileError(line number, Thai reason); findings that do
not stop the import (weights, missing projects, totals) are returned as Thai warnings.
Pure: reads the file, touches no database.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kpi.indicator import code_key
from kpi.kinds import IndicatorKind, UnknownKind, expected_total, kind_label_th, resolve_kind
from kpi.periods import MONTHS_ABBR
from kpi.plan_structure import FUNDS, STRUCTURE_COLUMNS, ProjectInfo
from kpi.text import clean_text
from kpi.thai import arabic_digits
from kpi.thai_spacing import tidy_thai_spaces
from models.column_limits import FieldTooBig, fit_amount, fit_integer, fit_text
from models.org import Unit
from models.plan import Indicator, MonthlyTarget, Project
from presentation.formatting import format_number

from .plan_budget import (
    BUDGET_ALIASES,
    BUDGET_COLUMNS,
    BUDGET_NAMES_TH,
    BudgetCellError,
    ProjectBudget,
    parse_budget_cells,
    project_budget,
)
from .spreadsheet_text import unescape_csv_text
from .xlsx_guard import MAX_COLUMNS, MAX_ROWS, XlsxRefused, check_archive, check_declared_rows, too_many_rows

MONTH_COLUMNS = tuple(f"m{m:02d}" for m in range(1, 13))
REQUIRED_COLUMNS = (
    "unit",
    "year_be",
    "project_code",
    "project_name",
    "indicator_no",
    "indicator_name",
    "weight_pct",
    "unit_of_measure",
    *MONTH_COLUMNS,
)
OPTIONAL_COLUMNS = ("total", "kind", *STRUCTURE_COLUMNS, *BUDGET_COLUMNS)
#: The plan's headers as the SSO prints them (the evaluation report, the plan forms).
STRUCTURE_ALIASES = {
    "กองทุน": "fund",
    "ยุทธศาสตร์": "strategy_no",
    "ยุทธศาสตร์ที่": "strategy_no",
    "ลำดับยุทธศาสตร์": "strategy_no",
    "ชื่อยุทธศาสตร์": "strategy_name",
    "กลยุทธ์": "tactic_no",
    "กลยุทธ์ที่": "tactic_no",
    "ชื่อกลยุทธ์": "tactic_name",
    "แผนงาน": "work_plan",
    "ประเภทโครงการ": "project_type",
    "ประเภทงาน/โครงการ": "project_type",
    "งบประมาณ": "budget_baht",
    "งบประมาณ (บาท)": "budget_baht",
    "budget": "budget_baht",
    "หน่วยงานรับผิดชอบ": "responsible_unit",
    "หน่วยงานที่รับผิดชอบ": "responsible_unit",
    "ระยะเวลาโครงการ": "duration",
    "ระยะเวลา": "duration",
    "แผนแม่บท": "master_plan",
    "ความสอดคล้องกับแผนแม่บท": "master_plan",
}
#: Other spellings accepted in the header (an exported file's target_m01 … reads back as m01 …).
COLUMN_ALIASES = {f"target_m{m:02d}": f"m{m:02d}" for m in range(1, 13)} | STRUCTURE_ALIASES | BUDGET_ALIASES
#: What the plans print in the budget column for a project without money.
NO_BUDGET = ("ไม่มีงบประมาณ", "ไม่ใช้งบประมาณ", "ไม่ได้ใช้งบประมาณ", "-")
#: A header cell may give the column's Thai name with its machine name in brackets at the end,
#: "ชื่อตัวชี้วัด (indicator_name)", as the dashboard's template files do.
BRACKETED_NAME = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9_]*)\s*\)\s*$")
STRUCTURE_LABELS_TH = {
    "fund": "กองทุน",
    "strategy_no": "ยุทธศาสตร์ที่",
    "strategy_name": "ชื่อยุทธศาสตร์",
    "tactic_no": "กลยุทธ์ที่",
    "tactic_name": "ชื่อกลยุทธ์",
    "work_plan": "แผนงาน",
    "project_type": "ประเภทโครงการ",
    "budget_baht": "งบประมาณ บาท",
    "responsible_unit": "หน่วยงานรับผิดชอบ",
    "duration": "ระยะเวลาโครงการ",
    "master_plan": "แผนแม่บท",
}
#: The columns' Thai names (the dashboard's template files write "ชื่อ (machine_name)").
COLUMN_NAMES_TH = {
    "unit": "หน่วยงาน",
    "year_be": "ปี พ.ศ.",
    "project_code": "รหัสโครงการ",
    "project_name": "ชื่อโครงการ",
    "indicator_no": "ตัวชี้วัดที่",
    "indicator_name": "ชื่อตัวชี้วัด",
    "weight_pct": "น้ำหนัก ร้อยละ",
    "unit_of_measure": "หน่วยนับ",
    **{c: f"เป้าหมาย {MONTHS_ABBR[i]}" for i, c in enumerate(MONTH_COLUMNS)},
    "total": "เป้าหมายรวมทั้งปี",
    "kind": "ประเภทตัวชี้วัด",
    **{c: STRUCTURE_LABELS_TH.get(c, c) for c in STRUCTURE_COLUMNS},
    **BUDGET_NAMES_TH,
}


def bracketed_header(column: str) -> str:
    """'ชื่อตัวชี้วัด (indicator_name)': a header cell read_table reads back as its column."""
    return f"{COLUMN_NAMES_TH[column]} ({column})"


YEAR_BE_MIN, YEAR_BE_MAX = 2500, 2700
#: Amount columns keep four decimal places (models.base.Amount).
PLACES = Decimal("0.0001")
TOTAL_TOLERANCE = Decimal("0.01")

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_SPACES = re.compile(r"\s+")


class PlanFileError(Exception):
    """A row (or the file) cannot be read; nothing may be imported."""

    def __init__(self, line_no: int | None, reason: str):
        super().__init__(line_no, reason)
        self.line_no = line_no
        self.reason = reason

    def __str__(self) -> str:
        return f"บรรทัด {self.line_no}: {self.reason}" if self.line_no else self.reason


@dataclass(frozen=True)
class PlanRow:
    line_no: int
    unit: str
    year_be: int
    project_code: str
    project_name: str
    indicator_no: int
    indicator_name: str
    weight_pct: Decimal
    unit_of_measure: str
    targets: tuple[Decimal, ...]  # 12 months, ม.ค.–ธ.ค.
    total: Decimal | None
    kind: IndicatorKind
    max_level: int | None
    higher_is_better: bool
    kind_explicit: bool
    info: ProjectInfo = ProjectInfo()
    #: The budget cells the row gives (files.plan_budget), column → baht.
    budget: tuple[tuple[str, Decimal], ...] = ()

    @property
    def code(self) -> str:
        return f"{self.project_code}/{self.indicator_no}"


@dataclass
class PlanFile:
    name: str
    rows: list[PlanRow]
    warnings: list[str] = field(default_factory=list)
    #: The structure columns the file has (STRUCTURE_COLUMNS): only those are written.
    structure_columns: tuple[str, ...] = ()
    #: (unit, year_be, project_code) → the project's structure, merged over its rows.
    infos: dict[tuple[str, int, str], ProjectInfo] = field(default_factory=dict)
    #: Whether the file has budget columns (budget_baht or files.plan_budget's): only then
    #: are the projects' budgets written.
    has_budget: bool = False
    #: (unit, year_be, project_code) → the project's budget, merged over its rows.
    budgets: dict[tuple[str, int, str], ProjectBudget] = field(default_factory=dict)

    def info(self, unit: str, year_be: int, project_code: str) -> ProjectInfo:
        return self.infos.get((unit, year_be, project_code), ProjectInfo())

    def budget(self, unit: str, year_be: int, project_code: str) -> ProjectBudget:
        return self.budgets.get((unit, year_be, project_code), ProjectBudget(None))

    def projects(self) -> list[tuple[str, int, str, str]]:
        """(unit, year_be, project_code, project_name) in file order, once each."""
        seen: dict[tuple[str, int, str], str] = {}
        for r in self.rows:
            seen.setdefault((r.unit, r.year_be, r.project_code), r.project_name)
        return [(u, y, c, n) for (u, y, c), n in seen.items()]


# ---------------------------------------------------------------- numbers


def parse_number(value: Any) -> Decimal | None:
    """A cell as a Decimal: None when blank; Thai digits and thousands commas accepted.
    Raises ValueError when the cell is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        text = arabic_digits(str(value)).replace("\u00a0", " ").strip()
        if text == "":
            return None
        text = text.replace(" ", "")
        if _GROUPED_NUMBER.fullmatch(text):
            text = text.replace(",", "")
        elif not _PLAIN_NUMBER.fullmatch(text):
            raise ValueError(value)
        number = Decimal(text)
    if not number.is_finite():
        raise ValueError(value)
    if number.as_tuple().exponent < -4:
        try:
            number = number.quantize(PLACES, rounding=ROUND_HALF_UP)
        except InvalidOperation:  # more digits than Decimal's 28: no column holds it anyway
            raise ValueError(value) from None
    return number


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value).replace("\u00a0", " ")).strip()


def _short(text: str, limit: int = 60) -> str:
    """At most about `limit` characters: cut at a space, else never inside a Thai syllable's
    marks (vowels above/below, tone marks) nor after a leading vowel (เ แ โ ใ ไ)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    if cut < limit // 2:
        cut = limit - 1
        while cut < len(text) and unicodedata.category(text[cut]) in ("Mn", "Mc"):
            cut += 1
        while cut > 1 and text[cut - 1] in "เแโใไ":
            cut -= 1
    return text[:cut].rstrip() + "…"


# ---------------------------------------------------------------- raw rows


def _csv_lines(path: Path) -> Iterator[tuple[int, list[Any]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel on Thai Windows saves "CSV" as TIS-620 / cp874
            text = data.decode("cp874")
        except UnicodeDecodeError:
            raise PlanFileError(None, "อ่านไฟล์ไม่ได้ กรุณาบันทึกไฟล์เป็น CSV แบบ UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for cells in reader:
            # The bot's own exports put an apostrophe before a text that reads as a formula.
            yield start, [unescape_csv_text(cell) for cell in cells]
            start = reader.line_num + 1
    except csv.Error as exc:
        raise PlanFileError(start, f"รูปแบบ CSV ไม่ถูกต้อง ({exc})") from None


def _xlsx_lines(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """The first sheet's rows, at most MAX_ROWS of MAX_COLUMNS cells, after files.xlsx_guard
    checked the archive and the sheet's declared size."""
    from openpyxl import load_workbook

    try:
        check_archive(path)
    except XlsxRefused as refused:
        raise PlanFileError(None, str(refused)) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except Exception as exc:  # zipfile/XML errors of a damaged or mislabelled file
        raise PlanFileError(None, f"อ่านไฟล์ Excel ไม่ได้ ({type(exc).__name__})") from None
    try:
        try:
            check_declared_rows(sheet.max_row)
        except XlsxRefused as refused:
            raise PlanFileError(None, str(refused)) from None
        # Explicit bounds: the declared size is neither trusted to be large nor to be right.
        rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
        line_no = 0
        while True:
            try:
                cells = next(rows, None)
            except Exception as exc:  # a damaged sheet shows only as it is read
                raise PlanFileError(line_no + 1, f"อ่านไฟล์ Excel ไม่ได้ ({type(exc).__name__})") from None
            if cells is None:
                return
            line_no += 1
            if line_no > MAX_ROWS:  # openpyxl gives this row only when the sheet has more
                raise PlanFileError(None, too_many_rows())
            yield line_no, list(cells)
    finally:
        book.close()


def _raw_lines(path: Path) -> Iterator[tuple[int, list[Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_lines(path)
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx_lines(path)
    raise PlanFileError(None, f"ไม่รองรับไฟล์ชนิด '{path.suffix}' (ใช้ได้เฉพาะ .csv และ .xlsx)")


def _storable(cell: Any) -> Any:
    """A text cell without what no database stores (NUL, lone surrogates), for every importer."""
    return clean_text(cell) if isinstance(cell, str) else cell


def _blank(cells: Iterable[Any]) -> bool:
    return all(_text(c) == "" for c in cells)


def read_table(
    path: str | Path, required: Iterable[str], optional: Iterable[str] = (), aliases: dict[str, str] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, {column: cell}) for each non-blank data row of a .csv or .xlsx file."""
    path = Path(path)
    required, known = tuple(required), set(required) | set(optional)
    aliases = aliases or {}
    lines = _raw_lines(path)
    header: list[str | None] | None = None
    for line_no, cells in lines:
        if _blank(cells):
            continue
        if header is None:
            header = []
            for cell in cells:
                name = _text(cell).lstrip("\ufeff")
                bracketed = BRACKETED_NAME.search(name)
                name = (bracketed.group(1) if bracketed else name).lower()
                name = aliases.get(name, name)
                if name in known and name in header:
                    raise PlanFileError(line_no, f"หัวตารางมีคอลัมน์ {name} ซ้ำกัน")
                header.append(name if name in known else None)
            missing = [c for c in required if c not in header]
            if missing:
                raise PlanFileError(line_no, "ไม่มีคอลัมน์ที่จำเป็น: " + ", ".join(missing))
            continue
        extra = [c for c in cells[len(header) :] if _text(c) != ""]
        if extra:
            raise PlanFileError(line_no, f"มีข้อมูลเกินจำนวนคอลัมน์ของหัวตาราง ({len(header)} คอลัมน์) — ข้อมูลอาจเลื่อนช่อง")
        row = {
            name: _storable(cells[i] if i < len(cells) else None) for i, name in enumerate(header) if name is not None
        }
        yield line_no, row
    if header is None:
        raise PlanFileError(1, "ไฟล์ว่าง ไม่มีหัวตาราง")


# ---------------------------------------------------------------- plan rows


def _required_text(row: dict, column: str, label: str, line_no: int) -> str:
    value = _text(row.get(column))
    if not value:
        raise PlanFileError(line_no, f"ไม่ได้กรอก{label} (คอลัมน์ {column})")
    return value


def _integer(row: dict, column: str, label: str, line_no: int) -> int:
    raw = row.get(column)
    try:
        number = parse_number(raw)
    except ValueError:
        number = None
        bad = True
    else:
        bad = number is None or number != number.to_integral_value()
    if bad:
        shown = _text(raw)
        raise PlanFileError(line_no, f"{label}ต้องเป็นจำนวนเต็ม" + (f" (พบ '{shown}')" if shown else " แต่ช่องนี้ว่าง"))
    return int(number)


def check_year_be(year_be: int) -> int:
    """The year, or ValueError with the Thai reason when it is not a Buddhist-era year."""
    if not YEAR_BE_MIN <= year_be <= YEAR_BE_MAX:
        raise ValueError(f"ปี {year_be} ไม่ใช่ปีพุทธศักราช (ต้องอยู่ระหว่าง {YEAR_BE_MIN}–{YEAR_BE_MAX} เช่น 2563)")
    return year_be


def _parse_row(line_no: int, row: dict, year_override: int | None) -> PlanRow:
    """One plan row checked, each field against its column (models.column_limits) too."""
    try:
        return _fields(line_no, row, year_override)
    except FieldTooBig as too_big:
        raise PlanFileError(line_no, str(too_big)) from None


def _fields(line_no: int, row: dict, year_override: int | None) -> PlanRow:
    unit = fit_text(_required_text(row, "unit", "ชื่อหน่วยงาน", line_no), Unit.name, "ชื่อหน่วยงาน")
    try:
        year_be = check_year_be(_integer(row, "year_be", "ปี พ.ศ. ", line_no))
    except ValueError as exc:
        raise PlanFileError(line_no, str(exc)) from None
    if year_override is not None:
        year_be = year_override
    project_code = fit_text(_required_text(row, "project_code", "รหัสโครงการ", line_no), Project.code, "รหัสโครงการ")
    project_name = fit_text(
        tidy_thai_spaces(_required_text(row, "project_name", "ชื่อโครงการ", line_no)), Project.name, "ชื่อโครงการ"
    )
    indicator_no = _integer(row, "indicator_no", "ลำดับตัวชี้วัด ", line_no)
    if indicator_no < 1:
        raise PlanFileError(line_no, f"ลำดับตัวชี้วัดต้องเป็น 1 ขึ้นไป (พบ {indicator_no})")
    fit_integer(indicator_no, Indicator.number, "ลำดับตัวชี้วัด ")
    indicator_name = fit_text(
        tidy_thai_spaces(_required_text(row, "indicator_name", "ชื่อตัวชี้วัด", line_no)), Indicator.name, "ชื่อตัวชี้วัด"
    )
    unit_of_measure = fit_text(
        _required_text(row, "unit_of_measure", "หน่วยวัด", line_no), Indicator.unit_of_measure, "หน่วยวัด"
    )

    try:
        weight = parse_number(row.get("weight_pct"))
    except ValueError:
        raise PlanFileError(line_no, f"น้ำหนักไม่ใช่ตัวเลข (พบ '{_text(row.get('weight_pct'))}')") from None
    if weight is None:
        raise PlanFileError(line_no, "ไม่ได้กรอกน้ำหนักตัวชี้วัด (คอลัมน์ weight_pct)")
    if weight < 0 or weight > 100:
        raise PlanFileError(line_no, f"น้ำหนักต้องอยู่ระหว่าง 0–100 (พบ {format_number(weight)})")

    targets: list[Decimal] = []
    for i, column in enumerate(MONTH_COLUMNS):
        try:
            value = parse_number(row.get(column))
        except ValueError:
            raise PlanFileError(
                line_no, f"เป้าหมายเดือน {MONTHS_ABBR[i]} ({column}) ไม่ใช่ตัวเลข (พบ '{_text(row.get(column))}')"
            ) from None
        targets.append(
            fit_amount(
                Decimal(0) if value is None else value,
                MonthlyTarget.value,
                f"เป้าหมายเดือน {MONTHS_ABBR[i]} ({column}) ",
            )
        )

    try:
        total = parse_number(row.get("total"))
    except ValueError:
        raise PlanFileError(line_no, f"ยอดรวม (total) ไม่ใช่ตัวเลข (พบ '{_text(row.get('total'))}')") from None

    explicit = _text(row.get("kind"))
    try:
        choice = resolve_kind(unit_of_measure, targets, total, indicator_name, explicit or None)
    except UnknownKind:
        raise PlanFileError(
            line_no,
            f"ไม่รู้จักประเภทตัวชี้วัด '{explicit}' (ใช้ได้: count, stock, "
            "pct_cum, pct_monthly, level, pass_fail, pp_change "
            "และเติม :lower ได้เมื่อค่าน้อยดีกว่า)",
        ) from None
    if choice.kind != IndicatorKind.PP_CHANGE:
        for i, value in enumerate(targets):
            if value < 0:
                raise PlanFileError(
                    line_no,
                    f"เป้าหมายเดือน {MONTHS_ABBR[i]} ({MONTH_COLUMNS[i]}) "
                    f"ติดลบ ({format_number(value)}) — ติดลบได้เฉพาะตัวชี้วัด"
                    "ประเภท pp_change",
                )
        if total is not None and total < 0:
            raise PlanFileError(line_no, f"ยอดรวม (total) ติดลบ ({format_number(total)})")

    if choice.max_level is not None:
        fit_integer(choice.max_level, Indicator.max_level, "จำนวนระดับของตัวชี้วัด ")
    return PlanRow(
        line_no=line_no,
        unit=unit,
        year_be=year_be,
        project_code=project_code,
        project_name=project_name,
        indicator_no=indicator_no,
        indicator_name=indicator_name,
        weight_pct=weight,
        unit_of_measure=unit_of_measure,
        targets=tuple(targets),
        total=total,
        kind=choice.kind,
        max_level=choice.max_level,
        higher_is_better=choice.higher_is_better,
        kind_explicit=choice.explicit,
        info=_parse_info(row, line_no),
        budget=_parse_budget_cells(row, line_no),
    )


_LEADING_NUMBER = re.compile(r"^(?:ยุทธศาสตร์(?:ที่)?|กลยุทธ์(?:ที่)?)?\s*([0-9]+(?:\.[0-9]+)*)\s*[.:]?\s*$")


STRUCTURE_LABELS = {
    "strategy_name": "ชื่อยุทธศาสตร์",
    "tactic_name": "ชื่อกลยุทธ์",
    "work_plan": "แผนงาน",
    "project_type": "ประเภทโครงการ",
    "responsible_unit": "หน่วยงานรับผิดชอบ",
    "duration": "ระยะเวลาโครงการ",
    "master_plan": "แผนแม่บท",
    "tactic_no": "กลยุทธ์ที่ ",
}


def _optional_text(row: dict, column: str) -> str | None:
    """The text, checked against Project's column of the same name (models.column_limits)."""
    value = _text(row.get(column))
    if not value:
        return None
    return fit_text(value, getattr(Project, column), STRUCTURE_LABELS.get(column, column))


def _parse_fund(row: dict, line_no: int) -> str | None:
    value = _text(row.get("fund"))
    if not value:
        return None
    for code, name in FUNDS.items():
        if value.upper() == code or value.replace(" ", "") == name:
            return code
    raise PlanFileError(
        line_no, f"กองทุน '{_short(value, 40)}' ไม่ถูกต้อง (ใช้ได้: กองทุนประกันสังคม, กองทุนเงินทดแทน, SSF หรือ WCF)"
    )


def _parse_numbering(row: dict, column: str, label: str, line_no: int) -> str | None:
    """'2', 'ยุทธศาสตร์ที่ 2', '1.1', 'กลยุทธ์ที่ 1.1' → '2' / '1.1'."""
    value = _text(row.get(column))
    if not value:
        return None
    match = _LEADING_NUMBER.match(arabic_digits(value))
    if match is None:
        raise PlanFileError(line_no, f"{label}ต้องเป็นตัวเลข เช่น 2 หรือ 1.1 (พบ '{_short(value, 40)}')")
    return match.group(1)


def _parse_budget(row: dict, line_no: int) -> Decimal | None:
    raw = row.get("budget_baht")
    text = _text(raw).replace("บาท", "").strip()
    if not text:
        return None
    if text.replace(" ", "") in NO_BUDGET:
        return Decimal(0)
    try:
        budget = parse_number(text if not isinstance(raw, (int, float, Decimal)) else raw)
    except ValueError:
        raise PlanFileError(
            line_no, f"งบประมาณไม่ใช่ตัวเลข (พบ '{_short(_text(raw), 40)}') — กรอกเป็นบาท เช่น 1,236,000 หรือ ไม่มีงบประมาณ"
        ) from None
    if budget is not None and budget < 0:
        raise PlanFileError(line_no, f"งบประมาณติดลบ ({format_number(budget, True)})")
    return None if budget is None else fit_amount(budget, Project.budget_baht, "งบประมาณ")


def _parse_budget_cells(row: dict, line_no: int) -> tuple[tuple[str, Decimal], ...]:
    try:
        return tuple(parse_budget_cells(row, parse_number).items())
    except BudgetCellError as error:
        raise PlanFileError(line_no, str(error)) from None


def _parse_info(row: dict, line_no: int) -> ProjectInfo:
    strategy = _parse_numbering(row, "strategy_no", "ยุทธศาสตร์ที่ ", line_no)
    if strategy is not None and not strategy.isdigit():
        raise PlanFileError(line_no, f"ยุทธศาสตร์ที่ต้องเป็นจำนวนเต็ม (พบ '{strategy}')")
    tactic = _parse_numbering(row, "tactic_no", "กลยุทธ์ที่ ", line_no)
    return ProjectInfo(
        fund=_parse_fund(row, line_no),
        strategy_no=fit_integer(int(strategy), Project.strategy_no, "ยุทธศาสตร์ที่ ") if strategy is not None else None,
        strategy_name=_optional_text(row, "strategy_name"),
        tactic_no=fit_text(tactic, Project.tactic_no, "กลยุทธ์ที่ ") if tactic is not None else None,
        tactic_name=_optional_text(row, "tactic_name"),
        work_plan=_optional_text(row, "work_plan"),
        project_type=_optional_text(row, "project_type"),
        budget_baht=_parse_budget(row, line_no),
        responsible_unit=_optional_text(row, "responsible_unit"),
        duration=_optional_text(row, "duration"),
        master_plan=_optional_text(row, "master_plan"),
    )


def read_plan_file(path: str | Path, year_be: int | None = None) -> PlanFile:
    """Read and check a plan file; year_be replaces the year of every row (the demo loads
    an old plan as this year's). Raises PlanFileError on the first row that cannot be read."""
    return _read_plan(Path(path), year_be, errors=None)


def check_plan_file(
    path: str | Path, year_be: int | None = None, max_errors: int = 200
) -> tuple[PlanFile | None, list[PlanFileError]]:
    """Like read_plan_file, but goes on past rows that cannot be read, to list them all (up to
    max_errors) with their line numbers: (the plan, []) or (None, errors). A file that cannot
    be read at all (type, encoding, header) gives its one error."""
    errors: list[PlanFileError] = []
    try:
        plan = _read_plan(Path(path), year_be, errors=errors, max_errors=max_errors)
    except PlanFileError as error:
        return None, errors + [error]
    return (None, errors) if errors else (plan, [])


def _read_plan(path: Path, year_be: int | None, errors: list[PlanFileError] | None, max_errors: int = 200) -> PlanFile:
    if year_be is not None and not YEAR_BE_MIN <= year_be <= YEAR_BE_MAX:
        raise PlanFileError(None, f"ปี {year_be} ไม่ใช่ปีพุทธศักราช (ต้องอยู่ระหว่าง {YEAR_BE_MIN}–{YEAR_BE_MAX})")
    rows: list[PlanRow] = []
    seen: dict[tuple[str, int, str, int], int] = {}
    project_names: dict[tuple[str, int, str], tuple[str, int]] = {}
    infos: dict[tuple[str, int, str], tuple[ProjectInfo, int]] = {}
    budget_cells: dict[tuple[str, int, str], dict[str, tuple[Decimal, int]]] = defaultdict(dict)
    columns: set[str] = set()
    for line_no, raw in read_table(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, COLUMN_ALIASES):
        columns.update(c for c in raw if c in STRUCTURE_COLUMNS or c in BUDGET_COLUMNS)
        try:
            row = _parse_row(line_no, raw, year_be)
            key = (row.unit, row.year_be, row.project_code, row.indicator_no)
            if key in seen:
                raise PlanFileError(line_no, f"ตัวชี้วัด {row.code} ของ{row.unit} ปี {row.year_be} ซ้ำกับบรรทัด {seen[key]}")
            project_key = key[:3]
            if project_key in project_names and project_names[project_key][0] != row.project_name:
                raise PlanFileError(
                    line_no, f"ชื่อโครงการ {row.project_code} ไม่ตรงกับบรรทัด {project_names[project_key][1]}"
                )
            if project_key in infos and (column := row.info.conflict(infos[project_key][0])):
                raise PlanFileError(
                    line_no,
                    f"คอลัมน์ {column} ของโครงการ {row.project_code} ไม่ตรงกับบรรทัด "
                    f"{infos[project_key][1]} (กรอกครั้งเดียวต่อโครงการ หรือให้ตรงกันทุกแถว)",
                )
            _merge_budget_cells(budget_cells[project_key], row)
        except PlanFileError as error:
            if errors is None:
                raise
            errors.append(error)
            if len(errors) >= max_errors:
                break
            continue
        seen[key] = line_no
        project_names.setdefault(project_key, (row.project_name, line_no))
        first = infos.get(project_key)
        infos[project_key] = (row.info, line_no) if first is None else (first[0].merged(row.info), first[1])
        rows.append(row)
    if not rows and not errors:
        raise PlanFileError(2, "ไม่มีแถวตัวชี้วัดในไฟล์ (มีแต่หัวตาราง)")
    merged, structure_warnings = name_structure({k: v for k, v in infos.items()})
    budgets = _project_budgets(infos, budget_cells, errors)
    return PlanFile(
        name=path.name,
        rows=rows,
        warnings=check_plan(rows) + structure_warnings,
        structure_columns=tuple(c for c in STRUCTURE_COLUMNS if c in columns),
        infos=merged,
        has_budget="budget_baht" in columns or any(c in BUDGET_COLUMNS for c in columns),
        budgets=budgets,
    )


def _merge_budget_cells(cells: dict[str, tuple[Decimal, int]], row: PlanRow) -> None:
    """The row's budget cells added to its project's (checked first: the row is taken whole or not)."""
    for column, value in row.budget:
        if column in cells and cells[column][0] != value:
            raise PlanFileError(
                row.line_no,
                f"คอลัมน์ {column} ของโครงการ {row.project_code} ไม่ตรงกับบรรทัด {cells[column][1]} "
                "(กรอกครั้งเดียวต่อโครงการ หรือให้ตรงกันทุกแถว)",
            )
    for column, value in row.budget:
        cells.setdefault(column, (value, row.line_no))


def _project_budgets(
    infos: dict[tuple[str, int, str], tuple[ProjectInfo, int]],
    cells: dict[tuple[str, int, str], dict[str, tuple[Decimal, int]]],
    errors: list[PlanFileError] | None,
) -> dict[tuple[str, int, str], ProjectBudget]:
    """Each project's budget from its merged cells; one that does not add up is an error at
    the project's last budget cell's line."""
    budgets = {}
    for key, (info, first_line) in infos.items():
        given = cells.get(key, {})
        try:
            budgets[key] = project_budget({c: v for c, (v, _) in given.items()}, info.budget_baht)
        except BudgetCellError as error:
            line = max((n for _, n in given.values()), default=first_line)
            failure = PlanFileError(line, f"งบประมาณโครงการ {key[2]}: {error}")
            if errors is None:
                raise failure from None
            errors.append(failure)
    return budgets


def name_structure(
    infos: dict[tuple[str, int, str], tuple[ProjectInfo, int]],
) -> tuple[dict[tuple[str, int, str], ProjectInfo], list[str]]:
    """Strategy and กลยุทธ์ names are often printed once: a project with the number only gets
    the name given elsewhere in the file. A number named nowhere, or named two ways, is a
    warning with its (first) line."""
    names: dict[str, dict[str, dict[str, int]]] = {"strategy": defaultdict(dict), "tactic": defaultdict(dict)}
    first_line: dict[tuple[str, str], int] = {}
    for info, line_no in infos.values():
        for part, number, name in (
            ("strategy", info.strategy_no, info.strategy_name),
            ("tactic", info.tactic_no, info.tactic_name),
        ):
            if number is None:
                continue
            first_line.setdefault((part, str(number)), line_no)
            if name is not None:
                names[part][str(number)].setdefault(name, line_no)
    warnings = []
    labels = {"strategy": "ยุทธศาสตร์ที่", "tactic": "กลยุทธ์ที่"}
    for (part, number), line_no in sorted(first_line.items(), key=lambda kv: kv[1]):
        given = names[part].get(number, {})
        if not given:
            warnings.append(f"บรรทัด {line_no}: {labels[part]} {number} ไม่มีชื่อ{labels[part][:-3]}ในไฟล์")
        elif len(given) > 1:
            lines = ", ".join(str(n) for n in sorted(given.values()))
            warnings.append(
                f"บรรทัด {max(given.values())}: {labels[part]} {number} มีชื่อต่างกัน (บรรทัด {lines}) — ใช้ชื่อที่พบก่อน"
            )
    merged = {}
    for key, (info, _) in infos.items():
        strategy = names["strategy"].get(str(info.strategy_no)) if info.strategy_no is not None else None
        tactic = names["tactic"].get(info.tactic_no) if info.tactic_no is not None else None
        merged[key] = ProjectInfo(
            **{
                **vars(info),
                "strategy_name": info.strategy_name or (min(strategy, key=strategy.get) if strategy else None),
                "tactic_name": info.tactic_name or (min(tactic, key=tactic.get) if tactic else None),
            }
        )
    return merged, warnings


# ---------------------------------------------------------------- checks


def check_plan(rows: list[PlanRow]) -> list[str]:
    """Thai warnings about the plan that do not stop the import."""
    groups: dict[tuple[str, int], list[PlanRow]] = defaultdict(list)
    for r in rows:
        groups[(r.unit, r.year_be)].append(r)
    warnings: list[str] = []
    for (unit, year), group in groups.items():
        prefix = f"[{unit} ปี {year}] " if len(groups) > 1 else ""
        by_project: dict[str, list[PlanRow]] = defaultdict(list)
        for r in group:
            by_project[r.project_code].append(r)
        codes = sorted(by_project, key=code_key)
        previous: tuple | None = None
        for code in codes:
            key = code_key(code)
            if previous and key[1] >= 0 and previous[0] == key[0] and key[1] - previous[1] > 1:
                width = len(code) - len(key[0])
                for n in range(previous[1] + 1, key[1]):
                    missing = f"{key[0]}{n:0{width}d}"
                    warnings.append(
                        f"{prefix}โครงการ {missing}: ไม่มีตัวชี้วัดในไฟล์ (รหัสโครงการข้ามจาก "
                        f"{previous[2]} ไป {code} — ตารางตัวชี้วัดอาจตกหล่น)"
                    )
            previous = key
            indicators = by_project[code]
            weight = sum((r.weight_pct for r in indicators), Decimal(0))
            if weight != 100:
                how = "ไม่ครบ 100 ตามที่แบบฟอร์มกำหนด" if weight < 100 else "เกิน 100"
                warnings.append(
                    f"{prefix}โครงการ {code} ({_short(indicators[0].project_name)}): "
                    f"น้ำหนักตัวชี้วัดรวมกันได้ร้อยละ {format_number(weight)} {how}"
                )
            for r in sorted(indicators, key=lambda r: r.indicator_no):
                if r.total is None:
                    continue
                want = expected_total(r.kind, list(r.targets))
                if abs(want - r.total) > TOTAL_TOLERANCE:
                    shown = want.quantize(Decimal("0.01")) if want != want.quantize(PLACES) else want
                    warnings.append(
                        f"{prefix}ตัวชี้วัด {r.code} ({_short(r.indicator_name)}): ยอดรวมที่พิมพ์ "
                        f"{format_number(r.total, True)} ไม่ตรงกับเป้าหมายรายเดือน — ประเภท"
                        f"{kind_label_th(r.kind)} ควรได้ {format_number(shown, True)}"
                    )
    return warnings
