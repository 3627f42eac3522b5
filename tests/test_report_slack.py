"""Reporting posts for removal, through the real endpoint with a fake Slack.

Shortcuts and /report-post open the form; the submission files (or de-duplicates) a
report; the moderation card's buttons record the outcome; the reminder sweep nags in
the card's thread until then.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import time_machine
from sqlalchemy import delete, event, select, update

from handlers.ids import Command, ReportId
from storage import reminders as reminder_store
from storage.models import AuditEvent
from storage.reports import Report, ReportDraft, ReportReporter
from tests.conftest import start_bot, stop_bot
from tests.fakeslack import AGENCY_TEAM

MODS = "C0MODS"
MOD1, MOD2 = "U0MOD1", "U0MOD2"
REPORTER, OTHER_REPORTER = "U0CASEWKR", "U0CLERK"
FB_POST = "https://www.facebook.com/AgencyPage/posts/pfbid02kXwQ7?fbclid=IwAR3zz&__cft__[0]=AZU"
FB_NORMALISED = "https://facebook.com/AgencyPage/posts/pfbid02kXwQ7"
SSN = "123-45-6789"
CASE = "123456789012"
PII_TEXT = (f"New comment on our page: <{FB_POST}|facebook.com/AgencyPage/posts> "
            f"\"my ex won't pay, his SSN is {SSN} and the case is {CASE}, call 916-555-0142\"")
_ids = itertools.count(100)


# --------------------------------------------------------------------------- helpers
def message_shortcut(text: str | None, *, user: str = REPORTER, channel: str = "C0PAGEFEED",
                     ts: str = "1700000000.000200", attachments: list | None = None,
                     callback_id: str = ReportId.MESSAGE_SHORTCUT.value) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "message", "ts": ts, "user": "U0FEEDBOT"}
    if text is not None:
        message["text"] = text
    if attachments is not None:
        message["attachments"] = attachments
    return {
        "type": "message_action", "callback_id": callback_id, "trigger_id": f"{next(_ids)}.trigger",
        "team": {"id": AGENCY_TEAM, "domain": "agency"}, "user": {"id": user, "team_id": AGENCY_TEAM},
        "channel": {"id": channel, "name": "page-feed"}, "message_ts": ts, "message": message,
        "response_url": "https://hooks.slack.invalid/actions/1",
    }


def global_shortcut(*, user: str = REPORTER, callback_id: str = ReportId.GLOBAL_SHORTCUT.value) -> dict[str, Any]:
    return {"type": "shortcut", "callback_id": callback_id, "trigger_id": f"{next(_ids)}.trigger",
            "team": {"id": AGENCY_TEAM, "domain": "agency"}, "user": {"id": user, "team_id": AGENCY_TEAM}}


def last_view(bot) -> dict[str, Any]:
    return bot.slack.calls_to("views.open")[-1].args["view"]


def initial_state(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What Slack would submit if the user changed nothing."""
    values = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        if element["type"] == "plain_text_input":
            state = {"type": element["type"], "value": element.get("initial_value")}
        else:
            state = {"type": element["type"], "selected_option": element.get("initial_option")}
        values[block["block_id"]] = {element["action_id"]: state}
    return values


def submission(view: dict[str, Any], *, user: str = REPORTER, **changes: Any) -> dict[str, Any]:
    """A view_submission for `view`; `changes` maps input action_ids to a value (text or option value)."""
    values = initial_state(view)
    for state in (s for block in values.values() for s in block.items()):
        action_id, element = state
        if action_id in changes:
            new = changes[action_id]
            if element["type"] == "plain_text_input":
                element["value"] = new
            else:
                element["selected_option"] = {"value": new} if new is not None else None
    return {
        "type": "view_submission", "team": {"id": AGENCY_TEAM, "domain": "agency"},
        "user": {"id": user, "team_id": AGENCY_TEAM}, "api_app_id": "A0BOT", "trigger_id": f"{next(_ids)}.trigger",
        "view": {"id": view.get("id", "V0"), "type": "modal", "callback_id": view["callback_id"],
                 "private_metadata": view.get("private_metadata", ""), "team_id": AGENCY_TEAM,
                 "state": {"values": values}, "hash": "1.abc"},
        "response_urls": [],
    }


async def submit(bot, view: dict[str, Any], **kw) -> dict[str, Any]:
    response = await bot.interact(submission(view, **kw))
    assert response.status == 200
    await bot.settle()
    body = await response.text()
    return json.loads(body) if body else {}


