"""Which IndicatorKind a plan row is, from its unit of measure, monthly targets and total.

Pure functions, no I/O. The rules come from the SSO plan forms (Uthai Thani 2563, the
2566 action plan) and the 2567 Q4 evaluation report:

* unit ร้อยละ …                        → a percentage:
    every month the same non-zero target → PERCENT_MONTHLY (a monthly rate, averaged)
    otherwise (one-off, stepped, rising) → PERCENT_CUMULATIVE (the latest month counts)
* unit "ร้อยละ (จุด)", or unit "จุด" with a name saying เพิ่มขึ้น/ลดลง → PP_CHANGE
* unit ระดับ … / ขั้นตอน               → LEVEL, max_level = the top of the ladder
* unit marked ผ่าน/ไม่ผ่าน              → PASS_FAIL
* any other unit (ราย, คน, ครั้ง, รุ่น, เรื่อง, แห่ง, เล่ม, เดือน, ช่องทาง …) counts things:
    printed total = sum of the months                    → COUNT
    printed total = the last non-zero month, months rise → STOCK (e.g. ผู้ประกันตนมาตรา 40)
    otherwise                                            → COUNT (the plan check warns)

An explicit kind in the file (``count``, ``stock``, ``pct_cum``, ``pct_monthly``, ``level``,
``pass_fail``, ``pp_change``, optionally ``:lower``) always wins over these rules.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from .thai import arabic_digits


class IndicatorKind(str, enum.Enum):
    """How an indicator's monthly values behave (seen in the SSO plan forms and evaluation)."""

    COUNT = "count"  # counts added month by month (ราย, คน, ครั้ง …)
    STOCK = "stock"  # cumulative stock: the latest month is the figure
    PERCENT_CUMULATIVE = "pct_cum"  # percentage measured to date: latest month counts
    PERCENT_MONTHLY = "pct_monthly"  # a rate each month, averaged over the months
    LEVEL = "level"  # milestone ladder 1..N (ระดับ, ขั้นตอน)
    PASS_FAIL = "pass_fail"  # done / not done
    PP_CHANGE = "pp_change"  # percentage-point change, may be negative


K = IndicatorKind

#: Unless the file says ``:lower``, a bigger result is a better result.
HIGHER_IS_BETTER_DEFAULT = True
#: The SSO's usual success ladder has five levels (ระดับ 1–5).
DEFAULT_LEVEL_TOP = 5

#: Counting units seen in the plan forms and the evaluation report (documentation and tests;
#: any unit that is not a percentage, level or pass/fail is treated as counting).
COUNTING_UNITS = (
    "ราย",
    "คน",
    "ครั้ง",
    "รุ่น",
    "เรื่อง",
    "แห่ง",
    "เล่ม",
    "เดือน",
    "ช่องทาง",
    "รายการ",
    "ฉบับ",
    "หน่วย",
    "ชิ้น",
    "คลิป",
    "โครงการ",
    "หลักสูตร",
    "จำนวน",
    "จำนวนเต็ม",
    "แผน",
    "ระบบ",
    "ข้อความ",
    "สาย",
    "ล้านคน",
    "แฟ้ม",
    "งาน",
    "วัน",
    "แผ่น",
    "สถานประกอบการ",
    "จังหวัด",
    "รางวัล",
    "ตำแหน่ง",
)

CHANGE_WORDS = ("เพิ่มขึ้น", "ลดลง")
_SPACES = re.compile(r"\s+")
_LADDER_SIZE = re.compile(r"(\d+)\s*(ระดับ|ขั้นตอน)")

_KIND_ALIASES = {k.value: k for k in K} | {k.name.lower(): k for k in K}


class UnknownKind(ValueError):
    """The kind column holds something that is not an IndicatorKind."""


@dataclass(frozen=True)
class KindChoice:
    kind: IndicatorKind
    max_level: int | None
    higher_is_better: bool = HIGHER_IS_BETTER_DEFAULT
    explicit: bool = False


def normalise_unit(unit_of_measure: str) -> str:
    """'ร้อยละ  (จุด)' → 'ร้อยละ (จุด)'; 'ผ่าน / ไม่ผ่าน' → 'ผ่าน/ไม่ผ่าน'."""
    text = _SPACES.sub(" ", (unit_of_measure or "").strip())
    return text.replace(" / ", "/").replace("/ ", "/").replace(" /", "/")


def is_percent_unit(unit: str) -> bool:
    unit = normalise_unit(unit)
    return unit.startswith("ร้อยละ") or unit.startswith("%") or unit.startswith("เปอร์เซ็นต์")


def is_pp_unit(unit: str) -> bool:
    """Percentage points: 'ร้อยละ (จุด)', 'จุดร้อยละ', 'จุด'."""
    unit = normalise_unit(unit)
    return unit in ("จุด", "จุดร้อยละ") or (is_percent_unit(unit) and "จุด" in unit)


