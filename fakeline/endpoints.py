"""HTTP behaviour of the fake: the Messaging API endpoints answered as LINE answers them.

Every request outside ``/_fake/`` goes through the same pipeline
(``_intake``): parse the JSON body, require ``Authorization: Bearer <token>``
(401), validate the body against the spec (problems are recorded), apply an
injected fault if one matches, answer 400 with LINE's error shape if the body
is invalid, and finally run the endpoint.  ``_finish`` records every request
with the status it got.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from fakeline.state import AcceptedRetry, RichMenuImage, sent_messages

if TYPE_CHECKING:
    from fakeline.server import FakeLineServer, Fault
    from fakeline.state import LineState

AUTH_FAILED = "Authentication failed. Confirm that the access token in the authorization header is valid."
#: LINE Login's API (not the Messaging API): no channel access token, form-encoded requests.
LOGIN_API = "/oauth2/"
RICH_MENU_IMAGE_TYPES = {"image/jpeg", "image/png"}
RICH_MENU_IMAGE_MAX = 1024 * 1024

# (method, rule, LineApi method) — werkzeug prefers static segments ("list", "all") over variables.
ROUTES = [
    ("POST", "/v2/bot/message/reply", "reply"),
    ("POST", "/v2/bot/message/push", "push"),
    ("POST", "/v2/bot/message/multicast", "multicast"),
    ("POST", "/v2/bot/message/broadcast", "broadcast"),
    ("POST", "/v2/bot/message/narrowcast", "narrowcast"),
    ("POST", "/v2/bot/message/validate/<kind>", "validate_messages"),
    ("GET", "/v2/bot/message/quota", "quota"),
    ("GET", "/v2/bot/message/quota/consumption", "quota_consumption"),
    ("GET", "/v2/bot/profile/<user_id>", "profile"),
    ("GET", "/v2/bot/info", "bot_info"),
    ("POST", "/v2/bot/chat/loading/start", "loading_start"),
    ("POST", "/v2/bot/richmenu", "create_rich_menu"),
    ("POST", "/v2/bot/richmenu/validate", "validate_rich_menu"),
    ("GET", "/v2/bot/richmenu/list", "list_rich_menus"),
    ("GET", "/v2/bot/richmenu/<rich_menu_id>", "get_rich_menu"),
    ("DELETE", "/v2/bot/richmenu/<rich_menu_id>", "delete_rich_menu"),
    ("POST", "/v2/bot/richmenu/<rich_menu_id>/content", "upload_rich_menu_image"),
    ("GET", "/v2/bot/richmenu/<rich_menu_id>/content", "download_rich_menu_image"),
    ("POST", "/v2/bot/user/all/richmenu/<rich_menu_id>", "set_default_rich_menu"),
    ("GET", "/v2/bot/user/all/richmenu", "get_default_rich_menu"),
    ("DELETE", "/v2/bot/user/all/richmenu", "cancel_default_rich_menu"),
    ("POST", "/v2/bot/user/<user_id>/richmenu/<rich_menu_id>", "link_user_rich_menu"),
    ("GET", "/v2/bot/user/<user_id>/richmenu", "get_user_rich_menu"),
    ("DELETE", "/v2/bot/user/<user_id>/richmenu", "unlink_user_rich_menu"),
    # LINE Login: a LIFF app's ID token verified (no Bearer token: the channel id is the client_id).
    ("POST", "/oauth2/v2.1/verify", "verify_id_token"),
    # Inspection for tests and the browser chat simulator (no auth).
    ("GET", "/_fake/requests", "fake_requests"),
    ("POST", "/_fake/clear", "fake_clear"),
    ("POST", "/_fake/reply-token", "fake_reply_token"),
    ("PUT", "/_fake/profiles/<user_id>", "fake_set_profile"),
]


def answer(status: int, body: Any = None, headers: dict[str, str] | None = None) -> Response:
    """A JSON response (LINE answers ``{}`` for successful calls without data)."""
    payload = json.dumps({} if body is None else body, ensure_ascii=False)
    return Response(payload, status=status, mimetype="application/json", headers=headers)


def not_found(message: str = "Not found") -> Response:
    return answer(404, {"message": message})


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def build_app(server: FakeLineServer) -> Flask:
    """The Flask app serving ``server``'s state."""
    app = Flask("fakeline")
    api = LineApi(server)
    for method, rule, name in ROUTES:
        app.add_url_rule(rule, endpoint=f"{method} {rule}", view_func=getattr(api, name), methods=[method])
    app.before_request(api.intake)
    app.after_request(api.finish)
    app.register_error_handler(HTTPException, lambda e: answer(e.code or 500, {"message": e.name}))
    return app


