"""Limits LINE enforces that the OpenAPI spec does not express.

Sources: the Messaging API reference (developers.line.biz/en/reference/messaging-api)
and spec/README.txt.  Each hook receives the object, its LINE-style property path,
the context it appears in (parent schema + property) and ``add(path, message)``.

Lengths are counted the way LINE's (Java) servers count them: UTF-16 code units.
For Thai that is one per character (including tone marks and vowels), never bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

Add = Callable[[str, str], None]

TEXT_MAX = 5000
ALT_TEXT_MAX = 1500
LABEL_MAX = 20
FLEX_LABEL_MAX = 40  # label of a Flex action ("button of Flex Message")
IMAGE_CAROUSEL_LABEL_MAX = 12
ACTION_TEXT_MAX = 300  # message action text, postback displayText/text/fillInText
URI_MAX = 1000
URL_MAX = 2000  # image/video/audio/icon URLs
CAROUSEL_BUBBLES_MAX = 12
BUBBLE_BYTES_MAX = 30 * 1024
CAROUSEL_BYTES_MAX = 50 * 1024
URI_SCHEMES = ("http://", "https://", "line://", "tel:")

QUICK_REPLY_ONLY_ACTIONS = {"camera", "cameraRoll", "location"}
RICH_MENU_ONLY_ACTIONS = {"richmenuswitch"}


class Ctx(NamedTuple):
    """Where an object sits: the schema of its parent and the parent's property."""

    parent: str
    prop: str


def join(path: str, key: Any) -> str:
    """LINE's property notation: ``messages[0].quickReply.items[3].action``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def chars(text: str) -> int:
    """Length as LINE counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def json_bytes(value: Any) -> int:
    """Size of the compact UTF-8 JSON encoding, used for Flex size limits."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


# -- generic checks -------------------------------------------------------------------


def check_text(
    obj: dict,
    key: str,
    path: str,
    add: Add,
    *,
    max_len: int | None = None,
    required: bool = True,
    non_empty: bool = True,
) -> None:
    """A string property that LINE requires (optionally) to be non-empty and bounded."""
    value = obj.get(key)
    where = join(path, key)
    if value is None:
        if required:
            add(where, "required property missing")
        return
    if not isinstance(value, str):
        return  # the spec check already reports the wrong type
    if non_empty and value == "":
        add(where, "must be non-empty")
    elif max_len is not None and chars(value) > max_len:
        add(where, f"{chars(value)} chars > {max_len}")


def check_count(items: Any, path: str, add: Add, *, low: int, high: int) -> None:
    """An array that must hold between ``low`` and ``high`` items."""
    if not isinstance(items, list):
        return
    if len(items) < low:
        add(path, f"{len(items)} items < min {low}")
    elif len(items) > high:
        add(path, f"{len(items)} items > max {high}")


def check_https(obj: dict, key: str, path: str, add: Add, max_len: int = URL_MAX) -> None:
    """Media URLs must be HTTPS and at most 2000 characters."""
    value = obj.get(key)
    if not isinstance(value, str):
        return
    if not value.startswith("https://"):
        add(join(path, key), "must be an HTTPS URL")
    elif chars(value) > max_len:
        add(join(path, key), f"{chars(value)} chars > {max_len}")


def check_type(obj: dict, path: str, add: Add, allowed: set[str], what: str) -> None:
    """``type`` of an object placed where LINE accepts only some types."""
    kind = obj.get("type")
    if kind is not None and kind not in allowed:
        add(join(path, "type"), f"{kind!r} not allowed {what}; expected one of {sorted(allowed)}")


# -- messages -------------------------------------------------------------------------


def text_message(msg: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Text message: ``text`` 1..5000 characters."""
    check_text(msg, "text", path, add, max_len=TEXT_MAX)


