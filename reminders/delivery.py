"""Sending the reminder outbox: claim, check the quota, group, send with retries, record.

1. Rows waiting too long are dropped as stale; the month's quota and consumption are read.
2. In one short transaction (no network inside) the sender claims the waiting rows, drops those
   that can no longer go out (unbound, blocked, nothing left to report), cuts what the quota
   cannot carry (most urgent first; room kept for the planners' notice), and fixes each
   request: identical messages to many recipients become one multicast (at most 500), each
   carrying the retry key of its first row; a single recipient is a push with the row's key.
3. Each request is sent with its retry key: 409 means LINE already has it (sent). 429 and
   5xx and no answer are retried after the configured waits; another 4xx is recorded with its
   reason and not retried. A request that keeps failing goes back to waiting, with the same key,
   for the next run, until it turns stale. 401/403 (a wrong channel token) stops the run and
   leaves every row waiting for the next run.
4. Rows cut for quota are recorded (reason "quota") and the planners are told once per round.

A sender that dies after claiming leaves rows claimed: after the lease another run takes them
and resends them with the same keys, so nothing is delivered twice.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from linebot.v3.messaging import Message
from sqlalchemy import exists, select

from kpi.periods import Period
from kpi.reminders import Kind, Skip, batches, fit_to_quota
from models.db import Database
from models.reminder_store import (
    claim_rows,
    claimable,
    expire_stale,
    finish_rows,
    insert_outbox_rows,
    planners,
    recipients,
)
from models.reminders import OutboxStatus, ReminderOutbox
from presentation.line_api import LineApi, LineApiError, SendResult

from . import compose as C
from .settings import ReminderSettings

log = logging.getLogger(__name__)

#: A request failing this many times over all runs is given up (each run tries 1 + len(backoff)).
MAX_RUNS_PER_ROW = 3
NOTICE_PRIORITY = -1


@dataclass
class DeliveryReport:
    sent: int = 0  # rows delivered (or already delivered: 409)
    requests: int = 0  # send requests made, retries included
    pushes: int = 0  # successful push requests
    multicasts: int = 0  # successful multicast requests
    skipped: Counter = field(default_factory=Counter)  # reason → rows
    failed: Counter = field(default_factory=Counter)  # reason → rows
    waiting: int = 0  # rows put back for the next run after repeated 429/5xx/timeouts
    quota_remaining: int | None = None
    notices: int = 0  # planners' quota notices sent

    def add(self, other: DeliveryReport) -> None:
        self.sent += other.sent
        self.requests += other.requests
        self.pushes += other.pushes
        self.multicasts += other.multicasts
        self.skipped.update(other.skipped)
        self.failed.update(other.failed)
        self.waiting += other.waiting
        self.notices += other.notices


@dataclass(frozen=True)
class _Request:
    token: str  # the claim holding the rows
    key: str  # X-Line-Retry-Key
    row_ids: list[int]
    users: list[str]
    payload: list[dict]
    attempts_before: int  # attempts made by earlier runs


class OutboxSender:
    def __init__(self, db: Database, line_api: LineApi, settings: ReminderSettings):
        self.db, self.line_api, self.settings = db, line_api, settings

    # -- public ---------------------------------------------------------------------------

    def deliver(self, now: datetime, *, kinds: list[str] | None = None, quota_cut: bool = True) -> DeliveryReport:
        """Send every waiting row (of these kinds); see the module docstring."""
        report = DeliveryReport()
        lease_cutoff = now - self.settings.lease
        with self.db.transaction() as session:
            stale = expire_stale(session, now - self.settings.grace, lease_cutoff)
            if stale:
                report.skipped[Skip.STALE.value] += stale
            conditions = [claimable(lease_cutoff)]
            if kinds is not None:
                conditions.append(ReminderOutbox.kind.in_(kinds))
            if not session.scalar(select(exists().where(*conditions))):
                return report
        remaining = self._remaining() if quota_cut else None
        report.quota_remaining = remaining
        requests, cut = self._claim(now, remaining, kinds, report)
        for n, request in enumerate(requests):
            result = self._send(request, now, report)
            if result.status in (401, 403):  # the channel token is wrong: every request would fail alike
                log.error("LINE refused the channel access token (HTTP %s): sending stopped", result.status)
                for left in requests[n + 1 :]:
                    self._put_back(left, _describe(result))
                    report.waiting += len(left.row_ids)
                break
        if cut:
            report.add(self._tell_planners(now, cut))
        log.info(
            "outbox: %d sent in %d requests; skipped %s; failed %s; waiting %d",
            report.sent,
            report.requests,
            dict(report.skipped),
            dict(report.failed),
            report.waiting,
        )
        return report

    # -- steps ----------------------------------------------------------------------------

    def _remaining(self) -> int | None:
        """Messages left this month (None: no limit, or LINE did not say)."""
        try:
            limit = self.line_api.quota()
            if limit is None:
                return None
            return max(limit - self.line_api.quota_consumption(), 0)
        except LineApiError as exc:
            log.warning("quota unknown (%s): sending without a quota check", exc)
            return None

    def _claim(
        self, now: datetime, remaining: int | None, kinds: list[str] | None, report: DeliveryReport
    ) -> tuple[list[_Request], list[ReminderOutbox]]:
        token = str(uuid.uuid4())
        with self.db.transaction() as session:
            rows = claim_rows(session, token, now, now - self.settings.lease, kinds=kinds)
            if not rows:
                return [], []
            people = recipients(session, {r.officer_id for r in rows})
            fresh = C.refresh_payloads(session, [r for r in rows if r.batch_key is None], now, self.settings)
            sendable: list[ReminderOutbox] = []
            for row in rows:
                officer = people.get(row.officer_id)
                skip = None
                if officer is None or not officer.active:
                    skip = Skip.INACTIVE.value
                elif officer.line_user_id is None:
                    skip = Skip.UNBOUND.value
                elif officer.line_blocked:
                    skip = Skip.BLOCKED.value
                elif row.id in fresh:
                    if fresh[row.id] is None:
                        skip = Skip.REPORTED.value
                    elif fresh[row.id] != row.payload:
                        row.payload, row.payload_hash = fresh[row.id], C.payload_hash(fresh[row.id])
                if skip is not None:
                    row.status, row.reason, row.claimed_by = OutboxStatus.SKIPPED, skip, None
                    report.skipped[skip] += 1
                else:
                    sendable.append(row)
            reserve = sum(1 for p in planners(session) if p.line_user_id and not p.line_blocked)
            # Rows claimed before (a sender died) go first: LINE may have delivered them already.
            send, cut = fit_to_quota(
                sendable,
                cost=lambda r: len(r.payload),
                remaining=remaining,
                reserve=reserve,
                priority=lambda r: (r.batch_key is None, r.priority),
            )
            for row in cut:
                row.status, row.reason, row.claimed_by = OutboxStatus.SKIPPED, Skip.QUOTA.value, None
                report.skipped[Skip.QUOTA.value] += 1
            requests = []
            resumed: dict[str, list[ReminderOutbox]] = {}
            for row in send:
                if row.batch_key is not None:
                    resumed.setdefault(row.batch_key, []).append(row)
            groups = list(resumed.values()) + batches(
                [r for r in send if r.batch_key is None],
                key=lambda r: r.payload_hash,
                max_size=self.settings.multicast_max,
            )
            for group in groups:
                key = group[0].batch_key or group[0].retry_key
                for row in group:
                    row.batch_key = key
                requests.append(
                    _Request(
                        token,
                        key,
                        [r.id for r in group],
                        [people[r.officer_id].line_user_id for r in group],
                        group[0].payload,
                        max(r.attempts for r in group),
                    )
                )
            summary = [_CutRow(r.period, r.round, r.urgency, len(r.payload)) for r in cut]
            sent_by_round = Counter((r.period, r.round) for r in send)
            for c in summary:
                c.sending = sent_by_round[(c.period, c.round)]
        return requests, summary

    def _send(self, request: _Request, now: datetime, report: DeliveryReport) -> SendResult:
        messages = [Message.from_dict(m) for m in request.payload]
        result, tries = None, 0
        for attempt in range(len(self.settings.backoff) + 1):
            tries += 1
            report.requests += 1
            if len(request.users) == 1:
                result = self.line_api.push(
                    request.users[0], messages, retry_key=request.key, timeout=self.settings.send_timeout
                )
            else:
                result = self.line_api.multicast(
                    request.users, messages, retry_key=request.key, timeout=self.settings.send_timeout
                )
            if result.ok or not _retryable(result):
                break
            if attempt < len(self.settings.backoff):
                self.settings.sleep(self.settings.backoff[attempt])
        self._record(request, result, tries, now, report)
        return result

    def _put_back(self, request: _Request, reason: str) -> None:
        with self.db.transaction() as session:
            finish_rows(
                session, request.row_ids, request.token, status=OutboxStatus.PENDING, reason=reason, claimed_by=None
            )

    def _record(self, request: _Request, result: SendResult, tries: int, now: datetime, report: DeliveryReport) -> None:
        n = len(request.row_ids)
        values = dict(attempts=ReminderOutbox.attempts + tries, http_status=result.status)
        if result.ok:
            values.update(
                status=OutboxStatus.SENT, sent_at=now, reason="already accepted (409)" if result.status == 409 else None
            )
            report.sent += n
            if len(request.users) == 1:
                report.pushes += 1
            else:
                report.multicasts += 1
        elif _monthly_limit(result):
            values.update(status=OutboxStatus.SKIPPED, reason=Skip.QUOTA.value, claimed_by=None)
            report.skipped[Skip.QUOTA.value] += n
        elif _retryable(result) or result.status in (401, 403):
            give_up = request.attempts_before + tries >= MAX_RUNS_PER_ROW * (len(self.settings.backoff) + 1)
            values.update(
                status=OutboxStatus.FAILED if give_up else OutboxStatus.PENDING,
                reason=_describe(result),
                claimed_by=None,
            )
            if give_up:
                report.failed[_describe(result)] += n
            else:
                report.waiting += n
        else:
            values.update(status=OutboxStatus.FAILED, reason=_describe(result), claimed_by=None)
            report.failed[_describe(result)] += n
        with self.db.transaction() as session:
            finish_rows(session, request.row_ids, request.token, **values)

    def _tell_planners(self, now: datetime, cut: list[_CutRow]) -> DeliveryReport:
        """One notice per planner per round that did not fit (the outbox key makes it once)."""
        rows = []
        by_round: dict[tuple[str, str], list[_CutRow]] = {}
        for c in cut:
            by_round.setdefault((c.period, c.round), []).append(c)
        with self.db.transaction() as session:
            chiefs = planners(session)
            for (period_key, round_key), items in by_round.items():
                period = Period.from_key(period_key)
                sending = items[0].sending
                message = C.RM.quota_notice_message(
                    C.round_label(round_key, items[0].urgency), period, sent=sending, total=sending + len(items)
                )
                payload = [message.to_dict()]
                for chief in chiefs:
                    rows.append(
                        dict(
                            officer_id=chief.id,
                            period=period_key,
                            round=round_key,
                            kind=Kind.QUOTA_NOTICE.value,
                            priority=NOTICE_PRIORITY,
                            urgency=items[0].urgency,
                            status=OutboxStatus.PENDING,
                            retry_key=str(uuid.uuid4()),
                            payload=payload,
                            payload_hash=C.payload_hash(payload),
                            attempts=0,
                            created_at=now,
                        )
                    )
            insert_outbox_rows(session, rows)
        report = self.deliver(now, kinds=[Kind.QUOTA_NOTICE.value], quota_cut=False)
        report.notices = report.sent
        return report


@dataclass
class _CutRow:
    period: str
    round: str
    urgency: str
    cost: int
    sending: int = 0


def _retryable(result: SendResult) -> bool:
    if result.status is None:
        return True  # no answer (timeout, refused): the retry key makes a repeat safe
    if result.status == 429:
        return not _monthly_limit(result)
    return 500 <= result.status <= 599


def _monthly_limit(result: SendResult) -> bool:
    return result.status == 429 and "monthly limit" in (result.reason or "").lower()


def _describe(result: SendResult) -> str:
    if result.status is None:
        return f"no answer ({result.reason})"[:300]
    message = result.reason or ""
    try:
        message = json.loads(message).get("message", message)
    except (ValueError, AttributeError):
        pass
    return f"HTTP {result.status}: {message}"[:300]
