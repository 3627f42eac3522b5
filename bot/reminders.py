"""The generic reminder sweep: claim due rows, hand each to its feature's sender, stamp.

A feature registers a sender per reminder kind. The sender does the Slack call and
says what happened; this module owns the bookkeeping, so every feature gets the same
guarantees: stamped only after a successful send, retried after Retry-After on 429,
backed off on other errors, and never sent after the subject was closed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from slack_sdk.errors import SlackApiError

from storage import reminders as store
from storage.db import Database
from storage.reminders import Claimed

log = logging.getLogger(__name__)

DEFAULT_LEASE = timedelta(minutes=5)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Sent:
    """Delivered. `next_due_at=None` ends the reminders."""

    next_due_at: datetime | None


@dataclass(frozen=True)
class Stop:
    """Nothing to send any more (resolved meanwhile, or undeliverable and handed on)."""

    reason: str


@dataclass(frozen=True)
class RetryAt:
    """Not sent; try again at this time without counting a send."""

    at: datetime


Outcome = Sent | Stop | RetryAt
Sender = Callable[[Claimed, datetime], Awaitable[Outcome]]


@dataclass
class SweepStats:
    claimed: int = 0
    sent: int = 0
    stopped: int = 0
    retried: int = 0
    failed: int = 0


def retry_after(error: SlackApiError, default: float = 30.0) -> float | None:
    """Seconds Slack asked us to wait, or None if this was not a rate limit."""
    response = error.response
    if getattr(response, "status_code", None) != 429 and response.get("error") != "ratelimited":
        return None
    headers = getattr(response, "headers", {}) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(float(value), 1.0)
    except (TypeError, ValueError):
        return default


class ReminderDispatcher:
    def __init__(
        self,
        db: Database,
        *,
        lease: timedelta = DEFAULT_LEASE,
        batch_size: int = 200,
        max_per_sweep: int = 5000,
        concurrency: int = 8,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.lease = lease
        self.batch_size = batch_size
        self.max_per_sweep = max_per_sweep
        self.concurrency = concurrency
        self.clock = clock
        self.owner = f"{socket.gethostname()}:{os.getpid()}"[:64]
        self._senders: dict[str, Sender] = {}

    def register(self, kind: str, sender: Sender) -> None:
        if kind in self._senders:
            raise ValueError(f"reminder kind {kind!r} is already registered")
        self._senders[kind] = sender

    async def sweep(self) -> SweepStats:
        stats = SweepStats()
        kinds = tuple(self._senders)
        if not kinds:
            return stats
        gate = asyncio.Semaphore(self.concurrency)
        while stats.claimed < self.max_per_sweep:
            now = self.clock()
            async with self.db.session() as session:
                batch = await store.claim_due(
                    session, now=now, lease=self.lease, owner=self.owner, limit=self.batch_size, kinds=kinds
                )
            if not batch:
                break
            stats.claimed += len(batch)
            await asyncio.gather(*(self._deliver(item, gate, stats) for item in batch))
            if len(batch) < self.batch_size:
                break
        if stats.claimed:
            log.info("reminder sweep", extra={"stats": stats.__dict__})
        return stats

    async def _deliver(self, item: Claimed, gate: asyncio.Semaphore, stats: SweepStats) -> None:
        async with gate:
            now = self.clock()
            failed = False
            try:
                outcome = await self._senders[item.kind](item, now)
            except SlackApiError as error:
                wait = retry_after(error)
                failed = wait is None
                outcome = RetryAt(now + timedelta(seconds=wait)) if wait else self._backoff(item, now, error)
            except Exception as error:  # noqa: BLE001 - one bad row must not stop the sweep
                failed = True
                outcome = self._backoff(item, now, error)

            async with self.db.session() as session:
                match outcome:
                    case Sent(next_due_at=next_due):
                        await store.stamp_sent(session, item, sent_at=now, next_due_at=next_due)
                        stats.sent += 1
                    case Stop():
                        await store.finish(session, item)
                        stats.stopped += 1
                    case RetryAt(at=at):
                        await store.release(session, item, next_due_at=at, failed=failed)
                        if failed:
                            stats.failed += 1
                        else:
                            stats.retried += 1

    def _backoff(self, item: Claimed, now: datetime, error: Exception) -> RetryAt:
        error_id = uuid.uuid4().hex[:12]
        log.error(
            "reminder send failed",
            extra={"error_id": error_id, "kind": item.kind, "reminder_id": item.id, "error": type(error).__name__},
        )
        backoff = min(timedelta(minutes=1) * (2 ** min(item.failure_count, 10)), MAX_BACKOFF)
        return RetryAt(now + backoff)
