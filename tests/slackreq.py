"""Builds signed Slack requests the way Slack sends them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import urlencode

from tests.fakeslack import AGENCY_TEAM

SIGNING_SECRET = "test-signing-secret-0123456789abcdef"
_ids = itertools.count(1)


def sign(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def command_body(command: str, text: str = "", *, user: str = "U0CASEWKR", team: str = AGENCY_TEAM,
                 channel: str = "C0GENERAL", response_url: str = "https://hooks.slack.invalid/commands/1",
                 ) -> tuple[str, str]:
    fields = {
        "token": "legacy", "team_id": team, "team_domain": "agency", "channel_id": channel,
        "channel_name": "general", "user_id": user, "user_name": "casey", "command": command, "text": text,
        "api_app_id": "A0BOT", "response_url": response_url,
        "trigger_id": f"{next(_ids)}.trigger",
    }
    return urlencode(fields), "application/x-www-form-urlencoded"


def event_body(event: dict[str, Any], *, team: str = AGENCY_TEAM, event_id: str | None = None) -> tuple[str, str]:
    payload = {
        "token": "legacy", "team_id": team, "api_app_id": "A0BOT", "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}", "event_time": int(time.time()), "event": event,
        "authorizations": [{"team_id": team, "user_id": "U0BOT", "is_bot": True}],
    }
    return json.dumps(payload), "application/json"


def interaction_body(payload: dict[str, Any]) -> tuple[str, str]:
    return urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"


def block_action(action_id: str, value: str = "", *, user: str = "U0CASEWKR", team: str = AGENCY_TEAM,
                 channel: str = "C0GENERAL", message: dict | None = None,
                 response_url: str = "https://hooks.slack.invalid/actions/1") -> dict[str, Any]:
    return {
        "type": "block_actions", "team": {"id": team, "domain": "agency"},
        "user": {"id": user, "team_id": team}, "api_app_id": "A0BOT", "trigger_id": f"{next(_ids)}.trigger",
        "channel": {"id": channel}, "container": {"type": "message", "channel_id": channel},
        "message": message or {"ts": "1700000000.000001", "text": ""},
        "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "b", "value": value, "type": "button"}],
    }


def view_submission(callback_id: str, state: dict[str, dict[str, Any]], *, user: str = "U0CASEWKR",
                    team: str = AGENCY_TEAM, private_metadata: str = "") -> dict[str, Any]:
    """`state` maps block_id → the element's submitted state, e.g. {"type": "plain_text_input", "value": "x"}."""
    return {
        "type": "view_submission", "team": {"id": team, "domain": "agency"},
        "user": {"id": user, "team_id": team}, "api_app_id": "A0BOT", "trigger_id": f"{next(_ids)}.trigger",
        "view": {"id": f"V{next(_ids):06d}", "type": "modal", "callback_id": callback_id,
                 "private_metadata": private_metadata, "team_id": team,
                 "state": {"values": {block: {f"{block}_input": element} for block, element in state.items()}}},
    }


def text_state(value: str | None) -> dict[str, Any]:
    return {"type": "plain_text_input", "value": value}


def select_state(value: str | None, kind: str = "static_select") -> dict[str, Any]:
    return {"type": kind, "selected_option": {"value": value} if value is not None else None}


def date_state(value: str | None) -> dict[str, Any]:
    return {"type": "datepicker", "selected_date": value}


def checkbox_state(*values: str) -> dict[str, Any]:
    return {"type": "checkboxes", "selected_options": [{"value": v} for v in values]}
