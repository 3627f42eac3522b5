"""Socket Mode: the same listeners, reached over Slack's WebSocket instead of HTTP."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.dispatch import dispatch

if TYPE_CHECKING:
    from bot.runtime import Runtime


def build_socket_client(runtime: Runtime) -> SocketModeClient:
    client = SocketModeClient(
        app_token=runtime.settings.slack_app_token.get_secret_value(),
        web_client=runtime.client,
    )

    async def on_request(socket: SocketModeClient, req: SocketModeRequest) -> None:
        started = time.time()
        bolt_request = AsyncBoltRequest(mode="socket_mode", body=req.payload, headers={})
        response = await dispatch(runtime, bolt_request)
        await send_async_response(socket, req, response, started)

    client.socket_mode_request_listeners.append(on_request)
    return client
