"""Stray spaces in Thai names copied out of PDF-made plans.

Pure. Plans typed in Word and exported to PDF come back with a space wherever a line wrapped:
"ร้อยละของ จำนวนผู้ประกันตนส่งเงิน สมทบ". Thai writes a noun phrase without spaces, but does use a
space between phrases, list items and around numbers, Latin words and brackets ("มาตรา 33 และ
มาตรา 39", "(e-Payment)"), so only a space between two Thai letters is a candidate, and it goes
only when the Thai word tokenizer (pythainlp, newmm) shows it is inside a phrase:

* a dictionary word runs across it once joined ("เงิน สมทบ" → "เงินสมทบ", "กองทุน ประกันสังคม");
* the word before it cannot end a phrase: a prefix or preposition bound to what follows
  ("ร้อยละของ จำนวน", "ในการ ปิด", "ผู้ เข้ารับ");
* the word after it is the relative "ที่" ("สถานประกอบการ ที่ชำระ").
"""

from __future__ import annotations

import re
from functools import lru_cache

from .thai import thai_words

#: Words after which Thai never breaks a phrase.
BOUND_BEFORE = frozenset({"ของ", "การ", "ความ", "ใน", "ผู้", "แก่", "ให้", "ที่"})
#: Words before which Thai never breaks a phrase.
BOUND_AFTER = frozenset({"ที่"})
_THAI_LETTER = re.compile(r"[\u0E01-\u0E4E]")
_SPACE_BETWEEN_THAI = re.compile(r"(?<=[\u0E01-\u0E4E]) +(?=[\u0E01-\u0E4E])")


def _words(text: str) -> list[str]:
    return [w for w in thai_words(text) if w.strip()]


def _ends(words: list[str]) -> set[int]:
    ends, at = set(), 0
    for w in words:
        at += len(w)
        ends.add(at)
    return ends


def _is_stray(left: str, right: str) -> bool:
    """The space between the Thai chunks `left` and `right` (each from the last/next space)."""
    if "." in left or "." in right:  # an abbreviation ("ก.พ.ร.") stands apart
        return False
    left_words, right_words = _words(left), _words(right)
    if not left_words or not right_words:
        return False
    if left_words[-1] in BOUND_BEFORE or right_words[0] in BOUND_AFTER:
        return True
    joined = _words(left + right)
    return len(left) not in _ends(joined)


@lru_cache(maxsize=4096)
def tidy_thai_spaces(name: str) -> str:
    """The name with the spaces inside Thai phrases taken out (and runs of spaces made one)."""
    text = " ".join((name or "").split())
    if not _THAI_LETTER.search(text):
        return text
    chunks = text.split(" ")
    out = [chunks[0]]
    for chunk in chunks[1:]:
        left = out[-1]
        if (
            _THAI_LETTER.match(chunk[:1] or " ")
            and left
            and _THAI_LETTER.match(left[-1])
            and _is_stray(left.rsplit(" ", 1)[-1], chunk)
        ):
            out[-1] = left + chunk
        else:
            out.append(chunk)
    return " ".join(out)
