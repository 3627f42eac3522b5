"""Block Kit for locate leads (pure: data in, JSON out). Case numbers are always masked here."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.leads import (
    CITATION,
    MAX_SNOOZES,
    OTHER_SOURCE,
    SNOOZE_DAYS,
    STATUS_LABELS,
    UNVERIFIED_WARNING,
    Attestation,
    LeadType,
    Outcome,
    checklist_for,
)
from bot.links import Platform
from bot.redaction import escape_mrkdwn, mask_case_number
from handlers.ids import LeadId
from storage.leads import UNVERIFIED, Lead

Block = dict[str, Any]


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text[:75]}, "value": value}


def _input(block_id: LeadId, label: str, element: dict[str, Any], *, optional: bool = False,
           hint: str | None = None) -> Block:
    block: Block = {"type": "input", "block_id": block_id.value, "label": {"type": "plain_text", "text": label},
                    "element": element, "optional": optional}
    if hint:
        block["hint"] = {"type": "plain_text", "text": hint}
    return block


def _modal(callback_id: LeadId, title: str, submit: str, blocks: list[Block], metadata: str = "") -> dict[str, Any]:
    return {"type": "modal", "callback_id": callback_id.value, "title": {"type": "plain_text", "text": title[:24]},
            "submit": {"type": "plain_text", "text": submit}, "close": {"type": "plain_text", "text": "Cancel"},
            "private_metadata": metadata, "blocks": blocks}


def log_modal(today: date) -> dict[str, Any]:
    return _modal(LeadId.LOG_MODAL, "Log a locate lead", "Log lead", [
        {"type": "context", "elements": [{"type": "mrkdwn", "text":
            "Only *publicly shared* postings may be used, and what they show must be *independently verified* "
            f"before anyone acts on it ({CITATION})."}]},
        _input(LeadId.CASE_BLOCK, "Case number", {"type": "plain_text_input", "action_id": LeadId.CASE_INPUT,
                                                  "max_length": 32}),
        _input(LeadId.TYPE_BLOCK, "What the posting shows", {
            "type": "static_select", "action_id": LeadId.TYPE_INPUT,
            "options": [_option(t.label, t.value) for t in LeadType]}),
        _input(LeadId.PLATFORM_BLOCK, "Platform", {
            "type": "static_select", "action_id": LeadId.PLATFORM_INPUT,
            "options": [_option(p.label, p.value) for p in Platform]}, optional=True,
            hint="Left empty, it is detected from the link."),
        _input(LeadId.URL_BLOCK, "Public link to the posting", {
            "type": "plain_text_input", "action_id": LeadId.URL_INPUT, "max_length": 2000}),
        _input(LeadId.SUMMARY_BLOCK, "What it shows (short summary)", {
            "type": "plain_text_input", "action_id": LeadId.SUMMARY_INPUT, "multiline": True, "max_length": 500},
            hint="No SSNs, dates of birth, phone numbers or emails: they are removed."),
        _input(LeadId.SEEN_BLOCK, "Date seen", {"type": "datepicker", "action_id": LeadId.SEEN_INPUT,
                                                "initial_date": today.isoformat()}),
        _input(LeadId.ATTEST_BLOCK, "Required attestations", {
            "type": "checkboxes", "action_id": LeadId.ATTEST_INPUT,
            "options": [_option(a.label, a.value) for a in Attestation]}),
    ])


def _lead_fields(lead: Lead) -> str:
    return "\n".join([
        f"*Case:* {mask_case_number(lead.case_number)}   *Type:* {LeadType(lead.lead_type).label}   "
        f"*Platform:* {Platform(lead.platform).label}",
        f"*Posting:* {escape_mrkdwn(lead.url)}",
        f"*Shows:* {escape_mrkdwn(lead.summary)}",
        f"*Seen:* {lead.seen_on.isoformat()}",
    ])


def _status_line(lead: Lead) -> str:
    label = STATUS_LABELS.get(lead.status, lead.status)
    return f":warning: *{label}*" if lead.status == UNVERIFIED else f"*Status:* {label}"


def _lead_actions(lead: Lead) -> Block:
    elements: list[dict[str, Any]] = [
        {"type": "button", "action_id": LeadId.RECORD_VERIFICATION.value, "style": "primary",
         "text": {"type": "plain_text", "text": "Record verification"}, "value": str(lead.id)},
    ]
    if lead.snooze_count < MAX_SNOOZES:
        elements.append({"type": "static_select", "action_id": LeadId.SNOOZE.value,
                         "placeholder": {"type": "plain_text", "text": "Snooze"},
                         "options": [_option(f"{d} business day{'s' if d > 1 else ''}", f"{lead.id}:{d}")
                                     for d in SNOOZE_DAYS]})
    elements.append({"type": "button", "action_id": LeadId.WITHDRAW.value,
                     "text": {"type": "plain_text", "text": "Withdraw"}, "value": str(lead.id)})
    return {"type": "actions", "block_id": f"lead_actions_{lead.id}", "elements": elements}


def lead_message(lead: Lead) -> dict[str, Any]:
    """The owner's DM for a lead: its status, the checklist while unverified, the actions."""
    blocks: list[Block] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*Locate lead #{lead.id}*\n{_status_line(lead)}"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": _lead_fields(lead)}},
    ]
    if lead.status == UNVERIFIED:
        checked = set(filter(None, lead.checked_sources.split(",")))
        items = checklist_for(lead.lead_type)
        checkboxes: dict[str, Any] = {"type": "checkboxes", "action_id": LeadId.CHECKLIST.value,
                                      "options": [_option(i.label, f"{lead.id}:{i.id}") for i in items]}
        initial = [_option(i.label, f"{lead.id}:{i.id}") for i in items if i.id in checked]
        if initial:
            checkboxes["initial_options"] = initial
        blocks += [
            {"type": "section", "block_id": LeadId.CHECKLIST.value,
             "text": {"type": "mrkdwn", "text": "*Verify with an independent, non-social-media source:*"},
             "accessory": checkboxes},
            _lead_actions(lead),
        ]
    else:
        closed = f"{STATUS_LABELS.get(lead.status, lead.status)} by <@{lead.closed_by}>"
        if lead.verified_source:
            closed += f" using {escape_mrkdwn(lead.verified_source)}"
        if lead.verified_on:
            closed += f" on {lead.verified_on.isoformat()}"
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": closed}]})
    text = f"Locate lead #{lead.id}: {STATUS_LABELS.get(lead.status, lead.status)}"
    return {"text": text, "blocks": blocks}


