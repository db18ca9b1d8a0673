"""Approximate answers: "ประมาณ 30", "ราว ๆ 30", "เกือบ 30", "30 กว่าราย", "~30".

Pure. The number reader refuses vague amounts on purpose; an officer who hedges still means a
figure, so the hedge is taken off, the number read as typed, and the confirmation card says the
value will be saved as exactly that number. "ไม่ถึง", "ไม่เกิน", "หลายร้อย" and the like stay refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The hedges, longest first; each may stand before the number (ประมาณ 30) or after it (30 กว่า).
HEDGES = (
    "โดยประมาณ",
    "ประมาณ",
    "ประมาน",
    "ราว ๆ",
    "ราวๆ",
    "ราว",
    "เกือบ ๆ",
    "เกือบๆ",
    "เกือบ",
    "กว่า ๆ",
    "กว่าๆ",
    "กว่า",
    "~",
    "≈",
    "±",
)
_HEDGE_RE = re.compile("|".join(re.escape(h) for h in HEDGES))
#: Words that make a hedge a bound ("ไม่กว่า", "มากกว่า", "น้อยกว่า"): never read as approximately.
_BOUND_BEFORE = ("ไม่", "มาก", "น้อย", "เกิน", "สูง", "ต่ำ")
#: Words that merely contain a hedge ("งบประมาณ" is a budget, not "about").
_COMPOUNDS = re.compile("งบประมาณ|ประมาณการ|เรื่องราว|ราวกับ|ราวบันได")


@dataclass(frozen=True)
class Approximation:
    text: str  # the message without the hedge, for the number reader
    hedge: str  # the hedge as typed ("ประมาณ", "กว่า", "~")


def strip_hedge(text: str) -> Approximation | None:
    """The message without its (single) hedge, or None when it has none or the hedge is a bound."""
    if _COMPOUNDS.search(text or ""):
        return None
    found = list(_HEDGE_RE.finditer(text or ""))
    if len(found) != 1:
        return None
    match = found[0]
    before = text[: match.start()].rstrip()
    if before.endswith(_BOUND_BEFORE):
        return None
    rest = (before + " " + text[match.end() :].lstrip()).strip()
    return Approximation(rest, match.group().replace(" ", ""))
