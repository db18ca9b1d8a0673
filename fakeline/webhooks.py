"""Webhook requests as LINE sends them: event JSON and the X-Line-Signature header."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid


def sign(channel_secret: str, body: str) -> str:
    digest = hmac.new(channel_secret.encode(), body.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _event(
    kind: str,
    user_id: str,
    source_type: str = "user",
    reply: bool = True,
    event_id: str | None = None,
    timestamp_ms: int | None = None,
    redelivery: bool = False,
) -> dict:
    source = {"type": source_type, "userId": user_id}
    if source_type == "group":
        source["groupId"] = "C" + uuid.uuid4().hex
    elif source_type == "room":
        source["roomId"] = "R" + uuid.uuid4().hex
    event = {
        "type": kind,
        "mode": "active",
        "timestamp": timestamp_ms or int(time.time() * 1000),
        "source": source,
        "webhookEventId": event_id or uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": redelivery},
    }
    if reply:
        event["replyToken"] = uuid.uuid4().hex
    return event


def text_event(user_id: str, text: str, **kw) -> dict:
    event = _event("message", user_id, **kw)
    event["message"] = {"type": "text", "id": str(uuid.uuid4().int)[:18], "text": text, "quoteToken": uuid.uuid4().hex}
    return event


def sticker_event(user_id: str, **kw) -> dict:
    event = _event("message", user_id, **kw)
    event["message"] = {
        "type": "sticker",
        "id": str(uuid.uuid4().int)[:18],
        "packageId": "446",
        "stickerId": "1988",
        "stickerResourceType": "STATIC",
        "quoteToken": uuid.uuid4().hex,
    }
    return event


def postback_event(user_id: str, data: str, **kw) -> dict:
    event = _event("postback", user_id, **kw)
    event["postback"] = {"data": data}
    return event


def follow_event(user_id: str, **kw) -> dict:
    event = _event("follow", user_id, **kw)
    event["follow"] = {"isUnblocked": False}
    return event


def unfollow_event(user_id: str, **kw) -> dict:
    return _event("unfollow", user_id, reply=False, **kw)


def webhook_body(*events: dict, destination: str = "U" + "0" * 32) -> str:
    return json.dumps({"destination": destination, "events": list(events)}, ensure_ascii=False)


def signed_request(channel_secret: str, *events: dict) -> tuple[str, dict[str, str]]:
    """The body and headers of one webhook POST."""
    body = webhook_body(*events)
    return body, {"Content-Type": "application/json", "X-Line-Signature": sign(channel_secret, body)}
