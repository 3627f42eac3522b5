"""Apply Alembic migrations so that replicas starting at once do not race: PostgreSQL under an advisory
lock, SQLite under a lock file beside the database."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from storage.db import configure_sqlite, sync_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# An arbitrary constant shared by every replica of this bot ("LCSA" in ASCII).
ADVISORY_LOCK_KEY = 0x4C435341


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


# Features add their tables on their own branches from the foundation, so the
# migration graph may have several heads; "heads" applies all of them.
TARGET = "heads"


def head_revisions() -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(_config()).get_heads())


def current_revisions(url: str) -> frozenset[str]:
    engine = create_engine(sync_url(url), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return frozenset(MigrationContext.configure(conn).get_current_heads())
    finally:
        engine.dispose()


@contextmanager
def _sqlite_file_lock(engine) -> Iterator[None]:
    """On SQLite, replicas take turns through a lock file beside the database.

    Alembic reads the current revision before its migrations take SQLite's write lock, so two
    processes starting at once could both see an empty database and both create the tables.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.migrate-lock", "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def upgrade(url: str, revision: str = TARGET) -> None:
    """Bring the database at `url` up to `revision`. Safe to call from many processes at once."""
    engine = create_engine(sync_url(url), poolclass=NullPool)
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)
    cfg = _config()
    try:
        with _sqlite_file_lock(engine):
            _upgrade_locked(engine, cfg, revision)
    finally:
        engine.dispose()


def _upgrade_locked(engine, cfg: Config, revision: str) -> None:
    """One upgrade; on PostgreSQL replicas take turns through an advisory lock."""
    with engine.connect() as conn:
        locked = conn.dialect.name == "postgresql"
        if locked:
            # Session-level lock, held across the migration's own transaction.
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            conn.commit()
        try:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            conn.commit()
        finally:
            if locked:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                conn.commit()
