"""The one door into the Bolt app, shared by HTTP and Socket Mode.

It makes the runtime reachable from listeners. Listeners that touch the database open
their own unit of work (runtime.db.session()), so a request that writes nothing before
its ack, like /policy, costs no session at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

if TYPE_CHECKING:
    from bot.runtime import Runtime


async def dispatch(runtime: Runtime, request: AsyncBoltRequest) -> BoltResponse:
    request.context["runtime"] = runtime
    return await runtime.app.async_dispatch(request)
