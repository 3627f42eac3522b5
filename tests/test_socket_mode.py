"""Socket Mode reaches the same listeners, with the same allowlist, as HTTP mode."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from slack_sdk.socket_mode.request import SocketModeRequest

from bot.socket_mode import build_socket_client
from tests import slackreq
from tests.conftest import start_bot, stop_bot


class Envelopes:
    """Stands in for Slack's WebSocket end: collects the acks the bot sends back."""

    def __init__(self) -> None:
        self.sent = []
        self.logger = logging.getLogger("tests.socket")

    async def send_socket_mode_response(self, response) -> None:
        self.sent.append(response)


def slash_command(text: str, team: str = slackreq.AGENCY_TEAM) -> SocketModeRequest:
    body, _ = slackreq.command_body("/policy", text, team=team)
    return SocketModeRequest(type="slash_commands", envelope_id="env-1", payload=dict(parse_qsl(body)))


async def test_socket_mode_answers_with_the_same_listeners(db_url, fake_slack):
    bot = await start_bot(db_url, fake_slack, slack_app_token="xapp-1-test", slack_signing_secret=None)
    try:
        socket = build_socket_client(bot.runtime)
        [listener] = socket.socket_mode_request_listeners
        envelopes = Envelopes()
        await listener(envelopes, slash_command("can I DM the NCP on messenger?"))
        [ack] = envelopes.sent
        assert ack.envelope_id == "env-1"
        assert ack.payload["blocks"][0]["text"]["text"].startswith("*Not allowed*")

        await listener(envelopes, slash_command("can I DM the NCP on messenger?", team="T0OTHER"))
        refused = envelopes.sent[-1]
        assert "blocks" not in (refused.payload or {}) and "own agency" in str(refused.payload)
        await socket.close()
    finally:
        await stop_bot(bot)
