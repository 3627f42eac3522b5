"""Reports of public posts flagged for removal, their reporters, and modal drafts.

Only redacted text is ever stored here: the excerpt, the reporter's note and the
moderator's "keep" reason are redacted by the domain layer (bot.reports) before they
reach these functions. The raw message text survives only as its SHA-256 hash.

"One open report per post" is enforced by a partial unique index on the hash of the
normalised URL (`uq_report_open_url`), so two people reporting the same post at the
same moment, on any replica, end up on one report.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.types import UTCDateTime

OPEN = "open"
REMOVED = "removed"
KEPT = "kept"

MAX_URL_CHARS = 2000
MAX_EXCERPT_CHARS = 500
MAX_NOTE_CHARS = 500


class ReportDraft(SQLModel, table=True):
    """Evidence captured when the report modal opens, until the reporter submits it.

    The modal's private_metadata carries only this row's opaque id, so the message
    text (even redacted) never travels through Slack's view payloads.
    """

    __tablename__ = "report_draft"

    id: str = Field(primary_key=True, max_length=32)
    reporter: str = Field(max_length=32)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    source_channel: str | None = Field(default=None, max_length=32)
    source_ts: str | None = Field(default=None, max_length=32)
    text_sha256: str | None = Field(default=None, max_length=64)
    excerpt_redacted: str | None = Field(default=None, max_length=MAX_EXCERPT_CHARS)


class Report(SQLModel, table=True):
    __tablename__ = "report"
    __table_args__ = (
        Index("uq_report_open_url", "url_key", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
        Index("ix_report_status_created", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    team_id: str | None = Field(default=None, max_length=32)
    url: str = Field(max_length=MAX_URL_CHARS)  # normalised
    url_key: str = Field(max_length=64)  # SHA-256 of `url`: short enough for any index
    platform: str = Field(max_length=16)
    reason: str = Field(max_length=32)
    note_redacted: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)
    reporter: str = Field(max_length=32)  # the first reporter; all of them are in report_reporter
    seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    text_sha256: str | None = Field(default=None, max_length=64)
    excerpt_redacted: str | None = Field(default=None, max_length=MAX_EXCERPT_CHARS)
    source_channel: str | None = Field(default=None, max_length=32)
    source_ts: str | None = Field(default=None, max_length=32)
    status: str = Field(default=OPEN, max_length=16)
    claimed_by: str | None = Field(default=None, max_length=32)
    claimed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolved_by: str | None = Field(default=None, max_length=32)
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    resolution_note_redacted: str | None = Field(default=None, max_length=MAX_NOTE_CHARS)
    card_channel: str | None = Field(default=None, max_length=32)
    card_ts: str | None = Field(default=None, max_length=32)
    card_permalink: str | None = Field(default=None, max_length=MAX_URL_CHARS)


class ReportReporter(SQLModel, table=True):
    """Everyone who reported the post while the report was open, with their own evidence."""

    __tablename__ = "report_reporter"
    __table_args__ = (UniqueConstraint("report_id", "user_id", name="uq_report_reporter"),)

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(sa_column=Column(Integer, ForeignKey("report.id", ondelete="CASCADE"), nullable=False,
                                            index=True))
    user_id: str = Field(max_length=32)
    reported_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    reason: str = Field(max_length=32)
    seen_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    text_sha256: str | None = Field(default=None, max_length=64)


# ------------------------------------------------------------------------------ drafts
async def save_draft(session: AsyncSession, *, draft_id: str, reporter: str, created_at: datetime,
                     seen_at: datetime, source_channel: str | None, source_ts: str | None,
                     text_sha256: str | None, excerpt_redacted: str | None) -> ReportDraft:
    row = ReportDraft(id=draft_id, reporter=reporter, created_at=created_at, seen_at=seen_at,
                      source_channel=source_channel, source_ts=source_ts, text_sha256=text_sha256,
                      excerpt_redacted=(excerpt_redacted or None) and excerpt_redacted[:MAX_EXCERPT_CHARS])
    session.add(row)
    await session.flush()
    return row


async def take_draft(session: AsyncSession, *, draft_id: str, reporter: str) -> ReportDraft | None:
    """The reporter's own draft, removed from the table (it is used once)."""
    row = (await session.exec(select(ReportDraft).where(ReportDraft.id == draft_id,
                                                        ReportDraft.reporter == reporter))).scalars().first()
    if row is not None:
        await session.exec(delete(ReportDraft).where(ReportDraft.id == draft_id))
    return row


