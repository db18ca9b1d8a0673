"""Understand a number the way Thai SSO officers type it in chat.

(Longer than our ~400 lines on purpose: one grammar. The lexicon, the atomiser and the parser
share private tables and the accumulator's state; split, they would have to expose them.)

Pure functions only: no I/O and no user-facing Thai sentences.  Callers get a
:class:`ParsedNumber` or a :class:`NumberError` code and phrase the reply
themselves.

Accepted forms (see ``tests/test_numbers.py`` for the full table):

* digits in any script (ASCII, Thai ``๒๕``, full-width ``２５``, mixed),
  thousands separators (``1,250``), decimals (``12.5``, ``.5``), signs
  (``-3``, ``−3``, ``+2``, ``ลบ 3``, ``ติดลบ 3``);
* Thai number words (``ยี่สิบห้า``, ``หนึ่งพันสองร้อยห้าสิบ``, ``สิบสองจุดห้า``),
  digits times a Thai power word (``2 พัน``, ``1.5 ล้าน``), and the colloquial
  ``สองพันห้า`` = 2500 (a lone digit right after พัน/หมื่น/แสน/ล้าน counts in
  the next lower place);
* surrounding chat words (``ได้ 25 รายค่ะ``), percent markers (``ร้อยละ``,
  ``เปอร์เซ็นต์``, ``%``) and a unit word (``ราย``, ``คน``, ``ระดับ`` ...).

Deliberately rejected, because a silent wrong guess is worse than asking again:

* ``สองร้อยห้า`` / ``2 ร้อย 5`` (205 formally, 250 colloquially) -> NOT_A_NUMBER;
* vague or bounded amounts: ``ไม่ถึง 25``, ``25 กว่าราย``, ``ยี่สิบเศษ``,
  ``สองพันครึ่ง``, ``เกือบ 30``, ``หลายร้อย``, ``เป็นร้อย``, ``สิบๆ``,
  and anything containing ``?`` -> NOT_A_NUMBER;
* Latin letters glued to digits (``2k``, ``1e5``) -> NOT_A_NUMBER;
* a multi-digit coefficient before a power below ล้าน (``25 พัน``) -> NOT_A_NUMBER;
* more than one number (``25 หรือ 30``, ``20-30``, ``1 250``, ``5/10``,
  ``1,25``, ``12 จุด 5``) -> TWO_NUMBERS;
* absolute values above 1e12 -> TOO_LARGE; messages longer than 1000 characters -> NOT_A_NUMBER.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache

__all__ = ["NumberError", "ParsedNumber", "parse_number", "parse_pass_fail"]


class NumberError(Enum):
    EMPTY = "empty"  # nothing numeric-looking, only whitespace/politeness
    NOT_A_NUMBER = "not_a_number"
    TWO_NUMBERS = "two_numbers"  # e.g. "25 หรือ 30", "20-30", "25 30"
    TOO_LARGE = "too_large"  # above 1e12


@dataclass(frozen=True)
class ParsedNumber:
    value: Decimal
    is_percent: bool  # the text said ร้อยละ / เปอร์เซ็นต์ / %
    unit_word: str | None  # a unit word the officer typed ("ราย", "คน", "ระดับ" ...)


# ---------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------

_MAX_TEXT_LEN = 1000
_MAX_ABS = Decimal(10) ** 12

_CHAR_MAP: dict[int, str | None] = {}
for _ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":  # zero-width / soft hyphen
    _CHAR_MAP[ord(_ch)] = None
for _ch in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _CHAR_MAP[ord(_ch)] = " "
for _ch in "\u2212\u2010\u2011\u2012\u2013\u2014\ufe63\uff0d":  # minus, hyphens, dashes
    _CHAR_MAP[ord(_ch)] = "-"
_CHAR_MAP.update(
    {
        ord("\uff0b"): "+",
        ord("\ufe62"): "+",
        ord("\uff05"): "%",
        ord("\ufe6a"): "%",
        ord("\u066a"): "%",
        ord("\uff0c"): ",",
        ord("\uff0e"): ".",
        ord("\uff1f"): "?",
        ord("\uff0f"): "/",
    }
)
del _ch


def _normalise(text: str) -> str:
    text = text.translate(_CHAR_MAP)
    if not text.isascii():
        # Any Unicode decimal digit (Thai ๐-๙, full-width ０-９, ...) -> ASCII.
        text = "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c for c in text)
    return text.strip()


# Spellings of "percent" that the tokenizer would otherwise cut apart.
_PERCENT_WORD_RE = re.compile(r"เปอ(?:ร์)?เซ็?[นน](?:ต์|ท์|ต|ท|์)?")

# ---------------------------------------------------------------------------
# Fast path: the whole message is a plain number, optionally with % .
# ---------------------------------------------------------------------------

_NUM_PATTERN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+"
_FAST_RE = re.compile(rf"([+-]?)({_NUM_PATTERN})\s*(%?)")

_LEX_RE = re.compile(
    rf"""
     (?P<ws>\s+)
    |(?P<num>{_NUM_PATTERN})
    |(?P<thai>[\u0E00-\u0E7F]+)
    |(?P<latin>[A-Za-z]+)
    |(?P<ch>.)
    """,
    re.X | re.S,
)

# ---------------------------------------------------------------------------
# Thai vocabulary
# ---------------------------------------------------------------------------

_DIGIT_WORDS = {
    "ศูนย์": 0,
    "หนึ่ง": 1,
    "สอง": 2,
    "สาม": 3,
    "สี่": 4,
    "ห้า": 5,
    "หก": 6,
    "เจ็ด": 7,
    "แปด": 8,
    "เก้า": 9,
}
_POWER_WORDS = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}
_MILLION = "ล้าน"
_NUMERAL_LEXEMES = sorted([*_DIGIT_WORDS, *_POWER_WORDS, _MILLION, "เอ็ด", "ยี่"], key=len, reverse=True)
_NUMERAL_RE = re.compile("(?:%s)+" % "|".join(_NUMERAL_LEXEMES))
_LEXEME_RE = re.compile("|".join(_NUMERAL_LEXEMES))
# Tokens the tokenizer sometimes glues in front of a numeral ("ที่สาม").
_NUMERAL_PREFIXES = ("ติดลบ", "ลบ", "ที่")

_SIGN_WORDS = {"ลบ", "ติดลบ"}
_PERCENT_WORDS = {"ร้อยละ", "เปอร์เซ็นต์"}
_LATIN_PERCENT = {"percent", "pct", "percentage"}

#: Politeness particles (presentation.intents drops the same before matching a request).
POLITE_PARTICLES = frozenset(
    {
        "ค่ะ",
        "คะ",
        "ค่า",
        "คา",
        "ค๊ะ",
        "ครับ",
        "คับ",
        "ครัช",
        "ครับผม",
        "ฮะ",
        "ฮับ",
        "งับ",
        "นะ",
        "นะคะ",
        "นะครับ",
        "จ้า",
        "จ้ะ",
        "จ๊ะ",
        "จ๊า",
        "ค่ะค่ะ",
        "เลย",
    }
)
#: Words around a figure that say nothing about it: particles, thanks, greetings, pronouns.
_POLITE_WORDS = POLITE_PARTICLES | {"ขอบคุณ", "ขอบคุณค่ะ", "ขอบคุณครับ", "สวัสดี", "ผม", "ดิฉัน", "หนู", "ด้วย"}
_DECORATIVE_CHARS = set(".,!~…ฯ")

_UNIT_WORDS = {
    "ราย",
    "คน",
    "ครั้ง",
    "ระดับ",
    "ขั้นตอน",
    "ขั้น",
    "เรื่อง",
    "แห่ง",
    "ฉบับ",
    "บาท",
    "฿",
    "วัน",
    "ชั่วโมง",
    "ชม",
    "นาที",
    "สัปดาห์",
    "เดือน",
    "ปี",
    "หน่วย",
    "กิจกรรม",
    "โครงการ",
    "ชิ้น",
    "รายการ",
    "กรณี",
    "คะแนน",
    "แผน",
    "หลักสูตร",
    "ข้อ",
    "ตำแหน่ง",
    "ชุด",
    "เล่ม",
    "ประเภท",
    "ช่องทาง",
    "หน่วยงาน",
    "สาขา",
    "ด้าน",
    "คู่",
    "ท่าน",
    "องค์กร",
    "จุด",
    "คำขอ",
    "คำร้อง",
    "สถานประกอบการ",
    "สถานประกอบกิจการ",
    "นายจ้าง",
    "ลูกจ้าง",
    "ผู้ประกันตน",
    "บริษัท",
    "หลัง",
    "ห้อง",
    "เครื่อง",
    "ระบบ",
    "งาน",
    "ใบ",
    "ตัว",
    "รอบ",
    "แบบ",
    "คัน",
}
# Unit words that may also come *before* the number ("ระดับ 3", "ระดับที่ 3").
_LEADING_UNIT_WORDS = {"ระดับ", "ขั้นตอน", "ขั้น", "คะแนน"}

# Substrings that make the amount vague, bounded or negated -> never guess.
_REJECT_SUBSTRINGS = ("ไม่", "กว่า", "เกิน", "เกือบ", "ครึ่ง", "เศษ", "หลาย")
# "เป็นร้อย" / "นับพัน" / "หลักหมื่น" = "hundreds" / "thousands", not 100 / 1000.
_VAGUE_BEFORE_BARE_POWER = {"เป็น", "นับ", "หลัก", "ตั้ง", "เรือน", "ระดับ"}


@lru_cache(maxsize=1)
def _tokenizer_word_tokenize() -> Callable[..., list[str]]:
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def warm_up() -> None:
    """Load the Thai word tokenizer and its dictionary now (a web worker's start) rather than
    on the first value typed in words."""
    _tokenize_thai("สองร้อยห้าสิบ")


@lru_cache(maxsize=4096)
def _tokenize_thai(run: str) -> tuple[str, ...]:
    """Tokenise one run of Thai characters (cached: chat words repeat a lot)."""
    tokens = list(_tokenizer_word_tokenize()(run, engine="newmm", keep_whitespace=False))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok == "เรียบ" and nxt == "ร้อยละ":  # "เรียบร้อยละ" = "done", not a percent
            out += ["เรียบร้อย", "ละ"]
            i += 2
            continue
        if tok == "ร้อย" and nxt == "ละ":  # a split "ร้อยละ"
            out.append("ร้อยละ")
            i += 2
            continue
        out.append(tok)
        i += 1
    return tuple(out)


# ---------------------------------------------------------------------------
# Atoms
# ---------------------------------------------------------------------------

# kinds
_WS = "ws"
_NUM = "num"  # digits: value Decimal, text
_LEX = "lex"  # Thai numeral lexeme: text
_DOT = "dot"  # the word จุด
_SIGN = "sign"  # value -1/+1, text; glued: bool (char sign must touch the number)
_PCT = "pct"
_REPEAT = "repeat"  # ๆ
_WORD = "word"  # Thai word
_LATIN = "latin"
_PUNCT = "punct"


@dataclass
class _Atom:
    kind: str
    text: str
    value: Decimal | None = None


def _atomise(text: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for m in _LEX_RE.finditer(text):
        kind = m.lastgroup
        s = m.group()
        if kind == "ws":
            atoms.append(_Atom(_WS, s))
        elif kind == "num":
            atoms.append(_Atom(_NUM, s, Decimal(s.replace(",", ""))))
        elif kind == "latin":
            if s.lower() in _LATIN_PERCENT:
                atoms.append(_Atom(_PCT, s))
            else:
                atoms.append(_Atom(_LATIN, s))
        elif kind == "thai":
            for tok in _tokenize_thai(s):
                atoms.extend(_thai_token_atoms(tok))
        else:  # single other character
            if s == "%":
                atoms.append(_Atom(_PCT, s))
            elif s in "+-":
                atoms.append(_Atom(_SIGN, s, Decimal(-1 if s == "-" else 1)))
            else:
                atoms.append(_Atom(_PUNCT, s))
    return atoms


def _thai_token_atoms(tok: str) -> list[_Atom]:
    if tok in _PERCENT_WORDS:
        return [_Atom(_PCT, tok)]
    if tok == "ๆ":
        return [_Atom(_REPEAT, tok)]
    if tok == "จุด":
        return [_Atom(_DOT, tok)]
    if tok in _SIGN_WORDS:
        return [_Atom(_SIGN, tok, Decimal(-1))]
    if _NUMERAL_RE.fullmatch(tok):
        return [_Atom(_LEX, lx) for lx in _LEXEME_RE.findall(tok)]
    for prefix in _NUMERAL_PREFIXES:
        rest = tok[len(prefix) :]
        if tok.startswith(prefix) and rest and _NUMERAL_RE.fullmatch(rest):
            return _thai_token_atoms(prefix) + _thai_token_atoms(rest)
    return [_Atom(_WORD, tok)]


# ---------------------------------------------------------------------------
# Grammar for one run of numeric atoms
# ---------------------------------------------------------------------------


class _Reject(Exception):
    """The run is not a number we dare to read."""


def _tidy(d: Decimal) -> Decimal:
    """1.5 * 1000000 -> Decimal('1500000'), not Decimal('1500000.0')."""
    return d.to_integral_value() if d == d.to_integral_value() else d


class _Acc:
    """Accumulates one number (Thai place-value grammar, digits allowed)."""

    def __init__(self) -> None:
        self.total = Decimal(0)  # completed ล้าน part
        self.group = Decimal(0)  # current < 1,000,000 group
        self.group_power: int | None = None  # smallest power used in group
        self.last_power: int | None = None  # last power applied (incl. ล้าน)
        self.pending: Decimal | None = None  # a digit / coefficient not yet placed
        self.pending_src: str | None = None  # "word" | "digits" | "ed" | "yi"
        self.pending_after_power = False
        self.just_applied_power = False
        self.frac_locked = False  # "1.5 ล้าน": nothing may follow
        self.fraction: str | None = None  # digits after จุด
        self.has_words = False
        self.bare_power_start = False
        self.empty = True

    # -- feeding -----------------------------------------------------------
    def can_take_digit(self, value: Decimal, src: str) -> bool:
        if self.frac_locked or self.fraction is not None or self.pending is not None:
            return False
        if self.empty:
            return True
        if value == 0 and src == "word":  # ศูนย์ only stands alone
            return False
        if src == "digits":
            if value != value.to_integral_value():
                return False
            bound = self.group_power if self.group_power is not None else 1_000_000
            if value >= bound:
                return False
        return True

    def take_digit(self, value: Decimal, src: str) -> None:
        self.pending = value
        self.pending_src = src
        self.pending_after_power = self.just_applied_power
        self.just_applied_power = False
        self.has_words |= src in ("word", "yi")
        self.empty = False

    def take_ed(self) -> None:
        if self.pending is not None or self.group_power is None and self.last_power is None:
            raise _Reject("เอ็ด needs a preceding power")
        if self.frac_locked or self.fraction is not None:
            raise _Reject("เอ็ด after fraction")
        self.pending = Decimal(1)
        self.pending_src = "ed"
        self.pending_after_power = False
        self.just_applied_power = False

    def power_breaks(self, power: int) -> bool:
        """True if *power* cannot continue this number (start a new one)."""
        if self.frac_locked or self.fraction is not None:
            return True
        return self.group_power is not None and power >= self.group_power

    def take_power(self, power: int) -> None:
        coef = self.pending
        src = self.pending_src
        if coef is None:
            if self.empty:
                self.bare_power_start = True
            coef = Decimal(1)
        elif src == "ed":
            raise _Reject("เอ็ด before a power")
        elif src == "yi" and power != 10:
            raise _Reject("ยี่ only before สิบ")
        elif src == "word" and coef == 0:
            raise _Reject("ศูนย์ as a coefficient")
        elif src == "digits":
            if not (0 < coef < 10):
                raise _Reject("multi-digit coefficient below ล้าน")
            if coef != coef.to_integral_value():
                self.frac_locked = True
        self.group += _tidy(coef * power)
        self.group_power = power
        self.last_power = power
        self.pending = None
        self.pending_src = None
        self.just_applied_power = True
        self.has_words = True
        self.empty = False

    def take_million(self) -> None:
        if self.pending_src == "yi":
            raise _Reject("ยี่ before ล้าน")
        if self.pending_src == "digits" and self.pending is not None:
            if self.pending <= 0:
                raise _Reject("zero coefficient")
            if self.pending != self.pending.to_integral_value():
                self.frac_locked = True
        if self.empty:
            base = Decimal(1)
        else:
            base = self.total + self.group + (self.pending or 0)
            if base == 0:
                raise _Reject("ศูนย์ล้าน")
        self.total = _tidy(base * 1_000_000)
        self.group = Decimal(0)
        self.group_power = None
        self.last_power = 1_000_000
        self.pending = None
        self.pending_src = None
        self.just_applied_power = True
        self.has_words = True
        self.empty = False

    # -- result ------------------------------------------------------------
    def integer_part(self) -> Decimal:
        if self.pending_src == "yi":
            raise _Reject("dangling ยี่")
        pending = self.pending
        if pending is None:
            return self.total + self.group
        single_digit = (
            self.pending_after_power
            and self.pending_src in ("word", "digits")
            and pending == pending.to_integral_value()
            and 1 <= pending <= 9
        )
        if single_digit and self.last_power == 100:
            # "สองร้อยห้า": 205 formally, 250 colloquially -> do not guess.
            raise _Reject("ambiguous digit after ร้อย")
        if single_digit and self.last_power is not None and self.last_power >= 1000:
            # Colloquial: "สองพันห้า" = 2500, "ล้านห้า" = 1,500,000.
            return self.total + self.group + pending * (self.last_power // 10)
        return self.total + self.group + pending

    def value(self) -> Decimal:
        whole = self.integer_part()
        if self.fraction is None:
            return whole
        if self.pending is not None and self.pending_after_power and self.last_power:
            if self.last_power >= 100 and self.pending_src in ("word", "digits"):
                raise _Reject("colloquial digit with a fraction")
        return whole + Decimal("0." + self.fraction)


@dataclass
class _Found:
    value: Decimal
    first: int  # atom index of the first atom (sign included)
    last: int  # atom index of the last atom
    bare_power_start: bool


def _parse_run(atoms: list[_Atom], idx: list[int], sign: Decimal) -> list[_Found]:
    """Parse the numeric atoms atoms[i] for i in idx into one or more numbers."""
    found: list[_Found] = []
    acc = _Acc()
    start = idx[0]
    last = idx[0]
    cur_sign = sign

    def flush() -> None:
        nonlocal acc
        v = acc.value() * cur_sign
        found.append(_Found(v, start, last, acc.bare_power_start))
        acc = _Acc()

    k = 0
    while k < len(idx):
        i = idx[k]
        a = atoms[i]
        if a.kind == _NUM:
            assert a.value is not None
            if not acc.can_take_digit(a.value, "digits"):
                if acc.empty:
                    raise _Reject("digits not allowed")
                flush()
                start, cur_sign = i, Decimal(1)
            acc.take_digit(a.value, "digits")
        elif a.kind == _DOT:
            # Decimal point after Thai words: digits follow one by one.
            digits: list[str] = []
            k += 1
            while k < len(idx):
                b = atoms[idx[k]]
                if b.kind == _LEX and b.text in _DIGIT_WORDS:
                    digits.append(str(_DIGIT_WORDS[b.text]))
                elif b.kind == _NUM and b.text.isdigit():
                    digits.append(b.text)
                else:
                    break
                last = idx[k]
                k += 1
            if not digits:
                raise _Reject("bad decimal point")
            if acc.empty:  # "จุดห้า" = 0.5
                acc.take_digit(Decimal(0), "word")
            elif not acc.has_words:
                raise _Reject("จุด after digits")
            acc.fraction = "".join(digits)
            if k < len(idx) and atoms[idx[k]].kind == _LEX:
                t = atoms[idx[k]].text
                if t != _MILLION and t not in _POWER_WORDS:
                    raise _Reject("number words after the decimal digits")
                # "หนึ่งจุดห้าล้าน" = 1.5 million: the decimal is a coefficient.
                coef = acc.value()
                acc = _Acc()
                acc.take_digit(coef, "digits")
            continue
        else:  # _LEX
            t = a.text
            if t in _DIGIT_WORDS or t == "ยี่":
                val = Decimal(2 if t == "ยี่" else _DIGIT_WORDS[t])
                src = "yi" if t == "ยี่" else "word"
                if not acc.can_take_digit(val, src):
                    flush()
                    start, cur_sign = i, Decimal(1)
                acc.take_digit(val, src)
            elif t == "เอ็ด":
                acc.take_ed()
            elif t == _MILLION:
                if acc.frac_locked or acc.fraction is not None:
                    flush()
                    start, cur_sign = i, Decimal(1)
                acc.take_million()
            else:
                power = _POWER_WORDS[t]
                if acc.power_breaks(power):
                    carried = (acc.pending, acc.pending_src or "")
                    if carried[0] is not None and acc.fraction is None:
                        # "ยี่สิบ สามสิบ": สาม belongs to the next number.
                        acc.pending, acc.pending_src = None, None
                        flush()
                        acc.take_digit(carried[0], carried[1])
                    else:
                        flush()
                        start, cur_sign = i, Decimal(1)
                acc.take_power(power)
        last = i
        k += 1
    flush()
    return found


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _is_numeric_atom(a: _Atom) -> bool:
    return a.kind in (_NUM, _LEX)


def _next_non_ws(atoms: list[_Atom], i: int) -> int | None:
    j = i + 1
    while j < len(atoms) and atoms[j].kind == _WS:
        j += 1
    return j if j < len(atoms) else None


def _prev_non_ws(atoms: list[_Atom], i: int) -> int | None:
    j = i - 1
    while j >= 0 and atoms[j].kind == _WS:
        j -= 1
    return j if j >= 0 else None


def _starts_fraction(atoms: list[_Atom], i: int) -> bool:
    """atoms[i] is จุด followed by a digit word or plain digits (a decimal point)."""
    nx = _next_non_ws(atoms, i)
    if nx is None:
        return False
    b = atoms[nx]
    return (b.kind == _LEX and b.text in _DIGIT_WORDS) or (b.kind == _NUM and b.text.isdigit())


def _ok(value: Decimal, is_percent: bool, unit: str | None) -> ParsedNumber | NumberError:
    if value.is_nan() or value.is_infinite():
        return NumberError.NOT_A_NUMBER
    if abs(value) > _MAX_ABS:
        return NumberError.TOO_LARGE
    if value.is_zero():
        value = abs(value)  # no "-0"
    return ParsedNumber(value=value, is_percent=is_percent, unit_word=unit)


def parse_number(text: str) -> ParsedNumber | NumberError:
    """Read one number from a chat message (see module docstring)."""
    if not isinstance(text, str):
        return NumberError.NOT_A_NUMBER
    s = _normalise(text)
    if not s:
        return NumberError.EMPTY
    if len(s) > _MAX_TEXT_LEN:
        return NumberError.NOT_A_NUMBER

    m = _FAST_RE.fullmatch(s)
    if m:
        try:
            value = Decimal(m.group(2).replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex guarantees digits
            return NumberError.NOT_A_NUMBER
        if m.group(1) == "-":
            value = -value
        return _ok(value, bool(m.group(3)), None)

    s = _PERCENT_WORD_RE.sub("%", s)
    atoms = _atomise(s)

    # Only whitespace / politeness / decoration -> EMPTY.
    if all(
        a.kind in (_WS, _REPEAT)
        or (a.kind == _WORD and a.text in _POLITE_WORDS)
        or (a.kind == _PUNCT and a.text in _DECORATIVE_CHARS)
        for a in atoms
    ):
        return NumberError.EMPTY

    is_percent = any(a.kind == _PCT for a in atoms)
    rejected = any(
        (a.kind == _WORD and any(r in a.text for r in _REJECT_SUBSTRINGS)) or (a.kind == _PUNCT and a.text == "?")
        for a in atoms
    )

    # Group numeric atoms into runs (whitespace inside a run is allowed; any
    # other atom ends it).  จุด joins a run only when it is a decimal point.
    runs: list[tuple[list[int], Decimal, int]] = []  # (atom indexes, sign, first index)
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        if not (_is_numeric_atom(a) or (a.kind == _DOT and _starts_fraction(atoms, i))):
            i += 1
            continue
        # Sign right before the run.
        sign = Decimal(1)
        first = i
        p = i - 1
        if p >= 0 and atoms[p].kind == _SIGN and atoms[p].text in "+-":
            sign, first = atoms[p].value or Decimal(1), p
        else:
            q = _prev_non_ws(atoms, i)
            if q is not None and atoms[q].kind == _SIGN and atoms[q].text in _SIGN_WORDS:
                sign, first = Decimal(-1), q
        idx = [i]
        j = i + 1
        while j < n:
            b = atoms[j]
            if b.kind == _WS:
                j += 1
                continue
            if _is_numeric_atom(b):
                idx.append(j)
                j += 1
                continue
            if b.kind == _DOT and atoms[idx[-1]].kind == _LEX and _starts_fraction(atoms, j):
                idx.append(j)
                j += 1
                continue
            break
        runs.append((idx, sign, first))
        i = idx[-1] + 1

    if not runs:
        return NumberError.NOT_A_NUMBER
    # Latin letters glued to digits ("2k", "1e5", "x25"): not a number we can read.
    for j in range(n - 1):
        if {atoms[j].kind, atoms[j + 1].kind} == {_LATIN, _NUM}:
            return NumberError.NOT_A_NUMBER
    if len(runs) > 1:
        return NumberError.TWO_NUMBERS

    idx, sign, first = runs[0]
    try:
        found = _parse_run(atoms, idx, sign)
    except _Reject:
        return NumberError.NOT_A_NUMBER
    if len(found) > 1:
        return NumberError.TWO_NUMBERS
    if rejected:
        return NumberError.NOT_A_NUMBER
    num = found[0]
    last = idx[-1]

    after = last + 1 if last + 1 < n else None
    if after is not None and atoms[after].kind == _REPEAT:  # "สิบๆ" = "tens of"
        return NumberError.NOT_A_NUMBER

    # "เป็นร้อย" / "นับพัน" / "หลักหมื่น" = an order of magnitude, not a value.
    pv = _prev_non_ws(atoms, first)
    if num.bare_power_start and pv is not None:
        if atoms[pv].kind == _WORD and atoms[pv].text in _VAGUE_BEFORE_BARE_POWER:
            return NumberError.NOT_A_NUMBER

    # Unit word: right after the number, else a leading one ("ระดับที่ 3").
    unit: str | None = None
    nx = _next_non_ws(atoms, last)
    if nx is not None and atoms[nx].kind in (_WORD, _DOT) and atoms[nx].text in _UNIT_WORDS:
        unit = atoms[nx].text
    else:
        before = pv
        while before is not None and atoms[before].kind == _WORD and atoms[before].text == "ที่":
            before = _prev_non_ws(atoms, before)
        if before is not None and atoms[before].kind == _WORD and atoms[before].text in _LEADING_UNIT_WORDS:
            unit = atoms[before].text

    return _ok(num.value, is_percent, unit)


# ---------------------------------------------------------------------------
# Pass / fail answers
# ---------------------------------------------------------------------------

_PASS_WORDS = {
    "ผ่าน",
    "ผ่านแล้ว",
    "ผ่านเกณฑ์",
    "สำเร็จ",
    "สำเร็จแล้ว",
    "ดำเนินการแล้ว",
    "ดำเนินการเรียบร้อย",
    "ดำเนินการเรียบร้อยแล้ว",
    "ดำเนินการเสร็จแล้ว",
    "ทำแล้ว",
    "เสร็จแล้ว",
    "เรียบร้อยแล้ว",
    "ใช่",
    "1",
    "yes",
    "y",
    "pass",
    "passed",
    "✓",
    "✔",
    "✅",
}
_FAIL_WORDS = {
    "ไม่ผ่าน",
    "ไม่ผ่านเกณฑ์",
    "ไม่สำเร็จ",
    "ยังไม่สำเร็จ",
    "ยังไม่ดำเนินการ",
    "ไม่ได้ดำเนินการ",
    "ยังไม่ได้ดำเนินการ",
    "ไม่ดำเนินการ",
    "ยังไม่ทำ",
    "ยังไม่ได้ทำ",
    "ไม่ได้ทำ",
    "ยังไม่เสร็จ",
    "ไม่เสร็จ",
    "ไม่ใช่",
    "ไม่",
    "ยัง",
    "ยังไม่",
    "0",
    "no",
    "n",
    "fail",
    "failed",
    "✗",
    "✘",
    "❌",
}
_PASS_FAIL_SUFFIXES = tuple(
    sorted(
        {"ค่ะ", "คะ", "ค่า", "ครับ", "คับ", "ครับผม", "ฮะ", "นะ", "นะคะ", "นะครับ", "จ้า", "จ้ะ"},
        key=len,
        reverse=True,
    )
)
_PASS_FAIL_STRIP_RE = re.compile(r"[\s.,!~…ๆ]+")


def parse_pass_fail(text: str) -> bool | None:
    """ "ผ่าน"/"สำเร็จ"/"ดำเนินการแล้ว"/"ใช่"/"1" -> True; the negatives -> False; else None."""
    if not isinstance(text, str):
        return None
    s = _PASS_FAIL_STRIP_RE.sub("", _normalise(text)).lower()
    s = s.replace("\ufe0f", "")  # emoji variation selector
    changed = True
    while changed and s:
        changed = False
        for suffix in _PASS_FAIL_SUFFIXES:
            if s.endswith(suffix) and len(s) > len(suffix):
                s = s[: -len(suffix)]
                changed = True
                break
    if s.startswith("ผล") and len(s) > 2:
        s = s[2:]
    if s in _PASS_WORDS:
        return True
    if s in _FAIL_WORDS:
        return False
    return None
