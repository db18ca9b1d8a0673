"""The one LINE client: every Messaging API call of the bot goes through here.

The host comes from LINE_API_BASE_URL (the SDK's Configuration(host=...)), so tests and the
demo talk to the local fake. Errors are logged with their status only: never message bodies,
tokens or user ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import requests
from linebot.v3.messaging import (  # rich menus (setup-richmenu)
    ApiClient,
    ApiException,
    Configuration,
    Message,
    MessagingApi,
    MessagingApiBlob,
    MulticastRequest,
    PushMessageRequest,
    ReplyMessageRequest,
    RichMenuRequest,
    ShowLoadingAnimationRequest,
)
from urllib3.exceptions import HTTPError as TransportError

log = logging.getLogger(__name__)

#: Failures before any answer: refused connections (OSError) and urllib3's timeouts (not OSErrors).
_NO_ANSWER = (OSError, TransportError)


@dataclass(frozen=True)
class SendResult:
    ok: bool
    status: int | None = None
    reason: str | None = None


class LineApiError(Exception):
    """A read from the Messaging API failed (status None: no answer at all)."""

    def __init__(self, what: str, status: int | None):
        super().__init__(f"{what} failed: HTTP {status}" if status else f"{what} failed: no answer")
        self.status = status


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
            self._api.reply_message(
                ReplyMessageRequest(replyToken=reply_token, messages=messages), _request_timeout=self._timeout
            )
            return SendResult(True, 200)
        except ApiException as exc:
            log.warning("reply failed: HTTP %s", exc.status)
            return SendResult(False, exc.status, _reason(exc))
        except _NO_ANSWER as exc:  # connection refused, timeout …
            log.warning("reply failed: %s", type(exc).__name__)
            return SendResult(False, None, type(exc).__name__)

    def push(
        self, to: str, messages: list[Message], retry_key: str | None = None, timeout: float | None = None
    ) -> SendResult:
        """A push costs quota; the retry key makes a repeated request harmless (409 = already sent)."""
        return self._send(
            "push",
            lambda: self._api.push_message(
                PushMessageRequest(to=to, messages=messages),
                x_line_retry_key=retry_key,
                _request_timeout=timeout or self._timeout,
            ),
            retry_key,
        )

    def multicast(
        self, to: list[str], messages: list[Message], retry_key: str | None = None, timeout: float | None = None
    ) -> SendResult:
        """The same messages to up to 500 users in one request; costs one message per recipient."""
        if not 1 <= len(to) <= 500:
            raise ValueError("a multicast goes to 1-500 users")
        return self._send(
            "multicast",
            lambda: self._api.multicast(
                MulticastRequest(to=to, messages=messages),
                x_line_retry_key=retry_key,
                _request_timeout=timeout or self._timeout,
            ),
            retry_key,
        )

    def _send(self, what: str, call, retry_key: str | None) -> SendResult:
        try:
            call()
            return SendResult(True, 200)
        except ApiException as exc:
            if exc.status == 409 and retry_key:
                return SendResult(True, 409)  # this retry key was accepted before: already sent
            log.warning("%s failed: HTTP %s", what, exc.status)
            return SendResult(False, exc.status, _reason(exc))
        except _NO_ANSWER as exc:
            log.warning("%s failed: %s", what, type(exc).__name__)
            return SendResult(False, None, type(exc).__name__)

    def quota(self) -> int | None:
        """This month's message limit (None: no limit). Raises LineApiError when LINE does not answer."""
        try:
            answer = self._api.get_message_quota(_request_timeout=self._timeout)
        except (ApiException, *_NO_ANSWER) as exc:
            raise LineApiError("quota", getattr(exc, "status", None)) from None
        return answer.value if answer.type == "limited" else None

    def quota_consumption(self) -> int:
        """Messages counted against this month's quota so far. Raises LineApiError on failure."""
        try:
            return int(self._api.get_message_quota_consumption(_request_timeout=self._timeout).total_usage)
        except (ApiException, *_NO_ANSWER) as exc:
            raise LineApiError("quota consumption", getattr(exc, "status", None)) from None

    def show_loading(self, user_id: str, seconds: int = 5) -> None:
        try:
            self._api.show_loading_animation(
                ShowLoadingAnimationRequest(chatId=user_id, loadingSeconds=seconds), _request_timeout=self._timeout
            )
        except (ApiException, *_NO_ANSWER) as exc:
            log.info("loading animation not shown: %s", getattr(exc, "status", type(exc).__name__))

    def verify_id_token(self, id_token: str, client_id: str) -> dict | None:
        """The claims of a LIFF app's ID token as LINE verifies it (POST /oauth2/v2.1/verify on
        the same base URL as every other call: `sub` is the LINE user, `aud` the LINE Login
        channel), or None when LINE refuses it (400: invalid, expired, another channel's) or
        does not answer. The SDK has no call for it (LINE Login's API, not the Messaging API)."""
        host = self._client.configuration.host.rstrip("/")
        try:
            answer = requests.post(
                f"{host}/oauth2/v2.1/verify",
                data={"id_token": id_token, "client_id": client_id},
                timeout=self._timeout,
            )
        except requests.RequestException as exc:
            log.warning("ID token not verified: %s", type(exc).__name__)
            return None
        if answer.status_code != 200:
            log.info("ID token refused: HTTP %s", answer.status_code)
            return None
        try:
            claims = answer.json()
        except ValueError:
            return None
        if not isinstance(claims, dict) or claims.get("aud") != client_id or not isinstance(claims.get("sub"), str):
            return None
        return claims

    # -- rich menus (flask setup-richmenu): an administrator's command, so failures are raised
    #    (ApiException with LINE's status, or the transport's error) for it to report.

    def create_rich_menu(self, menu: RichMenuRequest) -> str:
        return self._api.create_rich_menu(menu, _request_timeout=self._timeout).rich_menu_id

    def set_rich_menu_image(self, rich_menu_id: str, image: bytes, content_type: str = "image/png") -> None:
        """LINE takes rich menu images on api-data.line.me; see data_host()."""
        self._blob().set_rich_menu_image(
            rich_menu_id, image, _headers={"Content-Type": content_type}, _request_timeout=self._timeout
        )

    def set_default_rich_menu(self, rich_menu_id: str) -> None:
        self._api.set_default_rich_menu(rich_menu_id, _request_timeout=self._timeout)

    def link_rich_menu(self, user_id: str, rich_menu_id: str) -> None:
        self._api.link_rich_menu_id_to_user(user_id, rich_menu_id, _request_timeout=self._timeout)

    def rich_menus(self) -> list[tuple[str, str]]:
        """(rich menu id, name) of every rich menu of the channel."""
        answer = self._api.get_rich_menu_list(_request_timeout=self._timeout)
        return [(menu.rich_menu_id, menu.name) for menu in answer.richmenus or []]

    def delete_rich_menu(self, rich_menu_id: str) -> None:
        self._api.delete_rich_menu(rich_menu_id, _request_timeout=self._timeout)

    def _blob(self) -> MessagingApiBlob:
        if getattr(self, "_blob_api", None) is None:
            configuration = self._client.configuration
            self._blob_api = MessagingApiBlob(_DataHostClient(configuration, data_host(configuration.host)))
        return self._blob_api


def _reason(exc: ApiException) -> str:
    body = exc.body if isinstance(exc.body, str) else ""
    return body[:300]


def data_host(api_host: str) -> str:
    """Where uploads go: api.line.me's are served by api-data.line.me; any other base URL (the
    local fake, a proxy) serves both, so LINE_API_BASE_URL alone decides where every call goes."""
    api_host = api_host.rstrip("/")
    return "https://api-data.line.me" if api_host == "https://api.line.me" else api_host


class _DataHostClient(ApiClient):
    """The SDK fixes api-data.line.me per call for MessagingApiBlob; send those calls to `host`."""

    def __init__(self, configuration: Configuration, host: str):
        super().__init__(configuration)
        self._data_host = host

    def call_api(self, *args, **kwargs):
        kwargs["_host"] = self._data_host
        return super().call_api(*args, **kwargs)
