"""Deduplication of Events API deliveries (Slack delivers at least once)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import ProcessedEvent


async def first_delivery(session: AsyncSession, event_id: str, *, now: datetime | None = None) -> bool:
    """Record `event_id`; True only for the first delivery, whichever replica sees it."""
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(ProcessedEvent)
        .values(event_id=event_id, received_at=now or datetime.now(UTC))
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    )
    result = await session.exec(statement)
    return result.first() is not None


async def forget_before(session: AsyncSession, cutoff: datetime) -> int:
    """Slack stops retrying within an hour, so old IDs need not be kept."""
    result = await session.exec(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return result.rowcount or 0
