"""Everything one running bot process holds, and its start/stop sequence."""

from __future__ import annotations

import asyncio
import gc
import logging
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.housekeeping import Housekeeping
from bot.policy import warm_policy_engine
from bot.reminders import ReminderDispatcher
from bot.scheduler import SweepScheduler
from bot.settings import Settings
from bot.slack_client import web_client
from storage.db import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)


class StartupError(Exception):
    """Start-up cannot continue; the message is one line for the operator."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class Identity:
    """Who the bot token belongs to, from auth.test."""

    team_id: str
    bot_user_id: str
    bot_id: str | None = None
    enterprise_id: str | None = None


@dataclass
class Runtime:
    settings: Settings
    db: Database
    client: AsyncWebClient
    scheduler: SweepScheduler
    reminders: ReminderDispatcher
    app: AsyncApp | None = None
    identity: Identity | None = None
    allowed_teams: frozenset[str] = frozenset()
    # Long-lived writers features attach (e.g. the policy question recorder): flushed by
    # drain(), stopped by stop().
    services: list[Any] = field(default_factory=list)
    _tasks: set[asyncio.Task] = field(default_factory=set)

    def spawn(self, coro: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task:
        """Run work after the ack; tracked so that shutdown waits for it, errors logged with an ID."""
        task = asyncio.create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            error = task.exception()
            log.error("background task failed", exc_info=(type(error), error, error.__traceback__),
                      extra={"task": task.get_name(), "error_id": uuid.uuid4().hex[:8]})

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait for background work started by requests (used by shutdown and by tests)."""
        while self._tasks:
            done, _ = await asyncio.wait(set(self._tasks), timeout=timeout)
            if not done:
                break
        for service in self.services:
            await asyncio.wait_for(service.flush(), timeout=timeout)

    async def start(self, *, migrate: bool = True) -> None:
        if migrate:
            await asyncio.to_thread(upgrade, self.settings.database_url)
        # One HTTP session for every Web API call (Bolt's per-request clients borrow it too):
        # without it slack_sdk opens a new connection per call, which the reminder sweep feels.
        self.client.session = aiohttp.ClientSession()
        try:
            self.identity = await _whoami(self.client)
        except BaseException:
            await self._close_http()
            raise
        configured = self.settings.allowed_teams
        self.allowed_teams = frozenset(configured or (self.identity.team_id,))
        # The rule index and the precedent model take ~1 s to build and load: done here, not by
        # the first question, whose answer must go out inside Slack's 3 s ack.
        await asyncio.to_thread(warm_policy_engine)
        # Everything built so far (modules, the app, the policy engine) lives as long as the process.
        # Frozen, it is no longer walked by every full collection: in a reminder sweep that walk
        # was ~0.1 s of CPU per 1,000 reminders.
        gc.collect()
        gc.freeze()
        self.scheduler.start()
        log.info("bot started", extra={"team_id": self.identity.team_id, "allowed_teams": sorted(self.allowed_teams),
                                       "database": self.db.dialect, "socket_mode": self.settings.socket_mode})

    async def stop(self) -> None:
        await self.scheduler.shutdown()
        await self.drain()
        for service in self.services:
            await service.stop()
        await self.db.dispose()
        await self._close_http()
        gc.unfreeze()  # what start() froze may be garbage now (tests start many runtimes in one process)
        log.info("bot stopped")

    async def _close_http(self) -> None:
        if self.client.session is not None:
            await self.client.session.close()
            self.client.session = None


async def _whoami(client: AsyncWebClient) -> Identity:
    try:
        auth = await client.auth_test()
    except SlackApiError as error:
        raise StartupError(f"SLACK_BOT_TOKEN was refused by Slack ({error.response.get('error')})") from None
    except Exception as error:  # noqa: BLE001 - network problems are reported in one line
        raise StartupError(f"Could not reach Slack at SLACK_API_URL ({type(error).__name__}: {error})", 1) from None
    return Identity(team_id=auth["team_id"], bot_user_id=auth["user_id"], bot_id=auth.get("bot_id"),
                    enterprise_id=auth.get("enterprise_id"))


def build_runtime(settings: Settings) -> Runtime:
    """Assemble the process: clients, storage, scheduler, Bolt app and every feature."""
    from bot.app import create_app  # late import: the app needs the runtime

    client = web_client(settings.slack_bot_token.get_secret_value(), settings.slack_api_url)
    db = Database(settings.database_url)
    scheduler = SweepScheduler(settings.scheduler_tick)
    dispatcher = ReminderDispatcher(db)
    scheduler.register("reminders", dispatcher.sweep)
    scheduler.register("housekeeping", Housekeeping(db, audit_retention=settings.audit_retention).sweep)
    runtime = Runtime(settings=settings, db=db, client=client, scheduler=scheduler, reminders=dispatcher)
    runtime.app = create_app(runtime)
    return runtime
