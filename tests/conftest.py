"""Scenario-test harness: the real aiohttp server and a fake Slack Web API, both on loopback.

Every test that takes `db_url` (directly or through `bot`) runs on SQLite, and again on
PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.http import build_web_app
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from storage.db import Database
from storage.migrate import upgrade
from tests import slackreq
from tests.fakeslack import AGENCY_TEAM, FakeSlack

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _postgres_schema_url(base: str, schema: str) -> str:
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, or a throwaway PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'bot.db'}"
        return
    base = os.environ["TEST_DATABASE_URL"]
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(base).set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
async def db(db_url) -> AsyncIterator[Database]:
    """A migrated database, for tests of storage and the scheduler below the Slack layer."""
    upgrade(db_url)
    database = Database(db_url)
    yield database
    await database.dispose()


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.close()


def make_settings(db_url: str, fake: FakeSlack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_bot_token": "xoxb-test-token",
        "slack_signing_secret": slackreq.SIGNING_SECRET,
        "slack_api_url": fake.url,
        "database_url": db_url,
        "scheduler_tick": 3600,  # tests tick the scheduler themselves
        "reminder_business_hours_only": False,
        "moderation_channel": "C0MODS",
        "escalation_channel": "C0SUPERV",
        "policy_questions_channel": "C0POLICY",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class Bot:
    """The running bot as a test sees it: send it signed requests, look at what it did."""

    runtime: Runtime
    http: TestClient
    slack: FakeSlack

    async def post(self, body: str, content_type: str, headers: dict[str, str] | None = None):
        signed = slackreq.sign(body) if headers is None else headers
        response = await self.http.post("/slack/events", data=body.encode(),
                                        headers={"Content-Type": content_type, **signed})
        await response.read()
        return response

    async def command(self, command: str, text: str = "", **kw):
        kw.setdefault("response_url", self.slack.response_url)
        return await self.post(*slackreq.command_body(command, text, **kw))

    async def event(self, event: dict[str, Any], **kw):
        return await self.post(*slackreq.event_body(event, **kw))

    async def interact(self, payload: dict[str, Any]):
        if "response_url" in payload:
            payload = {**payload, "response_url": self.slack.response_url}
        return await self.post(*slackreq.interaction_body(payload))

    async def click(self, action_id: str, value: str = "", **kw):
        return await self.interact(slackreq.block_action(action_id, value, **kw))

    async def settle(self) -> None:
        """Wait for work the bot started after acking (cards, DMs)."""
        await self.runtime.drain()

    async def tick(self) -> None:
        """One scheduler tick, exactly what APScheduler runs every SCHEDULER_TICK seconds."""
        await self.runtime.scheduler.run_once()


async def start_bot(db_url: str, fake: FakeSlack, **overrides: Any) -> Bot:
    runtime = build_runtime(make_settings(db_url, fake, **overrides))
    await runtime.start()
    client = TestClient(TestServer(build_web_app(runtime), host="127.0.0.1"))
    await client.start_server()
    return Bot(runtime=runtime, http=client, slack=fake)


async def stop_bot(bot: Bot) -> None:
    await bot.http.close()
    await bot.runtime.stop()


@pytest.fixture
async def bot(db_url, fake_slack) -> AsyncIterator[Bot]:
    running = await start_bot(db_url, fake_slack)
    yield running
    await stop_bot(running)


__all__ = ["AGENCY_TEAM", "Bot", "start_bot", "stop_bot", "make_settings"]
