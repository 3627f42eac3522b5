"""Policy answers through the real endpoint: /policy, mentions, DMs, escalation, feedback."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select

from handlers.ids import ActionId
from storage.models import AuditEvent
from storage.policy import PolicyFeedback, PolicyQuestion

PII = {
    "ssn": "123-45-6789",
    "case": "123456789012",
    "dob": "03/14/1985",
    "phone": "(559) 555-0142",
    "email": "jdoe@example.com",
}


async def ask(bot, text: str, **kw) -> dict:
    response = await bot.command("/policy", text, **kw)
    assert response.status == 200
    await bot.settle()
    return json.loads(await response.text())


def first_line(message: dict) -> str:
    return message["blocks"][0]["text"]["text"].splitlines()[0]


def buttons(message: dict) -> dict[str, dict]:
    return {e["action_id"]: e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]}


async def questions(bot) -> list[PolicyQuestion]:
    async with bot.runtime.db.session() as session:
        return list((await session.exec(select(PolicyQuestion).order_by(PolicyQuestion.id))).scalars().all())


async def test_policy_answers_inside_the_ack_with_verdict_first_and_citation(bot):
    message = await ask(bot, "can I friend the NCP on Facebook?")
    assert message["response_type"] == "ephemeral"
    assert first_line(message).startswith("*Not allowed*")
    assert message["text"].startswith("*Not allowed*")
    everything = json.dumps(message)
    assert "CSSP Letter 16-04" in everything
    assert "may not directly follow or link to participants" in everything
    # Answered in the HTTP response itself: nothing else was sent to Slack.
    assert [c.method for c in bot.slack.calls if c.method != "auth.test"] == []
    [stored] = await questions(bot)
    assert stored.verdict == "Not allowed" and stored.surface == "command" and stored.asker == "U0CASEWKR"


async def test_a_close_runner_up_that_agrees_is_quoted_as_well(bot):
    message = await ask(bot, "the obligee's new husband called and wants to know how much the obligor pays, can i tell him")
    assert first_line(message).startswith("*Not allowed*")
    everything = json.dumps(message, ensure_ascii=False)
    assert "anyone that does not have permission to access it" in everything
    assert "*Also relevant:*" in everything
    assert "unless required to do so by law and with authorized authorities" in everything
    # A clear winner stands alone.
    assert "Also relevant" not in json.dumps(await ask(bot, "can I DM the NCP on facebook"))


async def test_related_rules_are_shown_in_their_own_words(bot):
    message = await ask(bot, "can I DM the NCP on facebook")
    [related] = [b for b in message["blocks"] if b["type"] == "context" and "*Related:*" in b["elements"][0]["text"]]
    text = related["elements"][0]["text"]
    # Each related rule on its own line: its verdict, its title and its clause, quoted.
    lines = text.splitlines()[1:]
    assert len(lines) == 2 and all(line.startswith("\u2022 ") for line in lines)
    assert "Not allowed: No child support work while signed in to a personal account" in text
    assert "\u201cIn addition, LCSA staff may not conduct any child support activity while signed in to a personal account.\u201d" in text


async def test_sensitive_data_is_answered_but_never_echoed_stored_or_logged(bot, caplog):
    caplog.set_level(logging.DEBUG)
    text = (f"NCP ssn {PII['ssn']} case {PII['case']} dob {PII['dob']} ph {PII['phone']} {PII['email']} "
            "can I message him on messenger?")
    message = await ask(bot, text)
    assert first_line(message).startswith("*Not allowed*")
    rendered = json.dumps(message)
    assert "never paste case data" in rendered
    [stored] = await questions(bot)
    for value in PII.values():
        assert value not in rendered
        assert value not in stored.question_redacted
        assert value not in caplog.text
    assert "[SSN]" in stored.question_redacted and "[case number]" in stored.question_redacted


async def test_mentions_in_the_question_are_never_echoed_live(bot):
    message = await ask(bot, "<!channel> <!here> <@U0BOSS> <#C0ALL> can I DM the cp on IG")
    rendered = json.dumps(message)
    for live in ("<!channel>", "<!here>", "<@U0BOSS>", "<#C0ALL>"):
        assert live not in rendered


async def test_help_list_empty_long_and_foreign_questions_get_sensible_answers(bot):
    help_message = await ask(bot, "")
    assert "/policy" in help_message["text"]
    topics = await ask(bot, "list")
    assert "Not allowed" in topics["text"] and "Required" in topics["text"]
    long_question = await ask(bot, "can I look at the ncp's public facebook to find his job " * 70)
    assert first_line(long_question).startswith("*")
    foreign = await ask(bot, "¿Puedo enviar un mensaje privado al padre por Facebook?")
    assert first_line(foreign).startswith("*Not covered*")
    assert "(916) 464-5883" in json.dumps(foreign)


async def test_not_covered_routes_to_the_policy_team_and_relays_the_reply(bot):
    message = await ask(bot, f"how many PTO hours carry over to next year? my case {PII['case']}")
    assert first_line(message).startswith("*Not covered*")
    assert "(916) 464-5883" in json.dumps(message)
    ask_team = buttons(message)[ActionId.POLICY_ASK_TEAM]

    await bot.click(ActionId.POLICY_ASK_TEAM, ask_team["value"], user="U0CASEWKR", response_url="x")
    [posted] = bot.slack.messages_to("C0POLICY")
    assert "PTO" in json.dumps(posted) and PII["case"] not in json.dumps(posted)
    assert "<@U0CASEWKR>" in posted["text"]
    assert "Sent to the policy team" in bot.slack.responses()[-1]["text"]

    await bot.click(ActionId.POLICY_ASK_TEAM, ask_team["value"], user="U0CASEWKR", response_url="x")
    assert len(bot.slack.messages_to("C0POLICY")) == 1
    assert "already with the policy team" in bot.slack.responses()[-1]["text"]

    thread_ts = (await questions(bot))[0].escalation_ts
    assert thread_ts and thread_ts.startswith("1700000000.")
    reply = {"type": "message", "channel": "C0POLICY", "channel_type": "channel", "user": "U0POLICYLEAD",
             "text": "PTO is covered in the MOU, ask HR. <!channel>", "ts": "1700000099.000100",
             "thread_ts": thread_ts}
    assert (await bot.event(reply)).status == 200
    [relayed] = bot.slack.messages_to("U0CASEWKR")
    rendered = json.dumps(relayed)
    assert "ask HR" in rendered and "<!channel>" not in rendered

    async with bot.runtime.db.session() as session:
        actions = (await session.exec(select(AuditEvent.action).order_by(AuditEvent.id))).scalars().all()
    assert actions == ["policy_question.asked", "policy_question.escalated", "policy_question.answered"]


async def test_someone_else_cannot_escalate_my_question(bot):
    message = await ask(bot, "can we get free parking at the courthouse?")
    value = buttons(message)[ActionId.POLICY_ASK_TEAM]["value"]
    await bot.click(ActionId.POLICY_ASK_TEAM, value, user="U0SOMEONE", response_url="x")
    assert bot.slack.messages_to("C0POLICY") == []
    assert "can't find that question" in bot.slack.responses()[-1]["text"]


async def test_feedback_is_recorded_for_the_policy_team(bot):
    message = await ask(bot, "do I have to verify the job I saw on linkedin before I send the wage assignment")
    helpful = buttons(message)[ActionId.POLICY_HELPFUL]
    await bot.click(ActionId.POLICY_HELPFUL, helpful["value"], response_url="x")
    not_helpful = buttons(message)[ActionId.POLICY_NOT_HELPFUL]
    await bot.click(ActionId.POLICY_NOT_HELPFUL, not_helpful["value"], user="U0OTHER", response_url="x")
    async with bot.runtime.db.session() as session:
        rows = (await session.exec(select(PolicyFeedback).order_by(PolicyFeedback.id))).scalars().all()
    [question] = await questions(bot)
    assert [(r.helpful, r.user_id, r.question_ref) for r in rows] == [
        (True, "U0CASEWKR", question.ref), (False, "U0OTHER", question.ref)]
    assert rows[0].rule_id == question.rule_id
    assert "feedback was recorded" in bot.slack.responses()[-1]["text"]


async def test_mention_is_answered_in_thread_and_dm_in_the_dm(bot):
    mention = {"type": "app_mention", "user": "U0CASEWKR", "channel": "C0GENERAL", "ts": "1700000001.000100",
               "text": "<@U0BOT> is it ok to work a case while logged into my own instagram?"}
    assert (await bot.event(mention)).status == 200
    [reply] = bot.slack.messages_to("C0GENERAL")
    assert reply["thread_ts"] == "1700000001.000100"
    assert reply["text"].startswith("*Not allowed*")

    dm = {"type": "message", "channel_type": "im", "channel": "D0CASEWKR", "user": "U0CASEWKR",
          "ts": "1700000002.000100", "text": "who do i call with a question about the social media letter"}
    assert (await bot.event(dm)).status == 200
    [answer] = bot.slack.messages_to("D0CASEWKR")
    assert answer["text"].startswith("*Information*")
    assert "(916) 464-5883" in json.dumps(answer)
    await bot.settle()
    assert [q.surface for q in await questions(bot)] == ["mention", "dm"]


async def test_bot_messages_and_edits_are_ignored(bot):
    for event in ({"type": "message", "channel_type": "im", "channel": "D0X", "bot_id": "B0BOT", "text": "hi",
                   "ts": "1.1"},
                  {"type": "message", "channel_type": "im", "channel": "D0X", "subtype": "message_changed",
                   "ts": "1.2"}):
        assert (await bot.event(event)).status == 200
    assert bot.slack.calls_to("chat.postMessage") == []


async def test_without_a_policy_channel_the_user_is_told_whom_to_call(db_url, fake_slack):
    from tests.conftest import start_bot, stop_bot

    bot = await start_bot(db_url, fake_slack, policy_questions_channel=None)
    try:
        message = await ask(bot, "what's the mileage reimbursement rate")
        value = buttons(message)[ActionId.POLICY_ASK_TEAM]["value"]
        await bot.click(ActionId.POLICY_ASK_TEAM, value, response_url="x")
        assert "(916) 464-5883" in bot.slack.responses()[-1]["text"]
        assert bot.slack.calls_to("chat.postMessage") == []
    finally:
        await stop_bot(bot)


async def test_questions_answered_at_once_are_all_stored_and_audited_when_the_bot_stops(db_url, fake_slack):
    """The recorder writes many answers per transaction, after the acks; stopping the bot stores every one."""
    import asyncio

    from storage.db import Database
    from tests.conftest import start_bot, stop_bot

    bot = await start_bot(db_url, fake_slack)
    askers = [f"U0ASKER{i:02d}" for i in range(12)]
    try:
        responses = await asyncio.gather(*(
            bot.command("/policy", f"can I friend the NCP on Facebook? case {PII['case']}", user=user)
            for user in askers))
        assert all(r.status == 200 for r in responses)
    finally:
        await stop_bot(bot)  # no settle(): the shutdown itself must store what was answered

    db = Database(db_url)
    try:
        async with db.read() as session:
            stored = (await session.exec(select(PolicyQuestion).order_by(PolicyQuestion.id))).scalars().all()
            audited = (await session.exec(select(AuditEvent).where(AuditEvent.action == "policy_question.asked")
                                          .order_by(AuditEvent.id))).scalars().all()
    finally:
        await db.dispose()
    assert sorted(q.asker for q in stored) == askers
    assert all(PII["case"] not in q.question_redacted for q in stored)
    # One audit row per question, naming that question and its asker, at the time it was asked.
    assert sorted((a.object_id, a.actor, a.at) for a in audited) == sorted((str(q.id), q.asker, q.asked_at)
                                                                            for q in stored)
