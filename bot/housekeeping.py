"""Periodic clean-up that keeps tables from growing without bound."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from storage import audit
from storage.db import Database
from storage.events import forget_before

log = logging.getLogger(__name__)

# Slack stops retrying an event within about an hour; a day is a wide margin.
EVENT_IDS_KEPT = timedelta(days=1)


class Housekeeping:
    def __init__(
        self, db: Database, *, every: timedelta = timedelta(hours=1), audit_retention: timedelta | None = None
    ) -> None:
        self.db = db
        self.every = every
        # None keeps audit rows forever (AUDIT_RETENTION unset).
        self.audit_retention = audit_retention
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
        if self.audit_retention is not None:
            # Its own transaction: the purge writes its own audit row, and a failure here must not
            # undo the event-ID clean-up above.
            async with self.db.session() as session:
                purged = await audit.purge_older_than(session, now - self.audit_retention)
            if purged:
                log.info("housekeeping", extra={"audit_rows_purged": purged})
