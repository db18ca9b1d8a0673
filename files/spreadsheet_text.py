"""Text the bot writes into a spreadsheet or a CSV file stays text: no formula injection.

Officers' notes and plan names (units, projects, indicators, units of measure) come from people
and files, and a text starting with =, +, -, @, a tab or a carriage return is run as a formula
by Excel and LibreOffice when a CSV is opened, and by openpyxl's own guess when it is given to a
cell ("=HYPERLINK(…)" would become a live link sending the sheet's data away). Every export
goes through this module (OWASP, "CSV Injection"):

* CSV: such a text gets a leading apostrophe, which the spreadsheet shows as text
  (`safe_csv_text`, `write_csv`); the plan reader takes it off again (`unescape_csv_text`), so
  an exported plan imports back unchanged.
* XLSX: every text cell is stored as a string (`save_workbook`), the officer's words intact.

Numbers stay numbers: a plain number ("-5", "+66", "12.5") cannot carry a formula and is left
as it is, and a cell holding a number is not touched. Pure: no Flask, no database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook

#: Leading characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = frozenset("=+-@\t\r")
#: What a figure looks like (files.plan_file.format_number writes these): never a formula.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_QUOTE = "'"
_CRLF = "\r\n"


def reads_as_formula(text: str) -> bool:
    """True when a spreadsheet would evaluate this text instead of showing it."""
    return text[:1] in FORMULA_STARTS and _PLAIN_NUMBER.fullmatch(text) is None


def safe_csv_text(value: Any) -> Any:
    """The value as a CSV field that opens as the same text: a leading apostrophe before a
    formula's first character; anything else (numbers, other text, None) unchanged."""
    if isinstance(value, str) and reads_as_formula(value):
        return _QUOTE + value
    return value


def unescape_csv_text(text: str) -> str:
    """The inverse of safe_csv_text for a field read back from a CSV file."""
    if text.startswith(_QUOTE) and reads_as_formula(text[1:]):
        return text[1:]
    return text


def write_csv(stream: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """CSV with the column keys as header, one line per row ending in a line feed (missing keys
    are empty), every field made safe.

    A field holding a carriage return is quoted like one holding a line feed. Python 3.11's
    writer quotes only the line terminator's characters, and a spreadsheet starts a new row at
    a bare CR, whose first cell would escape safe_csv_text. So each line is written ending in
    CR LF, then stored ending in LF alone."""
    line = io.StringIO()
    writer = csv.DictWriter(line, fieldnames=columns, lineterminator=_CRLF)
    for row in chain([dict(zip(columns, columns))], rows):
        writer.writerow({key: safe_csv_text(value) for key, value in row.items()})
        stream.write(line.getvalue()[: -len(_CRLF)] + "\n")
        line.seek(0)
        line.truncate()


def store_text_as_text(book: Workbook) -> None:
    """Mark every text cell of an openpyxl workbook a string. openpyxl turns a text starting
    with "=" into a formula and "#N/A" and the like into error values; the bot writes neither."""
    for sheet in book.worksheets:
        # The cells written so far (openpyxl 3.1's own map): iter_rows() would create the
        # empty ones too, and the file would gain empty <row> elements.
        for cell in sheet._cells.values():
            if isinstance(cell.value, str):
                cell.data_type = "s"


def save_workbook(book: Workbook, out: str | Path | IO[bytes]) -> None:
    """Save an openpyxl workbook the bot wrote, its text cells stored as text."""
    store_text_as_text(book)
    book.save(out)
