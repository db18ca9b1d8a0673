"""The one table of what an officer can ask for in words, and a matcher for short requests.

Each intent has the command it stands for (what its buttons and the rich menu send), the exact
words that are that command in any state, the phrases that say the same in other words, and the
line the help text and the rich menu show. handlers.texts takes the commands' words from here,
the help text its command list, the rich menu its tiles; `recognise` reads a short message typed
while nothing is under way.

`recognise` is pure: pythainlp's word tokenizer (newmm) cuts the message into words, a word that
glues one of the table's words to another dictionary word is cut in two ("ส่งตัว|ชี้|วัด" →
"ส่ง|ตัว|ชี้|วัด", "ช่วยด้วย" → "ช่วย|ด้วย"), the politeness particles are dropped, and the first
intent in table order with a phrase in the message wins, the `first` phrases of every intent
before the others. A phrase is words joined by "+": each must start and end on a word boundary,
in that order, with anything between them ("ขอส่งผลงานเดือนนี้ค่ะ" has ส่ง+ผลงาน). The order
settles overlaps: ส่งเตือน is a nudge before ส่ง… is a report, แก้ไขผลที่ส่งแล้ว an edit, ส่งครบหรือยัง
a status question, รายงานผลการดำเนินงาน a report before ผลการดำเนินงาน asks for status. Only short
messages are read (a long one is talk, not a request).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kpi.numbers import POLITE_PARTICLES
from kpi.thai import thai_words


@dataclass(frozen=True)
class Intent:
    key: str
    command: str  # the text it stands for (buttons and the rich menu send it)
    words: tuple[str, ...]  # exact commands, in any state
    phrases: tuple[str, ...] = ()  # other ways to say it, recognised in idle ("ส่ง+ผลงาน")
    help: str | None = None  # its line in the help text and the menu
    menu: tuple[str, str] | None = None  # rich-menu tile: label, caption
    first: tuple[str, ...] = ()  # phrases that win over every intent's ordinary phrases


def _report_phrases() -> tuple[str, ...]:
    verbs = ("ส่ง", "กรอก", "บันทึก", "รายงาน", "แจ้ง", "ใส่", "คีย์", "อัพเดท", "อัปเดต", "ลง")
    things = ("ผล", "ผลงาน", "ข้อมูล", "ตัวชี้วัด", "kpi", "ยอด", "ตัวเลข", "งาน", "รายงาน")
    return tuple(f"{v}+{t}" for v in verbs for t in things if v != t) + ("รายงาน", "ส่งผล", "ส่งงาน")


INTENTS: tuple[Intent, ...] = (
    Intent(
        "nudge",
        "ส่งเตือน",
        ("ส่งเตือน", "เตือนทุกคน", "nudge"),
        (),
        "ส่งเตือน – (หัวหน้า) เตือนผู้ที่ยังไม่ส่งผล",
        first=("ส่ง+เตือน", "เตือน+ทุกคน", "เตือน+เจ้าหน้าที่", "เตือน+ลูกน้อง", "เตือน+คน", "ช่วย+เตือน", "ตาม+งาน"),
    ),
    Intent(
        "snooze",
        "เตือนพรุ่งนี้",
        ("เตือนพรุ่งนี้", "เตือนวันพรุ่งนี้", "snooze"),
        first=("เตือน+พรุ่งนี้", "พรุ่งนี้+เตือน", "งด+เตือน", "เลื่อน+เตือน", "ยัง+ไม่+ต้อง+เตือน", "เตือน+ทีหลัง"),
    ),
    Intent("cancel", "ยกเลิก", ("ยกเลิก", "cancel", "เลิก"), ("ยกเลิก", "ไม่+เอา+แล้ว", "หยุด"), "ยกเลิก – เลิกทำรายการที่ค้างอยู่"),
    Intent(
        "edit",
        "แก้ไข",
        ("แก้ไข", "แก้ไขผล", "edit"),
        (),
        "แก้ไข – แก้ไขผลที่ส่งแล้ว",
        ("แก้ไข", "แก้ผลที่ส่งแล้ว"),
        first=("แก้", "แก้ไข", "เปลี่ยน+ตัวเลข", "เปลี่ยน+ผล", "ส่ง+ผิด", "พิมพ์+ผิด", "กรอก+ผิด", "ใส่+ผิด"),
    ),
    Intent(
        "other_month",
        "เลือกเดือนอื่น",
        ("เดือนอื่น", "เลือกเดือน", "เลือกเดือนอื่น"),
        ("เดือน+อื่น", "เดือน+ก่อน", "ย้อนหลัง", "เดือน+ที่แล้ว"),
        "เลือกเดือนอื่น – ส่งผลของเดือนก่อน ๆ",
    ),
    Intent(
        "report",
        "รายงาน",
        ("รายงาน", "ส่งผล", "รายงานผล", "report"),
        _report_phrases(),
        "รายงาน – ส่งผลตัวชี้วัดประจำเดือน",
        ("รายงานผล", "ส่งผลประจำเดือน"),
    ),
    Intent(
        "status",
        "สถานะ",
        ("สถานะ", "ดูสถานะ", "status"),
        (
            "สถานะ",
            "สรุป",
            "ความคืบหน้า",
            "คืบหน้า",
            "ถึง+ไหน",
            "ผล+เป็น+ยังไง",
            "ผล+เป็น+อย่างไร",
            "ดู+ผล",
            "ผล+การ+ดำเนินงาน",
            "ผลงาน+ของ",
        ),
        "สถานะ – ดูผลและการส่งงาน",
        ("สถานะ", "ผลและการส่งงาน"),
        first=("ส่ง+ครบ", "ครบ+หรือยัง", "ครบ+ยัง", "ครบ+ไหม", "ครบ+มั้ย", "ค้าง+อะไร", "ค้าง+ส่ง", "เหลือ+อะไร"),
    ),
    Intent(
        "dashboard",
        "แดชบอร์ด",
        ("แดชบอร์ด", "แดชบอด", "dashboard", "เข้าแดชบอร์ด"),
        ("แดชบอร์ด", "แดชบอด", "แดช+บอร์ด", "dashboard", "หน้า+เว็บ", "เว็บ"),
        "แดชบอร์ด – (หัวหน้า/กองแผน) ลิงก์เข้าแดชบอร์ด",
        ("แดชบอร์ด", "ภาพรวมตัวชี้วัด"),
    ),
    Intent(
        "chart", "กราฟ", ("กราฟ", "ดูกราฟ", "chart", "graph"), ("กราฟ", "แผนภูมิ", "chart", "graph"), "กราฟ – ดูกราฟตัวชี้วัด"
    ),
    Intent(
        "help",
        "ช่วยเหลือ",
        ("ช่วยเหลือ", "help", "วิธีใช้", "?"),
        (
            "ช่วยเหลือ",
            "วิธี+ใช้",
            "ใช้+ยังไง",
            "ใช้+อย่างไร",
            "ใช้+ไง",
            "ทำ+ยังไง",
            "ทำ+อย่างไร",
            "คู่มือ",
            "ช่วย+ด้วย",
            "งง",
            "ไม่+เข้าใจ",
            "สอน",
            "แนะนำ",
            "help",
        ),
        "ช่วยเหลือ – วิธีใช้",
        ("ช่วยเหลือ", "วิธีใช้"),
    ),
    Intent("menu", "เมนู", ("เมนู", "menu"), ("เมนู", "menu")),
    Intent(
        "thanks", "ขอบคุณ", ("ขอบคุณ", "ขอบใจ", "thanks", "thank you"), ("ขอบคุณ", "ขอบใจ", "thank", "thanks", "ขอบพระคุณ")
    ),
    Intent("greeting", "สวัสดี", ("สวัสดี", "หวัดดี", "hi", "hello"), ("สวัสดี", "หวัดดี", "hello", "hi", "อรุณสวัสดิ์")),
)
BY_KEY = {intent.key: intent for intent in INTENTS}
#: (intent, phrase) in the order they are tried.
_PHRASES = [(i, p) for i in INTENTS for p in i.first] + [(i, p) for i in INTENTS for p in i.phrases]
#: The table's own words, which the tokenizer must not hide inside longer ones.
_TABLE_WORDS = sorted({part for _, p in _PHRASES for part in p.split("+") if len(part) > 1}, key=len, reverse=True)
_TABLE_WORDS_SET = frozenset(_TABLE_WORDS)

#: Politeness particles and fillers dropped before matching (they carry no intent).
PARTICLES = POLITE_PARTICLES | {"หน่อย", "ที", "น้า", "นะจ๊ะ", "เถอะ"}
#: A request is short: a long message is talk (or a reason typed at the wrong time).
MAX_CHARS = 60
MAX_WORDS = 10
_NOISE = re.compile(r"^[\s.,!?~…ๆ\"'()\-:;/]+$")


#: Particles that may end a command typed in any state ("ยกเลิกค่ะ", "ยืนยันครับ"): only those no
#: Thai word ends with (not นะ: สถานะ; not ค่า: มูลค่า; not คับ: บังคับ).
_ENDINGS = ("ครับผม", "นะครับ", "นะคะ", "ครับ", "ค่ะ", "คะ", "จ้า", "จ้ะ", "หน่อย")


def strip_particles(words: str) -> str:
    """The words without the politeness particles at their end (never down to nothing)."""
    changed = True
    while changed:
        changed = False
        for ending in _ENDINGS:
            if words.endswith(ending) and words[: -len(ending)].strip():
                words, changed = words[: -len(ending)].rstrip(), True
                break
    return words


def words_of(key: str) -> tuple[str, ...]:
    return BY_KEY[key].words


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words()) | frozenset(_TABLE_WORDS)


@lru_cache(maxsize=4096)
def _unglue(word: str) -> tuple[str, ...]:
    """A word the tokenizer glued from table words and other dictionary words, cut apart
    ("ส่งตัว" → ส่ง|ตัว, "ผลการดำเนินงาน" → ผล|การ|ดำเนินงาน); any other word as it is."""
    if word in _TABLE_WORDS_SET:
        return (word,)
    for part in _TABLE_WORDS:
        if part not in word:
            continue
        if word.startswith(part):
            rest = _unglue(word[len(part) :])
            if all(r in _dictionary() for r in rest):
                return (part, *rest)
        if word.endswith(part):
            rest = _unglue(word[: -len(part)])
            if all(r in _dictionary() for r in rest):
                return (*rest, part)
    return (word,)


def core_words(text: str) -> list[str]:
    """The message's words, without particles, punctuation and spaces."""
    words = thai_words(" ".join(text.lower().split()))
    words = [part for w in words for part in _unglue(w)]
    return [w for w in words if w.strip() and not _NOISE.match(w) and w not in PARTICLES]


def _has_phrase(core: str, ends: set[int], phrase: str) -> bool:
    at = 0
    for part in phrase.split("+"):
        start = core.find(part, at)
        while start != -1 and not (start in ends and start + len(part) in ends):
            start = core.find(part, start + 1)
        if start == -1:
            return False
        at = start + len(part)
    return True


@lru_cache(maxsize=2048)
def recognise(text: str | None) -> Intent | None:
    """The intent of a short message, or None."""
    text = (text or "").strip()
    if not text or len(text) > MAX_CHARS:
        return None
    words = core_words(text)
    if not words or len(words) > MAX_WORDS:
        return None
    core = "".join(words)
    for intent in INTENTS:
        if core in intent.words:
            return intent
    ends, at = {0}, 0
    for w in words:
        at += len(w)
        ends.add(at)
    return next((i for i, p in _PHRASES if _has_phrase(core, ends, p)), None)
