"""Persistence: SQLAlchemy 2 typed models, the database handle and queries."""

from .base import Base
from .budget import BudgetLine, BudgetResponsibility, BudgetRevision, Disbursement, DisbursementHistory
from .chat import ConversationRecord, MessageRate, ProcessedEvent
from .dashboard import DashboardLogin
from .org import BindAttempt, LinkCode, Officer, Role, Unit, UnitType
from .plan import Indicator, IndicatorKind, MonthlyTarget, Project, Responsibility, TargetRevision
from .reminders import ReminderOutbox, ReminderSnooze
from .results import ReportedValue, ValueHistory

__all__ = [
    "Base",
    "ConversationRecord",
    "MessageRate",
    "ProcessedEvent",
    "BindAttempt",
    "LinkCode",
    "Officer",
    "Role",
    "Unit",
    "UnitType",
    "Indicator",
    "IndicatorKind",
    "MonthlyTarget",
    "Project",
    "Responsibility",
    "TargetRevision",
    "ReportedValue",
    "ValueHistory",
    "BudgetLine",
    "BudgetRevision",
    "BudgetResponsibility",
    "Disbursement",
    "DisbursementHistory",
    "ReminderOutbox",
    "ReminderSnooze",
    "DashboardLogin",
]
