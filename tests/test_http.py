"""The HTTP surface: health, url_verification, malformed bodies, signatures, log privacy."""

from __future__ import annotations

import json
import logging
import time

from tests import slackreq

SSN = "123-45-6789"


async def test_healthz_reports_database_state(bot):
    response = await bot.http.get("/healthz")
    assert response.status == 200
    payload = await response.json()
    assert payload["database"] == {"ok": True, "dialect": bot.runtime.db.dialect}
    assert payload["status"] == "ok"


async def test_url_verification_returns_the_challenge(bot):
    body = json.dumps({"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
                       "type": "url_verification"})
    response = await bot.post(body, "application/json")
    assert response.status == 200
    assert (await response.json()) == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


async def test_malformed_bodies_get_400(bot):
    cases = [
        ('{"type": "event_callback", "event": {"type": "app_ment', "application/json"),  # truncated JSON
        ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),  # payload= that is not JSON
        ("", "application/x-www-form-urlencoded"),  # empty body
        ('["a", "list"]', "application/json"),  # JSON, but not an object
        ("payload=%5B1%5D", "application/x-www-form-urlencoded"),  # payload= that is JSON, but not an object
        ('{"team_id": "T0AGENCY", "authorizations": 5}', "application/json"),  # an object Bolt cannot read
    ]
    for body, content_type in cases:
        response = await bot.post(body, content_type)
        assert response.status == 400, body
        assert SSN not in await response.text()
    # Nothing reached the listeners, so nothing was sent to Slack.
    assert not bot.slack.calls_to("chat.postMessage")


async def test_bad_signatures_get_401(bot):
    body, content_type = slackreq.command_body("/policy", "can I friend the NCP")
    good = slackreq.sign(body)
    stale = slackreq.sign(body, timestamp=int(time.time()) - 301)
    wrong_secret = slackreq.sign(body, secret="not-the-secret")
    forged = {**good, "X-Slack-Signature": "v0=" + "0" * 64}
    for headers in (forged, stale, {}, wrong_secret):
        response = await bot.post(body, content_type, headers=headers)
        assert response.status == 401, headers
    # The same body, properly signed and fresh, is accepted.
    assert (await bot.post(body, content_type, headers=good)).status == 200


async def test_forged_request_body_never_reaches_the_log(bot, caplog):
    caplog.set_level(logging.DEBUG)
    body, content_type = slackreq.command_body("/policy", f"client SSN {SSN} case 123456789012")
    response = await bot.post(body, content_type, headers=slackreq.sign(body, secret="forged"))
    assert response.status == 401
    text = caplog.text
    assert "rejected Slack request" in text
    assert SSN not in text and "123456789012" not in text and "6789" not in text


async def test_unknown_path_and_method(bot):
    assert (await bot.http.get("/slack/events")).status == 405
    assert (await bot.http.get("/nope")).status == 404
