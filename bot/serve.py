"""`bot serve`: start everything, run until SIGTERM/SIGINT, then stop gracefully."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from bot.http import build_web_app
from bot.runtime import build_runtime
from bot.settings import Settings
from bot.socket_mode import build_socket_client

log = logging.getLogger(__name__)

# How long in-flight HTTP requests get to finish after SIGTERM (Slack waits 3 s anyway).
SHUTDOWN_GRACE_SECONDS = 5.0


async def serve(settings: Settings) -> None:
    runtime = build_runtime(settings)
    await runtime.start()

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    # Health checks stay on HTTP in both modes, so orchestration looks the same.
    runner = web.AppRunner(build_web_app(runtime), access_log=None, shutdown_timeout=SHUTDOWN_GRACE_SECONDS)
    await runner.setup()
    await web.TCPSite(runner, settings.host, settings.port).start()
    socket_client = None
    if settings.socket_mode:
        socket_client = build_socket_client(runtime)
        await socket_client.connect()
    log.info("listening", extra={"host": settings.host, "port": settings.port,
                                 "mode": "socket" if settings.socket_mode else "http"})
    try:
        await stop.wait()
    finally:
        log.info("shutting down")
        if socket_client is not None:
            await socket_client.close()
        await runner.cleanup()
        await runtime.stop()