class LineApi:
    """Endpoint implementations; per-request data lives on ``flask.g``."""

    def __init__(self, server: FakeLineServer):
        self.server = server

    @property
    def state(self) -> LineState:
        return self.server.state

    # -- pipeline -------------------------------------------------------------------

    def intake(self) -> Response | None:
        """Auth, body validation and fault injection before the endpoint runs."""
        if request.path.startswith("/_fake/"):
            return None
        g.request_id = str(uuid.uuid4())
        g.delivered = False
        g.fault = None
        g.body, bad_json = self._parse_body()
        problems = [] if bad_json else self.server.validator.check(request.method, request.path, g.body)
        g.problems = ["the request body is not valid JSON"] if bad_json else [str(p) for p in problems]
        if not self._authorized() and not request.path.startswith(LOGIN_API):
            return answer(401, {"message": AUTH_FAILED})
        if bad_json:
            return answer(400, {"message": "The request body could not be parsed as JSON"})
        fault = self.server.take_fault(request.path)
        if fault is not None:
            time.sleep(fault.delay)
            if not fault.deliver:
                return self._fault_answer(fault)
            g.fault = fault
        if problems:
            details = [{"message": p.message, "property": p.property} for p in problems]
            return answer(400, {"message": f"The request body has {len(problems)} error(s)", "details": details})
        return None

    def finish(self, response: Response) -> Response:
        """Record the request with the status it was answered."""
        if request.path.startswith("/_fake/") or not hasattr(g, "request_id"):
            return response
        if g.fault is not None:
            response = self._fault_answer(g.fault)
        response.headers["X-Line-Request-Id"] = g.request_id
        self.server.record(
            method=request.method,
            path=request.path,
            headers=dict(request.headers),
            body=g.body,
            problems=g.problems,
            status=response.status_code,
            response=response.get_json(silent=True) if response.is_json else None,
            delivered=g.delivered,
            query=request.args.to_dict(),
            request_id=g.request_id,
            content_type=request.content_type,
            content_length=len(request.get_data(cache=True)),
        )
        return response

    def _parse_body(self) -> tuple[Any, bool]:
        """(parsed JSON or None, whether the body was malformed JSON)."""
        raw = request.get_data(cache=True)
        if not raw or request.mimetype != "application/json":
            return None, False
        try:
            return json.loads(raw), False
        except ValueError:
            return None, True

    def _authorized(self) -> bool:
        """LINE requires ``Authorization: Bearer <channel access token>`` on every call."""
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return False
        return self.server.access_token is None or token.strip() == self.server.access_token

    @staticmethod
    def _fault_answer(fault: Fault) -> Response:
        body = fault.body if fault.body is not None else {"message": HTTPStatus(fault.status).phrase}
        return answer(fault.status, body)

    def _delivered(self, status: int, body: Any = None) -> Response:
        g.delivered = True
        return answer(status, body)

    # -- messages -------------------------------------------------------------------

    def reply(self) -> Response:
        """Reply tokens are single-use (and expire): reuse answers 400 "Invalid reply token"."""
        if not self.state.use_reply_token(g.body["replyToken"]):
            return answer(400, {"message": "Invalid reply token"})
        return self._delivered(200, {"sentMessages": sent_messages(g.body["messages"])})

    def push(self) -> Response:
        return self._send(recipients=1, respond=lambda sent: {"sentMessages": sent}, keep_sent=True)

    def multicast(self) -> Response:
        return self._send(recipients=len(g.body["to"]), respond=lambda sent: {})

    def broadcast(self) -> Response:
        """Broadcasts are delivered to every friend; not counted against the fake's quota."""
        return self._send(recipients=0, respond=lambda sent: {})

    def narrowcast(self) -> Response:
        """Narrowcast is asynchronous: LINE answers 202 (request id = progress id)."""
        return self._send(recipients=0, respond=lambda sent: {}, status=202)

    def _send(
        self, recipients: int, respond: Callable[[list[dict]], dict], *, keep_sent: bool = False, status: int = 200
    ) -> Response:
        """Retry key (UUID; a repeat of an accepted key is 409), quota (429), then deliver."""
        key = request.headers.get("X-Line-Retry-Key")
        if key is not None and not _is_uuid(key):
            return answer(400, {"message": "The value of the X-Line-Retry-Key header must be a UUID"})
        with self.state.lock:
            if key is not None and key in self.state.retry_keys:
                return self._already_accepted(self.state.retry_keys[key])
            messages = g.body["messages"]
            if not self.state.charge(len(messages) * recipients):
                return answer(429, {"message": "You have reached your monthly limit."})
            sent = sent_messages(messages)
            if key is not None:
                self.state.retry_keys[key] = AcceptedRetry(g.request_id, sent if keep_sent else None)
        return self._delivered(status, respond(sent))

    @staticmethod
    def _already_accepted(accepted: AcceptedRetry) -> Response:
        body: dict[str, Any] = {"message": "The retry key is already accepted"}
        if accepted.sent_messages:
            body["sentMessages"] = accepted.sent_messages
        return answer(409, body, {"X-Line-Accepted-Request-Id": accepted.request_id})

    def validate_messages(self, kind: str) -> Response:
        """/v2/bot/message/validate/*: the body was already validated in ``intake``."""
        if kind not in ("reply", "push", "multicast", "narrowcast", "broadcast"):
            return not_found()
        return answer(200)

    def quota(self) -> Response:
        return answer(200, self.state.quota_json())

    def quota_consumption(self) -> Response:
        return answer(200, {"totalUsage": self.state.usage})

    # -- users and chat -------------------------------------------------------------

    def profile(self, user_id: str) -> Response:
        """Only friends of the bot have a profile; others are 404."""
        profile = self.state.profile_json(user_id)
        return answer(200, profile) if profile else not_found()

    def bot_info(self) -> Response:
        return answer(
            200,
            {
                "userId": "Ufakelinebot",
                "basicId": "@fakeline",
                "displayName": "KPI Bot",
                "chatMode": "bot",
                "markAsReadMode": "auto",
            },
        )

    def loading_start(self) -> Response:
        """The loading indicator is accepted asynchronously: 202 ``{}``."""
        return self._delivered(202)

    # -- rich menus -----------------------------------------------------------------

    def create_rich_menu(self) -> Response:
        rich_menu_id = self.state.create_rich_menu(g.body)
        return self._delivered(200, {"richMenuId": rich_menu_id})

    def validate_rich_menu(self) -> Response:
        return answer(200)

    def list_rich_menus(self) -> Response:
        return answer(200, {"richmenus": list(self.state.rich_menus.values())})

    def get_rich_menu(self, rich_menu_id: str) -> Response:
        menu = self.state.rich_menus.get(rich_menu_id)
        return answer(200, menu) if menu else not_found("richmenu not found")

    def delete_rich_menu(self, rich_menu_id: str) -> Response:
        if not self.state.delete_rich_menu(rich_menu_id):
            return not_found("richmenu not found")
        return self._delivered(200)

    def upload_rich_menu_image(self, rich_menu_id: str) -> Response:
        """JPEG/PNG up to 1 MB, once per menu (LINE serves this on api-data.line.me)."""
        if rich_menu_id not in self.state.rich_menus:
            return not_found("richmenu not found")
        if request.mimetype not in RICH_MENU_IMAGE_TYPES:
            return answer(
                415, {"message": f"Unsupported Content-Type {request.mimetype!r}; use image/jpeg or image/png"}
            )
        data = request.get_data(cache=True)
        if len(data) > RICH_MENU_IMAGE_MAX:
            return answer(400, {"message": f"The image is {len(data)} bytes; the maximum is 1 MB"})
        with self.state.lock:
            if rich_menu_id in self.state.rich_menu_images:
                return answer(400, {"message": "An image has already been uploaded to the richmenu"})
            self.state.rich_menu_images[rich_menu_id] = RichMenuImage(request.mimetype, data)
        return self._delivered(200)

    def download_rich_menu_image(self, rich_menu_id: str) -> Response:
        image = self.state.rich_menu_images.get(rich_menu_id)
        if image is None:
            return not_found()
        return Response(image.data, status=200, mimetype=image.content_type)

    def _link_refusal(self, rich_menu_id: str) -> Response | None:
        """LINE refuses to link unknown menus and menus without an image."""
        if rich_menu_id not in self.state.rich_menus:
            return not_found("richmenu not found")
        if rich_menu_id not in self.state.rich_menu_images:
            return answer(400, {"message": "must upload richmenu image before applying it to user"})
        return None

    def set_default_rich_menu(self, rich_menu_id: str) -> Response:
        refusal = self._link_refusal(rich_menu_id)
        if refusal:
            return refusal
        self.state.default_rich_menu_id = rich_menu_id
        return self._delivered(200)

    def get_default_rich_menu(self) -> Response:
        menu_id = self.state.default_rich_menu_id
        return answer(200, {"richMenuId": menu_id}) if menu_id else not_found("no default richmenu")

    def cancel_default_rich_menu(self) -> Response:
        self.state.default_rich_menu_id = None
        return self._delivered(200)

    def link_user_rich_menu(self, user_id: str, rich_menu_id: str) -> Response:
        refusal = self._link_refusal(rich_menu_id)
        if refusal:
            return refusal
        with self.state.lock:
            self.state.user_rich_menus[user_id] = rich_menu_id
        return self._delivered(200)

    def get_user_rich_menu(self, user_id: str) -> Response:
        menu_id = self.state.user_rich_menus.get(user_id)
        return answer(200, {"richMenuId": menu_id}) if menu_id else not_found("the user has no richmenu")

    def unlink_user_rich_menu(self, user_id: str) -> Response:
        with self.state.lock:
            self.state.user_rich_menus.pop(user_id, None)
        return self._delivered(200)

    # -- LINE Login -----------------------------------------------------------------

    def verify_id_token(self) -> Response:
        """POST /oauth2/v2.1/verify (form: id_token, client_id, optional nonce / user_id), as
        LINE documents it (developers.line.biz/en/reference/line-login/#verify-id-token; the
        OpenAPI specs in ../shared/line-openapi/ cover the Messaging API only): 200 with the
        token's claims (iss, sub, aud, exp, iat, amr, name, picture), else 400 with LINE's
        error shape."""
        id_token, client_id = request.form.get("id_token"), request.form.get("client_id")
        if not id_token or not client_id:
            return answer(400, {"error": "invalid_request", "error_description": "Required parameter is missing."})
        claims = self.state.id_tokens.get(id_token)
        if claims is None:
            return answer(400, {"error": "invalid_request", "error_description": "Invalid IdToken."})
        if claims["exp"] <= time.time():
            return answer(400, {"error": "invalid_request", "error_description": "IdToken expired."})
        if claims["aud"] != client_id:
            return answer(400, {"error": "invalid_request", "error_description": "Invalid IdToken Audience."})
        nonce = request.form.get("nonce")
        if nonce is not None and claims.get("nonce") != nonce:
            return answer(400, {"error": "invalid_request", "error_description": "Invalid IdToken Nonce."})
        user_id = request.form.get("user_id")
        if user_id is not None and claims["sub"] != user_id:
            return answer(400, {"error": "invalid_request", "error_description": "Invalid IdToken Subject Identifier."})
        return answer(200, claims)

    # -- /_fake inspection ----------------------------------------------------------

    def fake_requests(self) -> Response:
        """``?after=N`` → requests with seq > N and ``last`` (the newest seq) to poll from."""
        after = request.args.get("after", default=0, type=int)
        records, last = self.server.requests_after(after)
        return answer(200, {"requests": [r.to_json() for r in records], "last": last, "instance": self.server.instance})

    def fake_clear(self) -> Response:
        self.server.clear()
        return answer(200)

    def fake_reply_token(self) -> Response:
        """Issue a reply token, optionally for ``{"userId": ...}`` (see messages_to)."""
        body = request.get_json(silent=True) or {}
        return answer(200, {"replyToken": self.server.issue_reply_token(body.get("userId"))})

    def fake_set_profile(self, user_id: str) -> Response:
        """Set ``{"displayName": ...}`` for a user so GET /v2/bot/profile/<id> finds them."""
        body = request.get_json(silent=True) or {}
        self.server.profiles[user_id] = body.get("displayName", user_id)
        return answer(200)
