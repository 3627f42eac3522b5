"""post_message, the reminder sweep's chat.postMessage: same results and errors as slack_sdk's call."""

from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web
from bot.reminders import retry_after
from bot.slack_client import post_message, web_client
from slack_sdk.errors import SlackApiError


@pytest.fixture
async def client(fake_slack):
    client = web_client("xoxb-test", fake_slack.url)
    client.session = aiohttp.ClientSession()
    yield client
    await client.session.close()


async def test_a_message_arrives_as_slack_sdk_would_send_it(client, fake_slack):
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Reminder 1:* lead #7"}}]
    response = await post_message(client, channel="U0001X", text="Reminder 1", blocks=blocks)
    assert response["ok"] is True and response["ts"]
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args == {"channel": "U0001X", "text": "Reminder 1", "blocks": blocks}


async def test_a_refusal_raises_slack_api_error_with_slacks_error_code(client, fake_slack):
    fake_slack.fail_for_channel("U0GONEX", "user_not_found")
    with pytest.raises(SlackApiError) as raised:
        await post_message(client, channel="U0GONEX", text="hello")
    assert raised.value.response["error"] == "user_not_found"
    assert fake_slack.messages_to("U0GONEX") == []


async def test_a_429_is_not_retried_in_the_call_and_carries_retry_after(client, fake_slack):
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=42)
    with pytest.raises(SlackApiError) as raised:
        await post_message(client, channel="U0001X", text="hello")
    assert retry_after(raised.value) == 42.0
    assert len(fake_slack.calls_to("chat.postMessage")) == 1  # the sweep, not the call, waits it out
    assert (await post_message(client, channel="U0001X", text="hello"))["ok"]


async def test_a_non_json_error_page_raises_slack_api_error_not_a_decoding_error():
    async def bad_gateway(_request):
        return web.Response(status=502, text="<html>Bad Gateway</html>", content_type="text/html")

    app = web.Application()
    app.router.add_post("/api/chat.postMessage", bad_gateway)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    client = web_client("xoxb-test", f"http://127.0.0.1:{port}/api/")
    client.session = aiohttp.ClientSession()
    try:
        with pytest.raises(SlackApiError) as raised:
            await post_message(client, channel="U0001X", text="hello")
        assert raised.value.response.status_code == 502
        assert retry_after(raised.value) is None
    finally:
        await client.session.close()
        await runner.cleanup()


async def test_without_a_shared_session_it_falls_back_to_slack_sdks_call(fake_slack):
    client = web_client("xoxb-test", fake_slack.url)
    assert client.session is None
    assert (await post_message(client, channel="U0001X", text="hello"))["ok"]
    assert fake_slack.messages_to("U0001X")[0]["text"] == "hello"
