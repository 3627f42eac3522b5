"""Workspace allowlist, external users, event de-duplication, the central error handler."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.middleware import REFUSAL
from storage.models import ProcessedEvent
from tests import slackreq


def home_event(user="U0CASEWKR"):
    return {"type": "app_home_opened", "user": user, "channel": "D0HOME", "tab": "home", "event_ts": "1.1"}


async def test_other_workspace_gets_a_refusal_and_no_content(bot):
    response = await bot.command("/policy", "can I friend the NCP on facebook", team="T0OTHER")
    assert response.status == 200
    assert await response.text() == REFUSAL
    response = await bot.event(home_event(), team="T0OTHER")
    assert response.status == 200 and await response.text() == ""
    await bot.settle()
    assert bot.slack.calls_to("views.publish") == []
    assert [c.method for c in bot.slack.calls if c.method != "auth.test"] == []


async def test_external_slack_connect_user_is_refused(bot):
    event = {"type": "app_mention", "user": "U0EXTERNAL", "user_team": "T0PARTNER", "source_team": "T0PARTNER",
             "text": "<@U0BOT> can I DM the CP on messenger", "ts": "1700000001.000100", "channel": "C0SHARED"}
    response = await bot.event(event)
    assert response.status == 200
    await bot.settle()
    assert bot.slack.calls_to("chat.postMessage") == []


async def test_same_event_delivered_twice_has_one_effect(bot):
    first = await bot.event(home_event(), event_id="Ev0DUPLICATE")
    body, content_type = slackreq.event_body(home_event(), event_id="Ev0DUPLICATE")
    retry = await bot.post(body, content_type, headers={**slackreq.sign(body), "X-Slack-Retry-Num": "1"})
    assert first.status == retry.status == 200
    await bot.settle()
    assert len(bot.slack.calls_to("views.publish")) == 1
    async with bot.runtime.db.session() as session:
        count = await session.scalar(select(func.count()).select_from(ProcessedEvent))
    assert count == 1


async def test_errors_show_an_error_id_not_a_traceback(bot):
    # views.publish failing makes the App Home listener raise inside Bolt.
    bot.slack.fail_next("views.publish", "internal_error")
    response = await bot.event(home_event())
    assert response.status == 200  # Slack must not retry a failing event forever
    await bot.settle()
    notes = [c.args for c in bot.slack.calls_to("chat.postEphemeral")]
    assert len(notes) == 1 and notes[0]["user"] == "U0CASEWKR"
    assert "Error ID" in notes[0]["text"] and "Traceback" not in notes[0]["text"]


async def test_old_event_ids_are_forgotten_by_housekeeping(bot):
    from datetime import UTC, datetime, timedelta

    from storage.events import first_delivery

    async with bot.runtime.db.session() as session:
        await first_delivery(session, "Ev0OLD", now=datetime.now(UTC) - timedelta(days=2))
        await first_delivery(session, "Ev0NEW")
    await bot.tick()
    async with bot.runtime.db.session() as session:
        kept = (await session.exec(select(ProcessedEvent.event_id))).scalars().all()
    assert kept == ["Ev0NEW"]


async def _audit_rows_now_and_long_ago(bot) -> None:
    from datetime import UTC, datetime, timedelta

    from storage import audit

    async with bot.runtime.db.session() as session:
        await audit.record(session, actor="system", action="test.old", object_type="test", object_id=1,
                           at=datetime.now(UTC) - timedelta(days=400))
        await audit.record(session, actor="system", action="test.new", object_type="test", object_id=2)


async def _audit_actions(bot) -> list[str]:
    from storage.models import AuditEvent

    async with bot.runtime.db.session() as session:
        rows = (await session.exec(select(AuditEvent.action).where(AuditEvent.action.in_(
            ["test.old", "test.new", "audit.purged"])).order_by(AuditEvent.id))).scalars().all()
    return list(rows)


async def test_audit_rows_are_kept_forever_unless_a_retention_is_set(bot):
    await _audit_rows_now_and_long_ago(bot)
    await bot.tick()
    assert await _audit_actions(bot) == ["test.old", "test.new"]


async def test_audit_retention_purges_older_rows_and_audits_the_purge(db_url, fake_slack):
    from tests.conftest import start_bot, stop_bot

    bot = await start_bot(db_url, fake_slack, audit_retention="P365D")
    try:
        await _audit_rows_now_and_long_ago(bot)
        await bot.tick()
        assert await _audit_actions(bot) == ["test.new", "audit.purged"]
    finally:
        await stop_bot(bot)
