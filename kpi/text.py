"""Text as it may be stored: what users and files send, made safe for every database."""

from __future__ import annotations

import re

#: NUL, which PostgreSQL's text columns refuse, and lone UTF-16 surrogates (valid in JSON,
#: never in UTF-8), which no database can encode.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str) -> str:
    """The text without NULs, and with U+FFFD for a lone surrogate; the rest untouched."""
    return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", text)


def parse_int(text: object) -> int | None:
    """A whole number written in text (button data, a typed "3", a query parameter), else None."""
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return None
