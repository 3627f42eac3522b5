"""Storage on SQLite and PostgreSQL: migrations, concurrency, append-only audit, dedupe."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from storage import audit
from storage.events import first_delivery
from storage.migrate import current_revisions, head_revisions, upgrade
from storage.models import AuditEvent


def test_migrations_reach_head_and_are_idempotent(db_url):
    upgrade(db_url)
    upgrade(db_url)
    assert current_revisions(db_url) == head_revisions()


async def test_replicas_migrating_at_once_do_not_race(db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": db_url}
    processes = [
        await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "migrate", env=env, cwd=tmp_path,
                                             stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        for _ in range(3)
    ]
    results = [await p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], results
    assert current_revisions(db_url) == head_revisions()


async def test_eight_concurrent_writers_never_hit_database_is_locked(db):
    errors: list[Exception] = []

    async def writer(n: int) -> None:
        for i in range(25):
            try:
                async with db.session() as session:
                    # Read then write in one transaction: the pattern that fails under deferred BEGIN.
                    await session.scalar(select(func.count()).select_from(AuditEvent))
                    await audit.record(session, actor=f"U{n:04d}X", action="test.wrote", object_type="test",
                                       object_id=f"{n}-{i}")
            except Exception as error:  # noqa: BLE001 - collected and asserted below
                errors.append(error)

    await asyncio.gather(*(writer(n) for n in range(8)))
    assert [e for e in errors if "locked" in str(e)] == []
    assert errors == []
    async with db.session() as session:
        assert await session.scalar(select(func.count()).select_from(AuditEvent)) == 200


async def test_audit_rows_cannot_be_updated_or_deleted(db):
    async with db.session() as session:
        row = await audit.record(session, actor="U0CASEWKR", action="lead.created", object_type="lead", object_id=7)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.session() as session:
            await session.execute(update(AuditEvent).where(AuditEvent.id == row.id).values(actor="U0OTHER"))
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.session() as session:
            await (await session.connection()).execute(text("DELETE FROM audit_event"))
    async with db.session() as session:
        events = await audit.events_for(session, object_type="lead", object_id=7)
    assert [(e.actor, e.action) for e in events] == [("U0CASEWKR", "lead.created")]


async def test_audit_refuses_free_text(db):
    async with db.session() as session:
        for bad in ({"actor": "Jane Doe"}, {"action": "lead created for 123-45-6789"},
                    {"object_id": "SSN 123-45-6789"}):
            fields = {"actor": "U0CASEWKR", "action": "lead.created", "object_type": "lead", "object_id": "1"} | bad
            with pytest.raises(audit.AuditValueError):
                await audit.record(session, **fields)


async def test_retention_purge_is_the_only_delete_and_is_audited(db):
    old = datetime.now(UTC) - timedelta(days=4000)
    async with db.session() as session:
        await audit.record(session, actor="system", action="test.old", object_type="test", object_id=1, at=old)
        await audit.record(session, actor="system", action="test.new", object_type="test", object_id=2)
    async with db.session() as session:
        purged = await audit.purge_older_than(session, datetime.now(UTC) - timedelta(days=3650))
    assert purged == 1
    async with db.session() as session:
        actions = (await session.exec(select(AuditEvent.action).order_by(AuditEvent.id))).scalars().all()
    assert actions == ["test.new", "audit.purged"]


async def test_event_ids_are_recorded_once(db):
    async with db.session() as session:
        assert await first_delivery(session, "Ev1") is True
    async with db.session() as session:
        assert await first_delivery(session, "Ev1") is False
        assert await first_delivery(session, "Ev2") is True


async def test_a_read_does_not_wait_for_a_writer(db):
    async with db.session() as session:
        await audit.record(session, actor="U0001X", action="test.wrote", object_type="test", object_id="1")
    async with db.session() as writer:
        await audit.record(writer, actor="U0002X", action="test.wrote", object_type="test", object_id="2")
        # The writer holds its transaction (on SQLite, the write lock) open: a read still answers
        # at once, from the last commit, instead of queueing behind it.
        async with db.read() as reader:
            count = await asyncio.wait_for(reader.scalar(select(func.count()).select_from(AuditEvent)), timeout=5)
    assert count == 1
