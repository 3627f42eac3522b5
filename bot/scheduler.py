"""Ticks the registered sweeps every SCHEDULER_TICK seconds.

APScheduler only provides the heartbeat. Each sweep reads what is due from the
database, so a missed tick, a restart or a second replica never loses or doubles
work. The job store is in memory and private to this process on purpose.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

Sweep = Callable[[], Awaitable[object]]


class SweepScheduler:
    def __init__(self, tick_seconds: float) -> None:
        self.tick_seconds = tick_seconds
        self._sweeps: dict[str, Sweep] = {}
        self._scheduler: AsyncIOScheduler | None = None
        self._running = asyncio.Lock()

    def register(self, name: str, sweep: Sweep) -> None:
        if name in self._sweeps:
            raise ValueError(f"sweep {name!r} is already registered")
        self._sweeps[name] = sweep

    @property
    def sweeps(self) -> tuple[str, ...]:
        return tuple(self._sweeps)

    async def run_once(self) -> None:
        """Run every sweep once; one sweep failing does not stop the others."""
        async with self._running:
            for name, sweep in self._sweeps.items():
                try:
                    await sweep()
                except Exception:  # noqa: BLE001 - logged with an ID, retried next tick
                    log.exception("sweep failed", extra={"sweep": name, "error_id": uuid.uuid4().hex[:12]})

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._scheduler.add_job(
            self.run_once,
            IntervalTrigger(seconds=self.tick_seconds, timezone=UTC),
            id="sweeps",
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC) + timedelta(seconds=min(self.tick_seconds, 1.0)),
        )
        self._scheduler.start()
        log.info("scheduler started", extra={"tick_seconds": self.tick_seconds, "sweeps": list(self._sweeps)})

    async def shutdown(self) -> None:
        if self._scheduler is None or not self._scheduler.running:
            return
        # Stop new ticks, then let a sweep that is mid-send finish and stamp its rows before
        # APScheduler is shut down (its shutdown cancels a running coroutine job).
        self._scheduler.pause()
        async with self._running:
            self._scheduler.shutdown(wait=False)
