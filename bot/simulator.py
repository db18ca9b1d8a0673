"""The browser chat simulator: a phone-like LINE chat against the local fake LINE (demo only).

Registered by create_app only for the demo (``register``): beside the demo's own channel secret and
a fake LINE on this machine, never beside a real channel, since it signs webhooks for any user id. The page picks a LINE user
(an officer with a bound LINE account, or a fresh unbound account), and every action is sent
the way LINE sends it: ``POST /simulator/api/send`` builds the webhook event with
``fakeline.webhooks``, signs it with the channel secret and POSTs it over real HTTP to this
app's ``/callback``. What the bot sent back is read from the fake LINE's request log
(``GET {LINE_API_BASE_URL}/_fake/requests?after=N``), together with the fake's schema
problems: they mean the real LINE would have rejected the request.

Because the app calls itself, it must be served by a threaded server (``flask run`` is; a
single synchronous worker would wait on itself). Message bodies are never logged here.
"""

from __future__ import annotations

import copy
import logging
import re
from urllib.parse import urlsplit

import requests
from flask import Blueprint, current_app, jsonify, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from fakeline import webhooks as W
from models.org import Officer

log = logging.getLogger(__name__)

blueprint = Blueprint(
    "simulator", __name__, url_prefix="/simulator", template_folder="templates", static_folder="static"
)

ROLE_TH = {"officer": "เจ้าหน้าที่", "supervisor": "หัวหน้า", "planner": "ฝ่ายแผน"}
MESSAGE_PATHS = {
    "/v2/bot/message/reply": "reply",
    "/v2/bot/message/push": "push",
    "/v2/bot/message/multicast": "multicast",
    "/v2/bot/message/broadcast": "broadcast",
}
USER_ID = re.compile(r"^U[0-9A-Za-z_\-]{1,63}$")
#: Asking the fake for requests after this sequence number returns none, but the last seq.
BEYOND_ANY_SEQ = 2**62
MAX_TEXT = 5000  # LINE's limit for a text message
MAX_POSTBACK_DATA = 300  # LINE's limit for postback data
WEBHOOK_TIMEOUT = 30.0
FAKE_TIMEOUT = 5.0


class FakeUnavailable(Exception):
    """The fake LINE's request log could not be read."""


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed(config) -> bool:
    """The demo's own channel and a fake LINE on loopback: nothing a real channel could be."""
    from .cli_demo import DEMO_SECRET

    return (
        bool(config.get("DEMO"))
        and config.get("LINE_CHANNEL_SECRET") == DEMO_SECRET
        and urlsplit(config.get("LINE_API_BASE_URL", "")).hostname in LOOPBACK_HOSTS
    )


def register(app) -> None:
    if allowed(app.config):
        app.register_blueprint(blueprint)
    elif app.config.get("LINE_CHANNEL_SECRET"):
        log.warning("simulator not registered: it runs only beside the demo's own channel and fake LINE")


# -- page --------------------------------------------------------------------------------------


@blueprint.get("/")
def page():
    return render_template("simulator.html", officers=bound_officers(), roles=ROLE_TH)


@blueprint.get("/api/users")
def users():
    """Officers with a bound LINE account (the page refreshes its picker from here)."""
    return jsonify({"officers": bound_officers()})


def bound_officers() -> list[dict]:
    db = current_app.extensions["db"]
    with db.transaction() as session:
        rows = session.scalars(
            select(Officer).where(Officer.line_user_id.is_not(None)).options(joinedload(Officer.unit))
        ).all()
        officers = [
            {
                "user_id": o.line_user_id,
                "key": o.key,
                "name": o.display_name,
                "role": o.role,
                "role_th": ROLE_TH.get(o.role, o.role),
                "unit": o.unit.name if o.unit else "",
                "active": bool(o.active),
                "blocked": bool(o.line_blocked),
            }
            for o in rows
        ]
    return sorted(officers, key=lambda o: (o["unit"], o["name"], o["user_id"]))


# -- sending -----------------------------------------------------------------------------------


@blueprint.post("/api/send")
def send():
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return _bad("ต้องส่ง JSON")
    user_id = payload.get("user_id")
    if not isinstance(user_id, str) or not USER_ID.match(user_id):
        return _bad("user_id ไม่ถูกต้อง (ต้องขึ้นต้นด้วย U)")
    try:
        event = _build_event(user_id, payload)
    except ValueError as exc:
        return _bad(str(exc))

    try:
        before = _fake_requests(BEYOND_ANY_SEQ)[1]
    except FakeUnavailable:
        return _unavailable()
    body, headers = W.signed_request(current_app.config["LINE_CHANNEL_SECRET"], event)
    try:
        response = requests.post(
            request.host_url.rstrip("/") + "/callback",
            data=body.encode("utf-8"),
            headers=headers,
            timeout=WEBHOOK_TIMEOUT,
        )
    except requests.RequestException as exc:
        log.warning("simulator: webhook POST failed: %s", type(exc).__name__)
        return jsonify(
            {
                "status": None,
                "messages": [],
                "problems": [],
                "error": "ส่ง webhook ไปที่ /callback ไม่สำเร็จ (เซิร์ฟเวอร์ต้องรับหลายคำขอพร้อมกันได้)",
                "last": before,
            }
        ), 502
    try:
        recorded, last = _fake_requests(before)
    except FakeUnavailable:
        return _unavailable(status=response.status_code)
    messages, problems = _addressed(recorded, user_id, reply_token=event.get("replyToken"))
    return jsonify(
        {
            "status": response.status_code,
            "messages": messages,
            "problems": problems,
            "last": last,
            "event": event["type"],
        }
    )