def alt_text(msg: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Flex/template/imagemap messages: ``altText`` 1..1500 characters."""
    check_text(msg, "altText", path, add, max_len=ALT_TEXT_MAX)


def flex_message(msg: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Flex message: altText, and the container JSON within 30 KB (bubble) / 50 KB (carousel)."""
    alt_text(msg, path, ctx, add)
    contents = msg.get("contents")
    if not isinstance(contents, dict):
        return
    limit = CAROUSEL_BYTES_MAX if contents.get("type") == "carousel" else BUBBLE_BYTES_MAX
    size = json_bytes(contents)
    if size > limit:
        add(join(path, "contents"), f"{size} bytes of JSON > {limit // 1024} KB for a {contents.get('type')}")


def media_message(msg: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Image/video/audio messages: content and preview URLs are HTTPS, <= 2000 chars."""
    for key in ("originalContentUrl", "previewImageUrl"):
        check_https(msg, key, path, add)


def quick_reply_item(item: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Quick reply button: ``type`` is ``action`` and an ``action`` is required."""
    if item.get("type", "action") != "action":
        add(join(path, "type"), f"must be 'action', got {item.get('type')!r}")
    if "action" not in item:
        add(join(path, "action"), "required property missing")
    check_https(item, "imageUrl", path, add)


# -- actions --------------------------------------------------------------------------


def label_rule(ctx: Ctx) -> tuple[bool, int]:
    """(label required?, max characters) for an action in this context, per LINE docs."""
    if ctx.parent == "QuickReplyItem":
        return True, LABEL_MAX
    if ctx.parent == "FlexButton":
        return True, FLEX_LABEL_MAX
    if ctx.parent.startswith("Flex"):
        return False, FLEX_LABEL_MAX  # box/image/text/bubble actions: label is not displayed
    if ctx.parent == "ImageCarouselColumn":
        return False, IMAGE_CAROUSEL_LABEL_MAX
    if ctx.parent in ("ButtonsTemplate", "ConfirmTemplate", "CarouselColumn") and ctx.prop == "actions":
        return True, LABEL_MAX
    return False, LABEL_MAX  # defaultAction, rich menu areas


def forbidden_actions(ctx: Ctx) -> tuple[set[str], str]:
    """Action types that cannot be used in this context, and a description of it."""
    if ctx.parent == "QuickReplyItem":
        return RICH_MENU_ONLY_ACTIONS, "in a quick reply"
    if ctx.parent == "RichMenuArea":
        return QUICK_REPLY_ONLY_ACTIONS, "in a rich menu"
    if not ctx.parent:
        return set(), ""
    return QUICK_REPLY_ONLY_ACTIONS | RICH_MENU_ONLY_ACTIONS, f"in {ctx.parent}"


def action_common(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Every action: label presence/length by context, and the action type by context."""
    required, max_len = label_rule(ctx)
    check_text(action, "label", path, add, max_len=max_len, required=required)
    forbidden, where = forbidden_actions(ctx)
    if action.get("type") in forbidden:
        add(join(path, "type"), f"{action['type']!r} action cannot be used {where}")


def postback_action(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Postback: ``data`` required (<= 300); displayText/text/fillInText <= 300; not both displayText and text."""
    action_common(action, path, ctx, add)
    check_text(action, "data", path, add, max_len=300, non_empty=False)
    for key in ("displayText", "text", "fillInText"):
        check_text(action, key, path, add, max_len=ACTION_TEXT_MAX, required=False)
    if "displayText" in action and "text" in action:
        add(join(path, "text"), "cannot be used together with displayText")


def message_action(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Message action: ``text`` required, 1..300 characters."""
    action_common(action, path, ctx, add)
    check_text(action, "text", path, add, max_len=ACTION_TEXT_MAX)


def uri_action(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """URI action: ``uri`` required, <= 1000 chars, scheme http/https/line/tel."""
    action_common(action, path, ctx, add)
    check_text(action, "uri", path, add, max_len=URI_MAX)
    uri = action.get("uri")
    if isinstance(uri, str) and uri and not uri.startswith(URI_SCHEMES):
        add(join(path, "uri"), "scheme must be http, https, line or tel")


def datetime_picker_action(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Datetime picker: ``data`` and ``mode`` required."""
    action_common(action, path, ctx, add)
    check_text(action, "data", path, add, max_len=300, non_empty=False)
    if "mode" not in action:
        add(join(path, "mode"), "required property missing")


def rich_menu_switch_action(action: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Rich menu switch: ``richMenuAliasId`` and ``data`` required."""
    action_common(action, path, ctx, add)
    check_text(action, "richMenuAliasId", path, add, max_len=32)
    check_text(action, "data", path, add, max_len=300, non_empty=False)


# -- flex -----------------------------------------------------------------------------

BOX_CHILDREN = {
    "baseline": {"icon", "text", "filler"},
    "horizontal": {"box", "button", "image", "text", "separator", "filler", "video"},
    "vertical": {"box", "button", "image", "text", "separator", "filler", "video"},
}


def flex_carousel(carousel: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Carousel: 1..12 bubbles."""
    bubbles = carousel.get("contents")
    check_count(bubbles, join(path, "contents"), add, low=1, high=CAROUSEL_BUBBLES_MAX)
    for i, bubble in enumerate(bubbles if isinstance(bubbles, list) else []):
        if isinstance(bubble, dict):
            check_type(bubble, join(join(path, "contents"), i), add, {"bubble"}, "in a carousel")


def flex_bubble(bubble: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Bubble: header/body/footer are boxes; hero is a box, image or video."""
    for block in ("header", "body", "footer"):
        if isinstance(bubble.get(block), dict):
            check_type(bubble[block], join(path, block), add, {"box"}, f"as bubble {block}")
    if isinstance(bubble.get("hero"), dict):
        check_type(bubble["hero"], join(path, "hero"), add, {"box", "image", "video"}, "as bubble hero")


def flex_box(box: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Box: baseline boxes hold icon/text/filler; other boxes cannot hold icons or spans."""
    allowed = BOX_CHILDREN.get(box.get("layout"))
    children = box.get("contents")
    if not allowed or not isinstance(children, list):
        return
    for i, child in enumerate(children):
        if isinstance(child, dict) and child.get("type") in BOX_CHILDREN["baseline"] | BOX_CHILDREN["vertical"]:
            check_type(child, join(join(path, "contents"), i), add, allowed, f"in a {box['layout']} box")


def flex_text(text: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Text component: non-empty ``text`` unless ``contents`` (spans) is given."""
    if text.get("contents"):
        return
    check_text(text, "text", path, add)


def flex_span(span: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Span: only inside a text component's contents; non-empty ``text``."""
    check_type(span, path, add, {"span"}, "in text contents")
    check_text(span, "text", path, add)


def flex_media(component: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Image/icon/video components: HTTPS URLs."""
    for key in ("url", "previewUrl"):
        check_https(component, key, path, add)


# -- templates ------------------------------------------------------------------------


def _template_text_max(obj: dict, plain: int, with_extras: int) -> int:
    return with_extras if obj.get("title") or obj.get("thumbnailImageUrl") else plain


def buttons_template(tpl: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Buttons: text <= 160 (60 with title/image), title <= 40, 1..4 actions."""
    check_text(tpl, "text", path, add, max_len=_template_text_max(tpl, 160, 60))
    check_text(tpl, "title", path, add, max_len=40, required=False)
    check_count(tpl.get("actions"), join(path, "actions"), add, low=1, high=4)


def confirm_template(tpl: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Confirm: text <= 240, exactly 2 actions."""
    check_text(tpl, "text", path, add, max_len=240)
    check_count(tpl.get("actions"), join(path, "actions"), add, low=2, high=2)


def carousel_template(tpl: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Carousel: 1..10 columns, all with the same number of actions."""
    columns = tpl.get("columns")
    check_count(columns, join(path, "columns"), add, low=1, high=10)
    counts = {len(c["actions"]) for c in columns or [] if isinstance(c, dict) and isinstance(c.get("actions"), list)}
    if len(counts) > 1:
        add(join(path, "columns"), f"columns must all have the same number of actions, got {sorted(counts)}")


def carousel_column(col: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Carousel column: text <= 120 (60 with title/image), title <= 40, 1..3 actions."""
    check_text(col, "text", path, add, max_len=_template_text_max(col, 120, 60))
    check_text(col, "title", path, add, max_len=40, required=False)
    check_count(col.get("actions"), join(path, "actions"), add, low=1, high=3)


def image_carousel_template(tpl: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Image carousel: 1..10 columns."""
    check_count(tpl.get("columns"), join(path, "columns"), add, low=1, high=10)


# -- other requests -------------------------------------------------------------------


def loading_animation(body: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Loading indicator: loadingSeconds is a multiple of 5 (5..60 is in the spec)."""
    seconds = body.get("loadingSeconds")
    if isinstance(seconds, int) and seconds % 5:
        add(join(path, "loadingSeconds"), f"{seconds} is not a multiple of 5")


def rich_menu(body: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Rich menu: all top-level fields required, <= 20 areas, 800..2500 x >=250 px, ratio >= 1.45."""
    for key in ("size", "selected", "name", "chatBarText", "areas"):
        if key not in body:
            add(join(path, key), "required property missing")
    check_count(body.get("areas"), join(path, "areas"), add, low=0, high=20)
    size = body.get("size")
    if isinstance(size, dict) and isinstance(size.get("width"), int) and isinstance(size.get("height"), int):
        width, height = size["width"], size["height"]
        if not 800 <= width <= 2500:
            add(join(path, "size.width"), f"{width} not within 800..2500")
        if height < 250:
            add(join(path, "size.height"), f"{height} < 250")
        elif width / height < 1.45:
            add(join(path, "size"), f"aspect ratio {width}/{height} < 1.45")


def rich_menu_area(area: dict, path: str, ctx: Ctx, add: Add) -> None:
    """Rich menu area: ``bounds`` and ``action`` required."""
    for key in ("bounds", "action"):
        if key not in area:
            add(join(path, key), "required property missing")


HOOKS: dict[str, Callable[[dict, str, Ctx, Add], None]] = {
    "TextMessage": text_message,
    "TextMessageV2": text_message,
    "FlexMessage": flex_message,
    "TemplateMessage": alt_text,
    "ImagemapMessage": alt_text,
    "ImageMessage": media_message,
    "VideoMessage": media_message,
    "AudioMessage": media_message,
    "QuickReplyItem": quick_reply_item,
    "PostbackAction": postback_action,
    "MessageAction": message_action,
    "URIAction": uri_action,
    "DatetimePickerAction": datetime_picker_action,
    "RichMenuSwitchAction": rich_menu_switch_action,
    "CameraAction": action_common,
    "CameraRollAction": action_common,
    "LocationAction": action_common,
    "ClipboardAction": action_common,
    "FlexCarousel": flex_carousel,
    "FlexBubble": flex_bubble,
    "FlexBox": flex_box,
    "FlexText": flex_text,
    "FlexSpan": flex_span,
    "FlexImage": flex_media,
    "FlexIcon": flex_media,
    "FlexVideo": flex_media,
    "ButtonsTemplate": buttons_template,
    "ConfirmTemplate": confirm_template,
    "CarouselTemplate": carousel_template,
    "CarouselColumn": carousel_column,
    "ImageCarouselTemplate": image_carousel_template,
    "ShowLoadingAnimationRequest": loading_animation,
    "RichMenuRequest": rich_menu,
    "RichMenuArea": rich_menu_area,
}
