"""Pure builders of LINE messages (line-bot-sdk v3 models). No I/O here."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from linebot.v3.messaging import (
    FlexContainer,
    FlexMessage,
    Message,
    MessageAction,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
    URIAction,
)

from .formatting import fmt_amount, fmt_number, fmt_percent  # noqa: F401  (M.fmt_* at call sites)

MAX_LABEL = 20
MAX_QUICK_REPLIES = 13
MAX_TEXT = 5000
MAX_POSTBACK_DATA = 300


def short_label(text: str) -> str:
    """Fit LINE's 20-character label limit, marking any cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def short_unit(name: str) -> str:
    """'สำนักงานประกันสังคมจังหวัดอุทัยธานี' → 'จ.อุทัยธานี' (buttons hold 20 characters)."""
    short = name.removeprefix("สำนักงานประกันสังคม").strip() or name
    short = short.replace("กรุงเทพมหานครเขตพื้นที่", "กทม. พื้นที่ ").replace("  ", " ")
    if short.startswith("จังหวัด"):
        short = "จ." + short.removeprefix("จังหวัด")
    return short.strip()


def encode_postback(**fields: object) -> str:
    data = urlencode({k: v for k, v in fields.items() if v is not None})
    if len(data) > MAX_POSTBACK_DATA:
        raise ValueError("postback data over LINE's limit")
    return data


def decode_postback(data: str) -> dict[str, str]:
    return dict(parse_qsl(data or "", keep_blank_values=True))


def postback(label: str, display: str | None = None, **fields: object) -> PostbackAction:
    return PostbackAction(
        label=short_label(label), data=encode_postback(**fields), displayText=display or short_label(label)
    )


def say(label: str, text: str | None = None) -> MessageAction:
    """A button that sends a text, as if the officer typed it."""
    return MessageAction(label=short_label(label), text=text or label)


def link(label: str, uri: str) -> URIAction:
    """A button that opens a page (LINE's in-app browser, or the LIFF app)."""
    return URIAction(label=short_label(label), uri=uri)


def text(body: str, actions: list | None = None) -> TextMessage:
    body = body if len(body) <= MAX_TEXT else body[: MAX_TEXT - 1] + "…"
    if not actions:
        return TextMessage(text=body)
    if len(actions) > MAX_QUICK_REPLIES:
        raise ValueError("more quick replies than LINE allows; page them")
    return TextMessage(text=body, quickReply=QuickReply(items=[QuickReplyItem(action=a) for a in actions]))


def flex(alt_text: str, contents: dict, actions: list | None = None) -> FlexMessage:
    quick = QuickReply(items=[QuickReplyItem(action=a) for a in actions]) if actions else None
    return FlexMessage(altText=alt_text[:1500], contents=FlexContainer.from_dict(contents), quickReply=quick)


def field_row(label: str, value: str, color: str | None = None) -> dict:
    row = {
        "type": "box",
        "layout": "baseline",
        "spacing": "sm",
        "contents": [
            {"type": "text", "text": label, "size": "sm", "color": "#888888", "flex": 2, "wrap": True},
            {"type": "text", "text": value or "-", "size": "sm", "wrap": True, "flex": 5},
        ],
    }
    if color:
        row["contents"][1]["color"] = color
    return row


def card(title: str, subtitle: str, rows: list[dict], buttons: list, note: str | None = None) -> dict:
    """A bubble: header, label/value rows, an optional warning line and buttons."""
    body = [
        {"type": "text", "text": subtitle, "weight": "bold", "wrap": True, "size": "md"},
        {"type": "separator", "margin": "md"},
        {"type": "box", "layout": "vertical", "margin": "md", "spacing": "sm", "contents": rows},
    ]
    if note:
        body.append({"type": "text", "text": note, "size": "xs", "color": "#C0392B", "wrap": True, "margin": "md"})
    return {
        "type": "bubble",
        "header": {
            "type": "box",
            "layout": "vertical",
            "backgroundColor": "#0B5394",
            "contents": [{"type": "text", "text": title, "color": "#FFFFFF", "weight": "bold"}],
        },
        "body": {"type": "box", "layout": "vertical", "contents": body},
        # Side by side, four buttons cut their labels on a phone: then one under another.
        "footer": {
            "type": "box",
            "layout": "horizontal" if len(buttons) <= 3 else "vertical",
            "spacing": "sm",
            "contents": [
                {"type": "button", "style": "primary" if i == 0 else "secondary", "height": "sm", "action": b.to_dict()}
                for i, b in enumerate(buttons)
            ],
        },
    }


def messages_fit(messages: list[Message]) -> list[Message]:
    """LINE takes at most 5 messages per reply: join the extra texts into the last one allowed."""
    if len(messages) <= 5:
        return messages
    head, tail = messages[:4], messages[4:]
    texts = [m.text for m in tail if isinstance(m, TextMessage)]
    last = tail[-1]
    joined = "\n\n".join(texts)
    quick = last.quick_reply if isinstance(last, TextMessage) else None
    return head + [TextMessage(text=joined[:MAX_TEXT], quickReply=quick)]
