"""Report a flagged public post for removal.

The moderation workflow (modal, moderation card, reminders) is being built; until it
lands, the entry points say so plainly instead of pretending to file a report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from handlers.ids import Command, ReportId

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime

NOT_YET = (
    "Reporting posts through the bot is not available yet. Until it is, please tell the page "
    "moderators directly and include the link to the post (not a screenshot with case data)."
)


def register(app: AsyncApp, runtime: Runtime) -> None:
    @app.command(Command.REPORT_POST.value)
    async def report_command(ack):
        await ack(NOT_YET)

    @app.shortcut(ReportId.MESSAGE_SHORTCUT.value)
    async def report_shortcut(ack, body, client):
        await ack()
        await client.chat_postMessage(channel=body["user"]["id"], text=NOT_YET)