async def report_via_shortcut(bot, text: str | None = PII_TEXT, *, user: str = REPORTER,
                              reason: str = "protected_info", **kw) -> dict[str, Any]:
    assert (await bot.interact(message_shortcut(text, user=user, **kw))).status == 200
    return await submit(bot, last_view(bot), user=user, **{ReportId.REASON_INPUT.value: reason})


def cards(bot) -> list[dict[str, Any]]:
    return [m for m in bot.slack.messages_to(MODS) if not m.get("thread_ts")]


def thread_replies(bot) -> list[dict[str, Any]]:
    return [m for m in bot.slack.messages_to(MODS) if m.get("thread_ts")]


def updates(bot) -> list[dict[str, Any]]:
    return [c.args for c in bot.slack.calls_to("chat.update") if c.ok]


def button(card: dict[str, Any], label: str) -> dict[str, Any]:
    return next(e for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["text"]["text"] == label)


async def rows(bot, model, *order) -> list:
    async with bot.runtime.db.session() as session:
        return list((await session.exec(select(model).order_by(*(order or (model.id,))))).scalars().all())


async def audit_actions(bot) -> list[str]:
    return [e.action for e in await rows(bot, AuditEvent) if e.object_type == "report"]


async def click(bot, label: str, *, user: str, card: dict[str, Any] | None = None):
    card = card or cards(bot)[-1]
    [report] = [r for r in await rows(bot, Report) if str(r.id) == button(card, label)["value"]]
    element = button(card, label)
    response = await bot.click(element["action_id"], element["value"], user=user, channel=MODS,
                               message={"ts": report.card_ts, "text": card["text"], "blocks": card["blocks"]})
    assert response.status == 200
    await bot.settle()
    return response


async def tick_at(bot, when: datetime) -> None:
    with time_machine.travel(when, tick=True):
        await bot.tick()


def later(**delta) -> datetime:
    return datetime.now(UTC) + timedelta(**delta)


def moderators(bot, *users: str) -> None:
    bot.slack.channel_members[MODS] = list(users)


