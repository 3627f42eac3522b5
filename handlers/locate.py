"""Log a locate lead found in a public social-media posting.

The verification workflow is being built; until it lands, /locate explains the rule
that applies (verify independently before acting) instead of pretending to log a lead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.ids import Command

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime

NOT_YET = (
    "Logging locate leads through the bot is not available yet. Remember: information found in "
    "public social-media postings must be independently verified before anyone acts on it "
    "(CSSP Letter 16-04; 22 CCR § 113100)."
)


def register(app: AsyncApp, runtime: Runtime) -> None:
    @app.command(Command.LOCATE.value)
    async def locate_command(ack):
        await ack(NOT_YET)
