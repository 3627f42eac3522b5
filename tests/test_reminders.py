"""The reminder mechanism every feature relies on: claim, send, stamp, retry, never lose."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from bot.reminders import ReminderDispatcher, Sent, Stop
from bot.slack_client import web_client
from storage import reminders as store

KIND = "probe"


async def add(db, subject_id: int, due_at: datetime, kind: str = KIND) -> None:
    async with db.session() as session:
        await store.schedule(session, kind=kind, subject_id=subject_id, due_at=due_at)


def posting_sender(fake_slack, every=timedelta(minutes=10)):
    """A feature-like sender: one chat.postMessage per reminder, through the real Web API client."""
    client = web_client("xoxb-test", fake_slack.url)

    async def send(item, now):
        await client.chat_postMessage(channel=f"U{item.subject_id:04d}X", text=f"reminder {item.sent_count + 1}")
        return Sent(now + every)

    return send


async def test_due_reminders_are_sent_once_and_stamped(db, fake_slack):
    now = datetime.now(UTC)
    await add(db, 1, now - timedelta(seconds=1))
    await add(db, 2, now + timedelta(hours=1))  # not due yet
    dispatcher = ReminderDispatcher(db)
    dispatcher.register(KIND, posting_sender(fake_slack))
    stats = await dispatcher.sweep()
    assert (stats.claimed, stats.sent) == (1, 1)
    assert await dispatcher.sweep() == type(stats)()  # nothing due any more
    assert len(fake_slack.messages_to("U0001X")) == 1 and fake_slack.messages_to("U0002X") == []
    async with db.session() as session:
        row = await store.get(session, kind=KIND, subject_id=1)
    assert row.sent_count == 1 and row.last_sent_at is not None and row.next_due_at > now + timedelta(minutes=9)


async def test_concurrent_sweeps_split_the_work_without_doubles(db, fake_slack):
    now = datetime.now(UTC)
    for subject in range(1, 61):
        await add(db, subject, now - timedelta(seconds=subject))
    sweeps = []
    for _ in range(3):  # three replicas
        dispatcher = ReminderDispatcher(db, batch_size=7)
        dispatcher.register(KIND, posting_sender(fake_slack))
        sweeps.append(dispatcher)
    results = await asyncio.gather(*(d.sweep() for d in sweeps))
    assert sum(r.sent for r in results) == 60
    channels = [c.args["channel"] for c in fake_slack.calls_to("chat.postMessage")]
    assert len(channels) == len(set(channels)) == 60


async def test_a_crash_after_claiming_resends_after_the_lease_and_no_burst(db, fake_slack):
    now = datetime.now(UTC)
    await add(db, 1, now - timedelta(hours=5))  # long overdue: still one reminder, not five
    lease = timedelta(minutes=5)
    async with db.session() as session:
        claimed = await store.claim_due(session, now=now, lease=lease, owner="crashed")
    assert len(claimed) == 1  # ...and then the process died before sending

    dispatcher = ReminderDispatcher(db, lease=lease, clock=lambda: now + timedelta(minutes=1))
    dispatcher.register(KIND, posting_sender(fake_slack))
    assert (await dispatcher.sweep()).sent == 0  # still leased

    dispatcher.clock = lambda: now + lease + timedelta(seconds=1)
    assert (await dispatcher.sweep()).sent == 1
    assert (await dispatcher.sweep()).sent == 0
    assert len(fake_slack.messages_to("U0001X")) == 1


async def test_rate_limited_send_is_retried_after_retry_after_and_not_lost(db, fake_slack):
    now = datetime.now(UTC)
    await add(db, 1, now - timedelta(seconds=1))
    # Two 429s: the Web API client retries once itself, the second reaches the sweep.
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=1)
    fake_slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=7)
    clock = {"now": now}
    dispatcher = ReminderDispatcher(db, clock=lambda: clock["now"])
    dispatcher.register(KIND, posting_sender(fake_slack))
    stats = await dispatcher.sweep()
    assert (stats.sent, stats.retried) == (0, 1)
    async with db.session() as session:
        row = await store.get(session, kind=KIND, subject_id=1)
    assert row.status == "active" and row.sent_count == 0 and row.failure_count == 0
    assert row.next_due_at == now + timedelta(seconds=7)
    clock["now"] = now + timedelta(seconds=7)
    assert (await dispatcher.sweep()).sent == 1
    assert len(fake_slack.messages_to("U0001X")) == 1


async def test_closed_reminders_are_never_sent_and_a_claim_in_flight_cannot_revive_them(db, fake_slack):
    now = datetime.now(UTC)
    await add(db, 1, now - timedelta(seconds=1))
    await add(db, 2, now - timedelta(seconds=1))
    async with db.session() as session:
        assert await store.close(session, kind=KIND, subject_id=1)
    async with db.session() as session:
        [claimed] = await store.claim_due(session, now=now, lease=timedelta(minutes=5), owner="a")
    async with db.session() as session:
        await store.close(session, kind=KIND, subject_id=2)  # resolved while the send was in flight
    async with db.session() as session:
        assert await store.stamp_sent(session, claimed, sent_at=now, next_due_at=now + timedelta(hours=1)) is False
        row = await store.get(session, kind=KIND, subject_id=2)
    assert row.status == "done"
    dispatcher = ReminderDispatcher(db, clock=lambda: now + timedelta(days=1))
    dispatcher.register(KIND, posting_sender(fake_slack))
    assert (await dispatcher.sweep()).claimed == 0


async def test_errors_back_off_and_stop_ends_the_reminders(db, fake_slack):
    now = datetime.now(UTC)
    await add(db, 1, now - timedelta(seconds=1))
    await add(db, 2, now - timedelta(seconds=1))

    async def sender(item, _now):
        if item.subject_id == 1:
            raise RuntimeError("boom")
        return Stop("resolved")

    dispatcher = ReminderDispatcher(db, clock=lambda: now)
    dispatcher.register(KIND, sender)
    stats = await dispatcher.sweep()
    assert (stats.failed, stats.stopped) == (1, 1)
    async with db.session() as session:
        failing = await store.get(session, kind=KIND, subject_id=1)
        stopped = await store.get(session, kind=KIND, subject_id=2)
    assert failing.status == "active" and failing.failure_count == 1
    assert failing.next_due_at == now + timedelta(minutes=1)
    assert stopped.status == "done"


async def test_a_chunk_is_read_once_and_stamped_together_without_reviving_a_closed_reminder(db, fake_slack):
    now = datetime.now(UTC)
    for subject in range(1, 5):
        await add(db, subject, now - timedelta(seconds=subject))
    loads: list[list[int]] = []

    async def load(_session, ids):
        loads.append(sorted(ids))
        return {i: f"subject {i}" for i in ids if i != 4}  # subject 4 was deleted meanwhile

    seen: dict[int, object] = {}

    async def sender(item, when):
        seen[item.subject_id] = item.subject
        if item.subject is None:
            return Stop("gone")
        if item.subject_id == 1:  # closed (e.g. verified) while this very send was in flight
            async with db.session() as session:
                await store.close(session, kind=KIND, subject_id=1)
        return Sent(None if item.subject_id == 2 else when + timedelta(minutes=10))

    dispatcher = ReminderDispatcher(db, clock=lambda: now)
    dispatcher.register(KIND, sender, load=load)
    stats = await dispatcher.sweep()
    assert loads == [[1, 2, 3, 4]]  # one read for the chunk
    assert seen == {1: "subject 1", 2: "subject 2", 3: "subject 3", 4: None}
    assert (stats.sent, stats.stopped) == (3, 1)
    async with db.session() as session:
        rows = {i: await store.get(session, kind=KIND, subject_id=i) for i in range(1, 5)}
    assert (rows[1].status, rows[1].sent_count) == ("done", 0)  # the stamp did not revive it
    assert (rows[2].status, rows[2].sent_count) == ("done", 1)  # that was the last reminder
    assert (rows[3].status, rows[3].sent_count, rows[3].next_due_at) == ("active", 1, now + timedelta(minutes=10))
    assert rows[3].claim_token is None and rows[3].last_sent_at == now
    assert rows[4].status == "done"


async def test_batches_claimed_ahead_stop_at_the_sweep_cap(db, fake_slack):
    now = datetime.now(UTC)
    for subject in range(1, 24):
        await add(db, subject, now - timedelta(seconds=subject))
    dispatcher = ReminderDispatcher(db, batch_size=5, max_per_sweep=12, concurrency=2)
    dispatcher.register(KIND, posting_sender(fake_slack))
    stats = await dispatcher.sweep()
    assert (stats.claimed, stats.sent) == (12, 12)
    async with db.session() as session:
        rows = [await store.get(session, kind=KIND, subject_id=i) for i in range(1, 24)]
    assert sum(row.sent_count for row in rows) == 12
    assert all(row.claim_token is None for row in rows)  # nothing left claimed and unsent
    assert (await dispatcher.sweep()).sent == 11  # the rest, on the next tick
