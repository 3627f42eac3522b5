"""manifest.yml is valid and every command, shortcut and event in it has a listener."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests import slackreq

MANIFEST = yaml.safe_load((Path(__file__).parent.parent / "manifest.yml").read_text())


def test_manifest_declares_what_the_issue_requires():
    features = MANIFEST["features"]
    commands = {c["command"] for c in features["slash_commands"]}
    assert commands == {"/policy", "/report-post", "/locate"}
    message_shortcuts = [s for s in features["shortcuts"] if s["type"] == "message"]
    assert any("report" in s["callback_id"] for s in message_shortcuts)
    assert {"app_home_opened", "app_mention", "message.im"} <= set(
        MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert len(MANIFEST["display_information"]["name"]) <= 35


async def test_every_manifest_command_has_a_listener(bot):
    for command in MANIFEST["features"]["slash_commands"]:
        response = await bot.command(command["command"], "help")
        # Bolt answers 404 when no listener matched.
        assert response.status == 200, command["command"]


async def test_every_manifest_shortcut_has_a_listener(bot):
    for shortcut in MANIFEST["features"]["shortcuts"]:
        payload = {
            "type": "message_action" if shortcut["type"] == "message" else "shortcut",
            "callback_id": shortcut["callback_id"], "trigger_id": "1.trigger",
            "team": {"id": slackreq.AGENCY_TEAM}, "user": {"id": "U0CASEWKR", "team_id": slackreq.AGENCY_TEAM},
            "channel": {"id": "C0PAGEFEED"}, "message": {"ts": "1700000000.000200", "text": "a post"},
            "response_url": "https://hooks.slack.invalid/1",
        }
        response = await bot.interact(payload)
        assert response.status == 200, shortcut["callback_id"]


async def test_every_manifest_event_has_a_listener(bot):
    events = {
        "app_home_opened": {"type": "app_home_opened", "user": "U0CASEWKR", "channel": "D0HOME", "tab": "home"},
        "app_mention": {"type": "app_mention", "user": "U0CASEWKR", "text": "<@U0BOT> hi",
                        "ts": "1700000000.000300", "channel": "C0GENERAL"},
        "message.im": {"type": "message", "channel_type": "im", "user": "U0CASEWKR", "text": "hi",
                       "ts": "1700000000.000400", "channel": "D0CASEWKR"},
        "message.channels": {"type": "message", "channel_type": "channel", "user": "U0POLICY", "text": "reply",
                             "ts": "1700000000.000500", "thread_ts": "1700000000.000100", "channel": "C0POLICY"},
        "message.groups": {"type": "message", "channel_type": "group", "user": "U0POLICY", "text": "reply",
                           "ts": "1700000000.000600", "thread_ts": "1700000000.000100", "channel": "G0POLICY"},
    }
    assert set(events) == set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    for name, event in events.items():
        response = await bot.event(event)
        assert response.status == 200, name
