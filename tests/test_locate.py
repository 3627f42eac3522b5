"""Locate leads through the real endpoint: logging, checklist DM, reminders, escalation, verification."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from handlers.ids import LeadId
from storage.leads import Lead
from storage.models import AuditEvent
from tests import slackreq
from tests.conftest import start_bot, stop_bot
from tests.slackreq import checkbox_state, date_state, select_state, text_state

CASE = "123456789012"
OWNER = "U0CASEWKR"
# A Tuesday, 10:00 in California: inside business hours.
T0 = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)
FAST = {"lead_reminder_first": 60, "lead_reminder_every": 60, "lead_escalate_after": 2,
        "reminder_business_hours_only": False}


def lead_form(**changes) -> dict:
    form = {
        LeadId.CASE_BLOCK: text_state(CASE),
        LeadId.TYPE_BLOCK: select_state("employment"),
        LeadId.PLATFORM_BLOCK: select_state("linkedin"),
        LeadId.URL_BLOCK: text_state("https://www.linkedin.com/in/some-public-profile?utm_source=share"),
        LeadId.SUMMARY_BLOCK: text_state("Profile says he started as a forklift driver at Valley Foods in March"),
        LeadId.SEEN_BLOCK: date_state("2026-11-20"),
        LeadId.ATTEST_BLOCK: checkbox_state("public", "agency_account"),
    }
    form.update({LeadId[k.upper() + "_BLOCK"] if not isinstance(k, LeadId) else k: v for k, v in changes.items()})
    return {block.value: state for block, state in form.items()}


async def submit_lead(bot, user=OWNER, **changes):
    response = await bot.interact(slackreq.view_submission(LeadId.LOG_MODAL, lead_form(**changes), user=user))
    assert response.status == 200
    await bot.settle()
    text = await response.text()
    return json.loads(text) if text else None


async def leads(bot) -> list[Lead]:
    async with bot.runtime.db.session() as session:
        return list((await session.exec(select(Lead).order_by(Lead.id))).scalars().all())


def dms(bot, user=OWNER):
    return bot.slack.messages_to(user)


def button(message: dict, action_id: str) -> dict:
    return next(e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
                if e["action_id"] == action_id)


@pytest.fixture
async def fast_bot(db_url, fake_slack):
    running = await start_bot(db_url, fake_slack, **FAST)
    yield running
    await stop_bot(running)


async def test_locate_opens_the_modal_at_once(bot):
    response = await bot.command("/locate")
    assert response.status == 200
    [opened] = bot.slack.calls_to("views.open")
    assert opened.args["view"]["callback_id"] == LeadId.LOG_MODAL
    blocks = {b.get("block_id") for b in opened.args["view"]["blocks"]}
    assert {LeadId.CASE_BLOCK, LeadId.URL_BLOCK, LeadId.ATTEST_BLOCK, LeadId.SEEN_BLOCK} <= blocks


async def test_a_lead_without_the_publicly_shared_attestation_is_refused_inline(bot):
    reply = await submit_lead(bot, attest=checkbox_state("agency_account"))
    assert reply["response_action"] == "errors"
    assert "publicly shared" in reply["errors"][LeadId.ATTEST_BLOCK]
    reply = await submit_lead(bot, attest=checkbox_state("public"))
    assert "personal account" in reply["errors"][LeadId.ATTEST_BLOCK]
    assert await leads(bot) == [] and dms(bot) == []


async def test_bad_case_number_url_and_future_date_get_inline_errors(bot):
    reply = await submit_lead(bot, case=text_state("12345"), url=text_state("javascript:alert(1)"),
                              seen=date_state("2099-01-01"), summary=text_state("   "))
    assert set(reply["errors"]) == {LeadId.CASE_BLOCK, LeadId.URL_BLOCK, LeadId.SEEN_BLOCK, LeadId.SUMMARY_BLOCK}
    assert await leads(bot) == []


async def test_a_complete_lead_dms_the_checklist_right_away(bot):
    assert await submit_lead(bot, summary=text_state("works at Valley Foods, ssn 123-45-6789 ph 559-555-0142")) is None
    [lead] = await leads(bot)
    assert lead.status == "unverified" and lead.owner == OWNER and lead.case_number == CASE
    assert "123-45-6789" not in lead.summary and "559-555-0142" not in lead.summary
    assert lead.url == "https://linkedin.com/in/some-public-profile"
    [dm] = dms(bot)
    rendered = json.dumps(dm, ensure_ascii=False)
    assert "Unverified: do not act on this yet" in rendered
    assert "New Hire Registry" in rendered and "EDD quarterly wage records" in rendered
    assert CASE not in rendered and "…9012" in rendered
    assert button(dm, LeadId.RECORD_VERIFICATION)["value"] == str(lead.id)
    assert any(e["action_id"] == LeadId.SNOOZE for b in dm["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert lead.dm_channel == OWNER and lead.dm_ts


async def test_reminders_escalate_and_stop_once_verification_is_recorded(fast_bot):
    bot = fast_bot
    with time_machine.travel(T0, tick=False) as clock:
        await submit_lead(bot)
        [lead] = await leads(bot)
        await bot.tick()
        assert len(dms(bot)) == 1  # only the checklist: the first reminder is not due yet

        clock.shift(61)
        await bot.tick()
        assert len(dms(bot)) == 2 and "Reminder 1" in dms(bot)[-1]["text"]
        assert bot.slack.messages_to("C0SUPERV") == []

        clock.shift(61)
        await bot.tick()  # reminder 2 reaches LEAD_ESCALATE_AFTER
        await bot.tick()  # the escalation goes out on its own row
        assert "Reminder 2" in dms(bot)[-1]["text"]
        [escalation] = bot.slack.messages_to("C0SUPERV")
        assert f"<@{OWNER}>" in escalation["text"] and "…9012" in escalation["text"] and CASE not in escalation["text"]

        clock.shift(61)
        await bot.tick()
        await bot.tick()
        assert len(bot.slack.messages_to("C0SUPERV")) == 1  # posted once
        latest = dms(bot)[-1]
        assert "Reminder 3" in latest["text"]

        # The Record verification button on the latest reminder opens the modal...
        await bot.click(LeadId.RECORD_VERIFICATION, button(latest, LeadId.RECORD_VERIFICATION)["value"],
                        user=OWNER, response_url="x")
        [opened] = bot.slack.calls_to("views.open")
        assert opened.args["view"]["callback_id"] == LeadId.VERIFY_MODAL
        # ...a social-media "source" is refused...
        state = {LeadId.SOURCE_BLOCK.value: select_state("other"),
                 LeadId.OTHER_SOURCE_BLOCK.value: text_state("saw it again on his Facebook"),
                 LeadId.OUTCOME_BLOCK.value: select_state("confirmed", "radio_buttons"),
                 LeadId.VERIFIED_ON_BLOCK.value: date_state("2026-11-24"),
                 LeadId.NOTE_BLOCK.value: text_state("")}
        reply = await bot.interact(slackreq.view_submission(LeadId.VERIFY_MODAL, state, user=OWNER,
                                                            private_metadata=str(lead.id)))
        assert "not an independent source" in json.loads(await reply.text())["errors"][LeadId.OTHER_SOURCE_BLOCK]
        # ...an independent one is recorded.
        state[LeadId.SOURCE_BLOCK.value] = select_state("employer_hr")
        state[LeadId.OTHER_SOURCE_BLOCK.value] = text_state(None)
        reply = await bot.interact(slackreq.view_submission(LeadId.VERIFY_MODAL, state, user=OWNER,
                                                            private_metadata=str(lead.id)))
        assert reply.status == 200 and await reply.text() == ""
        await bot.settle()
        [lead] = await leads(bot)
        assert lead.status == "verified" and lead.verified_source.startswith("Employer's HR")
        [update] = bot.slack.calls_to("chat.update")
        assert "Verified" in json.dumps(update.args) and "Unverified" not in json.dumps(update.args)

        count = len(dms(bot))
        for _ in range(5):
            clock.shift(3600)
            await bot.tick()
        assert len(dms(bot)) == count  # no reminder after the verification

    async with bot.runtime.db.session() as session:
        actions = (await session.exec(select(AuditEvent.action).where(AuditEvent.object_type == "lead")
                                      .order_by(AuditEvent.id))).scalars().all()
    assert actions == ["lead.logged", "lead.escalated", "lead.verified"]


async def test_reminders_wait_for_business_hours(db_url, fake_slack):
    bot = await start_bot(db_url, fake_slack, lead_reminder_first=3600, lead_reminder_every=3600,
                          reminder_business_hours_only=True)
    try:
        friday_1630_pt = datetime(2026, 11, 28, 0, 30, tzinfo=UTC)  # Fri Nov 27, 16:30 in Los Angeles
        with time_machine.travel(friday_1630_pt, tick=False) as clock:
            await submit_lead(bot)
            for hours in (1, 12, 24, 24):  # through the evening and the weekend
                clock.shift(hours * 3600)
                await bot.tick()
            assert len(dms(bot)) == 1  # just the checklist
            clock.move_to(datetime(2026, 11, 30, 16, 1, tzinfo=UTC))  # Mon 08:01 PT
            await bot.tick()
            assert len(dms(bot)) == 2
    finally:
        await stop_bot(bot)


async def test_snooze_twice_then_refused(fast_bot):
    bot = fast_bot
    with time_machine.travel(T0, tick=False) as clock:
        await submit_lead(bot)
        [lead] = await leads(bot)
        for _ in range(2):
            payload = slackreq.block_action(LeadId.SNOOZE, user=OWNER, response_url="x")
            payload["actions"] = [{"action_id": LeadId.SNOOZE, "type": "static_select", "block_id": "b",
                                   "selected_option": {"value": f"{lead.id}:1"}}]
            await bot.interact(payload)
            assert "Snoozed" in bot.slack.responses()[-1]["text"]
        await bot.interact(payload)
        assert "already been snoozed 2 times" in bot.slack.responses()[-1]["text"]
        clock.shift(120)
        await bot.tick()
        assert len(dms(bot)) == 1  # snoozed: no reminder after the usual minute


async def test_withdraw_stops_reminders_and_others_cannot_touch_my_lead(fast_bot):
    bot = fast_bot
    with time_machine.travel(T0, tick=False) as clock:
        await submit_lead(bot)
        [lead] = await leads(bot)
        await bot.click(LeadId.WITHDRAW, str(lead.id), user="U0SOMEONE", response_url="x")
        assert "Only the caseworker who logged this lead" in bot.slack.responses()[-1]["text"]
        assert bot.slack.calls_to("views.open") == []
        await bot.click(LeadId.WITHDRAW, str(lead.id), user=OWNER, response_url="x")
        assert bot.slack.calls_to("views.open")[0].args["view"]["callback_id"] == LeadId.WITHDRAW_MODAL
        empty = {LeadId.WITHDRAW_REASON_BLOCK.value: text_state("  ")}
        reply = await bot.interact(slackreq.view_submission(LeadId.WITHDRAW_MODAL, empty, user=OWNER,
                                                            private_metadata=str(lead.id)))
        assert LeadId.WITHDRAW_REASON_BLOCK in json.loads(await reply.text())["errors"]
        reason = {LeadId.WITHDRAW_REASON_BLOCK.value: text_state("wrong person, same name")}
        await bot.interact(slackreq.view_submission(LeadId.WITHDRAW_MODAL, reason, user=OWNER,
                                                    private_metadata=str(lead.id)))
        await bot.settle()
        [lead] = await leads(bot)
        assert lead.status == "withdrawn" and lead.withdraw_reason == "wrong person, same name"
        clock.shift(600)
        await bot.tick()
        assert len(dms(bot)) == 1
        await bot.click(LeadId.RECORD_VERIFICATION, str(lead.id), user=OWNER, response_url="x")
        assert "already closed" in bot.slack.responses()[-1]["text"]


async def test_list_and_help(bot):
    await submit_lead(bot)
    listing = json.loads(await (await bot.command("/locate", "list")).text())
    assert "…9012" in listing["text"] and CASE not in listing["text"]
    assert "do not act on them yet" in listing["text"]
    other = json.loads(await (await bot.command("/locate", "list", user="U0OTHER")).text())
    assert "no open locate leads" in other["text"]
    help_text = json.loads(await (await bot.command("/locate", "help")).text())["text"]
    assert "CSSP Letter 16-04" in help_text and "22 CCR § 113100" in help_text
    unknown = json.loads(await (await bot.command("/locate", "frobnicate")).text())["text"]
    assert "/locate list" in unknown


async def test_unreachable_owner_goes_to_the_escalation_channel_not_endless_retries(fast_bot):
    bot = fast_bot
    with time_machine.travel(T0, tick=False) as clock:
        await submit_lead(bot)
        bot.slack.fail_for_channel(OWNER, "account_inactive")
        for _ in range(4):
            clock.shift(61)
            await bot.tick()
        [escalation] = bot.slack.messages_to("C0SUPERV")
        assert "unreachable" in escalation["text"]
        attempts = [c for c in bot.slack.calls_to("chat.postMessage") if c.args.get("channel") == OWNER and not c.ok]
        assert len(attempts) == 1


async def test_three_replicas_send_what_one_sends(db_url, fake_slack):
    async def run(replicas: int) -> list[int]:
        bots = [await start_bot(db_url, fake_slack, **FAST) for _ in range(replicas)]
        try:
            with time_machine.travel(T0, tick=False) as clock:
                for n in range(3):
                    await submit_lead(bots[n % replicas], user=f"U0OWNER{replicas}{n}")
                for _ in range(4):
                    clock.shift(61)
                    await asyncio.gather(*(b.tick() for b in bots))
            return [len(bots[0].slack.messages_to(f"U0OWNER{replicas}{n}")) for n in range(3)]
        finally:
            for b in bots:
                await stop_bot(b)

    one = await run(1)
    three = await run(3)
    assert one == three == [5, 5, 5]  # the checklist and four reminders each
