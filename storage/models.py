"""Tables shared by every feature: audit trail, processed events, reminders.

Feature tables (reports, leads, policy questions) live in their own modules and
are imported by `storage.tables` so that Alembic sees one metadata.
"""

from datetime import UTC, datetime

from sqlalchemy import Column, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


def utcnow() -> datetime:
    return datetime.now(UTC)


class AuditEvent(SQLModel, table=True):
    """Append-only: database triggers refuse UPDATE, and DELETE outside the audited purge."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))
    actor: str = Field(max_length=32)
    action: str = Field(max_length=64, index=True)
    object_type: str = Field(max_length=32)
    object_id: str = Field(max_length=64)
    team_id: str | None = Field(default=None, max_length=32)


class AuditPurgePermit(SQLModel, table=True):
    """Exists only inside the retention purge's transaction; the DELETE trigger checks for it."""

    __tablename__ = "audit_purge_permit"

    id: int | None = Field(default=None, primary_key=True)


class ProcessedEvent(SQLModel, table=True):
    """Events API deliveries already handled, so that Slack's retries have one effect."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    received_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class Reminder(SQLModel, table=True):
    """One row per thing that nags until it is resolved; the database is the source of truth.

    Claiming a row pushes `next_due_at` forward by the lease and stamps a claim token.
    If the process dies before the send is recorded, the row simply falls due again
    when the lease runs out: at-least-once, never lost, and never a burst.
    """

    __tablename__ = "reminder"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id", name="uq_reminder_subject"),
        # Kind first: the claim's `kind IN (...)` then uses this index even without statistics.
        Index(
            "ix_reminder_due_active",
            "kind",
            "next_due_at",
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)
    subject_id: int
    status: str = Field(default="active", max_length=16)
    next_due_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    sent_count: int = 0
    failure_count: int = 0
    last_sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    claim_token: str | None = Field(default=None, max_length=40)
    claimed_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
