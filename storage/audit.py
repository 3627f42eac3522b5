"""The one way to write the audit trail.

Only identifiers go in: who (a Slack user ID or "system"), what (a dotted action
name), which object (type and ID). Every field is checked against a narrow pattern
so that no free text, and so no personal data, can slip into the trail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, func, insert, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import AuditEvent, AuditPurgePermit

SYSTEM_ACTOR = "system"
_ACTOR = re.compile(r"^(system|[UWB][A-Z0-9]{2,30})$")
_ACTION = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")
_OBJECT_TYPE = re.compile(r"^[a-z][a-z_]{0,31}$")
_OBJECT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_TEAM = re.compile(r"^[TE][A-Z0-9]{2,30}$")


class AuditValueError(ValueError):
    """A caller tried to put something other than an identifier into the audit trail."""


def _check(pattern: re.Pattern[str], value: str, field: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise AuditValueError(f"audit {field} must be an identifier, got {type(value).__name__}")
    return value


async def record(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    team_id: str | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one audit row in the caller's transaction (so it commits with the change it describes)."""
    row = AuditEvent(
        at=at or datetime.now(UTC),
        actor=_check(_ACTOR, actor, "actor"),
        action=_check(_ACTION, action, "action"),
        object_type=_check(_OBJECT_TYPE, object_type, "object_type"),
        object_id=_check(_OBJECT_ID, str(object_id), "object_id"),
        team_id=_check(_TEAM, team_id, "team_id") if team_id is not None else None,
    )
    session.add(row)
    await session.flush()
    return row


def record_many(connection: Connection, rows: Sequence[dict]) -> None:
    """Append several audit rows in one statement (each checked like `record`), on a synchronous
    connection: a writer thread's, in the transaction of the rows they describe."""
    if not rows:
        return
    now = datetime.now(UTC)
    values = [
        {
            "at": row.get("at") or now,
            "actor": _check(_ACTOR, row["actor"], "actor"),
            "action": _check(_ACTION, row["action"], "action"),
            "object_type": _check(_OBJECT_TYPE, row["object_type"], "object_type"),
            "object_id": _check(_OBJECT_ID, str(row["object_id"]), "object_id"),
            "team_id": _check(_TEAM, row["team_id"], "team_id") if row.get("team_id") is not None else None,
        }
        for row in rows
    ]
    connection.execute(insert(AuditEvent), values)


async def events_for(session: AsyncSession, *, object_type: str, object_id: str | int) -> Sequence[AuditEvent]:
    result = await session.exec(
        select(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
        .order_by(AuditEvent.id)
    )
    return result.scalars().all()


async def purge_older_than(session: AsyncSession, cutoff: datetime) -> int:
    """Retention purge: the only delete the triggers allow, and itself audited."""
    count = await session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.at < cutoff))
    if not count:
        return 0
    permit = AuditPurgePermit()
    session.add(permit)
    await session.flush()
    await session.exec(delete(AuditEvent).where(AuditEvent.at < cutoff))
    await session.delete(permit)
    await record(session, actor=SYSTEM_ACTOR, action="audit.purged", object_type="audit_event", object_id=count)
    return count
