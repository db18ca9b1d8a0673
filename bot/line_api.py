"""The one LINE client: every Messaging API call of the bot goes through here.

The host comes from LINE_API_BASE_URL (the SDK's Configuration(host=...)), so tests and the
demo talk to the local fake. Errors are logged with their status only: never message bodies,
tokens or user ids.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    Message,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None
    reason: str | None = None


class LineApi:
    def __init__(self, host: str, access_token: str, timeout: float = 10.0):
        configuration = Configuration(host=host.rstrip("/"), access_token=access_token)
        self._client = ApiClient(configuration)
        self._api = MessagingApi(self._client)
        self._timeout = timeout

    def reply(self, reply_token: str, messages: list[Message]) -> SendResult:
        """Replies are free but their token is single-use and expires; a failure is reported, not raised."""
        if not messages:
            return SendResult(True)
        try:
            self._api.reply_message(ReplyMessageRequest(replyToken=reply_token, messages=messages),
                                    _request_timeout=self._timeout)
            return SendResult(True, 200)
        except ApiException as exc:
            log.warning("reply failed: HTTP %s", exc.status)
            return SendResult(False, exc.status, _reason(exc))
        except OSError as exc:  # connection refused, timeout …
            log.warning("reply failed: %s", type(exc).__name__)
            return SendResult(False, None, type(exc).__name__)

    def push(self, to: str, messages: list[Message], retry_key: str | None = None) -> SendResult:
        """A push costs quota; the retry key makes a repeated request harmless (409 = already sent)."""
        try:
            self._api.push_message(PushMessageRequest(to=to, messages=messages), x_line_retry_key=retry_key,
                                   _request_timeout=self._timeout)
            return SendResult(True, 200)
        except ApiException as exc:
            if exc.status == 409 and retry_key:
                return SendResult(True, 409)
            log.warning("push failed: HTTP %s", exc.status)
            return SendResult(False, exc.status, _reason(exc))
        except OSError as exc:
            log.warning("push failed: %s", type(exc).__name__)
            return SendResult(False, None, type(exc).__name__)

    def show_loading(self, user_id: str, seconds: int = 5) -> None:
        try:
            self._api.show_loading_animation(ShowLoadingAnimationRequest(chatId=user_id, loadingSeconds=seconds),
                                             _request_timeout=self._timeout)
        except (ApiException, OSError) as exc:
            log.info("loading animation not shown: %s", getattr(exc, "status", type(exc).__name__))


def _reason(exc: ApiException) -> str:
    body = exc.body if isinstance(exc.body, str) else ""
    return body[:300]