# ----------------------------------------------------------------------------- filing
async def test_shortcut_files_a_report_and_the_card_shows_no_protected_data(bot, caplog):
    caplog.set_level(logging.DEBUG)
    response = await bot.interact(message_shortcut(PII_TEXT))
    assert response.status == 200
    # The trigger is spent first: views.open is the bot's first call to Slack.
    assert [c.method for c in bot.slack.calls if c.method != "auth.test"] == ["views.open"]
    view = last_view(bot)
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields[ReportId.URL_BLOCK]["initial_value"] == FB_POST
    assert fields[ReportId.PLATFORM_BLOCK]["initial_option"]["value"] == "facebook"
    assert {o["value"] for o in fields[ReportId.PLATFORM_BLOCK]["options"]} == {
        "facebook", "instagram", "x", "tiktok", "youtube", "linkedin", "nextdoor", "other"}
    assert {o["value"] for o in fields[ReportId.REASON_BLOCK]["options"]} == {"offensive", "protected_info", "other"}
    assert fields[ReportId.NOTE_BLOCK]["type"] == "plain_text_input"
    assert len(view["title"]["text"]) <= 24
    # Only an opaque id travels in the view.
    assert len(view["private_metadata"]) == 32 and SSN not in json.dumps(view) and CASE not in json.dumps(view)
    [draft] = await rows(bot, ReportDraft, ReportDraft.id)
    assert draft.id == view["private_metadata"] and draft.reporter == REPORTER

    answer = await submit(bot, view, **{ReportId.REASON_INPUT.value: "protected_info",
                                        ReportId.NOTE_INPUT.value: f"dob 01/02/1980 <!channel> {CASE}"})
    assert answer["response_action"] == "update"
    assert "moderators have your report" in json.dumps(answer)

    [card] = cards(bot)
    rendered = json.dumps(card)
    assert FB_NORMALISED in rendered and "Facebook" in rendered and "Discloses protected information" in rendered
    assert f"<@{REPORTER}>" in rendered and "opened just now" in rendered
    assert "[SSN]" in rendered and "[case number]" in rendered and "[phone]" in rendered
    assert "<!channel>" not in rendered and "[date]" in rendered
    labels = [e["text"]["text"] for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert labels == ["Claim", "Mark removed", "Keep"]
    assert [b["block_id"] for b in card["blocks"] if b["type"] == "actions"] == [ReportId.CARD_ACTIONS_BLOCK]
    assert len(card["blocks"]) <= 50
    everything = bot.slack.everything_sent()
    for secret in (SSN, CASE, "916-555-0142", "01/02/1980"):
        assert secret not in everything
        assert secret not in caplog.text

    [report] = await rows(bot, Report)
    assert report.url == FB_NORMALISED and report.platform == "facebook" and report.reason == "protected_info"
    assert report.reporter == REPORTER and report.status == "open" and report.card_channel == MODS
    assert report.text_sha256 == hashlib.sha256(PII_TEXT.encode()).hexdigest()
    assert report.seen_at <= report.created_at and report.source_channel == "C0PAGEFEED"
    assert "[SSN]" in report.excerpt_redacted and "[case number]" in report.excerpt_redacted
    assert "[case number]" in report.note_redacted and "[date]" in report.note_redacted
    for stored in (report.excerpt_redacted, report.note_redacted):
        assert SSN not in stored and CASE not in stored
    assert report.card_permalink and await rows(bot, ReportDraft, ReportDraft.id) == []
    assert [r.user_id for r in await rows(bot, ReportReporter)] == [REPORTER]
    assert await audit_actions(bot) == ["report.created"]


async def test_a_link_that_is_not_http_gets_an_inline_error(bot):
    await bot.interact(message_shortcut("no link here"))
    view = last_view(bot)
    for bad in ("ftp://files.example.org/post.txt", "javascript:alert(1)", "facebook dot com slash post"):
        answer = await submit(bot, view, **{ReportId.URL_INPUT.value: bad, ReportId.REASON_INPUT.value: "offensive"})
        assert answer["response_action"] == "errors"
        assert ReportId.URL_BLOCK.value in answer["errors"]
    answer = await submit(bot, view, **{ReportId.URL_INPUT.value: FB_POST})  # no reason chosen
    assert answer["response_action"] == "errors" and list(answer["errors"]) == [ReportId.REASON_BLOCK.value]
    assert await rows(bot, Report) == [] and cards(bot) == []


async def test_a_message_without_link_or_text_still_opens_the_form_with_its_permalink(bot):
    await bot.interact(message_shortcut(None, ts="1700000000.000777"))
    view = last_view(bot)
    url = next(b for b in view["blocks"] if b["block_id"] == ReportId.URL_BLOCK)["element"]["initial_value"]
    assert url == "https://agency.slack.com/archives/C0PAGEFEED/p1700000000000777"
    await submit(bot, view, **{ReportId.REASON_INPUT.value: "offensive"})
    [report] = await rows(bot, Report)
    assert report.platform == "other" and report.text_sha256 is None and report.excerpt_redacted is None
    assert len(cards(bot)) == 1


async def test_link_in_an_attachment_is_prefilled_and_an_unknown_platform_is_other(bot):
    unfurl = [{"from_url": "https://www.instagram.com/p/Cx1abc/?igsh=zz", "text": "a photo"}]
    await bot.interact(message_shortcut("", attachments=unfurl))
    view = last_view(bot)
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields[ReportId.URL_BLOCK]["initial_value"].startswith("https://www.instagram.com/p/Cx1abc")
    assert fields[ReportId.PLATFORM_BLOCK]["initial_option"]["value"] == "instagram"

    await bot.interact(message_shortcut("see https://forum.example.org/t/42 please", ts="1700000000.000300"))
    view = last_view(bot)
    assert next(b for b in view["blocks"] if b["block_id"] == ReportId.PLATFORM_BLOCK)[
        "element"]["initial_option"]["value"] == "other"
    await submit(bot, view, **{ReportId.REASON_INPUT.value: "other"})
    [report] = await rows(bot, Report)
    assert report.platform == "other" and report.url == "https://forum.example.org/t/42"
    assert "Other" in json.dumps(cards(bot)[0])


async def test_global_shortcut_command_and_help(bot):
    assert (await bot.interact(global_shortcut())).status == 200
    view = last_view(bot)
    url_field = next(b for b in view["blocks"] if b["block_id"] == ReportId.URL_BLOCK)["element"]
    assert "initial_value" not in url_field and view["callback_id"] == ReportId.MODAL

    response = await bot.command(Command.REPORT_POST, "https://twitter.com/someone/status/1234567?s=20")
    assert response.status == 200
    view = last_view(bot)
    fields = {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}
    assert fields[ReportId.URL_BLOCK]["initial_value"] == "https://twitter.com/someone/status/1234567?s=20"
    assert fields[ReportId.PLATFORM_BLOCK]["initial_option"]["value"] == "x"
    await submit(bot, view, **{ReportId.REASON_INPUT.value: "offensive"})
    [report] = await rows(bot, Report)
    assert report.url == "https://x.com/i/status/1234567" and report.platform == "x"

    help_response = await bot.command(Command.REPORT_POST, "help")
    assert "Report post for removal" in (await help_response.text())


async def test_a_chosen_platform_is_kept_and_other_is_detected_from_the_link(bot):
    await bot.command(Command.REPORT_POST, "")
    await submit(bot, last_view(bot), **{ReportId.URL_INPUT.value: "https://www.tiktok.com/@someone/video/77",
                                         ReportId.PLATFORM_INPUT.value: "other",
                                         ReportId.REASON_INPUT.value: "offensive"})
    await bot.command(Command.REPORT_POST, "")
    await submit(bot, last_view(bot), **{ReportId.URL_INPUT.value: "https://nd.example.net/p/9",
                                         ReportId.PLATFORM_INPUT.value: "nextdoor",
                                         ReportId.REASON_INPUT.value: "offensive"})
    assert [r.platform for r in await rows(bot, Report)] == ["tiktok", "nextdoor"]


async def test_the_same_post_reported_again_is_recognised_and_gets_no_second_card(bot):
    await report_via_shortcut(bot)
    [card] = cards(bot)
    [report] = await rows(bot, Report)

    # Someone else, from a phone: another host spelling and other tracking junk.
    variant = "https://m.facebook.com/AgencyPage/posts/pfbid02kXwQ7/?mibextid=Nif5oz"
    await bot.command(Command.REPORT_POST, variant, user=OTHER_REPORTER)
    answer = await submit(bot, last_view(bot), user=OTHER_REPORTER, **{ReportId.REASON_INPUT.value: "offensive"})
    rendered = json.dumps(answer)
    assert answer["response_action"] == "update" and "Already reported" in rendered
    assert report.card_permalink in rendered
    assert len(cards(bot)) == 1
    [update] = updates(bot)
    assert update["ts"] == report.card_ts and f"<@{OTHER_REPORTER}>" in json.dumps(update["blocks"])
    assert [r.user_id for r in await rows(bot, ReportReporter)] == [REPORTER, OTHER_REPORTER]

    # The first reporter again: recognised too, nothing changes.
    answer = await report_via_shortcut(bot)
    assert "You reported this post already" in json.dumps(answer)
    assert len(cards(bot)) == 1 and len(await rows(bot, Report)) == 1 and len(updates(bot)) == 1
    assert await audit_actions(bot) == ["report.created", "report.reporter_added"]
    assert card["blocks"]


async def test_escaping_keeps_mentions_and_links_in_user_text_inert(bot):
    text = "<!channel> <!here> <@U0BOSS> look https://example.org/post/1 <#C0ALL> @everyone"
    await report_via_shortcut(bot, text, reason="offensive")
    rendered = json.dumps(cards(bot)[0])
    for live in ("<!channel>", "<!here>", "<@U0BOSS>", "<#C0ALL>", "@everyone"):
        assert live not in rendered


async def test_without_a_moderation_channel_the_form_says_whom_to_tell(db_url, fake_slack):
    bot = await start_bot(db_url, fake_slack, moderation_channel=None)
    try:
        await bot.interact(message_shortcut(PII_TEXT))
        view = last_view(bot)
        assert "no moderation channel" in json.dumps(view) and "callback_id" not in view
        assert await rows(bot, ReportDraft, ReportDraft.id) == []
    finally:
        await stop_bot(bot)


# -------------------------------------------------------------------------- moderation
async def test_only_moderators_may_act_and_the_member_list_is_paginated_and_cached(bot):
    await report_via_shortcut(bot)
    # 250 members: the moderator is on the second page of conversations.members.
    moderators(bot, *[f"U0PEER{i:03d}" for i in range(240)], MOD1, *[f"U0PEER{i:03d}" for i in range(240, 249)])
    await click(bot, "Claim", user=REPORTER)
    assert "Only the page moderators" in bot.slack.responses()[-1]["text"]
    assert bot.slack.responses()[-1]["response_type"] == "ephemeral" and updates(bot) == []
    await click(bot, "Mark removed", user=REPORTER)
    await click(bot, "Keep", user=REPORTER)
    assert len(bot.slack.responses()) == 3 and bot.slack.calls_to("views.open")[-1].args["view"]["callback_id"] \
        == ReportId.MODAL
    assert (await rows(bot, Report))[0].status == "open"

    await click(bot, "Claim", user=MOD1)
    [update] = updates(bot)
    assert f"Claimed by <@{MOD1}>" in json.dumps(update["blocks"])
    pages = bot.slack.calls_to("conversations.members")
    assert len(pages) == 2 and pages[1].args["cursor"]  # two pages, fetched once for four checks
    assert await audit_actions(bot) == ["report.created", "report.claimed"]
    await click(bot, "Claim", user=MOD1)
    assert "already claimed" in bot.slack.responses()[-1]["text"]


async def test_moderator_user_ids_override_the_channel(db_url, fake_slack):
    bot = await start_bot(db_url, fake_slack, moderator_user_ids=f"{MOD2}, U0LEAD")
    try:
        moderators(bot, MOD1)
        await report_via_shortcut(bot)
        await click(bot, "Claim", user=MOD1)
        assert "Only the page moderators" in bot.slack.responses()[-1]["text"]
        await click(bot, "Claim", user=MOD2)
        assert f"Claimed by <@{MOD2}>" in json.dumps(updates(bot)[-1]["blocks"])
        assert bot.slack.calls_to("conversations.members") == []
    finally:
        await stop_bot(bot)


async def test_mark_removed_updates_the_card_tells_reporters_and_stops_reminders(bot):
    moderators(bot, MOD1)
    await report_via_shortcut(bot)
    await bot.command(Command.REPORT_POST, FB_POST, user=OTHER_REPORTER)
    await submit(bot, last_view(bot), user=OTHER_REPORTER, **{ReportId.REASON_INPUT.value: "offensive"})
    await click(bot, "Mark removed", user=MOD1)

    update = updates(bot)[-1]
    rendered = json.dumps(update["blocks"])
    assert f"*Removed* by <@{MOD1}>" in rendered and "<!date^" in rendered
    assert "actions" not in [b["type"] for b in update["blocks"]]
    for reporter in (REPORTER, OTHER_REPORTER):
        [dm] = bot.slack.messages_to(reporter)
        assert "removed" in dm["text"] and FB_NORMALISED in dm["text"] and SSN not in dm["text"]

    await tick_at(bot, later(hours=3))
    await tick_at(bot, later(days=2))
    assert thread_replies(bot) == []
    async with bot.runtime.db.session() as session:
        reminder = await reminder_store.get(session, kind="report", subject_id=(await rows(bot, Report))[0].id)
    assert reminder.status == "done"
    assert await audit_actions(bot) == ["report.created", "report.reporter_added", "report.removed"]


async def test_keep_needs_a_short_reason_and_the_reason_is_redacted(bot):
    moderators(bot, MOD1)
    await report_via_shortcut(bot, reason="offensive")
    await click(bot, "Keep", user=MOD1)
    keep_view = last_view(bot)
    assert keep_view["callback_id"] == ReportId.KEEP_MODAL and keep_view["private_metadata"].isdigit()

    answer = await submit(bot, keep_view, user=MOD1, **{ReportId.KEEP_REASON_INPUT.value: "ok"})
    assert answer["response_action"] == "errors" and ReportId.KEEP_REASON_BLOCK.value in answer["errors"]
    answer = await submit(bot, keep_view, user=REPORTER, **{ReportId.KEEP_REASON_INPUT.value: "I say it is fine"})
    assert "Only the page moderators" in answer["errors"][ReportId.KEEP_REASON_BLOCK.value]

    answer = await submit(bot, keep_view, user=MOD1,
                          **{ReportId.KEEP_REASON_INPUT.value: f"Criticism, not abuse. <!here> {SSN}"})
    assert answer == {}
    update = updates(bot)[-1]
    rendered = json.dumps(update["blocks"])
    assert f"*Kept (no violation)* by <@{MOD1}>" in rendered and "Criticism, not abuse." in rendered
    assert SSN not in rendered and "<!here>" not in rendered
    [dm] = bot.slack.messages_to(REPORTER)
    assert "kept" in dm["text"] and "Criticism" in dm["text"] and SSN not in dm["text"]
    [report] = await rows(bot, Report)
    assert report.status == "kept" and report.resolved_by == MOD1 and SSN not in report.resolution_note_redacted
    assert await audit_actions(bot) == ["report.created", "report.kept"]


async def test_a_click_on_an_old_card_of_a_resolved_report_says_who_resolved_it(bot):
    moderators(bot, MOD1, MOD2)
    await report_via_shortcut(bot)
    [card] = cards(bot)  # the card as first posted, buttons and all
    await click(bot, "Mark removed", user=MOD1, card=card)
    updates_before = len(updates(bot))
    for label in ("Claim", "Mark removed", "Keep"):
        await click(bot, label, user=MOD2, card=card)
        assert f"already resolved by <@{MOD1}>" in bot.slack.responses()[-1]["text"]
    assert bot.slack.calls_to("views.open")[-1].args["view"]["callback_id"] == ReportId.MODAL  # no Keep form
    assert len(bot.slack.messages_to(REPORTER)) == 1  # one outcome DM only
    assert len(updates(bot)) > updates_before  # the stale card is brought up to date
    assert await audit_actions(bot) == ["report.created", "report.removed"]


async def test_keep_submitted_after_someone_else_removed_it_is_answered(bot):
    moderators(bot, MOD1, MOD2)
    await report_via_shortcut(bot)
    await click(bot, "Keep", user=MOD2)
    keep_view = last_view(bot)
    await click(bot, "Mark removed", user=MOD1)
    answer = await submit(bot, keep_view, user=MOD2, **{ReportId.KEEP_REASON_INPUT.value: "fine by me"})
    assert answer["response_action"] == "update" and f"already resolved by <@{MOD1}>" in json.dumps(answer)
    assert (await rows(bot, Report))[0].status == "removed"


async def test_moderators_list_open_reports_oldest_first(bot):
    moderators(bot, MOD1)
    for index, url in enumerate(("https://youtu.be/abc123", "https://www.linkedin.com/posts/x-1",
                                 "https://nextdoor.com/p/zz9")):
        with time_machine.travel(later(minutes=index * 10), tick=True):
            await bot.command(Command.REPORT_POST, url)
            await submit(bot, last_view(bot), **{ReportId.REASON_INPUT.value: "offensive"})
    await click(bot, "Mark removed", user=MOD1, card=cards(bot)[1])

    refused = await bot.command(Command.REPORT_POST, "list", user=REPORTER)
    assert "Only the page moderators" in await refused.text()
    listed = json.loads(await (await bot.command(Command.REPORT_POST, "list", user=MOD1)).text())
    assert listed["response_type"] == "ephemeral"
    text = listed["text"]
    assert "(2)" in text and text.index("YouTube") < text.index("Nextdoor") and "LinkedIn" not in text


# --------------------------------------------------------------------------- reminders
async def test_open_reports_get_reminders_in_the_card_thread_mentioning_the_claimer(bot):
    moderators(bot, MOD1)
    await report_via_shortcut(bot)
    [report] = await rows(bot, Report)
    await tick_at(bot, later(minutes=30))
    assert thread_replies(bot) == []  # not due yet (REMOVAL_REMINDER_EVERY is 1 h)

    await tick_at(bot, later(hours=1, minutes=1))
    [first] = thread_replies(bot)
    assert first["thread_ts"] == report.card_ts and "unclaimed" in first["text"]
    await tick_at(bot, later(hours=1, minutes=2))
    assert len(thread_replies(bot)) == 1  # one per period, not one per tick

    await click(bot, "Claim", user=MOD1)
    await tick_at(bot, later(hours=2, minutes=5))
    second = thread_replies(bot)[-1]
    assert len(thread_replies(bot)) == 2 and f"<@{MOD1}>" in second["text"]
    assert "opened 2 h ago" in json.dumps(updates(bot)[-1]["blocks"])  # the card's age is refreshed
    assert SSN not in bot.slack.everything_sent()


async def test_a_chunk_of_report_reminders_is_read_with_one_load_and_a_report_gone_meanwhile_gets_none(bot):
    moderators(bot, MOD1)
    await report_via_shortcut(bot)
    await report_via_shortcut(bot, user=OTHER_REPORTER)  # the same post: one report, two reporters
    await report_via_shortcut(bot, "https://www.youtube.com/watch?v=zzz", ts="1700000000.000900")
    await report_via_shortcut(bot, "https://www.tiktok.com/@page/video/1", ts="1700000000.000901")
    await report_via_shortcut(bot, "https://www.instagram.com/p/abc/", ts="1700000000.000902")
    first, second, closed, deleted = await rows(bot, Report)
    # Closed and deleted behind the card's back, so their reminders are still due: the same as
    # a report resolved between the sweep's claim and its read.
    async with bot.runtime.db.session() as session:
        await session.exec(update(Report).where(Report.id == closed.id).values(status="removed"))
        await session.exec(delete(Report).where(Report.id == deleted.id))
    updates_before = len(updates(bot))

    reads: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        reads.append(statement)

    engine = bot.runtime.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        await tick_at(bot, later(hours=1, minutes=1))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len([s for s in reads if re.search(r"\bFROM report\b", s)]) == 1  # one read for the chunk
    assert len([s for s in reads if re.search(r"\bFROM report_reporter\b", s)]) == 1

    assert sorted(m["thread_ts"] for m in thread_replies(bot)) == sorted([first.card_ts, second.card_ts])
    refreshed = {u["ts"]: json.dumps(u["blocks"]) for u in updates(bot)[updates_before:]}
    assert set(refreshed) == {first.card_ts, second.card_ts}
    assert f"<@{REPORTER}>, <@{OTHER_REPORTER}>" in refreshed[first.card_ts]  # reporters in order
    async with bot.runtime.db.session() as session:
        reminders = {r.id: await reminder_store.get(session, kind="report", subject_id=r.id)
                     for r in (first, second, closed, deleted)}
    assert [reminders[r.id].status for r in (first, second, closed, deleted)] == ["active", "active", "done", "done"]
    assert [reminders[r.id].sent_count for r in (first, second, closed, deleted)] == [1, 1, 0, 0]


async def test_reminders_respect_business_hours(db_url, fake_slack):
    saturday_noon = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)  # 12:00 in Los Angeles
    with time_machine.travel(saturday_noon, tick=True):
        bot = await start_bot(db_url, fake_slack, reminder_business_hours_only=True)
        try:
            await report_via_shortcut(bot)
            [report] = await rows(bot, Report)
            async with bot.runtime.db.session() as session:
                reminder = await reminder_store.get(session, kind="report", subject_id=report.id)
            assert reminder.next_due_at == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)  # Monday 08:00 PDT
            await tick_at(bot, saturday_noon + timedelta(hours=5))
            assert thread_replies(bot) == []
            await tick_at(bot, datetime(2026, 3, 9, 15, 1, tzinfo=UTC))
            assert len(thread_replies(bot)) == 1
        finally:
            await stop_bot(bot)


