"""Is a message typed at the confirmation card a new value or words (a new reason)?

Pure. "35", "35 ราย", "ได้ 35 รายค่ะ", "สามสิบห้า", "ประมาณ 35" are values; "งบล่าช้า 2 เดือน" is a
reason that happens to hold a number. A message is a value when the number reader reads it and
every other word in it is one the reader itself understands around a number (a unit, a percent
word, a politeness particle) or a word officers put before a figure ("ได้", "เป็น", "แก้เป็น").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .approximate import strip_hedge
from .numbers import NumberError, ParsedNumber, parse_number
from .thai import thai_words

#: Words that introduce a figure ("ได้ 35", "แก้เป็น 35", "ผลคือ 35").
FIGURE_WORDS = frozenset(
    {
        "ได้",
        "ทำได้",
        "เป็น",
        "แก้",
        "แก้เป็น",
        "เปลี่ยนเป็น",
        "ผล",
        "ผลงาน",
        "คือ",
        "ค่า",
        "ยอด",
        "รวม",
        "ทั้งหมด",
        "ที่",
        "จริง",
        "ใหม่",
        "ขอ",
        "ตัวเลข",
    }
)
_THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")


@lru_cache(maxsize=2048)
def _word_fits_a_figure(word: str) -> bool:
    if word in FIGURE_WORDS:
        return True
    alone = parse_number(word)
    if isinstance(alone, ParsedNumber) or alone == NumberError.EMPTY:
        return True  # a number word ("สามสิบ") or only politeness ("ค่ะ")
    with_number = parse_number("1 " + word)
    return isinstance(with_number, ParsedNumber) and (with_number.unit_word == word or with_number.is_percent)


def is_value_answer(text: str | None) -> bool:
    text = text or ""
    approx = strip_hedge(text)
    core = approx.text if approx else text
    if not isinstance(parse_number(core), ParsedNumber):
        return False
    words = [w for run in _THAI_RUN.findall(core) for w in thai_words(run)]
    return all(_word_fits_a_figure(w) for w in words)
