"""Reminder rows: schedule, atomically claim what is due, stamp after a successful send.

The claim is one UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED) RETURNING.
On PostgreSQL, SKIP LOCKED lets replicas split the due rows without waiting on each
other; on SQLite the whole statement runs under BEGIN IMMEDIATE (see storage.db), so
only one writer can claim at a time. Either way a row is claimed by one sweep only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, case, func, select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Reminder

ACTIVE = "active"
DONE = "done"


@dataclass(frozen=True)
class Claimed:
    """A snapshot of a claimed row; the token proves the claim when stamping."""

    id: int
    kind: str
    subject_id: int
    sent_count: int
    failure_count: int
    due_at: datetime
    claim_token: str
    subject: Any = None  # filled by the kind's loader, when it has one, just before sending


async def schedule(session: AsyncSession, *, kind: str, subject_id: int, due_at: datetime) -> Reminder:
    """Start (or restart) reminding about a subject."""
    existing = await get(session, kind=kind, subject_id=subject_id)
    if existing is not None:
        existing.status = ACTIVE
        existing.next_due_at = due_at
        existing.claim_token = None
        session.add(existing)
        await session.flush()
        return existing
    row = Reminder(kind=kind, subject_id=subject_id, next_due_at=due_at, created_at=datetime.now(UTC))
    session.add(row)
    await session.flush()
    return row


async def schedule_once(session: AsyncSession, *, kind: str, subject_id: int, due_at: datetime) -> bool:
    """Schedule a one-off reminder unless one for this subject already exists (done or not)."""
    if await get(session, kind=kind, subject_id=subject_id) is not None:
        return False
    session.add(Reminder(kind=kind, subject_id=subject_id, next_due_at=due_at, created_at=datetime.now(UTC)))
    await session.flush()
    return True


async def get(session: AsyncSession, *, kind: str, subject_id: int) -> Reminder | None:
    result = await session.exec(select(Reminder).where(Reminder.kind == kind, Reminder.subject_id == subject_id))
    return result.scalars().first()


async def close(session: AsyncSession, *, kind: str, subject_id: int) -> bool:
    """Stop reminding, at once. Any claim in flight loses its right to stamp."""
    result = await session.exec(
        update(Reminder)
        .where(Reminder.kind == kind, Reminder.subject_id == subject_id, Reminder.status == ACTIVE)
        .values(status=DONE, claim_token=None)
    )
    return bool(result.rowcount)


async def postpone(session: AsyncSession, *, kind: str, subject_id: int, due_at: datetime) -> bool:
    """Move an active reminder's next due time (snooze)."""
    result = await session.exec(
        update(Reminder)
        .where(Reminder.kind == kind, Reminder.subject_id == subject_id, Reminder.status == ACTIVE)
        .values(next_due_at=due_at)
    )
    return bool(result.rowcount)


async def claim_due(
    session: AsyncSession,
    *,
    now: datetime,
    lease: timedelta,
    owner: str,
    limit: int = 100,
    kinds: tuple[str, ...] | None = None,
) -> list[Claimed]:
    """Claim up to `limit` due rows for this sweep. Claimed rows fall due again after `lease`."""
    token = uuid.uuid4().hex
    due = (
        select(Reminder.id)
        .where(Reminder.status == ACTIVE, Reminder.next_due_at <= now)
        .order_by(Reminder.next_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if kinds:
        due = due.where(Reminder.kind.in_(kinds))
    result = await session.exec(
        update(Reminder)
        .where(Reminder.id.in_(due.scalar_subquery()))
        .values(next_due_at=now + lease, claim_token=token, claimed_by=owner)
        .returning(
            Reminder.id, Reminder.kind, Reminder.subject_id, Reminder.sent_count, Reminder.failure_count
        )
        .execution_options(synchronize_session=False)
    )
    rows = result.all()
    return [
        Claimed(id=r.id, kind=r.kind, subject_id=r.subject_id, sent_count=r.sent_count,
                failure_count=r.failure_count, due_at=now, claim_token=token)
        for r in sorted(rows, key=lambda r: r.id)
    ]


# ---- after the send: stamp, give back or finish claimed rows ----------------------------------
# One executemany per outcome for a whole chunk (an ORM update per row cost more than the Slack
# calls themselves). Each row is changed only if its claim token still matches and it is still
# active, so a reminder closed meanwhile is never revived.

_table = Reminder.__table__
_claim_matches = (
    (_table.c.id == bindparam("b_id")) & (_table.c.claim_token == bindparam("b_token")) & (_table.c.status == ACTIVE)
)
_STAMP_MANY = (
    update(_table)
    .where(_claim_matches)
    .values(
        sent_count=_table.c.sent_count + 1,
        failure_count=0,
        last_sent_at=bindparam("b_sent_at"),
        claim_token=None,
        # No next due time means that was the last reminder.
        status=case((bindparam("b_next_due", type_=_table.c.next_due_at.type).is_(None), DONE), else_=ACTIVE),
        next_due_at=func.coalesce(bindparam("b_next_due", type_=_table.c.next_due_at.type), _table.c.next_due_at),
    )
)
_RELEASE_MANY = (
    update(_table)
    .where(_claim_matches)
    .values(next_due_at=bindparam("b_next_due", type_=_table.c.next_due_at.type), claim_token=None,
            failure_count=_table.c.failure_count + bindparam("b_failed"))
)
_FINISH_MANY = update(_table).where(_claim_matches).values(status=DONE, claim_token=None)


async def stamp_sent(session: AsyncSession, claimed: Claimed, *, sent_at: datetime, next_due_at: datetime | None) -> bool:
    """Record one successful send; False if the claim was lost (closed or re-claimed meanwhile)."""
    return await stamp_sent_many(session, [(claimed, sent_at, next_due_at)]) == 1


async def stamp_sent_many(session: AsyncSession, rows: list[tuple[Claimed, datetime, datetime | None]]) -> int:
    """(claimed, sent_at, next_due_at or None for the last one) for each row sent."""
    return await _execute_many(session, _STAMP_MANY, [
        {"b_id": c.id, "b_token": c.claim_token, "b_sent_at": sent_at, "b_next_due": next_due}
        for c, sent_at, next_due in rows
    ])


async def release_many(session: AsyncSession, rows: list[tuple[Claimed, datetime, bool]]) -> int:
    """(claimed, next_due_at, failed) for each row given back without a send (rate limit, error)."""
    return await _execute_many(session, _RELEASE_MANY, [
        {"b_id": c.id, "b_token": c.claim_token, "b_next_due": at, "b_failed": int(failed)} for c, at, failed in rows
    ])


async def finish_many(session: AsyncSession, rows: list[Claimed]) -> int:
    """Claimed rows whose subject needs no more reminders (resolved meanwhile, or undeliverable)."""
    return await _execute_many(session, _FINISH_MANY, [{"b_id": c.id, "b_token": c.claim_token} for c in rows])


async def _execute_many(session: AsyncSession, statement, params: list[dict]) -> int:
    """Rows changed (exact for one parameter set; drivers may not sum it over many)."""
    if not params:
        return 0
    result = await (await session.connection()).execute(statement, params)
    return result.rowcount