def reminder_message(lead: Lead, number: int) -> dict[str, Any]:
    return {
        "text": f"Reminder {number}: locate lead #{lead.id} is still unverified. {UNVERIFIED_WARNING}.",
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text":
                f"*Reminder {number}:* locate lead #{lead.id} is still unverified.\n"
                f":warning: *{UNVERIFIED_WARNING}* ({CITATION})."}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _lead_fields(lead)}},
            _lead_actions(lead),
        ],
    }


def escalation_message(lead: Lead, reminders: int, *, reason: str | None = None) -> dict[str, Any]:
    why = reason or f"still unverified after {reminders} reminders"
    text = (f"Locate lead #{lead.id} (case {mask_case_number(lead.case_number)}, "
            f"{LeadType(lead.lead_type).label.lower()}) owned by <@{lead.owner}> is {why}. "
            f"{UNVERIFIED_WARNING}.")
    return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def verify_modal(lead: Lead, today: date) -> dict[str, Any]:
    sources = [_option(i.label, i.id) for i in checklist_for(lead.lead_type)]
    sources.append(_option("Other independent source (describe below)", OTHER_SOURCE))
    return _modal(LeadId.VERIFY_MODAL, f"Verify lead #{lead.id}", "Record", [
        {"type": "section", "text": {"type": "mrkdwn", "text": _lead_fields(lead)}},
        _input(LeadId.SOURCE_BLOCK, "Independent source used", {
            "type": "static_select", "action_id": LeadId.SOURCE_INPUT, "options": sources}),
        _input(LeadId.OTHER_SOURCE_BLOCK, "Other source (if not in the list)", {
            "type": "plain_text_input", "action_id": LeadId.OTHER_SOURCE_INPUT, "max_length": 200},
            optional=True, hint="Social media is not an independent source."),
        _input(LeadId.OUTCOME_BLOCK, "Outcome", {
            "type": "radio_buttons", "action_id": LeadId.OUTCOME_INPUT,
            "options": [_option(o.label, o.value) for o in Outcome]}),
        _input(LeadId.VERIFIED_ON_BLOCK, "Date verified", {
            "type": "datepicker", "action_id": LeadId.VERIFIED_ON_INPUT, "initial_date": today.isoformat()}),
        _input(LeadId.NOTE_BLOCK, "Note", {"type": "plain_text_input", "action_id": LeadId.NOTE_INPUT,
                                           "multiline": True, "max_length": 1000}, optional=True),
    ], metadata=str(lead.id))


def withdraw_modal(lead: Lead) -> dict[str, Any]:
    return _modal(LeadId.WITHDRAW_MODAL, f"Withdraw lead #{lead.id}", "Withdraw", [
        _input(LeadId.WITHDRAW_REASON_BLOCK, "Why is this lead withdrawn?", {
            "type": "plain_text_input", "action_id": LeadId.WITHDRAW_REASON_INPUT, "max_length": 500}),
    ], metadata=str(lead.id))


def list_text(leads: list[Lead]) -> str:
    if not leads:
        return "You have no open locate leads."
    lines = ["*Your open locate leads* (unverified: do not act on them yet):"]
    for lead in leads:
        lines.append(f"• #{lead.id} case {mask_case_number(lead.case_number)}: {LeadType(lead.lead_type).label}, "
                     f"{Platform(lead.platform).label}, seen {lead.seen_on.isoformat()}: {escape_mrkdwn(lead.summary)}"
                     f" — _{UNVERIFIED_WARNING}_")
    return "\n".join(lines)


HELP_TEXT = (
    "*Locate leads from social media*\n"
    "CSSP Letter 16-04 lets LCSAs \"access social media sites to search public postings of account owners to "
    "locate a participant's physical whereabouts, employment, or assets as long as that information is publicly "
    "shared.\" It adds: \"Information obtained in this manner must be independently verified\" (22 CCR § 113100).\n"
    "• `/locate` logs a lead: the case number, what the posting shows, its public link, and two attestations "
    "(publicly shared, agency account). You then get a checklist of independent sources by DM, and reminders "
    "until you record the verification; overdue leads go to the supervisors' channel.\n"
    "• `/locate list` shows your open leads.\n"
    "• Never friend, follow or message a participant, and never work a case while signed in to a personal account."
)
