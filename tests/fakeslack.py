"""A fake Slack Web API on loopback: records every call, answers like Slack does.

The bot under test talks to it through SLACK_API_URL, exactly as it would talk to
slack.com or GovSlack, so no code of ours is patched.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from aiohttp.test_utils import TestServer

AGENCY_TEAM = "T0AGENCY"
BOT_USER = "U0BOT"


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    ok: bool = True


@dataclass
class Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeSlack:
    team_id: str = AGENCY_TEAM
    calls: list[Call] = field(default_factory=list)
    channel_members: dict[str, list[str]] = field(default_factory=dict)
    _scripted: dict[str, list[Scripted]] = field(default_factory=dict)
    _channel_errors: dict[str, str] = field(default_factory=dict)
    _ts: itertools.count = field(default_factory=lambda: itertools.count(1))
    server: TestServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/api/"))

    @property
    def response_url(self) -> str:
        """Where the fake tells Slack requests to send `respond()` follow-ups."""
        assert self.server is not None
        return str(self.server.make_url("/respond/1"))

    def responses(self) -> list[dict[str, Any]]:
        """Messages the bot sent through a response_url."""
        return [c.args for c in self.calls_to("response_url")]

    # ---- scripting -------------------------------------------------------------------------
    def fail_next(self, method: str, error: str, *, status: int = 200, retry_after: int | None = None) -> None:
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        self._scripted.setdefault(method, []).append(Scripted(status, {"ok": False, "error": error}, headers))

    def fail_for_channel(self, channel: str, error: str) -> None:
        """Every chat.postMessage to `channel` fails with `error` (e.g. user_not_found)."""
        self._channel_errors[channel] = error

    # ---- inspection ------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def messages_to(self, channel: str) -> list[dict[str, Any]]:
        """Messages Slack accepted for `channel` (refused attempts are in `calls`)."""
        return [c.args for c in self.calls_to("chat.postMessage") if c.ok and c.args.get("channel") == channel]

    def everything_sent(self) -> str:
        """All arguments of all calls as one string, for "never appears anywhere" checks."""
        return json.dumps([c.args for c in self.calls], ensure_ascii=False)

    # ---- the server ------------------------------------------------------------------------
    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        # Some Web API methods (chat.getPermalink, conversations.members...) are sent as GET.
        app.router.add_get("/api/{method}", self._handle)
        app.router.add_post("/respond/{id}", self._respond)
        self.server = TestServer(app, host="127.0.0.1")
        await self.server.start_server()

    async def close(self) -> None:
        if self.server is not None:
            await self.server.close()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        if request.method == "GET":
            args = dict(request.query)
        elif request.content_type == "application/json":
            args = json.loads(raw or "{}")
        else:
            args = dict(parse_qsl(raw, keep_blank_values=True))
        for key in ("blocks", "view", "attachments"):
            if isinstance(args.get(key), str):
                args[key] = json.loads(args[key])
        auth = request.headers.get("Authorization", "")
        call = Call(method, args, auth.removeprefix("Bearer ") or None)
        self.calls.append(call)

        queue = self._scripted.get(method)
        if queue:
            scripted = queue.pop(0)
            call.ok = False
            return web.json_response(scripted.body, status=scripted.status, headers=scripted.headers)
        channel_error = self._channel_errors.get(args.get("channel", ""))
        if channel_error and method == "chat.postMessage":
            call.ok = False
            return web.json_response({"ok": False, "error": channel_error})
        return web.json_response(self._answer(method, args))

    async def _respond(self, request: web.Request) -> web.Response:
        self.calls.append(Call("response_url", json.loads(await request.text() or "{}"), None))
        return web.Response(text="ok")

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        match method:
            case "auth.test":
                return {"ok": True, "team_id": self.team_id, "team": "Agency", "user_id": BOT_USER,
                        "bot_id": "B0BOT", "user": "policybot", "url": "https://agency.slack.com/"}
            case "chat.postMessage":
                return {"ok": True, "channel": args.get("channel"), "ts": ts,
                        "message": {"text": args.get("text"), "ts": ts}}
            case "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            case "chat.update":
                return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
            case "chat.getPermalink":
                return {"ok": True, "permalink": f"https://agency.slack.com/archives/{args.get('channel')}/p{ts}"}
            case "conversations.members":
                # Paginated like Slack: `limit` per page (default 100), an opaque cursor between pages.
                members = self.channel_members.get(args.get("channel", ""), [])
                start, limit = int(args.get("cursor") or 0), int(args.get("limit") or 100)
                following = start + limit if start + limit < len(members) else None
                return {"ok": True, "members": members[start:start + limit],
                        "response_metadata": {"next_cursor": str(following) if following else ""}}
            case "conversations.open":
                return {"ok": True, "channel": {"id": "D" + str(args.get("users", "X")).split(",")[0][1:]}}
            case "views.open" | "views.push" | "views.update" | "views.publish":
                return {"ok": True, "view": {"id": f"V{next(self._ts):06d}", **(args.get("view") or {})}}
            case _:
                return {"ok": True}
