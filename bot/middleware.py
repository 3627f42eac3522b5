"""Global Bolt middleware and the central error handler.

Order matters: the workspace allowlist runs first, so a refused request never reaches
storage or a listener; event de-duplication runs next, so a retried delivery has one effect.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from storage.events import first_delivery

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

REFUSAL = "This bot serves only its own agency's Slack workspace."


def teams_in(body: dict[str, Any]) -> Iterator[str]:
    """Every workspace ID a request speaks for: the install's and the acting user's.

    A Slack Connect user's own workspace shows up in `user.team_id`, `event.user_team`
    or `event.source_team`, so checking them all also refuses external users.
    """
    if isinstance(body.get("team_id"), str):
        yield body["team_id"]
    for holder in (body.get("team"), body.get("user")):
        if isinstance(holder, dict):
            for key in ("id", "team_id"):
                if isinstance(holder.get(key), str) and holder[key].startswith("T"):
                    yield holder[key]
    event = body.get("event")
    if isinstance(event, dict):
        for key in ("team", "user_team", "source_team"):
            if isinstance(event.get(key), str):
                yield event[key]
        user = event.get("user")
        if isinstance(user, dict) and isinstance(user.get("team_id"), str):
            yield user["team_id"]


def is_allowed(body: dict[str, Any], allowed: frozenset[str]) -> bool:
    teams = set(teams_in(body))
    return bool(teams) and teams <= allowed


class WorkspaceAllowlist(AsyncMiddleware):
    """Refuses requests from outside ALLOWED_TEAM_IDS before anything else of ours runs.

    Class-based rather than `@app.middleware` functions: Bolt calls these directly, where
    a function gets its arguments injected by name on every request (measurable per request).
    """

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next):
        body = req.body
        if body.get("type") in {"url_verification"} or body.get("ssl_check"):
            return await next()
        if not is_allowed(body, self.runtime.allowed_teams):
            log.warning("refused request from a workspace or user outside ALLOWED_TEAM_IDS",
                        extra={"teams": sorted(set(teams_in(body)))})
            # Slash commands show this text to the user; everything else gets an empty ack.
            return BoltResponse(status=200, body=REFUSAL if "command" in body else "")
        return await next()


class DeduplicateEvents(AsyncMiddleware):
    """A retried Events API delivery (same event_id) has no second effect."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse, next):
        event_id = req.body.get("event_id")
        if req.body.get("type") == "event_callback" and isinstance(event_id, str):
            # Its own short transaction: committed before the listener runs, so a
            # retry that arrives meanwhile (on any replica) is recognised.
            async with self.runtime.db.session() as session:
                first = await first_delivery(session, event_id)
            if not first:
                log.info("duplicate event delivery ignored",
                         extra={"event_id": event_id, "retry_num": req.headers.get("x-slack-retry-num", [None])[0]})
                return BoltResponse(status=200, body="")
        return await next()


def install(app, runtime: Runtime) -> None:
    app.use(WorkspaceAllowlist(runtime))
    app.use(DeduplicateEvents(runtime))

    @app.error
    async def central_error_handler(error: Exception, body: dict, client, context):
        error_id = uuid.uuid4().hex[:8]
        log.error(
            "unhandled error in a listener",
            exc_info=(type(error), error, error.__traceback__),
            extra={"error_id": error_id, "request_type": body.get("type") or ("command" if "command" in body else None),
                   "command": body.get("command")},
        )
        message = f"Sorry, something went wrong on our side. Error ID: `{error_id}`. Please pass it to the bot's admins."
        if "command" in body:
            return BoltResponse(status=200, body=message)
        await _tell_user(client, body, message)
        return BoltResponse(status=200, body="")


async def _tell_user(client, body: dict, message: str) -> None:
    """Best effort: the user should learn the error ID, but a failure here must not loop."""
    try:
        user = (body.get("user") or {}).get("id") or (body.get("event") or {}).get("user")
        channel = (body.get("channel") or {}).get("id") or (body.get("event") or {}).get("channel")
        if user and channel:
            await client.chat_postEphemeral(channel=channel, user=user, text=message)
        elif user:
            await client.chat_postMessage(channel=user, text=message)
    except Exception:  # noqa: BLE001
        log.warning("could not tell the user about an error")