async def purge_drafts(session: AsyncSession, *, created_before: datetime) -> int:
    """Drafts of modals that were closed without submitting."""
    result = await session.exec(delete(ReportDraft).where(ReportDraft.created_at < created_before))
    return result.rowcount or 0


# ----------------------------------------------------------------------------- reports
async def get(session: AsyncSession, *, report_id: int) -> Report | None:
    return await session.get(Report, report_id)


async def get_many(session: AsyncSession, report_ids: Sequence[int]) -> dict[int, Report]:
    """Reports by id, in one query (the reminder sweep reads a chunk at a time)."""
    result = await session.exec(select(Report).where(Report.id.in_(report_ids)))
    return {report.id: report for report in result.scalars()}


async def open_by_url_key(session: AsyncSession, *, url_key: str) -> Report | None:
    result = await session.exec(select(Report).where(Report.url_key == url_key, Report.status == OPEN))
    return result.scalars().first()


async def insert_open(session: AsyncSession, **fields) -> Report | None:
    """Insert a new open report, or None when the post already has one (the unique index decides)."""
    row = Report(status=OPEN, **fields)
    return row if await _insert_unless_duplicate(session, row) else None


async def add_reporter(session: AsyncSession, *, report_id: int, user_id: str, reported_at: datetime,
                       reason: str, seen_at: datetime, text_sha256: str | None) -> bool:
    """Add a reporter; False if this user is already one."""
    row = ReportReporter(report_id=report_id, user_id=user_id, reported_at=reported_at, reason=reason,
                         seen_at=seen_at, text_sha256=text_sha256)
    return await _insert_unless_duplicate(session, row)


async def _insert_unless_duplicate(session: AsyncSession, row: SQLModel) -> bool:
    """Insert in a savepoint; False when a unique index says the row exists already."""
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError:
        return False
    return True


async def reporters_of(session: AsyncSession, *, report_id: int) -> list[str]:
    return (await reporters_of_many(session, [report_id])).get(report_id, [])


async def reporters_of_many(session: AsyncSession, report_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each report's reporters, first reporter first, in one query."""
    result = await session.exec(
        select(ReportReporter.report_id, ReportReporter.user_id)
        .where(ReportReporter.report_id.in_(report_ids)).order_by(ReportReporter.id))
    reporters: dict[int, list[str]] = {}
    for report_id, user_id in result.all():
        reporters.setdefault(report_id, []).append(user_id)
    return reporters


async def set_card(session: AsyncSession, *, report_id: int, channel: str, ts: str, permalink: str | None) -> None:
    await session.exec(update(Report).where(Report.id == report_id)
                       .values(card_channel=channel, card_ts=ts, card_permalink=permalink))


async def claim(session: AsyncSession, *, report_id: int, user_id: str, at: datetime) -> bool:
    """Claim (or take over) an open report; False if it is not open any more."""
    result = await session.exec(update(Report).where(Report.id == report_id, Report.status == OPEN)
                                .values(claimed_by=user_id, claimed_at=at))
    return bool(result.rowcount)


async def resolve(session: AsyncSession, *, report_id: int, status: str, user_id: str, at: datetime,
                  note_redacted: str | None = None) -> bool:
    """Close an open report; False if someone else closed it first."""
    if status not in {REMOVED, KEPT}:
        raise ValueError(f"not a resolution: {status!r}")
    result = await session.exec(
        update(Report).where(Report.id == report_id, Report.status == OPEN)
        .values(status=status, resolved_by=user_id, resolved_at=at,
                resolution_note_redacted=(note_redacted or None) and note_redacted[:MAX_NOTE_CHARS]))
    return bool(result.rowcount)


async def list_open(session: AsyncSession, *, limit: int = 100) -> Sequence[Report]:
    result = await session.exec(
        select(Report).where(Report.status == OPEN).order_by(Report.created_at, Report.id).limit(limit))
    return result.scalars().all()


async def count_open(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Report).where(Report.status == OPEN)) or 0)
