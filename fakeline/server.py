"""``FakeLineServer``: a local stand-in for api.line.me that records and schema-checks requests.

Point the line-bot-sdk at it::

    with FakeLineServer() as line:
        config = Configuration(host=line.url, access_token="test-token")
        ... bot code ...
        assert line.all_problems() == []
        assert line.messages_to("U123")[0]["text"] == "..."

It runs a Flask app in a background thread (werkzeug's threaded server on
127.0.0.1, a free port by default).  Behaviour of each endpoint is in
``endpoints.py``; platform state (reply tokens, retry keys, quota, rich menus)
in ``state.py``; body validation in ``schema.py``.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from fakeline.endpoints import build_app
from fakeline.schema import SpecValidator, default_validator
from fakeline.state import LineState


@dataclass
class RecordedRequest:
    """One request the fake received, with what it answered."""

    seq: int
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or None (no body / binary upload)
    problems: list[str]  # why LINE would reject the body ([] = valid)
    status: int  # HTTP status answered
    response: Any = None  # JSON answered, if any
    delivered: bool = False  # LINE would have delivered/applied it
    query: dict[str, str] = field(default_factory=dict)
    request_id: str = ""  # X-Line-Request-Id answered
    content_type: str | None = None
    content_length: int = 0
    time: float = 0.0

    def to_json(self) -> dict:
        """Shape served by GET /_fake/requests (headers left out: they carry the token)."""
        return {
            "seq": self.seq,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "body": self.body,
            "problems": self.problems,
            "status": self.status,
            "response": self.response,
            "delivered": self.delivered,
            "time": self.time,
            "contentType": self.content_type,
            "contentLength": self.content_length,
        }


@dataclass
class Fault:
    """An injected answer for the next ``times`` requests whose path starts with ``path_prefix``."""

    path_prefix: str
    status: int
    times: int = 1
    delay: float = 0.0
    body: dict | None = None
    deliver: bool = False  # process normally (deliver) but answer the fault anyway


class _QuietHandler(WSGIRequestHandler):
    """Keep werkzeug's per-request access log out of test output."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class FakeLineServer:
    """Fake LINE Messaging API: see module docstring and endpoints.py for behaviour."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        access_token: str | None = None,
        quota: int | None = 500,
        validator: SpecValidator | None = None,
    ):
        """``access_token``: if set, only ``Bearer <access_token>`` is accepted (else any bearer)."""
        self.host = host
        self.port = port
        self.access_token = access_token
        self.validator = validator or default_validator()
        self.state = LineState(quota=quota)
        self._records: list[RecordedRequest] = []
        self._seq = 0
        #: Names this server's request log: sequence numbers start again in a new one.
        self.instance = uuid.uuid4().hex
        self._faults: list[Fault] = []
        self._cond = threading.Condition()
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> FakeLineServer:
        """Bind and serve in a daemon thread; returns self."""
        if self._server is not None:
            return self
        self._server = make_server(self.host, self.port, build_app(self), threaded=True, request_handler=_QuietHandler)
        self.port = self._server.server_port
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fakeline", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeLineServer:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL to use as ``Configuration(host=...)``, e.g. http://127.0.0.1:54321."""
        return f"http://{self.host}:{self.port}"

    # -- recording ------------------------------------------------------------------

    def record(self, **fields: Any) -> RecordedRequest:
        """Append a request to the log (called by the HTTP layer)."""
        with self._cond:
            self._seq += 1
            entry = RecordedRequest(seq=self._seq, time=time.time(), **fields)
            self._records.append(entry)
            self._cond.notify_all()
        return entry

    @property
    def requests(self) -> list[RecordedRequest]:
        """Snapshot of every recorded request (oldest first)."""
        with self._cond:
            return list(self._records)

    def requests_after(self, seq: int) -> tuple[list[RecordedRequest], int]:
        """Requests with ``seq > seq`` and the last sequence number handed out."""
        with self._cond:
            return [r for r in self._records if r.seq > seq], self._seq

    def clear(self) -> None:
        """Start a test afresh on a shared server: forget recorded requests and their traces.

        Quota usage, spent/expired reply tokens and accepted retry keys are reset;
        configuration (quota, profiles, access token), rich menus and pending
        faults stay.  Sequence numbers keep increasing so /_fake/requests pollers
        never see a number twice.
        """
        with self._cond:
            self._records.clear()
        self.state.forget_traffic()

    def reset(self) -> None:
        """Back to a brand-new platform (keeps quota and access token): also profiles, rich menus, faults."""
        self.clear()
        self.reset_faults()
        self.state = LineState(quota=self.state.quota)

    def all_problems(self) -> list[str]:
        """Every validation problem of every recorded request, prefixed with method and path."""
        return [f"{r.method} {r.path}: {p}" for r in self.requests for p in r.problems]

    def wait_for(self, count: int = 1, path_prefix: str = "", timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until ``count`` requests under ``path_prefix`` are recorded (for async bots)."""
        deadline = time.monotonic() + timeout

        def matching() -> list[RecordedRequest]:
            return [r for r in self._records if r.path.startswith(path_prefix)]

        with self._cond:
            while len(matching()) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{len(matching())} of {count} requests to {path_prefix!r} after {timeout}s")
                self._cond.wait(remaining)
            return matching()

    def _delivered(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.delivered and r.path == path]

    def replies(self) -> list[dict]:
        """Bodies of accepted reply requests ({"replyToken", "messages", ...})."""
        return [r.body for r in self._delivered("/v2/bot/message/reply")]

    def pushes(self) -> list[dict]:
        """Bodies of accepted push requests ({"to", "messages", ...})."""
        return [r.body for r in self._delivered("/v2/bot/message/push")]

    def multicasts(self) -> list[dict]:
        """Bodies of accepted multicast requests ({"to": [...], "messages", ...})."""
        return [r.body for r in self._delivered("/v2/bot/message/multicast")]

    def messages_to(self, user_id: str) -> list[dict]:
        """Message objects delivered to ``user_id``, in order.

        Counts pushes to the user, multicasts including them, broadcasts, and
        replies whose token was issued for them via ``issue_reply_token(user_id)``.
        """
        messages: list[dict] = []
        for r in self.requests:
            if r.delivered and isinstance(r.body, dict) and self._addressed_to(r, user_id):
                messages.extend(r.body.get("messages", []))
        return messages

    def _addressed_to(self, r: RecordedRequest, user_id: str) -> bool:
        kind = r.path.rsplit("/", 1)[-1]
        if kind == "push":
            return r.body.get("to") == user_id
        if kind == "multicast":
            return user_id in (r.body.get("to") or [])
        if kind == "broadcast":
            return True
        if kind == "reply":
            return self.state.reply_token_users.get(r.body.get("replyToken")) == user_id
        return False

    # -- fault injection ------------------------------------------------------------

    def inject(
        self,
        path_prefix: str,
        status: int,
        times: int = 1,
        delay: float = 0.0,
        body: dict | None = None,
        *,
        deliver: bool = False,
    ) -> Fault:
        """Answer the next ``times`` requests under ``path_prefix`` with ``status``.

        ``delay`` seconds are slept first (to trigger client timeouts).  With
        ``deliver=True`` the request is still processed (messages delivered,
        retry key accepted) before the fault is answered: the "LINE got it but
        the response was lost" case that X-Line-Retry-Key exists for.
        """
        fault = Fault(path_prefix, status, times, delay, body, deliver)
        with self._cond:
            self._faults.append(fault)
        return fault

    def reset_faults(self) -> None:
        """Drop all pending injected faults."""
        with self._cond:
            self._faults.clear()

    def take_fault(self, path: str) -> Fault | None:
        """Consume one use of the first pending fault matching ``path``."""
        with self._cond:
            for fault in self._faults:
                if path.startswith(fault.path_prefix) and fault.times > 0:
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # -- platform knobs -------------------------------------------------------------

    @property
    def profiles(self) -> dict[str, Any]:
        """user id -> display name (or a dict of profile fields); unknown users get 404."""
        return self.state.profiles

    @property
    def quota(self) -> int | None:
        """Monthly message limit (None = no limit)."""
        return self.state.quota

    @quota.setter
    def quota(self, value: int | None) -> None:
        self.state.quota = value

    @property
    def usage(self) -> int:
        """Messages counted against the quota so far (push and multicast)."""
        return self.state.usage

    @usage.setter
    def usage(self, value: int) -> None:
        self.state.usage = value

    def issue_id_token(
        self, user_id: str, channel_id: str, name: str = "", lifetime: float = 3600, nonce: str | None = None
    ) -> str:
        """An ID token as a LIFF app's liff.getIDToken() gives the LINE user `user_id` in the
        LINE Login channel `channel_id` (a negative lifetime: already expired)."""
        token = "eyJ" + secrets.token_urlsafe(48)  # opaque here; LINE's is a signed JWT
        now = int(time.time())
        claims = {
            "iss": "https://access.line.me",
            "sub": user_id,
            "aud": channel_id,
            "exp": now + int(lifetime),
            "iat": now,
            "amr": ["linesso"],
            "name": name or user_id,
            "picture": "https://profile.line-scdn.net/fake",
        }
        if nonce is not None:
            claims["nonce"] = nonce
        with self.state.lock:
            self.state.id_tokens[token] = claims
        return token

    def issue_reply_token(self, user_id: str | None = None) -> str:
        """A fresh reply token, as a webhook event would carry (tie it to a user for messages_to)."""
        return self.state.issue_reply_token(user_id)

    def expire_reply_token(self, token: str) -> None:
        """Make ``token`` answer 400 "Invalid reply token" like an expired one."""
        with self.state.lock:
            self.state.expired_reply_tokens.add(token)

    @property
    def rich_menus(self) -> dict[str, dict]:
        """rich menu id -> created rich menu (request body plus ``richMenuId``)."""
        return self.state.rich_menus

    @property
    def default_rich_menu_id(self) -> str | None:
        return self.state.default_rich_menu_id

    @property
    def user_rich_menus(self) -> dict[str, str]:
        """user id -> rich menu id linked to that user."""
        return self.state.user_rich_menus

    def rich_menu_image(self, rich_menu_id: str) -> tuple[str, int] | None:
        """(content type, byte length) of the uploaded image, or None."""
        image = self.state.rich_menu_images.get(rich_menu_id)
        return (image.content_type, len(image.data)) if image else None
