"""App Home: what the bot does and how to use it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.views.home import home_view

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime


def register(app: AsyncApp, runtime: Runtime) -> None:
    @app.event("app_home_opened")
    async def publish_home(event, client):
        if event.get("tab") not in (None, "home"):
            return
        await client.views_publish(user_id=event["user"], view=home_view())
