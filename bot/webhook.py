"""POST /callback: verify LINE's signature, handle each event once, reply.

Each event is handled in its own transaction together with the record that it was
processed, so a redelivered event (same webhookEventId) has its effect once. Replies are
sent after the commit: nothing is said that was not saved.

What a retry cannot cure is not retried: an event whose handling fails for such a reason
is rolled back, remembered as failed (its id only) and acknowledged with an apology, so one
poisoned event never holds up the other events of its delivery, nor every redelivery after it.
A database that is away answers 503 instead, and LINE redelivers.
"""

from __future__ import annotations

import logging
import traceback
import uuid

from flask import Blueprint, abort, current_app, request
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhooks import (
    FollowEvent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
    UnfollowEvent,
)

from handlers.router import IncomingEvent, Reply, handle_event, takes_a_moment
from kpi.text import clean_text
from models.chat import ProcessedEvent
from models.db import is_transient
from models.events import claim_event, record_failed_event
from models.org import Officer
from presentation import messages as M
from presentation import texts as T

log = logging.getLogger(__name__)
blueprint = Blueprint("webhook", __name__)

#: The longest ids the tables keep; LINE's own are far shorter (a user id is 33 characters).
MAX_EVENT_ID = ProcessedEvent.__table__.c.webhook_event_id.type.length
MAX_USER_ID = Officer.__table__.c.line_user_id.type.length


class Redeliver(Exception):
    """The database could not finish the work now: answer 503 so LINE sends it again."""


@blueprint.post("/callback")
def callback():
    secret = current_app.config["LINE_CHANNEL_SECRET"]
    if not secret:
        # Anyone can sign with an empty key: without the channel secret nothing is trusted.
        log.error("webhook refused: LINE_CHANNEL_SECRET is not set")
        return "not configured", 503
    signature = request.headers.get("X-Line-Signature", "")
    body = request.get_data(as_text=True)
    if not signature:
        abort(400)
    try:
        payload = WebhookParser(secret).parse(body, signature, as_payload=True)
    except InvalidSignatureError:
        log.info("webhook rejected: bad signature")
        abort(400)
    except Exception:  # signed but not a webhook body  # noqa: BLE001
        log.info("webhook rejected: not a webhook body")
        abort(400)
    events = [(event, to_incoming(event)) for event in payload.events or []]
    if not all(ids_fit(incoming) for _, incoming in events):
        log.info("webhook rejected: an id longer than LINE's")
        abort(400)
    try:
        for event, incoming in events:
            if is_standby(event):
                # Another channel (a chat tool) is answering this user; LINE expects silence.
                continue
            handle_one(event, incoming)
    except Redeliver as exc:
        log.error("webhook: %s, asking LINE to redeliver", exc)
        return "try again", 503
    return "OK"


def ids_fit(incoming: IncomingEvent) -> bool:
    return len(incoming.event_id) <= MAX_EVENT_ID and len(incoming.user_id or "") <= MAX_USER_ID


def is_standby(event) -> bool:
    mode = getattr(event, "mode", None)
    return getattr(mode, "value", mode) == "standby"


def handle_one(event, incoming: IncomingEvent) -> None:
    if takes_a_moment(incoming):
        current_app.extensions["line_api"].show_loading(incoming.user_id)
    try:
        reply = handle_in_transaction(incoming)
    except Exception as exc:  # noqa: BLE001 - sorted into transient and final below
        if is_transient(exc):
            raise Redeliver(type(exc).__name__) from exc
        reply = give_up_on(incoming, exc)
    if reply is not None:
        send_reply(event, incoming, reply)


def handle_in_transaction(incoming: IncomingEvent) -> Reply | None:
    """The event's effects and its processed mark in one transaction; None for a redelivery."""
    db = current_app.extensions["db"]
    now = current_app.extensions["clock"].now()
    with db.transaction() as session:
        if incoming.user_id:
            db.lock_user(session, incoming.user_id)
        if incoming.event_id and not claim_event(session, incoming.event_id, now):
            log.info("event %s already processed", incoming.event_id)
            return None
        return handle_event(session, incoming, now, current_app.extensions["settings"])


def give_up_on(incoming: IncomingEvent, exc: Exception) -> Reply:
    """Remember the event as failed and tell the user nothing was saved.

    The log names the event, the error's type and where it was raised, never the error's
    message: that may quote what the user sent."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    log.error(
        "event %s failed (%s at %s:%s); acknowledged, not retried",
        incoming.event_id or "-",
        type(exc).__name__,
        where.filename.rsplit("/", 1)[-1],
        where.lineno,
    )
    if incoming.event_id:
        db = current_app.extensions["db"]
        try:
            with db.transaction() as session:
                record_failed_event(session, incoming.event_id, current_app.extensions["clock"].now())
        except Exception as record_exc:  # noqa: BLE001
            raise Redeliver(type(record_exc).__name__) from record_exc
    answers = incoming.kind in ("message", "postback") and incoming.source_type == "user"
    return Reply([M.text(T.EVENT_FAILED)] if answers else [])


def send_reply(event, incoming: IncomingEvent, reply: Reply) -> None:
    token = getattr(event, "reply_token", None)
    if not reply.messages or not token:
        return
    line_api = current_app.extensions["line_api"]
    sent = line_api.reply(token, reply.messages)
    if not sent.ok and sent.status == 400 and reply.must_deliver and incoming.user_id:
        # The reply token expired (a slow moment): a saved value is worth a push, once.
        line_api.push(incoming.user_id, reply.messages, retry_key=retry_key_for(incoming.event_id))


def retry_key_for(event_id: str) -> str:
    """The same event always pushes with the same X-Line-Retry-Key: LINE delivers it once."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "kpibot:event:" + event_id))


def to_incoming(event) -> IncomingEvent:
    source = getattr(event, "source", None)
    source_type = getattr(source, "type", None) or "user"
    common = dict(
        event_id=getattr(event, "webhook_event_id", None) or "",
        source_type=source_type,
        user_id=getattr(source, "user_id", None),
    )
    if isinstance(event, MessageEvent):
        is_text = isinstance(event.message, TextMessageContent)
        text = clean_text(event.message.text) if is_text else None
        return IncomingEvent("message", text=text, is_text=is_text, **common)
    if isinstance(event, PostbackEvent):
        return IncomingEvent("postback", postback_data=clean_text(event.postback.data), **common)
    if isinstance(event, FollowEvent):
        return IncomingEvent("follow", **common)
    if isinstance(event, UnfollowEvent):
        return IncomingEvent("unfollow", **common)
    return IncomingEvent("other", **common)
