"""Locate leads from public social-media postings, and their verification."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Column, Date, select, update
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import utcnow
from storage.types import UTCDateTime

UNVERIFIED = "unverified"
OPEN_STATUSES = (UNVERIFIED,)


class Lead(SQLModel, table=True):
    __tablename__ = "lead"

    id: int | None = Field(default=None, primary_key=True)
    owner: str = Field(max_length=32, index=True)
    team_id: str | None = Field(default=None, max_length=32)
    case_number: str = Field(max_length=32)  # full number: masked everywhere it is shown
    lead_type: str = Field(max_length=16)  # whereabouts | employment | assets
    platform: str = Field(max_length=16)
    url: str = Field(max_length=2000)
    summary: str = Field(max_length=500)  # redacted
    seen_on: date = Field(sa_column=Column(Date(), nullable=False))
    attested_public: bool
    attested_agency_account: bool
    status: str = Field(default=UNVERIFIED, max_length=16)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    checked_sources: str = Field(default="", max_length=500)  # comma list of checklist item ids
    snooze_count: int = 0
    escalated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    escalation_reason: str | None = Field(default=None, max_length=32)  # overdue | owner_unreachable
    dm_channel: str | None = Field(default=None, max_length=32)
    dm_ts: str | None = Field(default=None, max_length=32)
    verified_source: str | None = Field(default=None, max_length=200)
    verified_on: date | None = Field(default=None, sa_column=Column(Date()))
    verification_note: str | None = Field(default=None, max_length=1000)  # redacted
    withdraw_reason: str | None = Field(default=None, max_length=500)  # redacted
    closed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    closed_by: str | None = Field(default=None, max_length=32)


async def add(session: AsyncSession, **fields) -> Lead:
    lead = Lead(created_at=utcnow(), **fields)
    session.add(lead)
    await session.flush()
    return lead


async def get(session: AsyncSession, lead_id: int) -> Lead | None:
    return await session.get(Lead, lead_id)


async def get_many(session: AsyncSession, lead_ids: Sequence[int]) -> dict[int, Lead]:
    """Leads by id, in one query (the reminder sweep reads a chunk at a time)."""
    result = await session.exec(select(Lead).where(Lead.id.in_(lead_ids)))
    return {lead.id: lead for lead in result.scalars()}


async def open_for_owner(session: AsyncSession, owner: str) -> Sequence[Lead]:
    result = await session.exec(
        select(Lead).where(Lead.owner == owner, Lead.status.in_(OPEN_STATUSES)).order_by(Lead.created_at)
    )
    return result.scalars().all()


async def close(session: AsyncSession, lead_id: int, *, status: str, closed_by: str, **fields) -> bool:
    """Close an open lead; False if it was already closed (double submit, race)."""
    result = await session.exec(
        update(Lead)
        .where(Lead.id == lead_id, Lead.status.in_(OPEN_STATUSES))
        .values(status=status, closed_by=closed_by, closed_at=utcnow(), **fields)
    )
    return bool(result.rowcount)


async def set_dm(session: AsyncSession, lead_id: int, *, channel: str, ts: str) -> None:
    await session.exec(update(Lead).where(Lead.id == lead_id).values(dm_channel=channel, dm_ts=ts))


async def set_checked(session: AsyncSession, lead_id: int, sources: Sequence[str]) -> None:
    await session.exec(update(Lead).where(Lead.id == lead_id).values(checked_sources=",".join(sources)[:500]))


async def count_snooze(session: AsyncSession, lead_id: int, *, limit: int) -> bool:
    """Use one of the lead's snoozes; False when none are left."""
    result = await session.exec(
        update(Lead)
        .where(Lead.id == lead_id, Lead.snooze_count < limit, Lead.status.in_(OPEN_STATUSES))
        .values(snooze_count=Lead.snooze_count + 1)
    )
    return bool(result.rowcount)


async def set_escalation_reason(session: AsyncSession, lead_id: int, reason: str) -> None:
    await session.exec(
        update(Lead).where(Lead.id == lead_id, Lead.escalated_at.is_(None)).values(escalation_reason=reason)
    )


async def mark_escalated(session: AsyncSession, lead_id: int) -> bool:
    """Record the one escalation post; False if it was already recorded."""
    result = await session.exec(
        update(Lead).where(Lead.id == lead_id, Lead.escalated_at.is_(None)).values(escalated_at=utcnow())
    )
    return bool(result.rowcount)
