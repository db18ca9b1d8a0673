"""Files in and out, above the store: plan, results and officers imports (CSV/XLSX read with
openpyxl) and the CSV/XLSX exports."""

import os

# python-docx (the evaluation report) brings lxml, and openpyxl switches its XML writer to lxml
# whenever it is installed: Thai then goes out as character references (&#3626; …), a sheet's
# XML grows by half and a file near files.xlsx_guard's unpacked-size limit no longer fits, and a
# carriage return reads back differently. Keep openpyxl on the writer it always used. openpyxl
# reads the switch once, when first imported: every use of openpyxl is in files/ (or reaches it
# through files/, like reports/render_xlsx.py), so this package is imported first.
# Not a setting of this bot (nothing is read): openpyxl's module-level switch has no other handle.
os.environ.setdefault("OPENPYXL_LXML", "False")  # noqa: TID251
