"""Units of the office, officers and how an officer's LINE account gets bound."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy import Boolean, ForeignKey, Integer, String, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from .base import Base, UTCDateTime


class UnitType(str, enum.Enum):
    CENTRAL = "central"  # กอง / สำนัก / ศูนย์ ส่วนกลาง
    BANGKOK_AREA = "bangkok_area"  # สำนักงานประกันสังคมกรุงเทพมหานครเขตพื้นที่
    PROVINCIAL = "provincial"  # สำนักงานประกันสังคมจังหวัด
    BRANCH = "branch"  # สาขา
    GROUPING = "grouping"  # roll-up rows in the plan (ส่วนกลาง, ทั่วประเทศ …)
    EXTERNAL = "external"
    OTHER = "other"


class Role(str, enum.Enum):
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    PLANNER = "planner"


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    unit_type: Mapped[str] = mapped_column(String(20), default=UnitType.OTHER.value)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    abbreviation: Mapped[str | None] = mapped_column(String(200))
    #: Raised in the same transaction as any change to the unit's plan or values
    #: (models/data_versions.py): a roll-up rated at this version is still right.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Raised with data_version, but only by changes to the unit's projects, budget lines and
    #: disbursements: the roll-up cache's budgets are still right while it stays.
    budget_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    parent: Mapped[Unit | None] = relationship(remote_side="Unit.id")


class Officer(Base):
    __tablename__ = "officer"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default=Role.OFFICER.value)
    line_user_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: True after the officer blocked the bot (unfollow); no pushes until they follow again.
    line_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: In every dashboard session cookie; raised by logout and deactivation, which ends every
    #: session begun before (a copied cookie included), not only the one in the browser.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    unit: Mapped[Unit] = relationship()


class HasRoleAndUnit(Protocol):
    """An officer, or any snapshot of one (a reminders' OfficerStatus, a query row)."""

    role: str
    unit_id: int


def unit_children(session: Session) -> dict[int, tuple[int, ...]]:
    """Unit id → the ids of the units directly below it (one query over the unit table)."""
    children: dict[int, list[int]] = {}
    for unit_id, parent_id in session.execute(
        select(Unit.id, Unit.parent_id).where(Unit.parent_id.is_not(None)).order_by(Unit.id)
    ):
        children.setdefault(parent_id, []).append(unit_id)
    return {parent: tuple(ids) for parent, ids in children.items()}


def units_overseen_by(
    session: Session, officer: HasRoleAndUnit, children: Mapping[int, Sequence[int]] | None = None
) -> frozenset[int] | None:
    """The units whose figures this officer may see as a whole: the one rule behind every
    supervisor's access (chat สถานะ, ส่งเตือน, the supervisors' digest, the dashboard).

    * a planner: every unit (None);
    * a supervisor: their own unit and every unit below it, at any depth (a provincial office
      and its branches, a division and its sub-units); a unit without children: just itself;
    * anyone else: no unit (an officer sees only the indicators they report).

    `children` (from `unit_children`) saves reading the units again when asking for many
    officers at once. A parent loop in the data cannot make this run forever."""
    if officer.role == Role.PLANNER.value:
        return None
    if officer.role != Role.SUPERVISOR.value:
        return frozenset()
    if children is None:
        children = unit_children(session)
    realm = {officer.unit_id}
    todo = [officer.unit_id]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in realm:
                realm.add(child)
                todo.append(child)
    return frozenset(realm)


class LinkCode(Base):
    """A one-time code an administrator gives an officer to bind their LINE account."""

    __tablename__ = "link_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BindAttempt(Base):
    """Each code typed by an unbound LINE account, to slow down guessing."""

    __tablename__ = "bind_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    line_user_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)  # the office-wide brake counts by time
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    attempt_no: Mapped[int] = mapped_column(Integer, default=1)


@event.listens_for(Officer.active, "set")
def _deactivation_ends_sessions(officer: Officer, active, was_active, _initiator) -> None:
    if was_active is True and not active:
        officer.session_version = (officer.session_version or 0) + 1
