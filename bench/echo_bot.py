"""The baseline: line-bot-sdk's echo bot on Flask, nothing else.

A signature check (the SDK's WebhookHandler) and one reply through the SDK's MessagingApi,
as in the SDK's own Flask example, except that one ApiClient is kept per process (as the bot
keeps its LineApi) instead of one per event, so both reuse their connections to LINE. Run the
same way as the bot: `gunicorn --workers 3 "bench.echo_bot:create_app()"`, configured by
LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN and LINE_API_BASE_URL.
"""

from __future__ import annotations

import os

from flask import Flask, abort, request
from linebot.v3 import WebhookHandler
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, ReplyMessageRequest, TextMessage
from linebot.v3.webhooks import MessageEvent, TextMessageContent


def create_app() -> Flask:
    app = Flask(__name__)
    handler = WebhookHandler(os.environ["LINE_CHANNEL_SECRET"])
    configuration = Configuration(
        host=os.environ.get("LINE_API_BASE_URL", "https://api.line.me"),
        access_token=os.environ["LINE_CHANNEL_ACCESS_TOKEN"],
    )
    api = MessagingApi(ApiClient(configuration))

    @app.post("/callback")
    def callback():
        signature = request.headers.get("X-Line-Signature", "")
        body = request.get_data(as_text=True)
        try:
            handler.handle(body, signature)
        except InvalidSignatureError:
            abort(400)
        return "OK"

    @handler.add(MessageEvent, message=TextMessageContent)
    def echo(event):
        api.reply_message(
            ReplyMessageRequest(reply_token=event.reply_token, messages=[TextMessage(text=event.message.text)])
        )

    @app.get("/healthz")
    def healthz():
        return {"status": "ok"}

    return app
