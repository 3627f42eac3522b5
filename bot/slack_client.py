"""The one place Web API clients are built, so every caller gets the same retry policy, and the
reminder sweep's lean way of posting a message."""

import json
import logging
from typing import Any

import aiohttp
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse


def web_client(token: str, base_url: str) -> AsyncWebClient:
    # One polite retry after Retry-After inside the call; a second 429 goes back to the
    # caller (the reminder sweep reschedules the row instead of blocking the tick).
    client = AsyncWebClient(token=token, base_url=base_url,
                            retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)])
    # slack_sdk formats a dump of every request and response (message text and all) whenever its
    # logger's own level is NOTSET, the default, and only then asks logging whether to drop it:
    # that was ~8% of a reminder sweep's CPU. Pin the level it inherits, never below WARNING (as
    # bot.logs does for slack_sdk); Bolt's per-request clients share this logger.
    client.logger.setLevel(max(logging.WARNING, client.logger.getEffectiveLevel()))
    return client


async def post_message(client: AsyncWebClient, **message: Any) -> AsyncSlackResponse:
    """chat.postMessage for the reminder sweep: one JSON POST on the client's own session.

    slack_sdk's call path (argument parsing, deprecation checks, retry-handler objects, URL joins)
    was about a sixth of a 1,000-reminder sweep's CPU (docs/benchmarks.md). Failures raise the same
    SlackApiError a slack_sdk call raises, so callers and `bot.reminders.retry_after` cannot tell
    the difference, except that a 429 is not retried in here: the sweep gives the row back until
    Retry-After has passed instead of holding a lane while it waits.
    """
    if client.session is None:  # no shared session (the runtime always sets one)
        return await client.chat_postMessage(**message)
    url = f"{client.base_url}chat.postMessage"
    headers = {"Authorization": f"Bearer {client.token}", "Content-Type": "application/json;charset=utf-8"}
    async with client.session.post(url, data=json.dumps(message), headers=headers,
                                   timeout=aiohttp.ClientTimeout(total=client.timeout)) as response:
        try:
            data = await response.json(content_type=None)
        except ValueError:  # an HTML error page from a proxy, say
            data = {}
        status, response_headers = response.status, dict(response.headers)
    return AsyncSlackResponse(client=client, http_verb="POST", api_url=url, req_args={}, data=data or {},
                              headers=response_headers, status_code=status).validate()
