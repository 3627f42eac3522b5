"""Block Kit for reporting posts: the report modal, the moderation card, reminders, DMs.

Pure functions: no I/O. Everything that came from a user (excerpt, notes, reasons,
links) was redacted before it was stored, and is escaped here so it cannot ping
anyone or smuggle in a link label.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.links import Platform
from bot.redaction import escape_mrkdwn
from bot.reports import KEEP_REASON_MIN_CHARS, NOTE_CHARS, STATUS_LABELS, Reason, Snapshot
from handlers.ids import ReportId
from storage.reports import KEPT, REMOVED

MODAL_TITLE = "Report post for removal"  # ≤ 24 characters
MAX_LISTED = 40


# ------------------------------------------------------------------------------ helpers
def _text(value: str) -> dict[str, str]:
    return {"type": "plain_text", "text": value}


def _mrkdwn(value: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": value}


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": _text(label), "value": value}


def link(url: str, label: str | None = None) -> str:
    """A mrkdwn link whose target and label cannot break out of `<url|label>`."""
    target = url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C").replace("&", "&amp;")
    return f"<{target}|{escape_mrkdwn(label if label is not None else url)[:200]}>"


def quote(text: str) -> str:
    return "\n".join(f">{line}" for line in escape_mrkdwn(text).splitlines() or [""])


def age_text(since: datetime, now: datetime) -> str:
    """"opened 2 h ago": a card's age in words."""
    seconds = max(int((now - since).total_seconds()), 0)
    if seconds < 60:
        return "opened just now"
    if seconds < 3600:
        return f"opened {seconds // 60} min ago"
    if seconds < 86400:
        return f"opened {seconds // 3600} h ago"
    return f"opened {seconds // 86400} d ago"


def slack_date(at: datetime) -> str:
    """A time every reader sees in their own time zone, with a UTC fallback."""
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} {{time}}|{at:%Y-%m-%d %H:%M} UTC>"


def _people(users: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"<@{user}>" for user in users) or "—"


# -------------------------------------------------------------------------------- modal
def report_modal(*, link_value: str | None, platform: Platform, draft_id: str) -> dict[str, Any]:
    """The report form. private_metadata holds only the draft's opaque id."""
    url_element: dict[str, Any] = {"type": "plain_text_input", "action_id": ReportId.URL_INPUT.value,
                                   "max_length": 2000,
                                   "placeholder": _text("https://www.facebook.com/…")}
    if link_value:
        url_element["initial_value"] = link_value[:2000]
    platforms = [_option(p.value, p.label) for p in Platform]
    reasons = [_option(r.value, r.label) for r in Reason]
    return {
        "type": "modal",
        "callback_id": ReportId.MODAL.value,
        "private_metadata": draft_id,
        "title": _text(MODAL_TITLE),
        "submit": _text("Report"),
        "close": _text("Cancel"),
        "blocks": [
            {"type": "input", "block_id": ReportId.URL_BLOCK.value, "label": _text("Link to the post"),
             "element": url_element,
             "hint": _text("The public post's address. The message's Slack link is used when it has none.")},
            {"type": "input", "block_id": ReportId.PLATFORM_BLOCK.value, "label": _text("Platform"),
             "element": {"type": "static_select", "action_id": ReportId.PLATFORM_INPUT.value,
                         "options": platforms, "initial_option": _option(platform.value, platform.label)}},
            {"type": "input", "block_id": ReportId.REASON_BLOCK.value, "label": _text("Why should it be removed?"),
             "element": {"type": "radio_buttons", "action_id": ReportId.REASON_INPUT.value, "options": reasons}},
            {"type": "input", "block_id": ReportId.NOTE_BLOCK.value, "label": _text("Note for the moderators"),
             "optional": True,
             "element": {"type": "plain_text_input", "action_id": ReportId.NOTE_INPUT.value, "multiline": True,
                         "max_length": NOTE_CHARS},
             "hint": _text("Do not type case numbers, SSNs or other case data; they are removed anyway.")},
        ],
    }


def info_modal(title: str, message: str) -> dict[str, Any]:
    return {"type": "modal", "title": _text(title[:24]), "close": _text("Close"),
            "blocks": [{"type": "section", "text": _mrkdwn(message)}]}


def filed_modal(report: Snapshot, *, created: bool, added: bool) -> dict[str, Any]:
    card = link(report.card_permalink, "the moderation card") if report.card_permalink else "the moderation card"
    if created:
        message = ("Thanks. The page moderators have your report and will record the outcome; "
                   "I'll DM you when they do.")
    elif added:
        message = (f"*Already reported.* This post is already with the moderators: see {card}. "
                   "You were added to its reporters, so I'll DM you the outcome too.")
    else:
        message = f"*Already reported.* You reported this post already: see {card}."
    return info_modal("Post reported", message)


def keep_modal(report_id: int) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ReportId.KEEP_MODAL.value,
        "private_metadata": str(report_id),
        "title": _text("Keep the post"),
        "submit": _text("Keep"),
        "close": _text("Cancel"),
        "blocks": [
            {"type": "input", "block_id": ReportId.KEEP_REASON_BLOCK.value,
             "label": _text("Why is it not a violation?"),
             "element": {"type": "plain_text_input", "action_id": ReportId.KEEP_REASON_INPUT.value,
                         "min_length": KEEP_REASON_MIN_CHARS, "max_length": NOTE_CHARS},
             "hint": _text("A short reason; the reporters will see it.")},
        ],
    }


