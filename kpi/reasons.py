"""What counts as a reason (ปัญหา/อุปสรรค) typed below the month's target.

Pure: `read_reason` classifies the text; the conversation phrases the reply. A reason is words:
Thai or Latin letters, at least MIN_LETTERS of them (vowel and tone marks above or below a
consonant do not count, so "งบล่าช้า" has 6 and "ป่วย" 3). "ไม่มี" or "-" is "no reason": taken
when the reason is optional, refused when it is required.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

MIN_LETTERS = 3
MAX_LENGTH = 500
#: Answers meaning "nothing to report" (after particles and punctuation are stripped).
NO_REASON_WORDS = frozenset(
    {"ไม่มี", "ข้าม", "-", "ไม่ระบุ", "ไม่มีปัญหา", "ไม่มีอุปสรรค", "ไม่มีปัญหาอุปสรรค", "none", "no", "skip", "n/a", "na"}
)
_PARTICLES = ("ครับผม", "นะครับ", "นะคะ", "ครับ", "ค่ะ", "คะ", "ค่า", "คับ", "จ้า", "จ้ะ", "นะ")
_TRIM = re.compile(r"[\s.,!~…ๆ]+")


class ReasonKind(enum.Enum):
    OK = "ok"
    NO_REASON = "no_reason"  # ไม่มี / -
    NOT_WORDS = "not_words"  # only emoji, punctuation or digits
    TOO_SHORT = "too_short"  # letters, but fewer than MIN_LETTERS
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class ReasonReading:
    kind: ReasonKind
    note: str | None = None  # the reason as it will be saved (whitespace tidied), for OK


def letter_count(text: str) -> int:
    """Thai consonants and vowels written on the line, and Latin letters."""
    return sum(1 for c in text if c.isalpha() and ("\u0e00" <= c <= "\u0e7f" or c.isascii()))


def is_no_reason(text: str) -> bool:
    core = _TRIM.sub("", text or "").lower()
    if core in ("-", "—", "–"):
        return True
    for particle in _PARTICLES:
        if core.endswith(particle) and len(core) > len(particle):
            core = core[: -len(particle)]
            break
    return core in NO_REASON_WORDS or " ".join((text or "").split()) in NO_REASON_WORDS


def read_reason(text: str | None) -> ReasonReading:
    note = " ".join((text or "").split())
    if is_no_reason(note):
        return ReasonReading(ReasonKind.NO_REASON)
    if len(note) > MAX_LENGTH:
        return ReasonReading(ReasonKind.TOO_LONG)
    letters = letter_count(note)
    if letters == 0:
        return ReasonReading(ReasonKind.NOT_WORDS)
    if letters < MIN_LETTERS:
        return ReasonReading(ReasonKind.TOO_SHORT)
    return ReasonReading(ReasonKind.OK, note)
