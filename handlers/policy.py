"""Policy answers: /policy, mentions and direct messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.ids import Command

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime


def register(app: AsyncApp, runtime: Runtime) -> None:
    @app.command(Command.POLICY.value)
    async def policy_command(ack):
        await ack("Policy answers are not available yet.")

    @app.event("app_mention")
    async def policy_mention(event, say):
        await say(text="Policy answers are not available yet.", thread_ts=event.get("thread_ts") or event["ts"])

    @app.event("message")
    async def policy_dm(event, say):
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        await say(text="Policy answers are not available yet.")
