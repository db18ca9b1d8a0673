"""A binding code as officers type it: "875960", "875 960", "รหัส 875-960", "๘๗๕๙๖๐".

Pure. The code is 6 digits; the digits of a short message are joined whatever separates them
(spaces, a dash, a word before them). Five or seven digits are a mistyped code, worth saying so.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .thai import arabic_digits

CODE_LENGTH = 6
MAX_MESSAGE = 40  # longer messages are talk, not a code
_SEPARATORS = re.compile(r"[\s\-–.:,/]+")
_ALLOWED_WORDS = re.compile(r"^(?:รหัส(?:ผูกบัญชี)?|code|โค้ด|คือ|ค่ะ|คะ|ครับ|นะ|ค่า)*$", re.I)


class CodeKind(enum.Enum):
    CODE = "code"
    WRONG_LENGTH = "wrong_length"  # digits only, but not six of them
    NOT_A_CODE = "not_a_code"


@dataclass(frozen=True)
class CodeReading:
    kind: CodeKind
    code: str | None = None
    digits: int = 0


def read_link_code(text: str | None) -> CodeReading:
    raw = arabic_digits(text or "").strip()
    if not raw or len(raw) > MAX_MESSAGE:
        return CodeReading(CodeKind.NOT_A_CODE)
    digits = "".join(re.findall(r"\d", raw))
    words = _SEPARATORS.sub("", re.sub(r"\d", "", raw))
    if not digits or not _ALLOWED_WORDS.match(words):
        return CodeReading(CodeKind.NOT_A_CODE)
    if len(digits) != CODE_LENGTH:
        return CodeReading(CodeKind.WRONG_LENGTH, digits=len(digits))
    return CodeReading(CodeKind.CODE, digits)
