"""Benchmark: one reminder sweep over 100,000 open leads, 1,000 of them due.

    python bench/sweep.py [--leads 100000] [--due 1000] [--postgres URL]

It runs the real sweep (claim, the lead sender's DM to a local fake Slack, stamp) through
the real runtime, on SQLite and, when reachable, on PostgreSQL. As a baseline measured in
the same run it times the claim query (median of CLAIMS, each rolled back) with and without
the partial index on due reminders, so the printed ratio shows what the index buys. Target: the sweep under 1 s. Each database gets
SWEEPS sweeps over the same rows (made due again in between) and the median is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiohttp import web  # noqa: E402
from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.schema import CreateIndex  # noqa: E402

from bot.runtime import build_runtime  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.db import sync_url  # noqa: E402
from storage.leads import Lead  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Reminder  # noqa: E402
from storage.reminders import claim_due  # noqa: E402

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
SWEEPS = 3  # the same rows made due again between sweeps; the median is reported (shared VMs are noisy)
CLAIMS = 5  # claim-only timings per index state, median reported
DUE_INDEX = next(index for index in Reminder.__table__.indexes if index.name == "ix_reminder_due_active")


async def serve_fake_slack() -> None:
    """The fake Slack Web API, run in its own process (Slack's CPU is not the bot's)."""
    counter = iter(range(10**9))

    async def handle(request: web.Request) -> web.Response:
        method = request.match_info["method"]
        await request.read()
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": "T0BENCH", "user_id": "U0BOT", "bot_id": "B0BOT"})
        return web.json_response({"ok": True, "channel": "D0", "ts": f"1700000000.{next(counter):06d}"})

    app = web.Application()
    app.router.add_post("/api/{method}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print(site._server.sockets[0].getsockname()[1], flush=True)
    await asyncio.Event().wait()


def start_fake_slack() -> tuple[subprocess.Popen, str]:
    child = subprocess.Popen([sys.executable, __file__, "--serve-fake-slack"], stdout=subprocess.PIPE, text=True)
    port = int(child.stdout.readline())
    return child, f"http://127.0.0.1:{port}/api/"


def fill(url: str, leads: int, due: int) -> None:
    """Bulk-load leads and their reminder rows: `due` of them due now, the rest next week."""
    engine = create_engine(sync_url(url))
    now = datetime.now(UTC)
    lead_rows = [
        {"id": i, "owner": f"U{i % 500:05d}X", "team_id": "T0BENCH", "case_number": f"{i:012d}",
         "lead_type": "employment", "platform": "facebook", "url": f"https://facebook.com/p/{i}",
         "summary": "works at a diner", "seen_on": date(2026, 11, 1), "attested_public": True,
         "attested_agency_account": True, "status": "unverified", "created_at": now, "checked_sources": "",
         "snooze_count": 0}
        for i in range(1, leads + 1)
    ]
    reminder_rows = [
        {"id": i, "kind": "lead", "subject_id": i, "status": "active", "sent_count": 0, "failure_count": 0,
         "created_at": now, "next_due_at": now - timedelta(minutes=1) if i % (leads // due) == 0
         else now + timedelta(days=7)}
        for i in range(1, leads + 1)
    ]
    with engine.begin() as conn:
        for start in range(0, leads, 10_000):
            conn.execute(insert(Lead.__table__), lead_rows[start:start + 10_000])
            conn.execute(insert(Reminder.__table__), reminder_rows[start:start + 10_000])
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE"))
    engine.dispose()


async def time_claim(runtime, *, limit: int) -> float:
    """Claim-only timing inside a transaction that is rolled back (leaves the rows due)."""
    async with runtime.db.engine.connect() as conn:
        from sqlmodel.ext.asyncio.session import AsyncSession

        session = AsyncSession(bind=conn)
        started = time.perf_counter()
        await claim_due(session, now=datetime.now(UTC), lease=timedelta(minutes=5), owner="bench", limit=limit)
        elapsed = time.perf_counter() - started
        await session.rollback()
        await session.close()
    return elapsed


async def median_claim(runtime, *, limit: int) -> float:
    await time_claim(runtime, limit=limit)  # warm the caches so both timings start equal
    return statistics.median([await time_claim(runtime, limit=limit) for _ in range(CLAIMS)])


async def run(label: str, url: str, leads: int, due: int, slack_url: str) -> dict[str, float]:
    upgrade(url)
    fill(url, leads, due)
    settings = Settings(_env_file=None, slack_bot_token="xoxb-bench", slack_signing_secret="bench",
                        slack_api_url=slack_url, database_url=url, reminder_business_hours_only=False,
                        scheduler_tick=3600, lead_escalate_after=99)
    runtime = build_runtime(settings)
    await runtime.start(migrate=False)
    await runtime.scheduler.shutdown()  # only the sweep timed below may run
    try:
        with_index = await median_claim(runtime, limit=due)
        async with runtime.db.session() as session:
            await (await session.connection()).execute(text(f"DROP INDEX {DUE_INDEX.name}"))
        without_index = await median_claim(runtime, limit=due)
        async with runtime.db.session() as session:
            await (await session.connection()).execute(CreateIndex(DUE_INDEX))
        sweeps, cpu = [], []
        for attempt in range(SWEEPS):
            if attempt:  # make the same rows due again, as the next tick would find them
                async with runtime.db.session() as session:
                    await (await session.connection()).execute(
                        text("UPDATE reminder SET next_due_at = :due WHERE id % :step = 0"),
                        {"due": datetime.now(UTC) - timedelta(minutes=1), "step": leads // due})
            started, cpu_started = time.perf_counter(), time.process_time()
            stats = await runtime.reminders.sweep()
            sweeps.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            if stats.sent != due:
                break
        sweep = statistics.median(sweeps)
    finally:
        await runtime.stop()
    print(f"{label:<11} sweep of {stats.sent} due (of {leads} open): median {sweep:.3f} s "
          f"({', '.join(f'{s:.2f}' for s in sweeps)}), bot CPU {statistics.median(cpu):.3f} s   "
          f"claim with index {with_index * 1000:.1f} ms, without {without_index * 1000:.1f} ms, "
          f"ratio {with_index / without_index:.2f}")
    return {"sweep": sweep, "sent": stats.sent}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument("--postgres", default=os.environ.get("TEST_DATABASE_URL", DEFAULT_PG))
    parser.add_argument("--serve-fake-slack", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake_slack:
        await serve_fake_slack()
        return 0
    fake, slack_url = start_fake_slack()
    results = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results["sqlite"] = await run("SQLite", f"sqlite:///{tmp}/bench.db", args.leads, args.due, slack_url)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(make_url(args.postgres).set(drivername="postgresql+psycopg"))
        try:
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as error:  # noqa: BLE001
            print(f"PostgreSQL   skipped ({type(error).__name__})")
        else:
            try:
                url = make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
                results["postgresql"] = await run("PostgreSQL", url.render_as_string(hide_password=False),
                                                  args.leads, args.due, slack_url)
            finally:
                with admin.begin() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    finally:
        fake.terminate()
        fake.wait()
    worst = max(r["sweep"] for r in results.values())
    print(f"slowest sweep {worst:.3f} s (target < 1 s); all due sent: "
          f"{all(r['sent'] == args.due for r in results.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
