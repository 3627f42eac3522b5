"""HTTP mode: one aiohttp endpoint for commands, interactivity and events, plus /healthz.

Signature checking happens here rather than in Bolt, for two reasons: Bolt logs the
whole body when a check fails (the body can hold case data), and Bolt answers a
malformed body with 500 where the right answer is 400.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.dispatch import dispatch

if TYPE_CHECKING:
    from bot.runtime import Runtime

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
SIGNATURE_MAX_AGE_SECONDS = 300


class _Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _check_signature(verifier: SignatureVerifier, raw: bytes, headers) -> None:
    timestamp = headers.get("X-Slack-Request-Timestamp")
    signature = headers.get("X-Slack-Signature")
    if not timestamp or not signature:
        raise _Rejected(401, "unsigned")
    try:
        age = abs(verifier.clock.now() - int(timestamp))
    except ValueError:
        raise _Rejected(401, "bad timestamp") from None
    if age > SIGNATURE_MAX_AGE_SECONDS:
        raise _Rejected(401, "stale timestamp")
    if not verifier.is_valid(body=raw, timestamp=timestamp, signature=signature):
        raise _Rejected(401, "signature mismatch")


def _bolt_request(text: str, request: web.Request) -> AsyncBoltRequest:
    """The body parsed once, by Bolt, and checked here (parsing it twice cost measurable CPU per request)."""
    try:
        bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=dict(request.headers))
    except (ValueError, TypeError, AttributeError):
        # Not JSON or a form, or JSON that is not an object: Bolt reads IDs out of the parsed body
        # as it builds the request, and that fails on a list, a string or a number.
        raise _Rejected(400, "malformed body") from None
    if not isinstance(bolt_request.body, dict) or not bolt_request.body:
        raise _Rejected(400, "malformed body")
    return bolt_request


def build_web_app(runtime: Runtime) -> web.Application:
    secret = runtime.settings.slack_signing_secret
    verifier = SignatureVerifier(secret.get_secret_value()) if secret else None

    async def slack_events(request: web.Request) -> web.Response:
        try:
            raw = await request.read()
            if not raw.strip():
                raise _Rejected(400, "empty body")
            if verifier is None:
                raise _Rejected(401, "HTTP mode is off (SLACK_SIGNING_SECRET unset)")
            _check_signature(verifier, raw, request.headers)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise _Rejected(400, "body is not UTF-8") from None
            bolt_request = _bolt_request(text, request)
        except _Rejected as rejected:
            # One line, never the body: it may hold case data.
            log.warning("rejected Slack request", extra={"status": rejected.status, "reason": rejected.reason,
                                                          "remote": request.remote})
            return web.json_response({"error": rejected.reason}, status=rejected.status)

        body = bolt_request.body
        if body.get("type") == "url_verification":
            return web.json_response({"challenge": body.get("challenge", "")})

        bolt_response = await dispatch(runtime, bolt_request)
        response = web.Response(status=bolt_response.status, body=bolt_response.body)
        for name, values in bolt_response.headers.items():
            if name.lower() == "content-length":
                continue
            for value in values:
                response.headers.add(name, value)
        return response

    async def healthz(_request: web.Request) -> web.Response:
        database_ok = await runtime.db.ping()
        payload = {
            "status": "ok" if database_ok else "degraded",
            "database": {"ok": database_ok, "dialect": runtime.db.dialect},
            "scheduler": {"sweeps": list(runtime.scheduler.sweeps), "tick_seconds": runtime.scheduler.tick_seconds},
        }
        # 503 lets a load balancer take a replica whose database is unreachable out of rotation.
        return web.json_response(payload, status=200 if database_ok else 503)

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post("/slack/events", slack_events)
    app.router.add_get("/healthz", healthz)
    return app
