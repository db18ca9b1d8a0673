"""Thai script helpers shared by chat input, plan files and codes."""

from __future__ import annotations

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def arabic_digits(text: str) -> str:
    """'๑,๒๕๐' → '1,250'."""
    return text.translate(_THAI_DIGITS)


def thai_words(text: str, keep_whitespace: bool = False) -> list[str]:
    """Words of Thai text by pythainlp's dictionary tokenizer (newmm), loaded on first use."""
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine="newmm", keep_whitespace=keep_whitespace)
