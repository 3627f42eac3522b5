"""The one place Web API clients are built, so every caller gets the same retry policy."""

import logging

from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient


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
