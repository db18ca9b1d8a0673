"""Thai script helpers shared by chat input, plan files and codes."""

from __future__ import annotations

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def arabic_digits(text: str) -> str:
    """'๑,๒๕๐' → '1,250'."""
    return text.translate(_THAI_DIGITS)
