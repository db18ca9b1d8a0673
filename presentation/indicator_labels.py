"""Button labels for a list of sibling indicators that can be told apart in 20 characters.

Pure. "1. P07/1 ร้อยละของ…" and "2. P07/2 ร้อยละของ…" said nothing: a label carries the words that
differ. The words every sibling starts with ("ร้อยละของ", "จำนวน") go, and so does the longest
run of words a name shares with another sibling at its start ("จำนวนผู้ประกันตน" of "…มาตรา 33"
and "…ตามมาตรา 40"); words are cut with pythainlp's tokenizer so no word is split.
"""

from __future__ import annotations

from functools import lru_cache

from kpi.thai import thai_words

MAX_LABEL = 20
#: Openings that say only what kind of figure it is: dropped when every sibling has them, or
#: when a name would not fit its label anyway.
GENERIC_OPENINGS = ("ร้อยละของ", "ร้อยละ", "จำนวน", "ระดับ")
#: Words a name cannot start with once the words before them are gone ("ของนายจ้าง…").
BOUND_WORDS = ("ของ", "ที่", "ใน", "และ", "ให้")


@lru_cache(maxsize=1024)
def _words(name: str) -> tuple[str, ...]:
    return tuple(thai_words(name, keep_whitespace=True))


@lru_cache(maxsize=1024)
def _boundaries(name: str) -> frozenset[int]:
    ends, at = {0}, 0
    for word in _words(name):
        at += len(word)
        ends.add(at)
    return frozenset(ends)


def _shared_opening(a: str, b: str) -> int:
    """How many characters of `a` it shares with `b` at the start, back to a word boundary of
    either (so "ผู้ประกันตน" and "ผู้ป่วย" share nothing)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    if n == len(a):
        return 0  # `a` is all opening: keep it whole
    ends = _boundaries(a) | _boundaries(b)
    while n > 0 and n not in ends:
        n -= 1
    return n


def _without(name: str, opening: str) -> str:
    rest = name[len(opening) :].strip()
    for word in BOUND_WORDS:
        if rest.startswith(word) and len(rest) > len(word) and len(_words(rest)[0]) == len(word):
            return rest[len(word) :].strip()
    return rest


def _generic_opening(name: str) -> str | None:
    return next((o for o in GENERIC_OPENINGS if name.startswith(o) and name[len(o) :].strip()), None)


def distinct_names(names: list[str], room: int = MAX_LABEL) -> list[str]:
    """Each name without the openings it shares with its siblings or that only say the kind,
    as far as `room` characters need (whole when nothing would be left)."""
    names = [" ".join(n.split()) for n in names]
    if len(names) > 1 and all(_generic_opening(n) for n in names) and len({_generic_opening(n) for n in names}) == 1:
        names = [_without(n, _generic_opening(n)) for n in names]
    for _ in GENERIC_OPENINGS:  # "ร้อยละของจำนวนข้อร้องเรียน…" → "ข้อร้องเรียน…"
        names = [_without(n, _generic_opening(n)) if len(n) > room and _generic_opening(n) else n for n in names]
    out = []
    for i, own in enumerate(names):
        shared = max((_shared_opening(own, other) for j, other in enumerate(names) if j != i), default=0)
        out.append(_without(own, own[:shared]) if shared else own)
    return [o or n for o, n in zip(out, names)]


def cut(text: str, limit: int = MAX_LABEL) -> str:
    """At most `limit` characters, cut between words (with "…") where possible."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for word in _words(text):
        if len(kept) + len(word) > limit - 1:
            break
        kept += word
    kept = kept.rstrip() or text[: limit - 1]
    return kept + "…"


def indicator_labels(numbered: list[tuple[int, str]]) -> list[str]:
    """'4. ตามมาตรา 40' for each (number, name) of the siblings shown together."""
    return list(_labels(tuple(numbered)))


@lru_cache(maxsize=1024)  # officers of a unit see the same lists, message after message
def _labels(numbered: tuple[tuple[int, str], ...]) -> tuple[str, ...]:
    room = MAX_LABEL - len(f"{max((n for n, _ in numbered), default=1)}. ")
    shorts = distinct_names([name for _, name in numbered], room)
    return tuple(cut(f"{n}. {short}") for (n, _), short in zip(numbered, shorts))
