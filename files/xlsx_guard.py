"""An .xlsx file checked before openpyxl reads it, so a hostile one costs milliseconds.

An .xlsx is a zip of XML. openpyxl keeps the whole shared-strings table in memory (a 700 KB
upload of 17 million one-letter strings took 930 MB) and, in read-only mode, trusts the sheet's
declared size: `<dimension ref="A1:XFD1048576"/>` made it hand out a million rows of 16,384
cells each (a 1.9 KB file ran for minutes). So before openpyxl opens the file its archive is
checked (members, each one's and the total uncompressed size, the compression ratio; Python's
zipfile never inflates past the declared size), then the first sheet's declared rows, and the
rows read are bounded (files.plan_file). Every plan, officers or results file the bot reads is
far smaller than these limits.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

#: A workbook from Excel has about 10–20 parts; one with many sheets a few dozen.
MAX_MEMBERS = 200
#: Uncompressed XML: a 10,000-row plan sheet written by openpyxl (text inline) is about 13 MB;
#: Excel's, its text in the shared strings, less.
MAX_MEMBER_BYTES = 16 * 1024 * 1024
MAX_TOTAL_BYTES = 32 * 1024 * 1024
#: Spreadsheet XML deflates 5–30 times; a zip bomb about 1,000 times. Only parts over
#: RATIO_FROM bytes are judged (a tiny part may compress oddly well without harm).
MAX_RATIO = 100
RATIO_FROM = 1024 * 1024
#: Rows (header included) and columns read from the first sheet: more than any plan, officers
#: or results file needs; a file declaring more rows is refused, columns past these ignored.
MAX_ROWS = 10_000
MAX_COLUMNS = 64
#: Distinct texts of the workbook (shared strings), each costing openpyxl memory and time
#: however short: ten a row for the rows above.
MAX_SHARED_STRINGS = 10 * MAX_ROWS


class XlsxRefused(ValueError):
    """The file is not read; str() is the Thai reason."""


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_archive(path: Path) -> None:
    """Raise XlsxRefused when the zip is not one, or too big once uncompressed."""
    try:
        with zipfile.ZipFile(path) as archive:
            _check_sizes(archive.infolist())
            _check_shared_strings(archive)
    except XlsxRefused:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, KeyError, SyntaxError):
        raise XlsxRefused("อ่านไฟล์ Excel ไม่ได้ (ไม่ใช่ไฟล์ .xlsx หรือไฟล์เสียหาย)") from None


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise XlsxRefused(
            f"ไฟล์ Excel มีส่วนประกอบ {len(members):,} ส่วน เกินกว่าที่รับได้ "
            f"({MAX_MEMBERS:,} ส่วน) — กรุณาบันทึกเฉพาะแผ่นงานที่ใช้เป็นไฟล์ใหม่"
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise XlsxRefused(
                f"ไฟล์ Excel ใหญ่เกินไปเมื่อคลายการบีบอัด (เกิน "
                f"{_mb(MAX_MEMBER_BYTES if size > MAX_MEMBER_BYTES else MAX_TOTAL_BYTES)}) "
                "— กรุณาแบ่งไฟล์ หรือบันทึกเป็น CSV"
            )
        if size > RATIO_FROM and size > MAX_RATIO * max(member.compress_size, 1):
            raise XlsxRefused(
                f"ไฟล์ Excel ถูกบีบอัดผิดปกติ (ส่วน {member.filename[:60]} ขยายได้ "
                f"{size // max(member.compress_size, 1):,} เท่า) จึงไม่อ่านไฟล์นี้"
            )


def _check_shared_strings(archive: zipfile.ZipFile) -> None:
    """Count the shared strings as openpyxl would find them (the content types name the part),
    stopping at the limit: openpyxl reads them all into a list before any row is read."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS, SHEET_MAIN_NS
    from openpyxl.xml.functions import fromstring, iterparse

    part = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
    if part is None:
        return
    tag, count = f"{{{SHEET_MAIN_NS}}}si", 0
    with archive.open(part.PartName[1:]) as source:
        for _, node in iterparse(source):
            if node.tag == tag:
                count += 1
                if count > MAX_SHARED_STRINGS:
                    raise XlsxRefused(
                        f"ไฟล์ Excel มีข้อความต่างกันเกิน {MAX_SHARED_STRINGS:,} ข้อความ "
                        "เกินกว่าที่ไฟล์แผนจะมีได้ — กรุณาแบ่งไฟล์ หรือบันทึกเป็น CSV"
                    )
                node.clear()


def check_declared_rows(max_row: int | None) -> None:
    """Raise XlsxRefused when the sheet declares (`<dimension>`) more rows than may be read."""
    if max_row is not None and max_row > MAX_ROWS:
        raise XlsxRefused(too_many_rows(max_row))


def too_many_rows(declared: int | None = None) -> str:
    stated = f" แต่ไฟล์ระบุไว้ {declared:,} แถว" if declared else ""
    return f"แผ่นงานแรกมีแถวมากเกินกว่าที่รับได้ (ไม่เกิน {MAX_ROWS:,} แถวรวมหัวตาราง{stated}) — กรุณาลบแถวว่างท้ายตาราง หรือแบ่งไฟล์"
