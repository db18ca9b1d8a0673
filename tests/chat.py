"""A test double of a LINE user's phone: signed webhook events in, replies read from the fake."""

from __future__ import annotations

from fakeline import webhooks as W


class Chat:
    def __init__(self, client, line, secret: str, user_id: str):
        self.client, self.line, self.secret, self.user_id = client, line, secret, user_id
        self.last: list[dict] = []

    def post(self, *events: dict, signature: str | None = None):
        body, headers = W.signed_request(self.secret, *events)
        if signature is not None:
            headers["X-Line-Signature"] = signature
        return self.client.post("/callback", data=body.encode(), headers=headers)

    def deliver(self, event: dict) -> list[dict]:
        """Send one event; return the messages the bot replied with (asserting HTTP 200)."""
        response = self.post(event)
        assert response.status_code == 200, response.data
        token = event.get("replyToken")
        self.last = [m for r in self.line.replies() if r.get("replyToken") == token for m in r["messages"]]
        return self.last

    def say(self, text: str) -> list[dict]:
        return self.deliver(W.text_event(self.user_id, text))

    def tap(self, data: str) -> list[dict]:
        return self.deliver(W.postback_event(self.user_id, data))

    def follow(self) -> list[dict]:
        return self.deliver(W.follow_event(self.user_id))

    # What the last reply showed -----------------------------------------------------------
    def texts(self) -> str:
        return "\n".join(m["text"] for m in self.last if m["type"] == "text") + "\n".join(
            m["altText"] for m in self.last if m["type"] == "flex"
        )

    def buttons(self) -> list[dict]:
        """The quick-reply actions of the last message (and footer buttons of a flex card)."""
        actions = []
        for m in self.last:
            actions += [i["action"] for i in (m.get("quickReply") or {}).get("items", [])]
            if m["type"] == "flex":
                footer = m["contents"].get("footer") or {}
                actions += [c["action"] for c in footer.get("contents", []) if c.get("type") == "button"]
        return actions

    def press(self, label_start: str) -> list[dict]:
        """Tap the button whose label starts with this text, as the officer would."""
        for action in self.buttons():
            if action["label"].startswith(label_start):
                if action["type"] == "postback":
                    return self.tap(action["data"])
                return self.say(action["text"])
        raise AssertionError(f"no button {label_start!r} in {[a['label'] for a in self.buttons()]}")
