"""Apply Alembic migrations; on PostgreSQL under an advisory lock so replicas don't race."""

from __future__ import annotations

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


def upgrade(url: str, revision: str = TARGET) -> None:
    """Bring the database at `url` up to `revision`. Safe to call from many processes at once."""
    engine = create_engine(sync_url(url), poolclass=NullPool)
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine)
    cfg = _config()
    try:
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
    finally:
        engine.dispose()