async def test_a_rate_limited_reminder_is_retried_after_retry_after_and_not_lost(bot):
    await report_via_shortcut(bot)
    due = later(hours=1, minutes=1)
    # A reminder's send does not retry in the call: the 429 reaches the sweep, which waits it out.
    bot.slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=120)
    await tick_at(bot, due)
    assert thread_replies(bot) == []
    await tick_at(bot, due + timedelta(seconds=30))
    assert thread_replies(bot) == []  # Retry-After not over yet
    await tick_at(bot, due + timedelta(seconds=125))
    assert len(thread_replies(bot)) == 1


async def test_a_card_slack_refused_is_posted_by_the_sweep(bot):
    bot.slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=1)
    bot.slack.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=20)
    await report_via_shortcut(bot)
    assert cards(bot) == []
    await tick_at(bot, later(seconds=25))
    [card] = cards(bot)
    assert FB_NORMALISED in json.dumps(card) and thread_replies(bot) == []
    assert (await rows(bot, Report))[0].card_ts


async def test_reminders_stay_correct_across_a_restart(db_url, fake_slack):
    bot = await start_bot(db_url, fake_slack)
    moderators(bot, MOD1)
    await report_via_shortcut(bot)
    await report_via_shortcut(bot, "https://www.youtube.com/watch?v=zzz", ts="1700000000.000900")
    await stop_bot(bot)

    bot = await start_bot(db_url, fake_slack)
    try:
        moderators(bot, MOD1)
        first, second = await rows(bot, Report)
        await click(bot, "Mark removed", user=MOD1, card=cards(bot)[0])
        await tick_at(bot, later(hours=1, minutes=1))
        assert [m["thread_ts"] for m in thread_replies(bot)] == [second.card_ts]
    finally:
        await stop_bot(bot)