def _build_event(user_id: str, payload: dict) -> dict:
    if "text" in payload:
        text = payload["text"]
        if not isinstance(text, str) or not text.strip():
            raise ValueError("ข้อความว่าง")
        if len(text) > MAX_TEXT:
            raise ValueError(f"ข้อความยาวเกิน {MAX_TEXT} ตัวอักษร")
        return W.text_event(user_id, text)
    if "postback" in payload:
        data = payload["postback"]
        if not isinstance(data, str) or len(data) > MAX_POSTBACK_DATA:
            raise ValueError("postback ไม่ถูกต้อง")
        # displayText is shown in the chat by LINE itself; the bot receives only the postback.
        return W.postback_event(user_id, data)
    kind = payload.get("event")
    if kind == "follow":
        return W.follow_event(user_id)
    if kind == "unfollow":
        return W.unfollow_event(user_id)
    if kind == "sticker":
        return W.sticker_event(user_id)
    raise ValueError("ต้องมี text, postback หรือ event (follow | unfollow | sticker)")


# -- polling -----------------------------------------------------------------------------------


@blueprint.get("/api/poll")
def poll():
    """Pushes (and multicasts, broadcasts) to ``user_id`` after seq ``after``, and the new last seq.

    Without ``after`` only the last seq is returned, to start polling from now.
    """
    user_id = request.args.get("user_id", "")
    if not USER_ID.match(user_id):
        return _bad("user_id ไม่ถูกต้อง")
    after = request.args.get("after", type=int)
    try:
        recorded, last = _fake_requests(BEYOND_ANY_SEQ if after is None else max(after, 0))
    except FakeUnavailable:
        return _unavailable()
    messages, problems = _addressed(recorded, user_id, reply_token=None)
    return jsonify({"messages": messages, "problems": problems, "last": last})


# -- the fake's request log --------------------------------------------------------------------


def _fake_requests(after: int) -> tuple[list[dict], int]:
    base = current_app.config["LINE_API_BASE_URL"].rstrip("/")
    try:
        response = requests.get(f"{base}/_fake/requests", params={"after": after}, timeout=FAKE_TIMEOUT)
        response.raise_for_status()
        data = response.json()
        return list(data.get("requests") or []), int(data.get("last") or 0)
    except (requests.RequestException, ValueError, TypeError, AttributeError) as exc:
        log.warning("simulator: fake LINE request log unavailable: %s", type(exc).__name__)
        raise FakeUnavailable from exc


def _addressed(recorded: list[dict], user_id: str, reply_token: str | None) -> tuple[list[dict], list[str]]:
    """Messages of the reply with ``reply_token`` and of pushes/multicasts/broadcasts reaching ``user_id``.

    Each message is the LINE message object plus simulator metadata: ``_seq`` (the fake's
    request number, to de-duplicate), ``_via`` (reply, push …) and ``_delivered`` (false when
    LINE would have refused the request, so the user would not have seen it).
    """
    messages: list[dict] = []
    problems: list[str] = []
    for r in recorded:
        body = r.get("body") if isinstance(r.get("body"), dict) else {}
        via = MESSAGE_PATHS.get(r.get("path", ""))
        if via == "reply":
            ours = reply_token is not None and body.get("replyToken") == reply_token
        elif via == "push":
            ours = body.get("to") == user_id
        elif via == "multicast":
            ours = isinstance(body.get("to"), list) and user_id in body["to"]
        elif via == "broadcast":
            ours = True
        else:  # e.g. the loading animation: only its problems are of interest
            ours = body.get("chatId") == user_id and reply_token is not None
        if not ours:
            continue
        where = f"{r.get('method', '')} {r.get('path', '')}"
        problems += [f"{where}: {p}" for p in r.get("problems") or []]
        status = r.get("status") or 0
        if not 200 <= status < 300 and not r.get("problems"):
            problems.append(f"{where}: LINE ตอบ HTTP {status}")
        if via is None:
            continue
        delivered = bool(r.get("delivered", 200 <= status < 300))
        for m in body.get("messages") or []:
            if isinstance(m, dict):
                item = copy.deepcopy(m)
                item.update({"_seq": r.get("seq"), "_via": via, "_delivered": delivered})
                messages.append(item)
    return messages, problems


def _bad(message: str):
    return jsonify({"error": message}), 400


def _unavailable(status: int | None = None):
    return jsonify(
        {
            "status": status,
            "messages": [],
            "problems": [],
            "error": "อ่านบันทึกของ LINE จำลองไม่ได้ (LINE_API_BASE_URL ต้องชี้ไปที่ fakeline)",
        }
    ), 502