def is_pass_fail_unit(unit: str) -> bool:
    unit = normalise_unit(unit)
    return "ไม่ผ่าน" in unit or unit == "ผ่าน"


def is_level_unit(unit: str) -> bool:
    unit = normalise_unit(unit)
    return unit.startswith("ระดับ") or unit.startswith("ขั้นตอน")


def ladder_top(unit_of_measure: str, targets: list[Decimal], name: str) -> int:
    """The top of a level ladder: the size the name states ('7 ขั้นตอน', '(9 ระดับ)'), else the
    highest target, and at least five for ระดับ (the SSO's usual 5-level ladder)."""
    top = int(max([t for t in targets if t is not None] or [Decimal(0)]).to_integral_value(rounding=ROUND_CEILING))
    stated = [int(n) for n, _ in _LADDER_SIZE.findall(arabic_digits(name or ""))]
    if stated:
        return max(top, max(stated))
    if normalise_unit(unit_of_measure).startswith("ระดับ"):
        return max(top, DEFAULT_LEVEL_TOP)
    return max(top, 1)


def _nonzero(targets: list[Decimal]) -> list[Decimal]:
    return [t for t in targets if t]


def infer_kind(
    unit_of_measure: str, targets: list[Decimal], total: Decimal | None, name: str
) -> tuple[IndicatorKind, int | None]:
    """(kind, max_level) for one plan row; max_level only for LEVEL."""
    unit = normalise_unit(unit_of_measure)
    name = name or ""
    changes = any(word in name for word in CHANGE_WORDS)
    if is_pass_fail_unit(unit):
        return K.PASS_FAIL, None
    if is_pp_unit(unit) and (changes or unit != "จุด"):
        return K.PP_CHANGE, None
    if is_percent_unit(unit):
        nonzero = _nonzero(targets)
        if len(nonzero) == len(targets) and len(set(nonzero)) == 1:
            return K.PERCENT_MONTHLY, None
        return K.PERCENT_CUMULATIVE, None
    if is_level_unit(unit):
        return K.LEVEL, ladder_top(unit, targets, name)
    # Counting units.
    if total is None or total == sum(targets, Decimal(0)):
        return K.COUNT, None
    nonzero = _nonzero(targets)
    if nonzero and total == nonzero[-1] and nonzero == sorted(nonzero):
        return K.STOCK, None
    return K.COUNT, None


def parse_kind(text: str) -> tuple[IndicatorKind, bool]:
    """'pp_change:lower' → (PP_CHANGE, higher_is_better=False). Raises UnknownKind."""
    raw = (text or "").strip().lower()
    base, _, direction = raw.partition(":")
    kind = _KIND_ALIASES.get(base.strip())
    direction = direction.strip()
    if kind is None or direction not in ("", "lower", "higher"):
        raise UnknownKind(text)
    return kind, direction != "lower"


def resolve_kind(
    unit_of_measure: str, targets: list[Decimal], total: Decimal | None, name: str, explicit: str | None = None
) -> KindChoice:
    """The kind of a plan row: the file's own kind column when filled, else the rules above."""
    if explicit and explicit.strip():
        kind, higher = parse_kind(explicit)
        top = ladder_top(unit_of_measure, targets, name) if kind == K.LEVEL else None
        return KindChoice(kind, top, higher, explicit=True)
    kind, top = infer_kind(unit_of_measure, targets, total, name)
    return KindChoice(kind, top, HIGHER_IS_BETTER_DEFAULT)


def expected_total(kind: IndicatorKind, targets: list[Decimal]) -> Decimal:
    """The year's figure as the plan form prints it in รวม, for this kind."""
    nonzero = _nonzero(targets)
    if kind == K.COUNT:
        return sum(targets, Decimal(0))
    if not nonzero:
        return Decimal(0)
    if kind == K.PERCENT_MONTHLY:
        return sum(nonzero, Decimal(0)) / len(nonzero)
    if kind in (K.LEVEL, K.PASS_FAIL):
        return max(nonzero)
    return nonzero[-1]  # STOCK, PERCENT_CUMULATIVE, PP_CHANGE: the latest month's target


def kind_label_th(kind: IndicatorKind | str) -> str:
    """A short Thai description of a kind, for messages."""
    return {
        K.COUNT: "นับสะสมรายเดือน (รวมทุกเดือน)",
        K.STOCK: "ยอดคงอยู่ (ใช้ค่าเดือนล่าสุด)",
        K.PERCENT_CUMULATIVE: "ร้อยละสะสม (ใช้ค่าเดือนล่าสุด)",
        K.PERCENT_MONTHLY: "ร้อยละรายเดือน (เฉลี่ยทุกเดือน)",
        K.LEVEL: "ระดับความสำเร็จ/ขั้นตอน",
        K.PASS_FAIL: "ผ่าน/ไม่ผ่าน",
        K.PP_CHANGE: "ร้อยละที่เปลี่ยนแปลง (จุด)",
    }[K(kind)]
