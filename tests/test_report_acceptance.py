"""Acceptance for issue 5, tried as a new user would: the shortcut found in manifest.yml,
the Mark removed button found on the card itself, the real server and a fake Slack."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import yaml

from handlers.ids import ReportId
from storage.reports import Report, ReportReporter
from tests.test_report_slack import (
    CASE,
    MODS,
    SSN,
    cards,
    last_view,
    later,
    message_shortcut,
    rows,
    submit,
    submission,
    thread_replies,
    tick_at,
    updates,
)

MANIFEST = yaml.safe_load((Path(__file__).parent.parent / "manifest.yml").read_text())
POST = "https://www.facebook.com/LCSAPage/posts/pfbid0ZZtop42?fbclid=IwAR0"
TEXT = (f"Comment on the agency page: {POST} — \"he owes me, SSN {SSN}, case {CASE}\"")


def manifest_shortcut(kind: str) -> dict:
    return next(s for s in MANIFEST["features"]["shortcuts"] if s["type"] == kind and "report" in s["callback_id"])


def test_manifest_has_both_report_shortcuts_and_the_scopes_they_need():
    assert manifest_shortcut("message")["callback_id"] == ReportId.MESSAGE_SHORTCUT
    assert manifest_shortcut("global")["callback_id"] == ReportId.GLOBAL_SHORTCUT
    scopes = set(MANIFEST["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "channels:read", "groups:read"} <= scopes


async def test_report_a_post_remind_and_mark_removed_end_to_end(bot):
    bot.slack.channel_members[MODS] = ["U0PAGEMOD"]
    shortcut = manifest_shortcut("message")

    # A caseworker uses the shortcut on a page-feed message, and submits the form as prefilled.
    await bot.interact(message_shortcut(TEXT, callback_id=shortcut["callback_id"], user="U0CASEWKR"))
    await submit(bot, last_view(bot), user="U0CASEWKR", **{ReportId.REASON_INPUT.value: "protected_info"})
    [card] = cards(bot)
    assert "https://facebook.com/LCSAPage/posts/pfbid0ZZtop42" in json.dumps(card)
    assert SSN not in bot.slack.everything_sent() and CASE not in bot.slack.everything_sent()

    # Left open, it gets a reminder in the moderation channel.
    await tick_at(bot, later(hours=1, minutes=5))
    [reminder] = thread_replies(bot)
    assert reminder["channel"] == MODS and "still open" in reminder["text"]

    # Someone else reports the same post: recognised, no second card.
    await bot.interact(message_shortcut(TEXT, callback_id=shortcut["callback_id"], user="U0CLERK",
                                        ts="1700000000.000999"))
    answer = await submit(bot, last_view(bot), user="U0CLERK", **{ReportId.REASON_INPUT.value: "offensive"})
    assert "Already reported" in json.dumps(answer) and len(cards(bot)) == 1

    # The moderator finds "Mark removed" on the card and presses it.
    mark_removed = next(e for b in card["blocks"] if b["type"] == "actions" for e in b["elements"]
                        if e["text"]["text"] == "Mark removed")
    [report] = await rows(bot, Report)
    await bot.click(mark_removed["action_id"], mark_removed["value"], user="U0PAGEMOD", channel=MODS,
                    message={"ts": report.card_ts, "blocks": card["blocks"]})
    await bot.settle()
    updated = updates(bot)[-1]
    assert updated["ts"] == report.card_ts and "Removed" in json.dumps(updated["blocks"])
    assert "removed" in bot.slack.messages_to("U0CASEWKR")[-1]["text"]
    assert "removed" in bot.slack.messages_to("U0CLERK")[-1]["text"]

    # No reminder about that post follows.
    await tick_at(bot, later(hours=3))
    await tick_at(bot, later(days=3))
    assert len(thread_replies(bot)) == 1


async def test_reporters_racing_on_the_same_post_share_one_report(bot):
    views = []
    for index in range(5):
        await bot.interact(message_shortcut(TEXT, user=f"U0RACER{index}", ts=f"1700000001.00000{index}"))
        views.append(last_view(bot))
    responses = await asyncio.gather(*(
        bot.interact(submission(view, user=f"U0RACER{index}", **{ReportId.REASON_INPUT.value: "offensive"}))
        for index, view in enumerate(views)))
    assert [r.status for r in responses] == [200] * 5
    await bot.settle()
    assert len(await rows(bot, Report)) == 1 and len(cards(bot)) == 1
    assert sorted(r.user_id for r in await rows(bot, ReportReporter)) == [f"U0RACER{i}" for i in range(5)]
