"""Every Slack action_id, callback_id and block_id the bot uses, in one place.

Listeners, view builders and tests import these members, so a renamed ID cannot
silently break a button that is already posted in a channel.
"""

from enum import StrEnum


class Command(StrEnum):
    POLICY = "/policy"
    REPORT_POST = "/report-post"
    LOCATE = "/locate"


class ActionId(StrEnum):
    # policy answers
    POLICY_ASK_TEAM = "policy_ask_team"
    POLICY_HELPFUL = "policy_helpful"
    POLICY_NOT_HELPFUL = "policy_not_helpful"


class ReportId(StrEnum):
    """Report a flagged public post: shortcut, modal and moderation card."""

    MESSAGE_SHORTCUT = "report_post_for_removal"  # manifest: message shortcut callback_id
    GLOBAL_SHORTCUT = "report_post_global"
    MODAL = "report_post_modal"
    KEEP_MODAL = "report_keep_modal"
    URL_BLOCK = "report_url"
    URL_INPUT = "report_url_input"
    PLATFORM_BLOCK = "report_platform"
    PLATFORM_INPUT = "report_platform_input"
    REASON_BLOCK = "report_reason"
    REASON_INPUT = "report_reason_input"
    NOTE_BLOCK = "report_note"
    NOTE_INPUT = "report_note_input"
    KEEP_REASON_BLOCK = "report_keep_reason"
    KEEP_REASON_INPUT = "report_keep_reason_input"
    CLAIM = "report_claim"
    MARK_REMOVED = "report_mark_removed"
    KEEP = "report_keep"
    CARD_ACTIONS_BLOCK = "report_card_actions"


class LeadId(StrEnum):
    """Locate leads: logging modal, checklist DM, verification modal."""

    LOG_MODAL = "lead_log_modal"
    VERIFY_MODAL = "lead_verify_modal"
    WITHDRAW_MODAL = "lead_withdraw_modal"
    CASE_BLOCK = "lead_case"
    CASE_INPUT = "lead_case_input"
    TYPE_BLOCK = "lead_type"
    TYPE_INPUT = "lead_type_input"
    PLATFORM_BLOCK = "lead_platform"
    PLATFORM_INPUT = "lead_platform_input"
    URL_BLOCK = "lead_url"
    URL_INPUT = "lead_url_input"
    SUMMARY_BLOCK = "lead_summary"
    SUMMARY_INPUT = "lead_summary_input"
    SEEN_BLOCK = "lead_seen"
    SEEN_INPUT = "lead_seen_input"
    ATTEST_BLOCK = "lead_attest"
    ATTEST_INPUT = "lead_attest_input"
    SOURCE_BLOCK = "lead_source"
    SOURCE_INPUT = "lead_source_input"
    OTHER_SOURCE_BLOCK = "lead_other_source"
    OTHER_SOURCE_INPUT = "lead_other_source_input"
    OUTCOME_BLOCK = "lead_outcome"
    OUTCOME_INPUT = "lead_outcome_input"
    VERIFIED_ON_BLOCK = "lead_verified_on"
    VERIFIED_ON_INPUT = "lead_verified_on_input"
    NOTE_BLOCK = "lead_note"
    NOTE_INPUT = "lead_note_input"
    WITHDRAW_REASON_BLOCK = "lead_withdraw_reason"
    WITHDRAW_REASON_INPUT = "lead_withdraw_reason_input"
    CHECKLIST = "lead_checklist"
    RECORD_VERIFICATION = "lead_record_verification"
    SNOOZE = "lead_snooze"
    WITHDRAW = "lead_withdraw"
