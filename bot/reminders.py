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
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlmodel.ext.asyncio.session import AsyncSession

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
# Reads the subjects of many claimed rows in one query: subject id -> subject (missing = gone).
Loader = Callable[[AsyncSession, Sequence[int]], Awaitable[Mapping[int, Any]]]


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
    """Sends due reminders a chunk at a time: one read of the chunk's subjects, the Slack calls
    side by side, then one transaction that stamps the whole chunk. Two chunks are in flight,
    and the next batch is claimed while the last chunk of the current one is being sent.

    Chunks are small (`concurrency` rows), so a subject is read only milliseconds before its
    message goes out: a lead verified meanwhile is seen as closed, and its claim token, cleared
    by the close, stops the stamp as well.
    """

    def __init__(
        self,
        db: Database,
        *,
        lease: timedelta = DEFAULT_LEASE,
        batch_size: int = 500,
        max_per_sweep: int = 5000,
        concurrency: int = 50,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.lease = lease
        self.batch_size = batch_size
        self.max_per_sweep = max_per_sweep
        # DMs go to different channels, and Slack limits chat.postMessage per channel, so many
        # can be in flight; a 429 still comes back as RetryAt for that row alone.
        self.concurrency = concurrency
        self.clock = clock
        self.owner = f"{socket.gethostname()}:{os.getpid()}"[:64]
        self._senders: dict[str, Sender] = {}
        self._loaders: dict[str, Loader] = {}

    def register(self, kind: str, sender: Sender, *, load: Loader | None = None) -> None:
        """`load`, when given, fills `Claimed.subject` for the sender (None if the subject is gone)."""
        if kind in self._senders:
            raise ValueError(f"reminder kind {kind!r} is already registered")
        self._senders[kind] = sender
        if load is not None:
            self._loaders[kind] = load

    async def sweep(self) -> SweepStats:
        stats = SweepStats()
        kinds = tuple(self._senders)
        if not kinds:
            return stats
        # Two chunks in flight: one chunk's database work overlaps the other's Slack calls.
        lanes = asyncio.Semaphore(2)

        async def claim() -> list[Claimed]:
            limit = min(self.batch_size, self.max_per_sweep - stats.claimed)
            if limit <= 0:
                return []
            async with self.db.session() as session:
                batch = await store.claim_due(session, now=self.clock(), lease=self.lease, owner=self.owner,
                                              limit=limit, kinds=kinds)
            stats.claimed += len(batch)
            return batch

        async def deliver(batch: list[Claimed]) -> list[Claimed]:
            """Send a batch and return the next. That is claimed as this batch's last chunk starts:
            the claim query (tens of ms) overlaps that chunk's sends, and its rows wait under their
            lease at most one chunk longer than if it were claimed after."""
            chunks = [batch[start:start + self.concurrency] for start in range(0, len(batch), self.concurrency)]
            following: asyncio.Task[list[Claimed]] | None = None

            async def lane(chunk: list[Claimed]) -> None:
                nonlocal following
                async with lanes:
                    if chunk is chunks[-1] and len(batch) == self.batch_size:
                        following = asyncio.create_task(claim())
                    await self._deliver_chunk(chunk, stats)

            try:
                await asyncio.gather(*(lane(chunk) for chunk in chunks))
            except BaseException:
                if following:
                    following.cancel()  # whatever it claimed falls due again when the lease ends
                raise
            return await following if following else []

        batch = await claim()
        while batch:
            batch = await deliver(batch)
        if stats.claimed:
            log.info("reminder sweep", extra={"stats": stats.__dict__})
        return stats

    async def _deliver_chunk(self, chunk: list[Claimed], stats: SweepStats) -> None:
        chunk = await self._with_subjects(chunk)
        results = await asyncio.gather(*(self._send(item) for item in chunk))
        sent, released, finished = [], [], []
        for item, (outcome, failed, at) in zip(chunk, results, strict=True):
            match outcome:
                case Sent(next_due_at=next_due):
                    sent.append((item, at, next_due))
                case Stop():
                    finished.append(item)
                case RetryAt(at=retry_at):
                    released.append((item, retry_at, failed))
                    if failed:
                        stats.failed += 1
                    else:
                        stats.retried += 1
        try:
            async with self.db.session() as session:  # one transaction stamps the whole chunk
                await store.stamp_sent_many(session, sent)
                await store.finish_many(session, finished)
                await store.release_many(session, released)
        except Exception as error:  # noqa: BLE001 - the rows fall due again when their lease ends
            log.error("reminder stamps not saved", extra={"error": type(error).__name__, "rows": len(chunk)})
            stats.failed += len(sent) + len(finished)  # the released ones are counted above
            return
        stats.sent += len(sent)
        stats.stopped += len(finished)

    async def _with_subjects(self, chunk: list[Claimed]) -> list[Claimed]:
        wanted: dict[str, list[int]] = {}
        for item in chunk:
            if item.kind in self._loaders:
                wanted.setdefault(item.kind, []).append(item.subject_id)
        if not wanted:
            return chunk
        # A read-only unit of work: on SQLite it does not queue for the write lock behind stamps.
        async with self.db.read() as session:
            found = {kind: await self._loaders[kind](session, ids) for kind, ids in wanted.items()}
        return [replace(item, subject=found[item.kind].get(item.subject_id)) if item.kind in found else item
                for item in chunk]

    async def _send(self, item: Claimed) -> tuple[Outcome, bool, datetime]:
        """The sender's outcome, whether it failed (counts towards the backoff), and when."""
        now = self.clock()
        try:
            return await self._senders[item.kind](item, now), False, now
        except SlackApiError as error:
            wait = retry_after(error)
            if wait is not None:
                return RetryAt(now + timedelta(seconds=wait)), False, now
            return self._backoff(item, now, error), True, now
        except Exception as error:  # noqa: BLE001 - one bad row must not stop the sweep
            return self._backoff(item, now, error), True, now

    def _backoff(self, item: Claimed, now: datetime, error: Exception) -> RetryAt:
        error_id = uuid.uuid4().hex[:12]
        log.error(
            "reminder send failed",
            extra={"error_id": error_id, "kind": item.kind, "reminder_id": item.id, "error": type(error).__name__},
        )
        backoff = min(timedelta(minutes=1) * (2 ** min(item.failure_count, 10)), MAX_BACKOFF)
        return RetryAt(now + backoff)
