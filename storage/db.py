"""Engine and session setup for SQLite (embedded default) and PostgreSQL.

SQLite needs three things to survive concurrent writers: WAL (readers never block
the writer), a busy timeout (wait instead of failing), and BEGIN IMMEDIATE (take the
write lock up front; a deferred transaction that later upgrades fails at once with
"database is locked", whatever the busy timeout). A unit of work that only reads
(Database.read) begins deferred instead: in WAL mode it never waits for the writer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

SQLITE_BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "bot_read_only"  # execution option of the engine behind Database.read()


def _driver_url(url: str, *, asynchronous: bool) -> URL:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite" if asynchronous else "sqlite")
    if backend in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+psycopg")
    raise ValueError(f"unsupported database: {backend}")


def async_url(url: str) -> URL:
    return _driver_url(url, asynchronous=True)


def sync_url(url: str) -> URL:
    return _driver_url(url, asynchronous=False)


def configure_sqlite(sync_engine) -> None:
    """Pragmas on every new connection, and BEGIN IMMEDIATE for every transaction."""

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, decide when a transaction begins.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection):
        # A read-only unit of work takes no lock at all (WAL readers never wait).
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


class Database:
    """One engine and session factory per process."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        target = async_url(url)
        self.dialect = target.get_backend_name()
        kwargs: dict = {"echo": echo, "pool_pre_ping": self.dialect == "postgresql"}
        self.engine: AsyncEngine = create_async_engine(target, **kwargs)
        if self.dialect == "sqlite":
            configure_sqlite(self.engine.sync_engine)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        self._reads = async_sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), class_=AsyncSession,
                                         expire_on_commit=False)
        self._blocking: Engine | None = None

    def blocking_engine(self) -> Engine:
        """A synchronous engine on the same database, for a writer that runs in a thread of its own.

        A whole transaction there is one hop off the event loop; through the async driver each
        statement, cursor and commit is a hop (16 for a batch of policy questions on SQLite), and
        each hop wakes the event loop. One connection: such writers write one batch at a time.
        """
        if self._blocking is None:
            engine = create_engine(sync_url(self.url), pool_size=1, max_overflow=0,
                                   pool_pre_ping=self.dialect == "postgresql")
            if self.dialect == "sqlite":
                configure_sqlite(engine)
            self._blocking = engine
        return self._blocking

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A unit of work: commits when the block ends normally, rolls back otherwise."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A unit of work that only reads: on SQLite it takes no write lock."""
        async with self._reads() as session:
            yield session

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - health check reports, never raises
            return False

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self._blocking is not None:
            self._blocking.dispose()
            self._blocking = None
