"""The one door into the Bolt app, shared by HTTP and Socket Mode.

It gives each request its own DB session (committed when the listener is done,
rolled back if it failed) and makes the runtime reachable from listeners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

if TYPE_CHECKING:
    from bot.runtime import Runtime


async def dispatch(runtime: Runtime, request: AsyncBoltRequest) -> BoltResponse:
    # A session costs nothing until a listener uses it, so every request gets one.
    async with runtime.db.session() as session:
        request.context["db"] = session
        request.context["runtime"] = runtime
        return await runtime.app.async_dispatch(request)
