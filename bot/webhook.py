"""POST /callback: verify LINE's signature, handle each event once, reply.

Each event is handled in its own transaction together with the record that it was
processed, so a redelivered event (same webhookEventId) has its effect once. Replies are
sent after the commit: nothing is said that was not saved.
"""
from __future__ import annotations

import logging
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
from sqlalchemy.exc import IntegrityError, OperationalError

from handlers.router import IncomingEvent, handle_event, takes_a_moment
from models.events import claim_event

log = logging.getLogger(__name__)
blueprint = Blueprint("webhook", __name__)


@blueprint.post("/callback")
def callback():
    signature = request.headers.get("X-Line-Signature", "")
    body = request.get_data(as_text=True)
    if not signature:
        abort(400)
    try:
        payload = WebhookParser(current_app.config["LINE_CHANNEL_SECRET"]).parse(body, signature, as_payload=True)
    except InvalidSignatureError:
        log.info("webhook rejected: bad signature")
        abort(400)
    except Exception:  # signed but not a webhook body  # noqa: BLE001
        log.info("webhook rejected: not a webhook body")
        abort(400)
    try:
        for event in payload.events or []:
            handle_one(event)
    except (OperationalError, IntegrityError) as exc:
        # The database is away for a moment, or a concurrent writer won a race: nothing was
        # half-saved; answer 5xx so LINE redelivers and the event is handled afresh.
        log.error("webhook: %s, asking LINE to redeliver", type(exc).__name__)
        return "try again", 503
    return "OK"


def handle_one(event) -> None:
    db = current_app.extensions["db"]
    now = current_app.extensions["clock"].now()
    incoming = to_incoming(event)
    if takes_a_moment(incoming):
        current_app.extensions["line_api"].show_loading(incoming.user_id)
    with db.transaction() as session:
        if incoming.user_id:
            db.lock_user(session, incoming.user_id)
        if incoming.event_id and not claim_event(session, incoming.event_id, now):
            log.info("event %s already processed", incoming.event_id)
            return
        reply = handle_event(session, incoming, now, current_app.config["MAX_MESSAGES_PER_MINUTE"])
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
    common = dict(event_id=getattr(event, "webhook_event_id", None) or "", source_type=source_type,
                  user_id=getattr(source, "user_id", None))
    if isinstance(event, MessageEvent):
        is_text = isinstance(event.message, TextMessageContent)
        return IncomingEvent("message", text=event.message.text if is_text else None, is_text=is_text, **common)
    if isinstance(event, PostbackEvent):
        return IncomingEvent("postback", postback_data=event.postback.data, **common)
    if isinstance(event, FollowEvent):
        return IncomingEvent("follow", **common)
    if isinstance(event, UnfollowEvent):
        return IncomingEvent("unfollow", **common)
    return IncomingEvent("other", **common)
