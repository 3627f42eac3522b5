"""Policy answers: /policy, mentions and DMs; escalation to the policy team; feedback."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.policy import help_text, topics_text
from bot.policy_desk import QuestionRecorder, ask, strip_bot_mention
from bot.redaction import redact_text
from handlers.ids import ActionId, Command
from handlers.views.policy_desk import answer_message, escalation_message, parse_button_value, relayed_reply
from storage import audit
from storage import policy as store

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime

NO_CHANNEL = ("No policy-questions channel is configured, so I cannot pass this on. Please call the "
              "Policy and Program branch at (916) 464-5883.")
SENT = "Sent to the policy team (your question was posted with case data removed). I'll DM you their reply."
ALREADY_SENT = "This question is already with the policy team. I'll DM you their reply."
UNKNOWN_QUESTION = "I can't find that question any more. Please ask it again with /policy."


def register(app: AsyncApp, runtime: Runtime) -> None:
    settings = runtime.settings
    recorder = QuestionRecorder(runtime.db)
    runtime.services.append(recorder)

    def _answer(text: str, *, user: str, surface: str, team_id: str | None) -> dict:
        asked = ask(text, case_number_pattern=settings.case_number_pattern)
        recorder.submit(asked, asker=user, surface=surface, team_id=team_id)
        return answer_message(asked)

    @app.command(Command.POLICY.value)
    async def policy_command(ack, command):
        text = (command.get("text") or "").strip()
        if text.lower() in {"", "help", "?"}:
            await ack(response_type="ephemeral", text=help_text())
        elif text.lower() in {"list", "topics"}:
            await ack(response_type="ephemeral", text=topics_text())
        else:
            # Answered inside the ack: no second round trip, well within Slack's 3 s.
            message = _answer(text, user=command["user_id"], surface="command", team_id=command.get("team_id"))
            await ack(response_type="ephemeral", **message)

    @app.event("app_mention")
    async def policy_mention(event, client, context):
        text = strip_bot_mention(event.get("text") or "", context.bot_user_id)
        thread = event.get("thread_ts") or event["ts"]
        if not text:
            await client.chat_postMessage(channel=event["channel"], thread_ts=thread, text=help_text())
            return
        message = _answer(text, user=event["user"], surface="mention", team_id=context.team_id)
        await client.chat_postMessage(channel=event["channel"], thread_ts=thread, **message)

    @app.event("message")
    async def policy_messages(event, client, context):
        if event.get("subtype") or event.get("bot_id") or not event.get("user"):
            return  # edits, joins, and bots (ourselves included)
        if event.get("channel_type") == "im":
            text = (event.get("text") or "").strip()
            if text.lower() in {"", "help", "hi", "hello"}:
                await client.chat_postMessage(channel=event["channel"], text=help_text())
                return
            message = _answer(text, user=event["user"], surface="dm", team_id=context.team_id)
            await client.chat_postMessage(channel=event["channel"], **message)
        elif (event.get("channel") == settings.policy_questions_channel
              and event.get("thread_ts") and event.get("thread_ts") != event.get("ts")):
            await _relay_reply(event, client, context)

    async def _relay_reply(event, client, context) -> None:
        async with runtime.db.session() as session:
            question = await store.question_by_thread(session, event["channel"], event["thread_ts"])
            if question is None:
                return
            await audit.record(session, actor=event["user"], action="policy_question.answered",
                               object_type="policy_question", object_id=question.id, team_id=context.team_id)
        reply = redact_text(event.get("text") or "", case_number_pattern=settings.case_number_pattern)
        permalink = None
        try:
            permalink = (await client.chat_getPermalink(channel=event["channel"], message_ts=event["ts"]))["permalink"]
        except Exception:  # noqa: BLE001 - the reply still goes out without a link
            pass
        await client.chat_postMessage(channel=question.asker,
                                      **relayed_reply(replier=event["user"], reply_redacted=reply, permalink=permalink))

    @app.action(ActionId.POLICY_ASK_TEAM.value)
    async def ask_policy_team(ack, body, client, respond, context):
        await ack()
        user = body["user"]["id"]
        ref, _rule = parse_button_value(body["actions"][0].get("value", ""))
        channel = settings.policy_questions_channel
        if not channel:
            await respond(response_type="ephemeral", replace_original=False, text=NO_CHANNEL)
            return
        async with runtime.db.session() as session:
            question = await store.question_by_ref(session, ref) if ref else None
            if question is None or question.asker != user:
                claimed = None
            else:
                claimed = await store.claim_escalation(session, question, channel)
                if claimed:
                    await audit.record(session, actor=user, action="policy_question.escalated",
                                       object_type="policy_question", object_id=question.id, team_id=context.team_id)
        if claimed is None:
            await respond(response_type="ephemeral", replace_original=False, text=UNKNOWN_QUESTION)
            return
        if not claimed:
            await respond(response_type="ephemeral", replace_original=False, text=ALREADY_SENT)
            return
        try:
            posted = await client.chat_postMessage(
                channel=channel,
                **escalation_message(asker=user, redacted_question=question.question_redacted, surface=question.surface),
            )
        except Exception:
            # Not posted, so not escalated: the user can press the button again.
            async with runtime.db.session() as session:
                await store.release_escalation(session, question.id)
            raise
        async with runtime.db.session() as session:
            await store.set_escalation_ts(session, question.id, posted["ts"])
        await respond(response_type="ephemeral", replace_original=False, text=SENT)

    async def _feedback(ack, body, respond, context, *, helpful: bool) -> None:
        await ack()
        user = body["user"]["id"]
        ref, rule_id = parse_button_value(body["actions"][0].get("value", ""))
        async with runtime.db.session() as session:
            row = await store.add_feedback(session, question_ref=ref or None,
                                           rule_id=None if rule_id in {"", "none"} else rule_id[:64],
                                           helpful=helpful, user_id=user)
            await audit.record(session, actor=user, action="policy_feedback.recorded", object_type="policy_feedback",
                               object_id=row.id, team_id=context.team_id)
        await respond(response_type="ephemeral", replace_original=False,
                      text="Thanks, your feedback was recorded for the policy team.")

    @app.action(ActionId.POLICY_HELPFUL.value)
    async def helpful(ack, body, respond, context):
        await _feedback(ack, body, respond, context, helpful=True)

    @app.action(ActionId.POLICY_NOT_HELPFUL.value)
    async def not_helpful(ack, body, respond, context):
        await _feedback(ack, body, respond, context, helpful=False)
