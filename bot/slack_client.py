"""The one place Web API clients are built, so every caller gets the same retry policy."""

from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient


def web_client(token: str, base_url: str) -> AsyncWebClient:
    # One polite retry after Retry-After inside the call; a second 429 goes back to the
    # caller (the reminder sweep reschedules the row instead of blocking the tick).
    return AsyncWebClient(token=token, base_url=base_url,
                          retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)])
