"""The month a message names: "ส่งผลเดือนตุลาคม", "ขอส่ง ต.ค.", "ผลเดือน 10" → 10.

Pure. `kpi.periods.month_from_text` reads a message that is only a month; this finds one inside
a sentence, and only when exactly one month is named (two months are a question to ask back).
"""

from __future__ import annotations

import re

from .periods import MONTHS_ABBR, MONTHS_FULL, month_from_text
from .thai import arabic_digits

#: How officers shorten month names in chat ("ตุลา", "พฤศจิ").
COLLOQUIAL = ("มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิ", "ธันวา")
_NUMBERED = re.compile(r"เดือน(?:ที่)?\s*(\d{1,2})(?!\d)")


def _names() -> list[tuple[str, int]]:
    names = [(n, m) for m, n in enumerate(MONTHS_FULL, start=1)]
    names += [(n, m) for m, n in enumerate(MONTHS_ABBR, start=1)]
    names += [(n, m) for m, n in enumerate(COLLOQUIAL, start=1)]
    return sorted(names, key=lambda nm: -len(nm[0]))


_NAMES = _names()


def month_mentioned(text: str | None) -> int | None:
    """The one month (1–12) named in the message, or None (no month, or more than one)."""
    text = arabic_digits(text or "")
    whole = month_from_text(text)
    if whole is not None:
        return whole
    found: set[int] = set()
    rest = text
    for name, month in _NAMES:
        if name in rest:
            found.add(month)
            rest = rest.replace(name, " ")
    for number in _NUMBERED.findall(rest):
        if 1 <= int(number) <= 12:
            found.add(int(number))
    return found.pop() if len(found) == 1 else None
