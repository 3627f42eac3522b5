"""The Bolt app, assembled in one place: settings in, listeners registered, nothing else."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult

from bot import middleware
from handlers import register_all

if TYPE_CHECKING:
    from bot.runtime import Runtime


def create_app(runtime: Runtime) -> AsyncApp:
    settings = runtime.settings
    token = settings.slack_bot_token.get_secret_value()

    async def authorize(**_) -> AuthorizeResult:
        # One workspace, one bot token: the identity comes from the auth.test done at start-up,
        # so no request waits on an extra Slack round trip.
        identity = runtime.identity
        return AuthorizeResult(
            enterprise_id=identity.enterprise_id if identity else None,
            team_id=identity.team_id if identity else None,
            bot_token=token,
            bot_id=identity.bot_id if identity else None,
            bot_user_id=identity.bot_user_id if identity else None,
        )

    app = AsyncApp(
        client=runtime.client,
        authorize=authorize,
        # We verify signatures ourselves (bot.http) so that a failure never logs the body.
        request_verification_enabled=False,
        signing_secret=(settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None),
        # The HTTP response waits for the listener: answers can travel inside the ack.
        process_before_response=True,
        logger=logging.getLogger("slack_bolt.app"),
    )
    middleware.install(app, runtime)
    register_all(app, runtime)
    return app
