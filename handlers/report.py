"""Report a public post for removal: shortcuts, /report-post, the moderation card, reminders.

Thin adapter: parse the payload, ack, call bot.reports, render with handlers.views.report,
call Slack. Shortcut and command listeners call views.open before anything else,
because a trigger_id lives for 3 s and works once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError

from bot import reports
from bot.links import detect_platform, first_url, is_http_url
from bot.reminders import RetryAt, Sent, Stop, retry_after
from bot.slack_client import post_message
from bot.reports import Change, ReminderPolicy, Snapshot
from handlers.ids import Command, ReportId
from handlers.views.report import (
    already_resolved_text,
    card_message,
    filed_modal,
    info_modal,
    keep_modal,
    open_list_text,
    outcome_dm,
    reminder_message,
    report_modal,
)
from storage.reports import KEPT, REMOVED

if TYPE_CHECKING:
    from slack_bolt.app.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.runtime import Runtime
    from bot.settings import Settings
    from storage.reminders import Claimed

log = logging.getLogger(__name__)

HELP = (
    "*Report a public post for removal*\n"
    "• Use the message shortcut *Report post for removal* on a message that shows or links the post.\n"
    "• Or type `/report-post https://…` (or just `/report-post`) to fill in the form yourself.\n"
    "• Moderators: `/report-post list` shows the open reports, oldest first.\n"
    "Please do not paste case numbers, SSNs or other case data: they are removed before anything is stored."
)
NOT_CONFIGURED = ("Reporting posts is not set up yet: no moderation channel is configured. "
                  "Please tell the page moderators directly and send them the link to the post.")
NOT_A_MODERATOR = "Only the page moderators can do that (members of the moderation channel)."
UNKNOWN_REPORT = "I can't find that report any more."
ALREADY_CLAIMED = "You have already claimed this report."
BAD_LINK = "Enter the post's link, starting with https:// (or http://)."
NO_REASON = "Choose why the post should be removed."
KEEP_TOO_SHORT = "Give a short reason (a few words) why the post stays."
CARD_RETRY = timedelta(minutes=1)


class ModeratorDirectory:
    """Who may act on reports: MODERATOR_USER_IDS when set, else the moderation channel's members.

    Channel membership is cached briefly: a moderator clicking through a few cards
    must not cost a paginated conversations.members call each time.
    """

    def __init__(self, settings: Settings, *, ttl: float = 60.0) -> None:
        self.settings = settings
        self.ttl = ttl
        self._members: frozenset[str] | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def is_moderator(self, client: AsyncWebClient, user: str) -> bool:
        if self.settings.moderators:
            return user in self.settings.moderators
        if not self.settings.moderation_channel:
            return False
        return user in await self._channel_members(client)

    async def _channel_members(self, client: AsyncWebClient) -> frozenset[str]:
        async with self._lock:
            if self._members is not None and time.monotonic() - self._fetched_at < self.ttl:
                return self._members
            members: set[str] = set()
            cursor = None
            try:
                while True:
                    page = await client.conversations_members(channel=self.settings.moderation_channel,
                                                              limit=200, cursor=cursor)
                    members.update(page.get("members") or [])
                    cursor = (page.get("response_metadata") or {}).get("next_cursor")
                    if not cursor:
                        break
            except SlackApiError as error:
                log.warning("could not list the moderation channel's members",
                            extra={"error": error.response.get("error")})
                # A stale list beats locking every moderator out during a Slack hiccup.
                return self._members if self._members is not None else frozenset()
            self._members, self._fetched_at = frozenset(members), time.monotonic()
            return self._members


def message_permalink(*, api_url: str, team_domain: str | None, channel: str | None, ts: str | None,
                      thread_ts: str | None = None) -> str | None:
    """A message's permalink, built locally: chat.getPermalink would spend the trigger's 3 s."""
    if not (team_domain and channel and ts):
        return None
    host = urlsplit(api_url).hostname or ""
    # GovSlack (slack-gov.com) and slack.com: messages live on <workspace>.<host>.
    base = host if is_http_url(f"https://{host}/") and not host.startswith("127.") else "slack.com"
    link = f"https://{team_domain}.{base}/archives/{channel}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel}"
    return link if is_http_url(link) else None


def _state(view: dict[str, Any], block: ReportId, action: ReportId) -> dict[str, Any]:
    return ((view.get("state") or {}).get("values") or {}).get(block.value, {}).get(action.value) or {}


def _text_value(view: dict[str, Any], block: ReportId, action: ReportId) -> str:
    return (_state(view, block, action).get("value") or "").strip()


def _selected(view: dict[str, Any], block: ReportId, action: ReportId) -> str | None:
    option = _state(view, block, action).get("selected_option")
    return option.get("value") if isinstance(option, dict) else None


def _report_id(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def register(app: AsyncApp, runtime: Runtime) -> None:
    settings = runtime.settings
    db = runtime.db
    moderators = ModeratorDirectory(settings)
    reminder_policy = ReminderPolicy(settings.removal_reminder_every,
                                     settings.hours if settings.reminder_business_hours_only else None, settings.tz)
    pattern = settings.case_number_pattern

    # ------------------------------------------------------------------ opening the form
    async def open_form(client: AsyncWebClient, *, trigger_id: str, user: str, link_value: str | None,
                        message: dict[str, Any] | None, source_channel: str | None,
                        source_ts: str | None) -> None:
        if not settings.moderation_channel:
            await client.views_open(trigger_id=trigger_id, view=info_modal("Report post", NOT_CONFIGURED))
            return
        # Evidence stays on our side: the modal's private_metadata carries only this draft's
        # opaque id, and the draft row holds the hash and the redacted excerpt. Carrying the
        # excerpt in private_metadata would also work, but would send message content through
        # Slack's view payloads and break the "only IDs in private_metadata" rule.
        draft_id = reports.new_draft_id()
        await client.views_open(trigger_id=trigger_id, view=report_modal(
            link_value=link_value, platform=detect_platform(link_value), draft_id=draft_id))
        evidence = reports.capture_evidence(reports.message_text(message) if message else None,
                                            now=datetime.now(UTC), case_number_pattern=pattern)
        await reports.save_draft(db, draft_id=draft_id, reporter=user, evidence=evidence,
                                 source_channel=source_channel, source_ts=source_ts)

    @app.shortcut(ReportId.MESSAGE_SHORTCUT.value)
    async def report_message_shortcut(ack, body, client):
        await ack()
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id")
        ts = message.get("ts") or body.get("message_ts")
        link_value = first_url(message.get("text"), message.get("attachments")) or message_permalink(
            api_url=settings.slack_api_url, team_domain=(body.get("team") or {}).get("domain"),
            channel=channel, ts=ts, thread_ts=message.get("thread_ts"))
        await open_form(client, trigger_id=body["trigger_id"], user=body["user"]["id"], link_value=link_value,
                        message=message, source_channel=channel, source_ts=ts)

    @app.shortcut(ReportId.GLOBAL_SHORTCUT.value)
    async def report_global_shortcut(ack, body, client):
        await ack()
        await open_form(client, trigger_id=body["trigger_id"], user=body["user"]["id"], link_value=None,
                        message=None, source_channel=None, source_ts=None)

    @app.command(Command.REPORT_POST.value)
    async def report_command(ack, command, client):
        text = (command.get("text") or "").strip()
        user = command["user_id"]
        if text.lower() in {"help", "?"}:
            await ack(response_type="ephemeral", text=HELP)
            return
        if text.lower() == "list":
            if not await moderators.is_moderator(client, user):
                await ack(response_type="ephemeral", text=NOT_A_MODERATOR)
                return
            listed, total = await reports.open_reports(db)
            await ack(response_type="ephemeral", text=open_list_text(listed, total, now=datetime.now(UTC)))
            return
        await ack()
        await open_form(client, trigger_id=command["trigger_id"], user=user, link_value=first_url(text),
                        message=None, source_channel=None, source_ts=None)

    # ---------------------------------------------------------------------- submitting
    @app.view(ReportId.MODAL.value)
    async def report_submitted(ack, body, view, context):
        user = body["user"]["id"]
        url = _text_value(view, ReportId.URL_BLOCK, ReportId.URL_INPUT)
        reason = reports.reason_of(_selected(view, ReportId.REASON_BLOCK, ReportId.REASON_INPUT))
        errors = {}
        if not is_http_url(url):
            errors[ReportId.URL_BLOCK.value] = BAD_LINK
        if reason is None:
            errors[ReportId.REASON_BLOCK.value] = NO_REASON
        if errors:
            await ack(response_action="errors", errors=errors)
            return
        chosen = _selected(view, ReportId.PLATFORM_BLOCK, ReportId.PLATFORM_INPUT)
        filed = await reports.file_report(
            db, reporter=user, url=url, platform=reports.platform_of(chosen) if chosen else None, reason=reason,
            note=_text_value(view, ReportId.NOTE_BLOCK, ReportId.NOTE_INPUT),
            draft_id=(view.get("private_metadata") or "")[:32] or None, team_id=context.team_id,
            reminders=reminder_policy, case_number_pattern=pattern)
        await ack(response_action="update", view=filed_modal(filed.report, created=filed.created, added=filed.added))
        if filed.created:
            runtime.spawn(post_card_or_retry(filed.report.id), name="report.card")
        elif filed.added:
            runtime.spawn(refresh_card(filed.report.id), name="report.card_update")

    # -------------------------------------------------------------------- the card
    async def post_card(report: Snapshot) -> None:
        """Post the card and remember where it is. Raises SlackApiError if Slack refuses."""
        client = runtime.client
        posted = await client.chat_postMessage(channel=settings.moderation_channel,
                                               **card_message(report, now=datetime.now(UTC)))
        permalink = None
        try:
            permalink = (await client.chat_getPermalink(channel=posted["channel"],
                                                        message_ts=posted["ts"]))["permalink"]
        except Exception:  # noqa: BLE001 - the card works without its permalink
            log.warning("no permalink for a report card", extra={"report_id": report.id})
        await reports.record_card(db, report_id=report.id, channel=posted["channel"], ts=posted["ts"],
                                  permalink=permalink)

    async def post_card_or_retry(report_id: int) -> None:
        report = await reports.load(db, report_id)
        if report is None or report.card_ts:
            return
        try:
            await post_card(report)
        except SlackApiError as error:
            # The reminder row falls due at once (or after Retry-After) and the sweep posts the card.
            wait = retry_after(error)
            at = datetime.now(UTC) + (timedelta(seconds=wait) if wait else CARD_RETRY)
            await reports.retry_card_soon(db, report_id=report_id, at=at)
            log.warning("report card not posted; the reminder sweep will retry",
                        extra={"report_id": report_id, "error": error.response.get("error")})

    async def update_card(report: Snapshot) -> None:
        if not (report.card_channel and report.card_ts):
            return
        message = card_message(report, now=datetime.now(UTC))
        await runtime.client.chat_update(channel=report.card_channel, ts=report.card_ts,
                                         text=message["text"], blocks=message["blocks"])

    async def refresh_card(report_id: int) -> None:
        report = await reports.load(db, report_id)
        if report is not None:
            await update_card(report)

    async def tell_reporters(report: Snapshot) -> None:
        message = outcome_dm(report)
        for reporter in report.reporters:
            try:
                await runtime.client.chat_postMessage(channel=reporter, **message)
            except SlackApiError as error:
                log.warning("could not tell a reporter the outcome",
                            extra={"report_id": report.id, "error": error.response.get("error")})

    async def after_resolution(report: Snapshot) -> None:
        await update_card(report)
        await tell_reporters(report)

    # ------------------------------------------------------------------- card buttons
    async def refuse(respond, text: str) -> None:
        await respond(response_type="ephemeral", replace_original=False, text=text)

    async def checked(body, respond, client) -> int | None:
        """The report id of a card click by a moderator, or None after telling the user why not."""
        user = body["user"]["id"]
        if not await moderators.is_moderator(client, user):
            await refuse(respond, NOT_A_MODERATOR)
            return None
        report_id = _report_id((body.get("actions") or [{}])[0].get("value"))
        if report_id is None:
            await refuse(respond, UNKNOWN_REPORT)
        return report_id

    async def answer_stale(outcome: reports.Outcome, respond) -> bool:
        """Tell the clicker why nothing changed; True if so."""
        if outcome.change == Change.NOT_FOUND:
            await refuse(respond, UNKNOWN_REPORT)
        elif outcome.change == Change.ALREADY_RESOLVED:
            await refuse(respond, already_resolved_text(outcome.report))
            # The card clicked may be stale (an update that failed): show the outcome on it.
            runtime.spawn(update_card(outcome.report), name="report.card_update")
        elif outcome.change == Change.ALREADY_CLAIMED:
            await refuse(respond, ALREADY_CLAIMED)
        else:
            return False
        return True

    @app.action(ReportId.CLAIM.value)
    async def claim_clicked(ack, body, respond, client, context):
        await ack()
        report_id = await checked(body, respond, client)
        if report_id is None:
            return
        outcome = await reports.claim(db, report_id=report_id, moderator=body["user"]["id"], team_id=context.team_id)
        if not await answer_stale(outcome, respond):
            await update_card(outcome.report)

    @app.action(ReportId.MARK_REMOVED.value)
    async def removed_clicked(ack, body, respond, client, context):
        await ack()
        report_id = await checked(body, respond, client)
        if report_id is None:
            return
        outcome = await reports.resolve(db, report_id=report_id, moderator=body["user"]["id"], status=REMOVED,
                                        team_id=context.team_id, case_number_pattern=pattern)
        if not await answer_stale(outcome, respond):
            await update_card(outcome.report)
            runtime.spawn(tell_reporters(outcome.report), name="report.outcome_dm")

    @app.action(ReportId.KEEP.value)
    async def keep_clicked(ack, body, respond, client):
        await ack()
        # Both checks are fast (a cached member list, a primary-key read) and keep a
        # non-moderator from seeing a form they cannot submit; the trigger allows 3 s.
        report_id = await checked(body, respond, client)
        if report_id is None:
            return
        report = await reports.load(db, report_id)
        if report is None:
            await refuse(respond, UNKNOWN_REPORT)
        elif not report.is_open:
            await refuse(respond, already_resolved_text(report))
        else:
            await client.views_open(trigger_id=body["trigger_id"], view=keep_modal(report_id))

    @app.view(ReportId.KEEP_MODAL.value)
    async def keep_submitted(ack, body, view, client, context):
        user = body["user"]["id"]
        reason = _text_value(view, ReportId.KEEP_REASON_BLOCK, ReportId.KEEP_REASON_INPUT)
        if len(reason) < reports.KEEP_REASON_MIN_CHARS:
            await ack(response_action="errors", errors={ReportId.KEEP_REASON_BLOCK.value: KEEP_TOO_SHORT})
            return
        if not await moderators.is_moderator(client, user):
            await ack(response_action="errors", errors={ReportId.KEEP_REASON_BLOCK.value: NOT_A_MODERATOR})
            return
        report_id = _report_id(view.get("private_metadata"))
        outcome = (await reports.resolve(db, report_id=report_id, moderator=user, status=KEPT, note=reason,
                                         team_id=context.team_id, case_number_pattern=pattern)
                   if report_id is not None else reports.Outcome(Change.NOT_FOUND, None))
        if outcome.change == Change.NOT_FOUND:
            await ack(response_action="update", view=info_modal("Keep the post", UNKNOWN_REPORT))
        elif outcome.change == Change.ALREADY_RESOLVED:
            await ack(response_action="update",
                      view=info_modal("Already resolved", already_resolved_text(outcome.report)))
            runtime.spawn(update_card(outcome.report), name="report.card_update")
        else:
            await ack()
            runtime.spawn(after_resolution(outcome.report), name="report.outcome")

    # ---------------------------------------------------------------------- reminders
    async def send_reminder(claimed: Claimed, now: datetime) -> Sent | Stop | RetryAt:
        # Read by reports.load_many just before this chunk's sends: a report resolved a moment ago
        # gets no reminder (and resolving clears the claim, so no stamp revives the row either).
        report: Snapshot | None = claimed.subject
        if report is None or not report.is_open:
            return Stop("resolved")
        if not settings.moderation_channel:
            return Stop("no moderation channel")
        if not report.card_ts:
            await post_card(report)  # the first attempt failed; a 429 here is retried by the sweep
            return Sent(reminder_policy.next_after(now))
        await post_message(runtime.client, channel=report.card_channel, thread_ts=report.card_ts,
                           **reminder_message(report, now=now))
        try:
            await update_card(report)  # keeps the card's "opened … ago" current
        except SlackApiError:
            log.info("card age not refreshed", extra={"report_id": report.id})
        return Sent(reminder_policy.next_after(now))

    runtime.reminders.register(reports.REMINDER_KIND, send_reminder, load=reports.load_many)


__all__ = ["ModeratorDirectory", "message_permalink", "register"]
