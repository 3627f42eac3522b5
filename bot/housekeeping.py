"""Periodic clean-up that keeps tables from growing without bound."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.events import forget_before

log = logging.getLogger(__name__)

# Slack stops retrying an event within about an hour; a day is a wide margin.
EVENT_IDS_KEPT = timedelta(days=1)


class Housekeeping:
    def __init__(self, db: Database, *, every: timedelta = timedelta(hours=1)) -> None:
        self.db = db
        self.every = every
        self._last: datetime | None = None

    async def sweep(self) -> None:
        now = datetime.now(UTC)
        if self._last is not None and now - self._last < self.every:
            return
        self._last = now
        async with self.db.session() as session:
            forgotten = await forget_before(session, now - EVENT_IDS_KEPT)
        if forgotten:
            log.info("housekeeping", extra={"event_ids_forgotten": forgotten})