# --------------------------------------------------------------------------------- card
def card_message(report: Snapshot, *, now: datetime) -> dict[str, Any]:
    """The moderation card: `text` + ≤ 50 blocks; buttons carry the report id only."""
    value = str(report.id)
    title = f"*Post reported for removal* · {report.platform.label} · {report.reason.label}"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": _mrkdwn(title)},
        {"type": "section", "text": _mrkdwn(f"*Link:* {link(report.url)}")},
        {"type": "section", "fields": [
            _mrkdwn(f"*Platform*\n{report.platform.label}"),
            _mrkdwn(f"*Reason*\n{report.reason.label}"),
            _mrkdwn(f"*Reported by*\n{_people(report.reporters)}"),
            _mrkdwn(f"*Status*\n{STATUS_LABELS.get(report.status, report.status)}"),
        ]},
    ]
    if report.excerpt_redacted:
        blocks.append({"type": "section", "text": _mrkdwn("*Excerpt* (case data removed)\n"
                                                          + quote(report.excerpt_redacted))})
    if report.note_redacted:
        blocks.append({"type": "section", "text": _mrkdwn("*Reporter's note*\n" + quote(report.note_redacted))})
    evidence = f"Report #{report.id} · {age_text(report.created_at, now)} ({slack_date(report.created_at)})"
    if report.text_sha256:
        evidence += f" · message SHA-256 `{report.text_sha256[:16]}…`"
    blocks.append({"type": "context", "elements": [_mrkdwn(evidence)]})

    if report.is_open:
        if report.claimed_by:
            blocks.append({"type": "context", "elements": [
                _mrkdwn(f"Claimed by <@{report.claimed_by}>"
                        + (f" {slack_date(report.claimed_at)}" if report.claimed_at else ""))]})
        blocks.append({"type": "actions", "block_id": ReportId.CARD_ACTIONS_BLOCK.value, "elements": [
            {"type": "button", "action_id": ReportId.CLAIM.value, "text": _text("Claim"), "value": value},
            {"type": "button", "action_id": ReportId.MARK_REMOVED.value, "text": _text("Mark removed"),
             "style": "primary", "value": value},
            {"type": "button", "action_id": ReportId.KEEP.value, "text": _text("Keep"), "value": value},
        ]})
    else:
        blocks.append({"type": "section", "text": _mrkdwn(outcome_line(report))})
    text = f"Post reported for removal ({report.platform.label}, {report.reason.label}): " \
           f"{STATUS_LABELS.get(report.status, report.status).lower()}"
    return {"text": text, "blocks": blocks[:50], "unfurl_links": False, "unfurl_media": False}


def outcome_line(report: Snapshot) -> str:
    when = f" {slack_date(report.resolved_at)}" if report.resolved_at else ""
    if report.status == REMOVED:
        return f":white_check_mark: *Removed* by <@{report.resolved_by}>{when}"
    if report.status == KEPT:
        line = f":ballot_box_with_check: *Kept (no violation)* by <@{report.resolved_by}>{when}"
        if report.resolution_note_redacted:
            line += "\n" + quote(report.resolution_note_redacted)
        return line
    return STATUS_LABELS.get(report.status, report.status)


def reminder_message(report: Snapshot, *, now: datetime) -> dict[str, Any]:
    age = age_text(report.created_at, now).removeprefix("opened ")
    if report.claimed_by:
        text = (f":alarm_clock: <@{report.claimed_by}>, this report is still open (reported {age}). "
                "Please remove the post or record why it stays, with the buttons on the card.")
    else:
        text = (f":alarm_clock: This report is still open and unclaimed (reported {age}). "
                "Moderators: please *Claim* it and record the outcome with the buttons on the card.")
    return {"text": text}


def already_resolved_text(report: Snapshot) -> str:
    what = STATUS_LABELS.get(report.status, report.status).lower()
    when = f" {slack_date(report.resolved_at)}" if report.resolved_at else ""
    return f"This report was already resolved by <@{report.resolved_by}> ({what}){when}."


def outcome_dm(report: Snapshot) -> dict[str, Any]:
    where = f"{report.platform.label} post {link(report.url)}"
    if report.status == REMOVED:
        text = f"Update on the {where} you reported: the moderators marked it *removed* (<@{report.resolved_by}>)."
    else:
        text = (f"Update on the {where} you reported: the moderators *kept* it, finding no violation "
                f"(<@{report.resolved_by}>).")
        if report.resolution_note_redacted:
            text += "\nTheir reason:\n" + quote(report.resolution_note_redacted)
    return {"text": text, "unfurl_links": False, "unfurl_media": False}


def open_list_text(reports: list[Snapshot], total: int, *, now: datetime) -> str:
    if not reports:
        return "No open reports. :tada:"
    lines = [f"*Open reports, oldest first ({total}):*"]
    for report in reports[:MAX_LISTED]:
        claimed = f"claimed by <@{report.claimed_by}>" if report.claimed_by else "unclaimed"
        card = f" · {link(report.card_permalink, 'card')}" if report.card_permalink else ""
        lines.append(f"• #{report.id} · {report.platform.label} · {report.reason.label} · "
                     f"{age_text(report.created_at, now)} · {claimed}{card}")
    if total > min(len(reports), MAX_LISTED):
        lines.append(f"…and {total - min(len(reports), MAX_LISTED)} more.")
    return "\n".join(lines)
