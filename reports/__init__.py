"""The quarterly evaluation report (การประเมินผลตามแผนปฏิบัติราชการ), built from what officers report.
Application layer (README, Layout): imports files, models, presentation and kpi, never the edges.

gather.py       reads the plan year from the database (models queries): projects with
                their place in the plan, indicators, targets and values
compose.py      pure: the report's content in the seed's order, rated by kpi.rating
texts.py        the report's Thai wording (as the Policy and Planning Division prints it)
render_json.py  the content as data (the shape of issue 12)
render_docx.py  the Word document the division edits (python-docx)
render_xlsx.py  the same tables, one sheet per fund (openpyxl, text kept text)
build.py        what the CLI and the dashboard call: checks the request, gathers, composes
"""
