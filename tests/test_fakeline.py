"""The fake LINE platform: answers like LINE, and rejects what LINE would reject.

Most tests drive the real line-bot-sdk against the fake over HTTP; bodies the SDK
refuses to build (e.g. 14 quick-reply items) are posted raw with ``requests``.
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests
import urllib3
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    FlexContainer,
    FlexMessage,
    MessageAction,
    MessagingApi,
    MessagingApiBlob,
    MulticastRequest,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
    ShowLoadingAnimationRequest,
    TextMessage,
)

from fakeline import FakeLineServer, default_validator
from fakeline.schema import SPEC_PATH, load_spec

TOKEN = "test-token"
USER = "U" + "a" * 32
REPLY = "/v2/bot/message/reply"
PUSH = "/v2/bot/message/push"


@pytest.fixture
def fake():
    with FakeLineServer() as server:
        yield server


@pytest.fixture
def client(fake):
    with ApiClient(Configuration(host=fake.url, access_token=TOKEN)) as api_client:
        yield api_client


@pytest.fixture
def api(client):
    return MessagingApi(client)


def post(fake: FakeLineServer, path: str, body: dict, **headers: str) -> requests.Response:
    """A raw request, for bodies the SDK refuses to build."""
    headers = {"Authorization": f"Bearer {TOKEN}", **headers}
    return requests.post(fake.url + path, json=body, headers=headers, timeout=5)


def text(message: str, *actions) -> TextMessage:
    items = [QuickReplyItem(action=a) for a in actions]
    return TextMessage(text=message, quick_reply=QuickReply(items=items) if items else None)


def reply(api: MessagingApi, fake: FakeLineServer, *messages, user: str = USER):
    token = fake.issue_reply_token(user)
    return api.reply_message(ReplyMessageRequest(reply_token=token, messages=list(messages)))


def error_of(exc_info) -> dict:
    return json.loads(exc_info.value.body)


def bubble(*body: dict, footer: list[dict] | None = None) -> dict:
    card = {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": list(body)}}
    if footer:
        card["footer"] = {"type": "box", "layout": "vertical", "contents": footer}
    return card


def flex(contents: dict, alt: str = "ผลการรายงาน KPI") -> dict:
    return {"type": "flex", "altText": alt, "contents": contents}


KPI_BUBBLE = {
    "type": "bubble",
    "header": {
        "type": "box",
        "layout": "vertical",
        "contents": [{"type": "text", "text": "ยืนยันผล P01/1", "weight": "bold", "size": "lg"}],
    },
    "hero": {"type": "image", "url": "https://example.com/kpi.png", "size": "full", "aspectRatio": "20:13"},
    "body": {
        "type": "box",
        "layout": "vertical",
        "spacing": "sm",
        "contents": [
            {
                "type": "box",
                "layout": "baseline",
                "contents": [
                    {"type": "icon", "url": "https://example.com/star.png"},
                    {"type": "text", "text": "เดือนตุลาคม 2569", "flex": 0, "margin": "sm"},
                ],
            },
            {"type": "separator"},
            {
                "type": "text",
                "contents": [{"type": "span", "text": "12 ", "weight": "bold"}, {"type": "span", "text": "ราย"}],
            },
            {"type": "filler"},
        ],
    },
    "footer": {
        "type": "box",
        "layout": "horizontal",
        "contents": [
            {
                "type": "button",
                "style": "primary",
                "action": {"type": "postback", "label": "ยืนยัน", "data": "confirm=1", "displayText": "ยืนยัน"},
            },
            {"type": "button", "action": {"type": "uri", "label": "ดูรายละเอียด", "uri": "https://example.com/kpi"}},
        ],
    },
}


# -- valid requests are accepted and recorded -----------------------------------------


def test_valid_text_reply_with_quick_replies_is_accepted(fake, api):
    response = reply(
        api,
        fake,
        text(
            "เลือกตัวชี้วัดที่ต้องการรายงาน",
            PostbackAction(label="1. P01/1 ผู้ประกันตน", data="kpi=P01/1", display_text="P01/1"),
            MessageAction(label="ยกเลิก", text="ยกเลิก"),
        ),
    )

    assert len(response.sent_messages) == 1
    assert response.sent_messages[0].id.isdigit() and response.sent_messages[0].quote_token
    assert fake.all_problems() == []
    [request] = fake.requests
    assert (request.method, request.path, request.status) == ("POST", REPLY, 200)
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    items = fake.replies()[0]["messages"][0]["quickReply"]["items"]
    assert [(i["type"], i["action"]["type"]) for i in items] == [("action", "postback"), ("action", "message")]
    assert [m["text"] for m in fake.messages_to(USER)] == ["เลือกตัวชี้วัดที่ต้องการรายงาน"]
    assert fake.messages_to("Usomeoneelse") == []


def test_flex_bubble_and_carousel_from_sdk_models_are_accepted(fake, api):
    carousel = {"type": "carousel", "contents": [KPI_BUBBLE, bubble({"type": "text", "text": "P02/1"})]}
    api.push_message(
        PushMessageRequest(
            to=USER,
            messages=[
                FlexMessage(alt_text="ยืนยันผล", contents=FlexContainer.from_dict(KPI_BUBBLE)),
                FlexMessage(alt_text="ตัวชี้วัดของคุณ", contents=FlexContainer.from_dict(carousel)),
            ],
        )
    )

    assert fake.all_problems() == []
    sent = fake.messages_to(USER)
    assert [m["contents"]["type"] for m in sent] == ["bubble", "carousel"]
    assert sent[0]["contents"]["footer"]["contents"][0]["action"]["data"] == "confirm=1"


# -- what LINE rejects ----------------------------------------------------------------


def test_empty_text_is_rejected_with_lines_error_shape(fake, api):
    with pytest.raises(ApiException) as exc:
        reply(api, fake, TextMessage(text=""))

    assert exc.value.status == 400
    assert error_of(exc) == {
        "message": "The request body has 1 error(s)",
        "details": [{"message": "must be non-empty", "property": "messages[0].text"}],
    }
    assert fake.all_problems() == [f"POST {REPLY}: messages[0].text: must be non-empty"]
    assert fake.replies() == [] and fake.requests[0].delivered is False


def test_missing_text_is_rejected(fake):
    response = post(fake, REPLY, {"replyToken": "r1", "messages": [{"type": "text"}]})

    assert response.status_code == 400
    assert fake.requests[0].problems == ["messages[0].text: required property missing"]


def test_fourteen_quick_reply_items_are_rejected_thirteen_accepted(fake):
    action = {"type": "message", "label": "ตัวเลือก", "text": "ตัวเลือก"}
    items = [{"type": "action", "action": action} for _ in range(14)]

    too_many = post(
        fake, PUSH, {"to": USER, "messages": [{"type": "text", "text": "เลือก", "quickReply": {"items": items}}]}
    )
    just_right = post(
        fake, PUSH, {"to": USER, "messages": [{"type": "text", "text": "เลือก", "quickReply": {"items": items[:13]}}]}
    )

    assert (too_many.status_code, just_right.status_code) == (400, 200)
    assert fake.requests[0].problems == ["messages[0].quickReply.items: 14 items > max 13"]
    assert fake.requests[1].problems == []


def test_label_limit_counts_thai_characters_not_bytes(fake, api):
    label = "รายงานผลตัวชี้วัดประจำเดือนตุลาคม"
    twenty, twenty_one = label[:20], label[:21]
    assert (len(twenty), len(twenty.encode("utf-8"))) == (20, 60)  # within the limit though 60 bytes

    reply(api, fake, text("เลือก", PostbackAction(label=twenty, data="ok")))
    with pytest.raises(ApiException) as exc:
        reply(
            api, fake, text("เลือก", MessageAction(label="ยกเลิก", text="x"), PostbackAction(label=twenty_one, data="x"))
        )

    assert exc.value.status == 400
    assert fake.requests[0].problems == []
    assert fake.requests[1].problems == ["messages[0].quickReply.items[1].action.label: 21 chars > 20"]


def test_quick_reply_action_needs_a_label(fake, api):
    with pytest.raises(ApiException):
        reply(api, fake, text("เลือก", PostbackAction(data="no-label")))

    assert fake.requests[0].problems == ["messages[0].quickReply.items[0].action.label: required property missing"]


def test_flex_text_component_without_text_is_rejected(fake, api):
    card = bubble({"type": "text", "text": "P01/1"}, {"type": "text", "weight": "bold"})
    with pytest.raises(ApiException) as exc:
        api.push_message(
            PushMessageRequest(to=USER, messages=[FlexMessage(alt_text="ผล", contents=FlexContainer.from_dict(card))])
        )

    assert exc.value.status == 400
    assert fake.requests[0].problems == ["messages[0].contents.body.contents[1].text: required property missing"]
    assert fake.messages_to(USER) == []


def test_unknown_flex_component_type_is_rejected(fake):
    card = bubble({"type": "text", "text": "P01/1"}, {"type": "chart", "data": [1, 2]})

    response = post(fake, PUSH, {"to": USER, "messages": [flex(card)]})

    assert response.status_code == 400
    [problem] = fake.requests[0].problems
    assert problem.startswith("messages[0].contents.body.contents[1].type: unknown FlexComponent type 'chart'")
    assert response.json()["details"][0]["property"] == "messages[0].contents.body.contents[1].type"


def test_six_messages_are_rejected(fake):
    response = post(fake, PUSH, {"to": USER, "messages": [{"type": "text", "text": str(i)} for i in range(6)]})

    assert response.status_code == 400
    assert fake.requests[0].problems == ["messages: 6 items > max 5"]
    assert fake.usage == 0


VALIDATOR_REJECTS = [
    ({"type": "text", "text": "ก" * 5001}, "text: 5001 chars > 5000"),
    ({"type": "sticker", "packageId": "446"}, "stickerId: required property missing"),
    (
        {
            "type": "image",
            "originalContentUrl": "http://example.com/a.png",
            "previewImageUrl": "https://example.com/a.png",
        },
        "originalContentUrl: must be an HTTPS URL",
    ),
    ({"type": "video"}, "originalContentUrl: required property missing"),
    ({"type": "poll"}, "type: unknown Message type 'poll'"),
    (flex(bubble({"type": "text", "text": "x"}), alt=""), "altText: must be non-empty"),
    (flex(bubble({"type": "text", "text": "x"}), alt="ก" * 1501), "altText: 1501 chars > 1500"),
    (
        flex({"type": "carousel", "contents": [bubble({"type": "text", "text": str(i)}) for i in range(13)]}),
        "contents.contents: 13 items > max 12",
    ),
    (flex({"type": "carousel", "contents": []}), "contents.contents: 0 items < min 1"),
    (flex(bubble(*[{"type": "text", "text": "ตัวชี้วัด" * 40, "wrap": True}] * 30)), "> 30 KB for a bubble"),
    (flex(bubble({"type": "text", "text": ""})), "contents.body.contents[0].text: must be non-empty"),
    (
        flex(bubble({"type": "icon", "url": "https://example.com/i.png"})),
        "contents.body.contents[0].type: 'icon' not allowed in a vertical box",
    ),
    (
        flex(bubble({"type": "box", "layout": "vertical"})),
        "contents.body.contents[0].contents: required property missing",
    ),
    (
        flex({"type": "bubble", "body": {"type": "text", "text": "x"}}),
        "contents.body.type: 'text' not allowed as bubble body",
    ),
    (
        flex(
            bubble(
                {"type": "text", "text": "x"}, footer=[{"type": "button", "action": {"type": "postback", "data": "x"}}]
            )
        ),
        "contents.footer.contents[0].action.label: required property missing",
    ),
    (
        flex(
            bubble(
                {"type": "text", "text": "x"},
                footer=[{"type": "button", "action": {"type": "message", "label": "ก" * 41, "text": "x"}}],
            )
        ),
        "contents.footer.contents[0].action.label: 41 chars > 40",
    ),
    (
        flex(bubble({"type": "button", "action": {"type": "uri", "label": "เปิด", "uri": "ftp://x"}})),
        "contents.body.contents[0].action.uri: scheme must be http, https, line or tel",
    ),
    (
        flex(bubble({"type": "button", "action": {"type": "camera", "label": "ถ่ายรูป"}})),
        "contents.body.contents[0].action.type: 'camera' action cannot be used in FlexButton",
    ),
    (
        {"type": "text", "text": "x", "quickReply": {"items": [{"type": "action"}]}},
        "quickReply.items[0].action: required property missing",
    ),
    (
        {
            "type": "text",
            "text": "x",
            "quickReply": {"items": [{"action": {"type": "postback", "label": "a", "data": "d" * 301}}]},
        },
        "quickReply.items[0].action.data: 301 chars > 300",
    ),
    (
        {
            "type": "text",
            "text": "x",
            "quickReply": {
                "items": [{"action": {"type": "postback", "label": "a", "data": "d", "displayText": "ก" * 301}}]
            },
        },
        "quickReply.items[0].action.displayText: 301 chars > 300",
    ),
    (
        {"type": "text", "text": "x", "quickReply": {"items": [{"action": {"type": "message", "label": "a"}}]}},
        "quickReply.items[0].action.text: required property missing",
    ),
    (
        {"type": "text", "text": "x", "quickReply": {"items": [{"action": {"type": "teleport", "label": "a"}}]}},
        "quickReply.items[0].action.type: unknown Action type 'teleport'",
    ),
    (
        {
            "type": "template",
            "altText": "เลือก",
            "template": {
                "type": "buttons",
                "text": "เลือก",
                "actions": [{"type": "message", "label": str(i), "text": str(i)} for i in range(5)],
            },
        },
        "template.actions: 5 items > max 4",
    ),
    (
        {
            "type": "template",
            "altText": "เลือก",
            "template": {
                "type": "confirm",
                "text": "ยืนยัน?",
                "actions": [
                    {"type": "message", "label": "ใช่ ยืนยันการส่งผลรายงาน", "text": "ใช่"},
                    {"type": "message", "label": "ไม่", "text": "ไม่"},
                ],
            },
        },
        "template.actions[0].label: 24 chars > 20",
    ),
]


@pytest.mark.parametrize("message, expected", VALIDATOR_REJECTS, ids=[e for _, e in VALIDATOR_REJECTS])
def test_validator_reports_what_line_rejects(message, expected):
    problems = default_validator().validate_message(message)

    assert any(expected in p for p in problems), problems


VALIDATOR_ACCEPTS = [
    {"type": "text", "text": "ก" * 5000},
    {"type": "sticker", "packageId": "446", "stickerId": "1988"},
    {
        "type": "image",
        "originalContentUrl": "https://example.com/a.jpg",
        "previewImageUrl": "https://example.com/p.jpg",
    },
    flex(KPI_BUBBLE, alt="ก" * 1500),
    flex({"type": "carousel", "contents": [KPI_BUBBLE] * 12}),
    flex(
        bubble(
            {"type": "text", "text": "x"},
            footer=[{"type": "button", "action": {"type": "message", "label": "ก" * 40, "text": "x"}}],
        )
    ),
    {
        "type": "template",
        "altText": "ยืนยัน",
        "template": {
            "type": "confirm",
            "text": "ยืนยัน?",
            "actions": [
                {"type": "postback", "label": "ใช่", "data": "yes"},
                {"type": "message", "label": "ไม่", "text": "ไม่"},
            ],
        },
    },
    {
        "type": "text",
        "text": "วันที่?",
        "quickReply": {
            "items": [
                {
                    "type": "action",
                    "action": {"type": "datetimepicker", "label": "เลือกวัน", "data": "d", "mode": "date"},
                },
                {"type": "action", "action": {"type": "camera", "label": "ถ่ายรูป"}},
                {
                    "type": "action",
                    "imageUrl": "https://example.com/i.png",
                    "action": {"type": "uri", "label": "เว็บ", "uri": "https://www.sso.go.th"},
                },
            ]
        },
    },
]


@pytest.mark.parametrize("message", VALIDATOR_ACCEPTS, ids=lambda m: m["type"])
def test_validator_accepts_what_line_accepts(message):
    assert default_validator().validate_message(message) == []


def test_validator_request_level_limits():
    validator = default_validator()

    assert validator.validate(
        "POST", "/v2/bot/message/multicast", {"to": [USER] * 501, "messages": [{"type": "text", "text": "x"}]}
    ) == ["to: 501 items > max 500"]
    assert validator.validate("POST", "/v2/bot/chat/loading/start", {"chatId": USER, "loadingSeconds": 7}) == [
        "loadingSeconds: 7 is not a multiple of 5"
    ]
    assert validator.validate("POST", "/v2/bot/chat/loading/start", {"loadingSeconds": 65}) == [
        "chatId: required property missing",
        "loadingSeconds: 65 is greater than the maximum of 60",
    ]
    assert validator.validate(
        "POST",
        "/v2/bot/richmenu",
        {
            "size": {"width": 2500, "height": 843},
            "selected": False,
            "name": "m",
            "chatBarText": "เมนูรายงานผลตัวชี้วัด",
            "areas": [],
        },
    ) == ["chatBarText: 21 chars > 14"]
    assert validator.validate("GET", "/v2/bot/message/quota", None) == []
    assert validator.request_schema("POST", "/v2/bot/message/broadcast") == "BroadcastRequest"


def test_spec_is_bundled_and_parsed_once():
    assert SPEC_PATH.parent.name == "spec" and SPEC_PATH.parent.parent.name == "fakeline"
    assert (SPEC_PATH.parent / "README.txt").exists()
    assert load_spec() is load_spec()
    assert default_validator() is default_validator()


# -- platform behaviour ---------------------------------------------------------------


def test_reply_token_is_single_use_and_can_expire(fake, api):
    token = fake.issue_reply_token(USER)
    api.reply_message(ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="ครั้งแรก")]))
    with pytest.raises(ApiException) as reused:
        api.reply_message(ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="ครั้งที่สอง")]))
    fake.expire_reply_token("old-token")
    with pytest.raises(ApiException) as expired:
        api.reply_message(ReplyMessageRequest(reply_token="old-token", messages=[TextMessage(text="ช้าไป")]))

    assert (reused.value.status, error_of(reused)) == (400, {"message": "Invalid reply token"})
    assert (expired.value.status, error_of(expired)) == (400, {"message": "Invalid reply token"})
    assert [r.status for r in fake.requests] == [200, 400, 400]
    assert [m["text"] for m in fake.messages_to(USER)] == ["ครั้งแรก"]


def test_push_with_same_retry_key_twice_answers_409(fake, api):
    key = str(uuid.uuid4())
    request = PushMessageRequest(to=USER, messages=[TextMessage(text="เตือนส่งผล")])

    first = api.push_message_with_http_info(request, x_line_retry_key=key)
    with pytest.raises(ApiException) as again:
        api.push_message(request, x_line_retry_key=key)
    with pytest.raises(ApiException) as not_uuid:
        api.push_message(request, x_line_retry_key="retry-1")

    assert first.status_code == 200
    assert again.value.status == 409
    assert again.value.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    assert error_of(again)["message"] == "The retry key is already accepted"
    assert error_of(again)["sentMessages"] == [m.to_dict() for m in first.data.sent_messages]
    assert not_uuid.value.status == 400
    assert len(fake.pushes()) == 1 and fake.usage == 1


def test_quota_counts_push_and_multicast_and_answers_429_when_exhausted(fake, api):
    fake.quota = 8
    api.multicast(MulticastRequest(to=["U1", "U2", "U3"], messages=[TextMessage(text="a"), TextMessage(text="b")]))
    api.push_message(PushMessageRequest(to="U1", messages=[TextMessage(text="c")]))
    reply(api, fake, TextMessage(text="replies are free"))

    assert api.get_message_quota_consumption().total_usage == 7
    quota = api.get_message_quota()
    assert (quota.type.value, quota.value) == ("limited", 8)
    with pytest.raises(ApiException) as exhausted:
        api.push_message(PushMessageRequest(to="U1", messages=[TextMessage(text="d"), TextMessage(text="e")]))
    assert exhausted.value.status == 429
    assert error_of(exhausted) == {"message": "You have reached your monthly limit."}
    assert api.get_message_quota_consumption().total_usage == 7
    assert [m["text"] for m in fake.messages_to("U2")] == ["a", "b"]

    fake.quota = None
    assert api.get_message_quota().type.value == "none"
    api.push_message(PushMessageRequest(to="U1", messages=[TextMessage(text="d"), TextMessage(text="e")]))
    assert fake.usage == 9


def test_injected_500_then_success(fake, api):
    fake.inject(PUSH, 500)
    request = PushMessageRequest(to=USER, messages=[TextMessage(text="รายงานประจำวัน")])

    with pytest.raises(ApiException) as failed:
        api.push_message(request)
    api.push_message(request)

    assert failed.value.status == 500
    assert error_of(failed) == {"message": "Internal Server Error"}
    assert [(r.status, r.delivered) for r in fake.requests] == [(500, False), (200, True)]
    assert len(fake.messages_to(USER)) == 1


def test_injected_fault_with_custom_body_applies_times_then_stops(fake, api):
    fake.inject("/v2/bot/message/", 429, times=2, body={"message": "Too many requests"})
    statuses = []
    for _ in range(3):
        try:
            api.get_message_quota_with_http_info()
            statuses.append(200)
        except ApiException as exc:
            statuses.append(exc.status)
            assert json.loads(exc.body) == {"message": "Too many requests"}

    assert statuses == [429, 429, 200]


def test_timeout_after_delivery_then_retry_with_same_key_is_409(fake, api):
    fake.inject(PUSH, 500, delay=0.4, deliver=True)
    key = str(uuid.uuid4())
    request = PushMessageRequest(to=USER, messages=[TextMessage(text="เตือน")])

    with pytest.raises(urllib3.exceptions.ReadTimeoutError):
        api.push_message(request, x_line_retry_key=key, _request_timeout=0.1)
    fake.wait_for(1, PUSH)
    with pytest.raises(ApiException) as retried:
        api.push_message(request, x_line_retry_key=key)

    assert retried.value.status == 409
    assert [m["text"] for m in fake.messages_to(USER)] == ["เตือน"]  # delivered exactly once


def test_unauthenticated_requests_get_401(fake):
    no_header = requests.post(
        fake.url + PUSH, json={"to": USER, "messages": [{"type": "text", "text": "x"}]}, timeout=5
    )
    assert no_header.status_code == 401
    assert no_header.json()["message"].startswith("Authentication failed")
    assert fake.pushes() == []

    with FakeLineServer(access_token="the-real-token") as strict:
        with ApiClient(Configuration(host=strict.url, access_token="wrong")) as client:
            with pytest.raises(ApiException) as exc:
                MessagingApi(client).get_message_quota()
        assert exc.value.status == 401
        assert [r.status for r in strict.requests] == [401]


def test_unknown_path_is_404(fake):
    response = requests.get(fake.url + "/v2/bot/nothing/here", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)

    assert response.status_code == 404
    assert fake.requests[0].status == 404


def test_profile_and_loading_animation(fake, api):
    fake.profiles[USER] = "สมหญิง ใจดี"

    profile = api.get_profile(USER)
    with pytest.raises(ApiException) as unknown:
        api.get_profile("Unobody")
    loading = api.show_loading_animation_with_http_info(ShowLoadingAnimationRequest(chat_id=USER, loading_seconds=10))
    with pytest.raises(ApiException) as bad_seconds:
        api.show_loading_animation(ShowLoadingAnimationRequest(chat_id=USER, loading_seconds=7))

    assert (profile.user_id, profile.display_name, profile.language) == (USER, "สมหญิง ใจดี", "th")
    assert unknown.value.status == 404
    assert (loading.status_code, fake.requests[2].response) == (202, {})
    assert bad_seconds.value.status == 400


def test_rich_menu_lifecycle(fake, api, client):
    menu = RichMenuRequest(
        size=RichMenuSize(width=2500, height=843),
        selected=True,
        name="kpi",
        chat_bar_text="เมนู",
        areas=[
            RichMenuArea(
                bounds=RichMenuBounds(x=0, y=0, width=1250, height=843), action=PostbackAction(data="menu=report")
            )
        ],
    )
    menu_id = api.create_rich_menu(menu).rich_menu_id
    with pytest.raises(ApiException) as no_image:
        api.set_default_rich_menu(menu_id)
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 2048
    MessagingApiBlob(client).set_rich_menu_image(menu_id, body=png, _headers={"Content-Type": "image/png"})
    api.set_default_rich_menu(menu_id)
    api.link_rich_menu_id_to_user(USER, menu_id)

    assert menu_id.startswith("richmenu-") and no_image.value.status == 400
    assert fake.rich_menu_image(menu_id) == ("image/png", len(png))
    assert (fake.default_rich_menu_id, fake.user_rich_menus) == (menu_id, {USER: menu_id})
    assert [m.rich_menu_id for m in api.get_rich_menu_list().richmenus] == [menu_id]

    api.delete_rich_menu(menu_id)
    assert api.get_rich_menu_list().richmenus == [] and fake.default_rich_menu_id is None
    with pytest.raises(ApiException) as gone:
        api.delete_rich_menu(menu_id)
    assert gone.value.status == 404
    assert fake.all_problems() == []


def test_fake_requests_endpoint_pages_by_sequence_number(fake, api):
    api.get_message_quota()
    api.push_message(PushMessageRequest(to=USER, messages=[TextMessage(text="หนึ่ง")]))
    post(fake, PUSH, {"to": USER, "messages": []})

    def page(after: int) -> dict:
        return requests.get(f"{fake.url}/_fake/requests", params={"after": after}, timeout=5).json()

    everything = page(0)
    assert [(r["seq"], r["path"], r["status"]) for r in everything["requests"]] == [
        (1, "/v2/bot/message/quota", 200),
        (2, PUSH, 200),
        (3, PUSH, 400),
    ]
    assert everything["last"] == 3
    assert everything["requests"][1]["body"]["messages"][0]["text"] == "หนึ่ง"
    assert everything["requests"][2]["problems"] == ["messages: 0 items < min 1"]
    assert page(2)["requests"][0]["seq"] == 3
    assert page(3) == {"requests": [], "last": 3}

    fake.clear()
    api.get_message_quota()
    assert [r["seq"] for r in page(0)["requests"]] == [4]


def test_clear_forgets_traffic_but_keeps_configuration(fake, api):
    fake.quota, fake.profiles[USER] = 3, "สมชาย"
    key = str(uuid.uuid4())
    api.push_message(PushMessageRequest(to=USER, messages=[TextMessage(text="x")]), x_line_retry_key=key)

    fake.clear()
    api.push_message(PushMessageRequest(to=USER, messages=[TextMessage(text="x")]), x_line_retry_key=key)

    assert [r.status for r in fake.requests] == [200]
    assert (fake.usage, fake.quota, api.get_profile(USER).display_name) == (1, 3, "สมชาย")


def test_wait_for_times_out_when_nothing_arrives(fake):
    with pytest.raises(TimeoutError):
        fake.wait_for(1, PUSH, timeout=0.05)
