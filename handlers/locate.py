"""Locate leads: /locate, the logging and verification modals, the checklist DM, reminders."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from slack_sdk.errors import SlackApiError

from bot.leads import (
    MAX_SNOOZES,
    LeadDraft,
    Verification,
    reminder_due,
    snooze_until,
    validate_lead,
    validate_verification,
)
from bot.redaction import redact_text
from bot.reminders import Sent, Stop
from bot.slack_client import post_message
from handlers.forms import read_state
from handlers.ids import Command, LeadId
from handlers.views.locate import (
    HELP_TEXT,
    escalation_message,
    lead_message,
    list_text,
    log_modal,
    reminder_message,
    verify_modal,
    withdraw_modal,
)
from storage import audit
from storage import leads as store
from storage import reminders
from storage.leads import UNVERIFIED, Lead

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp

    from bot.runtime import Runtime
    from storage.reminders import Claimed

log = logging.getLogger(__name__)

REMINDER = "lead"
ESCALATION = "lead_escalation"
# Slack's answers that mean the owner can never get the DM: hand the lead to supervisors instead.
UNREACHABLE = {"user_not_found", "account_inactive", "user_disabled", "cannot_dm_bot", "channel_not_found"}

LEAD_FIELDS = {"case_number": LeadId.CASE_BLOCK, "lead_type": LeadId.TYPE_BLOCK, "platform": LeadId.PLATFORM_BLOCK,
               "url": LeadId.URL_BLOCK, "summary": LeadId.SUMMARY_BLOCK, "seen_on": LeadId.SEEN_BLOCK,
               "attestations": LeadId.ATTEST_BLOCK}
VERIFY_FIELDS = {"source": LeadId.SOURCE_BLOCK, "other_source": LeadId.OTHER_SOURCE_BLOCK,
                 "outcome": LeadId.OUTCOME_BLOCK, "verified_on": LeadId.VERIFIED_ON_BLOCK, "note": LeadId.NOTE_BLOCK}
NOT_YOURS = "Only the caseworker who logged this lead can act on it."
ALREADY_CLOSED = "This lead is already closed: {status}."


def _fields(state: dict, mapping: dict[str, LeadId]) -> dict:
    return {name: state.get(block.value) for name, block in mapping.items()}


def _errors(errors: dict[str, str], mapping: dict[str, LeadId]) -> dict[str, str]:
    return {mapping[name].value: message for name, message in errors.items()}


def register(app: AsyncApp, runtime: Runtime) -> None:
    settings = runtime.settings
    client = runtime.client

    def today() -> date:
        return datetime.now(settings.tz).date()

    # ---- /locate ---------------------------------------------------------------------------
    @app.command(Command.LOCATE.value)
    async def locate_command(ack, command, client):
        option = (command.get("text") or "").strip().lower()
        if option == "":
            await ack()
            # trigger_id expires in 3 s: open the modal before anything else.
            await client.views_open(trigger_id=command["trigger_id"], view=log_modal(today()))
        elif option == "list":
            async with runtime.db.session() as session:
                open_leads = list(await store.open_for_owner(session, command["user_id"]))
            await ack(response_type="ephemeral", text=list_text(open_leads))
        elif option == "help":
            await ack(response_type="ephemeral", text=HELP_TEXT)
        else:
            await ack(response_type="ephemeral",
                      text="I don't know that option. Use `/locate` to log a lead, `/locate list` or `/locate help`.")

    @app.view(LeadId.LOG_MODAL.value)
    async def lead_submitted(ack, body, view, context):
        result = validate_lead(_fields(read_state(view), LEAD_FIELDS), settings=settings, today=today())
        if not isinstance(result, LeadDraft):
            await ack(response_action="errors", errors=_errors(result, LEAD_FIELDS))
            return
        await ack()
        owner = body["user"]["id"]
        async with runtime.db.session() as session:
            lead = await store.add(
                session, owner=owner, team_id=context.team_id, case_number=result.case_number,
                lead_type=result.lead_type.value, platform=result.platform.value, url=result.url,
                summary=result.summary, seen_on=result.seen_on, attested_public=True, attested_agency_account=True,
            )
            await reminders.schedule(session, kind=REMINDER, subject_id=lead.id,
                                     due_at=reminder_due(datetime.now(UTC), settings.lead_reminder_first, settings))
            await audit.record(session, actor=owner, action="lead.logged", object_type="lead", object_id=lead.id,
                               team_id=context.team_id)
        runtime.spawn(_send_checklist(lead), name="lead.checklist")

    async def _send_checklist(lead: Lead) -> None:
        posted = await client.chat_postMessage(channel=lead.owner, **lead_message(lead))
        async with runtime.db.session() as session:
            await store.set_dm(session, lead.id, channel=posted["channel"], ts=posted["ts"])

    # ---- the DM's controls -------------------------------------------------------------------
    async def _owned_open_lead(body, respond) -> Lead | None:
        action = body["actions"][0]
        raw = action.get("value") or (action.get("selected_option") or {}).get("value") or ""
        lead_id = raw.split(":")[0]
        async with runtime.db.session() as session:
            lead = await store.get(session, int(lead_id)) if lead_id.isdigit() else None
        if lead is None or lead.owner != body["user"]["id"]:
            await respond(response_type="ephemeral", replace_original=False, text=NOT_YOURS)
            return None
        if lead.status != UNVERIFIED:
            await respond(response_type="ephemeral", replace_original=False,
                          text=ALREADY_CLOSED.format(status=lead.status.replace("_", " ")))
            return None
        return lead

    @app.action(LeadId.RECORD_VERIFICATION.value)
    async def record_verification(ack, body, client, respond):
        await ack()
        lead = await _owned_open_lead(body, respond)
        if lead is not None:
            await client.views_open(trigger_id=body["trigger_id"], view=verify_modal(lead, today()))

    @app.action(LeadId.WITHDRAW.value)
    async def withdraw(ack, body, client, respond):
        await ack()
        lead = await _owned_open_lead(body, respond)
        if lead is not None:
            await client.views_open(trigger_id=body["trigger_id"], view=withdraw_modal(lead))

    @app.action(LeadId.SNOOZE.value)
    async def snooze(ack, body, respond, context):
        await ack()
        lead = await _owned_open_lead(body, respond)
        if lead is None:
            return
        days = int(body["actions"][0]["selected_option"]["value"].split(":")[1])
        until = snooze_until(datetime.now(UTC), days, settings)
        async with runtime.db.session() as session:
            allowed = await store.count_snooze(session, lead.id, limit=MAX_SNOOZES)
            if allowed:
                await reminders.postpone(session, kind=REMINDER, subject_id=lead.id, due_at=until)
                await audit.record(session, actor=lead.owner, action="lead.snoozed", object_type="lead",
                                   object_id=lead.id, team_id=context.team_id)
        if not allowed:
            await respond(response_type="ephemeral", replace_original=False,
                          text=f"Lead #{lead.id} has already been snoozed {MAX_SNOOZES} times. Please verify it or "
                               "withdraw it.")
            return
        local = until.astimezone(settings.tz).strftime("%a %b %d, %H:%M")
        await respond(response_type="ephemeral", replace_original=False,
                      text=f"Snoozed: the next reminder for lead #{lead.id} comes {local}.")

    @app.action(LeadId.CHECKLIST.value)
    async def checklist_ticked(ack, body, respond, context):
        await ack()
        lead = await _owned_open_lead(body, respond)
        if lead is None:
            return
        ticked = [o["value"].split(":", 1)[1] for o in body["actions"][0].get("selected_options") or []]
        async with runtime.db.session() as session:
            await store.set_checked(session, lead.id, ticked)
            await audit.record(session, actor=lead.owner, action="lead.checklist_updated", object_type="lead",
                               object_id=lead.id, team_id=context.team_id)

    # ---- closing a lead ----------------------------------------------------------------------
    async def _close(lead_id: int, actor: str, team_id: str | None, *, status: str, action: str, **fields) -> bool:
        async with runtime.db.session() as session:
            closed = await store.close(session, lead_id, status=status, closed_by=actor, **fields)
            if closed:
                # Same transaction: once the lead is closed no sweep can send another reminder.
                await reminders.close(session, kind=REMINDER, subject_id=lead_id)
                await reminders.close(session, kind=ESCALATION, subject_id=lead_id)
                await audit.record(session, actor=actor, action=action, object_type="lead", object_id=lead_id,
                                   team_id=team_id)
        if closed:
            runtime.spawn(_refresh_dm(lead_id), name="lead.refresh")
        return closed

    async def _refresh_dm(lead_id: int) -> None:
        async with runtime.db.session() as session:
            lead = await store.get(session, lead_id)
        if lead and lead.dm_channel and lead.dm_ts:
            await client.chat_update(channel=lead.dm_channel, ts=lead.dm_ts, **lead_message(lead))

    @app.view(LeadId.VERIFY_MODAL.value)
    async def verification_submitted(ack, body, view, context):
        user = body["user"]["id"]
        async with runtime.db.session() as session:
            lead = await store.get(session, int(view["private_metadata"]))
        if lead is None or lead.owner != user or lead.status != UNVERIFIED:
            await ack(response_action="errors", errors={LeadId.SOURCE_BLOCK.value: "This lead is already closed."})
            return
        result = validate_verification(_fields(read_state(view), VERIFY_FIELDS), lead_type=lead.lead_type,
                                       settings=settings, today=today())
        if not isinstance(result, Verification):
            await ack(response_action="errors", errors=_errors(result, VERIFY_FIELDS))
            return
        await ack()
        await _close(lead.id, user, context.team_id, status=result.outcome.status, action="lead.verified",
                     verified_source=result.source, verified_on=result.verified_on,
                     verification_note=result.note or None)

    @app.view(LeadId.WITHDRAW_MODAL.value)
    async def withdrawal_submitted(ack, body, view, context):
        reason = (read_state(view).get(LeadId.WITHDRAW_REASON_BLOCK.value) or "").strip()
        if not reason:
            await ack(response_action="errors", errors={LeadId.WITHDRAW_REASON_BLOCK.value: "Give a short reason."})
            return
        await ack()
        await _close(int(view["private_metadata"]), body["user"]["id"], context.team_id, status="withdrawn",
                     action="lead.withdrawn",
                     withdraw_reason=redact_text(reason, case_number_pattern=settings.case_number_pattern)[:500])

    # ---- reminders and escalation --------------------------------------------------------------
    async def send_reminder(item: Claimed, now: datetime):
        lead: Lead | None = item.subject  # read by store.get_many just before this chunk's sends
        if lead is None or lead.status != UNVERIFIED:
            return Stop("lead closed")
        number = item.sent_count + 1
        try:
            await post_message(client, channel=lead.owner, **reminder_message(lead, number))
        except SlackApiError as error:
            if error.response.get("error") not in UNREACHABLE:
                raise
            log.warning("lead owner unreachable; escalating", extra={"lead_id": lead.id,
                                                                     "error": error.response.get("error")})
            await _schedule_escalation(lead.id, "owner_unreachable", now)
            return Stop("owner unreachable")
        if number >= settings.lead_escalate_after:
            await _schedule_escalation(lead.id, "overdue", now)
        return Sent(reminder_due(now, settings.lead_reminder_every, settings))

    async def _schedule_escalation(lead_id: int, reason: str, now: datetime) -> None:
        async with runtime.db.session() as session:
            await store.set_escalation_reason(session, lead_id, reason)
            await reminders.schedule_once(session, kind=ESCALATION, subject_id=lead_id, due_at=now)

    async def send_escalation(item: Claimed, now: datetime):
        lead: Lead | None = item.subject
        if lead is None or lead.status != UNVERIFIED or lead.escalated_at is not None:
            return Stop("nothing to escalate")
        if not settings.escalation_channel:
            log.warning("lead overdue but ESCALATION_CHANNEL is not set", extra={"lead_id": lead.id})
            return Stop("no escalation channel")
        reason = "unreachable by DM (their Slack account cannot receive messages)" \
            if lead.escalation_reason == "owner_unreachable" else None
        async with runtime.db.session() as session:
            sent_count = (await reminders.get(session, kind=REMINDER, subject_id=lead.id)).sent_count
        await post_message(client, channel=settings.escalation_channel,
                           **escalation_message(lead, sent_count, reason=reason))
        async with runtime.db.session() as session:
            if await store.mark_escalated(session, lead.id):
                await audit.record(session, actor="system", action="lead.escalated", object_type="lead",
                                   object_id=lead.id, team_id=lead.team_id)
        return Sent(None)

    runtime.reminders.register(REMINDER, send_reminder, load=store.get_many)
    runtime.reminders.register(ESCALATION, send_escalation, load=store.get_many)
