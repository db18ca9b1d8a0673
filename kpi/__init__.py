"""Domain rules of SSO action-plan reporting: pure functions, no I/O."""

import os

# python-docx (the evaluation report) brings lxml, and openpyxl switches its XML writer to lxml
# whenever it is installed: Thai then goes out as character references (&#3626; …), a sheet's
# XML grows by half and a file near kpi.xlsx_guard's unpacked-size limit no longer fits, and a
# carriage return reads back differently. Keep openpyxl on the writer it always used (read
# when openpyxl is first imported; every entry point imports kpi before it).
os.environ.setdefault("OPENPYXL_LXML", "False")
