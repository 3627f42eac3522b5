"""Acceptance with the real `bot serve` process: reminders every 3 s, escalation, kill -9 and restart.

This is the one place that runs on the wall clock (the scheduler ticks every 0.5 s), so it waits
for outcomes with generous limits instead of asserting on durations.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys

import aiohttp
import pytest
from sqlalchemy import create_engine, text

from handlers.ids import LeadId
from storage.db import sync_url
from tests import slackreq
from tests.test_cli import clean_env
from tests.test_locate import OWNER, lead_form


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _start(env: dict[str, str], cwd) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "serve", env=env, cwd=cwd,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)


async def _wait_healthy(port: int) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(300):
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.1)
    pytest.fail("bot serve did not become healthy")


async def _wait_for(predicate, limit: float = 40.0) -> None:
    for _ in range(int(limit / 0.1)):
        if predicate():
            return
        await asyncio.sleep(0.1)
    pytest.fail("the expected messages never arrived")


def _sends_in_flight(db_url: str) -> int:
    """Reminders claimed by a sweep and not yet stamped."""
    engine = create_engine(sync_url(db_url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM reminder WHERE claim_token IS NOT NULL")).scalar_one()
    finally:
        engine.dispose()


async def test_reminders_escalation_and_restart_after_kill_9(db_url, fake_slack, tmp_path):
    port = _free_port()
    env = clean_env(SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=slackreq.SIGNING_SECRET,
                    SLACK_API_URL=fake_slack.url, DATABASE_URL=db_url, HOST="127.0.0.1", PORT=str(port),
                    SCHEDULER_TICK="0.5", LEAD_REMINDER_FIRST="3", LEAD_REMINDER_EVERY="3", LEAD_ESCALATE_AFTER="2",
                    REMINDER_BUSINESS_HOURS_ONLY="false", ESCALATION_CHANNEL="C0SUPERV", LOG_LEVEL="WARNING")
    reminders = lambda: [m for m in fake_slack.messages_to(OWNER) if m["text"].startswith("Reminder")]  # noqa: E731
    process = await _start(env, tmp_path)
    try:
        await _wait_healthy(port)
        body, content_type = slackreq.interaction_body(slackreq.view_submission(LeadId.LOG_MODAL, lead_form()))
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                 headers={"Content-Type": content_type, **slackreq.sign(body)}) as response:
                assert response.status == 200
        # The checklist right away, then at least 3 reminders and one escalation post.
        await _wait_for(lambda: len(reminders()) >= 3)
        assert fake_slack.messages_to(OWNER)[0]["text"].startswith("Locate lead #1")
        # The escalation is its own send; on a loaded machine it may land just after a reminder.
        await _wait_for(lambda: len(fake_slack.messages_to("C0SUPERV")) >= 1)
        assert len(fake_slack.messages_to("C0SUPERV")) == 1

        # Kill between sweeps: a send killed before its stamp waits out its lease (minutes) by design,
        # and the last reminder can reach the fake Slack a moment before it is stamped.
        await _wait_for(lambda: _sends_in_flight(db_url) == 0)
        process.send_signal(signal.SIGKILL)
        await process.wait()
        before_restart = len(reminders())
        await asyncio.sleep(4)  # a reminder falls due while the bot is down
        assert len(reminders()) == before_restart

        process = await _start(env, tmp_path)
        await _wait_healthy(port)
        # No silence: reminders resume...
        await _wait_for(lambda: len(reminders()) >= before_restart + 2)
        numbers = [int(m["text"].split()[1].rstrip(":")) for m in reminders()]
        # ...and no burst: each reminder is sent once, in order, none skipped or doubled.
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(fake_slack.messages_to("C0SUPERV")) == 1
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
