"""Mutable state of the fake LINE platform (tokens, retry keys, quota, rich menus).

All mutating methods take ``self.lock`` so request threads cannot interleave
half-finished deliveries.  The HTTP layer lives in ``endpoints.py``.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

#: Message types LINE can quote; only these get a ``quoteToken`` in sentMessages.
QUOTABLE_TYPES = {"text", "textV2", "sticker", "image", "video", "audio", "location"}


@dataclass
class AcceptedRetry:
    """What LINE remembers about an accepted ``X-Line-Retry-Key``."""

    request_id: str
    sent_messages: list[dict] | None


@dataclass
class RichMenuImage:
    content_type: str
    data: bytes


@dataclass
class LineState:
    """Everything the fake platform remembers between requests."""

    quota: int | None = 500
    usage: int = 0
    profiles: dict[str, Any] = field(default_factory=dict)
    used_reply_tokens: set[str] = field(default_factory=set)
    expired_reply_tokens: set[str] = field(default_factory=set)
    reply_token_users: dict[str, str] = field(default_factory=dict)
    retry_keys: dict[str, AcceptedRetry] = field(default_factory=dict)
    rich_menus: dict[str, dict] = field(default_factory=dict)
    rich_menu_images: dict[str, RichMenuImage] = field(default_factory=dict)
    default_rich_menu_id: str | None = None
    user_rich_menus: dict[str, str] = field(default_factory=dict)
    #: LIFF ID tokens issued (issue_id_token) → the claims /oauth2/v2.1/verify answers with.
    id_tokens: dict[str, dict] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def forget_traffic(self) -> None:
        """Reset what earlier requests left behind: usage, spent/expired tokens, retry keys."""
        with self.lock:
            self.usage = 0
            self.used_reply_tokens.clear()
            self.expired_reply_tokens.clear()
            self.reply_token_users.clear()
            self.retry_keys.clear()

    # -- reply tokens ---------------------------------------------------------------

    def issue_reply_token(self, user_id: str | None = None) -> str:
        """A fresh reply token (as a webhook would carry), optionally tied to a user."""
        token = secrets.token_hex(16)
        if user_id:
            with self.lock:
                self.reply_token_users[token] = user_id
        return token

    def use_reply_token(self, token: str) -> bool:
        """LINE reply tokens are single-use and expire; False if this one is spent."""
        with self.lock:
            if token in self.used_reply_tokens or token in self.expired_reply_tokens:
                return False
            self.used_reply_tokens.add(token)
            return True

    # -- quota ----------------------------------------------------------------------

    def charge(self, messages: int) -> bool:
        """Count ``messages`` deliveries against the monthly quota; False if over it."""
        with self.lock:
            if self.quota is not None and self.usage + messages > self.quota:
                return False
            self.usage += messages
            return True

    def quota_json(self) -> dict:
        """Body of GET /v2/bot/message/quota."""
        if self.quota is None:
            return {"type": "none"}
        return {"type": "limited", "value": self.quota}

    # -- profiles -------------------------------------------------------------------

    def profile_json(self, user_id: str) -> dict | None:
        """Body of GET /v2/bot/profile/{userId}; None for users who are not friends."""
        entry = self.profiles.get(user_id)
        if entry is None:
            return None
        profile = {"userId": user_id, "displayName": entry, "language": "th"}
        if isinstance(entry, dict):
            profile.update(entry)
            profile["userId"] = user_id
        return profile

    # -- rich menus -----------------------------------------------------------------

    def create_rich_menu(self, body: dict) -> str:
        rich_menu_id = f"richmenu-{uuid.uuid4().hex}"
        with self.lock:
            self.rich_menus[rich_menu_id] = {"richMenuId": rich_menu_id, **body}
        return rich_menu_id

    def delete_rich_menu(self, rich_menu_id: str) -> bool:
        """Delete a menu and unlink it everywhere; False if it does not exist."""
        with self.lock:
            if self.rich_menus.pop(rich_menu_id, None) is None:
                return False
            self.rich_menu_images.pop(rich_menu_id, None)
            if self.default_rich_menu_id == rich_menu_id:
                self.default_rich_menu_id = None
            for user, menu in list(self.user_rich_menus.items()):
                if menu == rich_menu_id:
                    del self.user_rich_menus[user]
            return True


def new_message_id() -> str:
    """LINE message ids are 18-digit decimal strings."""
    return str(secrets.randbelow(9 * 10**17) + 10**17)


def sent_messages(messages: list[dict]) -> list[dict]:
    """The ``sentMessages`` LINE returns for a reply/push."""
    sent = []
    for message in messages:
        item = {"id": new_message_id()}
        if isinstance(message, dict) and message.get("type") in QUOTABLE_TYPES:
            item["quoteToken"] = secrets.token_urlsafe(24)
        sent.append(item)
    return sent
