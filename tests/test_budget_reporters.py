"""Who reports each project's disbursement: the officers file's budget_projects column, else
the project's first officer (models.budget_queries.budget_reporters, the one rule)."""

from __future__ import annotations

from sqlalchemy import select

from models import BudgetResponsibility, Officer, Project
from models.budget_queries import budget_reporters, officer_budgets
from tests.test_officers_import import OFFICERS, planned, write  # noqa: F401 (fixture)
from tests.test_plan_import import UTHAI, run

from .factories import budget, indicator, month_targets, officer, unit


def named(app) -> dict[str, list[str]]:
    with app.extensions["db"].transaction() as s:
        rows = s.execute(
            select(Officer.key, Project.code)
            .join(BudgetResponsibility, BudgetResponsibility.officer_id == Officer.id)
            .join(Project, Project.id == BudgetResponsibility.project_id)
            .order_by(Officer.key, Project.code)
        ).all()
    result: dict[str, list[str]] = {}
    for key, code in rows:
        result.setdefault(key, []).append(code)
    return result


def test_the_first_officer_reports_unless_someone_is_named(db):
    with db.transaction() as s:
        u = unit(s)
        p1_2 = indicator(s, u, "P01", 2, "ข", "ราย", "count", month_targets(oct=1))
        p1_1 = indicator(s, u, "P01", 1, "ก", "ราย", "count", month_targets(oct=1))
        p2_1 = indicator(s, u, "P02", 1, "ค", "ราย", "count", month_targets(oct=1))
        a = officer(s, "a", u, indicators=[p1_2, p2_1])
        b = officer(s, "b", u, indicators=[p1_1])
        c = officer(s, "c", u, indicators=[p1_1, p2_1])  # ties with b on P01/1, a on P02/1
        projects = {p.code: p.id for p in s.scalars(select(Project))}
        # P01: b holds its lowest-numbered indicator (and has the lower id of b and c)
        assert sorted(budget_reporters(s, 2569)) == sorted([(b.id, projects["P01"]), (a.id, projects["P02"])])
        s.add(BudgetResponsibility(officer_id=c.id, project_id=projects["P01"]))
        s.flush()
        assert sorted(budget_reporters(s, 2569)) == sorted([(c.id, projects["P01"]), (a.id, projects["P02"])])
        assert budget_reporters(s, 2569, officer_ids=[b.id]) == []
        c.active = False  # the one named left: the first officer again
        s.flush()
        assert sorted(budget_reporters(s, 2569)) == sorted([(b.id, projects["P01"]), (a.id, projects["P02"])])
        assert budget_reporters(s, 2570) == []


def test_only_projects_with_a_budget_are_owed(db):
    with db.transaction() as s:
        u = unit(s)
        inds = [indicator(s, u, code, 1, "ก", "ราย", "count", month_targets(oct=1)) for code in ("P01", "P02", "P03")]
        o = officer(s, "a", u, indicators=inds)
        budget(s, u, "P01", 500_000)
        budget(s, u, "P02", 0)  # ไม่มีงบประมาณ; P03: budget not given
        views = officer_budgets(s, 2569, unit_ids=[u.id])
        assert [b.project_code for b in views[o.id]] == ["P01"]


def test_the_officers_file_names_who_reports_which_budget(planned, tmp_path):  # noqa: F811
    rows = [r + [""] for r in OFFICERS]
    rows[0][-1] = "โครงการที่รายงานการเบิกจ่าย"  # the Thai header
    rows[1][-1] = "P07, p01"
    result = run(planned, "import-officers", write(tmp_path / "o.csv", rows))
    assert result.exit_code == 0, result.output
    assert "โครงการที่รายงานการเบิกจ่าย 2" in result.output
    assert named(planned) == {"somchai": ["P01", "P07"]}
    rows[1][-1] = "P07"
    assert run(planned, "import-officers", write(tmp_path / "o.csv", rows)).exit_code == 0
    assert named(planned) == {"somchai": ["P07"]}
    # a file without the column leaves who reports budgets as it was
    assert run(planned, "import-officers", write(tmp_path / "old.csv", OFFICERS)).exit_code == 0
    assert named(planned) == {"somchai": ["P07"]}


def test_an_unknown_project_or_a_supervisor_is_refused_with_its_line(planned, tmp_path):  # noqa: F811
    rows = [r + [""] for r in OFFICERS]
    rows[0][-1] = "budget_projects"
    rows[2][-1] = "P99"
    result = run(planned, "import-officers", write(tmp_path / "o.csv", rows))
    assert result.exit_code != 0 and "บรรทัด 3" in result.output and "ไม่พบโครงการ P99" in result.output
    rows[2][-1], rows[3][-1] = "", "P01"
    result = run(planned, "import-officers", write(tmp_path / "o.csv", rows))
    assert result.exit_code != 0 and "supervisor ไม่ต้องระบุโครงการ" in result.output
    assert named(planned) == {}


def test_a_project_named_without_a_budget_is_a_warning(planned, tmp_path):  # noqa: F811
    rows = [r + [""] for r in OFFICERS]
    rows[0][-1] = "budget_projects"
    rows[1][-1] = "P01"
    result = run(planned, "import-officers", write(tmp_path / "o.csv", rows))
    assert result.exit_code == 0 and "ยังไม่มีงบประมาณในแผน" in result.output
    assert UTHAI in rows[1]
