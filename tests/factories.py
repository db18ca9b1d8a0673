"""Small builders of plan data for tests (the import itself is tested on the real files)."""

from __future__ import annotations

from decimal import Decimal

from models import Indicator, MonthlyTarget, Officer, Project, Responsibility, Unit

UTHAI = "สำนักงานประกันสังคมจังหวัดอุทัยธานี"


def unit(session, name: str = UTHAI, unit_type: str = "provincial") -> Unit:
    found = session.query(Unit).filter_by(name=name).one_or_none()
    if found:
        return found
    u = Unit(name=name, unit_type=unit_type)
    session.add(u)
    session.flush()
    return u


def indicator(
    session,
    u: Unit,
    code: str,
    number: int,
    name: str,
    uom: str,
    kind: str,
    targets: list,
    weight: int = 100,
    year_be: int = 2569,
    max_level: int | None = None,
    higher_is_better: bool = True,
) -> Indicator:
    project = session.query(Project).filter_by(unit_id=u.id, year_be=year_be, code=code).one_or_none()
    if project is None:
        project = Project(unit_id=u.id, year_be=year_be, code=code, name=f"โครงการ {code}")
        session.add(project)
        session.flush()
    ind = Indicator(
        project_id=project.id,
        number=number,
        name=name,
        weight_pct=Decimal(weight),
        unit_of_measure=uom,
        kind=kind,
        max_level=max_level,
        higher_is_better=higher_is_better,
    )
    ind.targets = [MonthlyTarget(month=m, value=Decimal(str(v))) for m, v in enumerate(targets, start=1)]
    session.add(ind)
    session.flush()
    return ind


def officer(
    session,
    key: str,
    u: Unit,
    role: str = "officer",
    line_user_id: str | None = None,
    indicators: list[Indicator] = (),
    name: str | None = None,
    active: bool = True,
) -> Officer:
    o = Officer(
        key=key,
        display_name=name or f"เจ้าหน้าที่ {key}",
        unit_id=u.id,
        role=role,
        line_user_id=line_user_id,
        active=active,
    )
    session.add(o)
    session.flush()
    for ind in indicators:
        session.add(Responsibility(officer_id=o.id, indicator_id=ind.id))
    session.flush()
    return o


def month_targets(**months) -> list:
    """month_targets(oct=10, nov=5) → 12 targets with zeros elsewhere."""
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return [months.get(n, 0) for n in names]


def seed_reporter(db, user_id: str = "Uofficer1"):
    """One bound officer with a count, a percentage, a level and a pass/fail indicator due in October."""
    with db.transaction() as s:
        u = unit(s)
        inds = [
            indicator(
                s, u, "P01", 1, "จำนวนผู้ประกันตนที่ได้รับการเยี่ยม", "ราย", "count", month_targets(oct=10, nov=0, dec=10)
            ),
            indicator(
                s,
                u,
                "P07",
                1,
                "ร้อยละของผู้ประกันตนส่งเงินสมทบผ่านอินเทอร์เน็ต",
                "ร้อยละ",
                "pct_cum",
                [76, 76, 78, 78, 84, 84, 84, 84, 84, 84, 84, 84],
                weight=50,
            ),
            indicator(
                s,
                u,
                "P07",
                2,
                "ระดับความสำเร็จของการจัดการความรู้",
                "ระดับ",
                "level",
                month_targets(oct=3, dec=5),
                weight=50,
                max_level=5,
            ),
            indicator(s, u, "P09", 1, "ความสำเร็จในการปิดงบการเงิน", "ครั้ง", "pass_fail", month_targets(oct=1)),
        ]
        o = officer(s, "o1", u, line_user_id=user_id, indicators=inds, name="สมชาย ใจดี")
        return o.id, [i.id for i in inds]


def budget(session, u: Unit, code: str, allocation, monthly: list | None = None, year_be: int = 2569) -> Project:
    """Give a project of the unit a budget: one line of its whole allocation (baht) and,
    optionally, its month-by-month plan (January first)."""
    from kpi.budget_categories import TOTAL
    from models import BudgetLine

    project = session.query(Project).filter_by(unit_id=u.id, year_be=year_be, code=code).one()
    session.add(
        BudgetLine(
            project_id=project.id,
            category=TOTAL,
            total_baht=Decimal(str(allocation)),
            monthly_plan=[str(m) for m in monthly] if monthly is not None else None,
        )
    )
    project.budget_baht = Decimal(str(allocation))
    session.flush()
    return project
