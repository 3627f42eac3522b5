"""Reports of public posts flagged for removal: evidence, filing, duplicates, outcomes.

Slack-free: the handlers parse Slack payloads and render views; this module decides.
The raw text of the reported message never leaves `capture_evidence`: only its
SHA-256 hash and a redacted excerpt are kept. Every state change writes an audit row
in the same transaction as the change, and resolving a report closes its reminder in
that transaction too, so a reminder can never outlive the report it nags about.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.labelled_enum import LabelledStrEnum
from bot.links import Platform, detect_platform, is_http_url, normalise_url
from bot.redaction import DEFAULT_CASE_NUMBER_PATTERN, redact
from bot.timeutil import BusinessHours
from storage import audit
from storage import reminders as reminder_store
from storage import reports as store
from storage.db import Database
from storage.reports import KEPT, OPEN, REMOVED, Report

log = logging.getLogger(__name__)

REMINDER_KIND = "report"
EXCERPT_CHARS = 300
NOTE_CHARS = 300
KEEP_REASON_MIN_CHARS = 3
DRAFT_LIFETIME = timedelta(days=1)


class Reason(LabelledStrEnum):
    OFFENSIVE = "offensive", "Offensive"
    PROTECTED_INFO = "protected_info", "Discloses protected information"
    OTHER = "other", "Other"


STATUS_LABELS = {OPEN: "Open", REMOVED: "Removed", KEPT: "Kept (no violation)"}


def reason_of(value: str | None) -> Reason | None:
    try:
        return Reason(value) if value else None
    except ValueError:
        return None


def platform_of(value: str | None) -> Platform:
    try:
        return Platform(value) if value else Platform.OTHER
    except ValueError:
        return Platform.OTHER


# ---------------------------------------------------------------------------- evidence
@dataclass(frozen=True)
class Evidence:
    seen_at: datetime
    text_sha256: str | None
    excerpt_redacted: str | None


def message_text(message: dict[str, Any] | None) -> str:
    """The text a reported message shows: its own text, else its attachments' (page feeds post unfurls)."""
    if not isinstance(message, dict):
        return ""
    text = message.get("text")
    if isinstance(text, str) and text.strip():
        return text
    parts = []
    for attachment in message.get("attachments") or []:
        if isinstance(attachment, dict):
            for key in ("pretext", "title", "text"):
                if isinstance(attachment.get(key), str) and attachment[key].strip():
                    parts.append(attachment[key])
            if not parts and isinstance(attachment.get("fallback"), str):
                parts.append(attachment["fallback"])
    return "\n".join(parts)


def capture_evidence(text: str | None, *, now: datetime,
                     case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN) -> Evidence:
    """Hash the original text and keep only a redacted excerpt of it."""
    if not text:
        return Evidence(seen_at=now, text_sha256=None, excerpt_redacted=None)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    # Redact the whole text before clipping, so a number cut in half cannot slip past.
    redacted = redact(text, case_number_pattern=case_number_pattern).text.strip()
    excerpt = redacted if len(redacted) <= EXCERPT_CHARS else redacted[: EXCERPT_CHARS - 1].rstrip() + "…"
    return Evidence(seen_at=now, text_sha256=digest, excerpt_redacted=excerpt or None)


def new_draft_id() -> str:
    return uuid.uuid4().hex


async def save_draft(db: Database, *, draft_id: str, reporter: str, evidence: Evidence,
                     source_channel: str | None, source_ts: str | None) -> None:
    async with db.session() as session:
        await store.purge_drafts(session, created_before=evidence.seen_at - DRAFT_LIFETIME)
        await store.save_draft(session, draft_id=draft_id, reporter=reporter, created_at=evidence.seen_at,
                               seen_at=evidence.seen_at, source_channel=source_channel, source_ts=source_ts,
                               text_sha256=evidence.text_sha256, excerpt_redacted=evidence.excerpt_redacted)


# ------------------------------------------------------------------------------ filing
class InvalidLink(ValueError):
    """The link is not an http(s) URL with a public host name."""


@dataclass(frozen=True)
class Snapshot:
    """A report as the views need it: plain values, no live ORM object."""

    id: int
    created_at: datetime
    url: str
    platform: Platform
    reason: Reason
    note_redacted: str | None
    excerpt_redacted: str | None
    text_sha256: str | None
    reporters: tuple[str, ...]
    status: str
    claimed_by: str | None
    claimed_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    resolution_note_redacted: str | None
    card_channel: str | None
    card_ts: str | None
    card_permalink: str | None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def _snapshot(row: Report, reporters: list[str]) -> Snapshot:
    return Snapshot(
        id=row.id, created_at=row.created_at, url=row.url, platform=platform_of(row.platform),
        reason=reason_of(row.reason) or Reason.OTHER, note_redacted=row.note_redacted,
        excerpt_redacted=row.excerpt_redacted, text_sha256=row.text_sha256, reporters=tuple(reporters),
        status=row.status, claimed_by=row.claimed_by, claimed_at=row.claimed_at, resolved_by=row.resolved_by,
        resolved_at=row.resolved_at, resolution_note_redacted=row.resolution_note_redacted,
        card_channel=row.card_channel, card_ts=row.card_ts, card_permalink=row.card_permalink,
    )


async def _load(session, report_id: int) -> Snapshot | None:
    row = await store.get(session, report_id=report_id)
    if row is None:
        return None
    await session.refresh(row)
    return _snapshot(row, await store.reporters_of(session, report_id=report_id))


async def load(db: Database, report_id: int) -> Snapshot | None:
    async with db.session() as session:
        return await _load(session, report_id)


async def load_many(session, report_ids: Sequence[int]) -> dict[int, Snapshot]:
    """Snapshots of many reports in two queries; a report that no longer exists is left out."""
    rows = await store.get_many(session, report_ids)
    reporters = await store.reporters_of_many(session, list(rows))
    return {report_id: _snapshot(row, reporters.get(report_id, [])) for report_id, row in rows.items()}


@dataclass(frozen=True)
class Filed:
    report: Snapshot
    created: bool  # False: the post already had an open report
    added: bool  # the reporter was added (False: they had reported it already)


class ReminderPolicy:
    """When the next nag is due: every REMOVAL_REMINDER_EVERY, inside business hours if asked."""

    def __init__(self, every: timedelta, hours: BusinessHours | None, tz) -> None:
        self.every = every
        self.hours = hours
        self.tz = tz

    def next_after(self, now: datetime) -> datetime:
        due = now + self.every
        return self.hours.next_open(due, self.tz) if self.hours is not None else due


async def file_report(
    db: Database,
    *,
    reporter: str,
    url: str,
    platform: Platform | None,
    reason: Reason,
    note: str | None,
    draft_id: str | None,
    team_id: str | None,
    reminders: ReminderPolicy,
    now: datetime | None = None,
    case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN,
) -> Filed:
    """Create the report, or add the reporter to the post's open report."""
    url = (url or "").strip()
    if not is_http_url(url):
        raise InvalidLink(url)
    normalised = normalise_url(url)
    # Someone who picked "Other" (or nothing) gets what the link says; an explicit choice is kept.
    if platform is None or platform == Platform.OTHER:
        platform = detect_platform(normalised)
    now = now or datetime.now(UTC)
    note_redacted = redact((note or "").strip()[: NOTE_CHARS * 2], case_number_pattern=case_number_pattern).text
    note_redacted = note_redacted[:NOTE_CHARS] or None
    url_key = hashlib.sha256(normalised.encode("utf-8")).hexdigest()

    async with db.session() as session:
        draft = await store.take_draft(session, draft_id=draft_id, reporter=reporter) if draft_id else None
        evidence = (Evidence(draft.seen_at, draft.text_sha256, draft.excerpt_redacted) if draft
                    else Evidence(now, None, None))
        created = False
        row = await store.open_by_url_key(session, url_key=url_key)
        if row is None:
            row = await store.insert_open(
                session, created_at=now, team_id=team_id, url=normalised, url_key=url_key, platform=platform.value,
                reason=reason.value, note_redacted=note_redacted, reporter=reporter, seen_at=evidence.seen_at,
                text_sha256=evidence.text_sha256, excerpt_redacted=evidence.excerpt_redacted,
                source_channel=draft.source_channel if draft else None,
                source_ts=draft.source_ts if draft else None,
            )
            if row is None:  # lost a race with another reporter: theirs is the report
                row = await store.open_by_url_key(session, url_key=url_key)
            else:
                created = True
                await audit.record(session, actor=reporter, action="report.created", object_type="report",
                                   object_id=row.id, team_id=team_id, at=now)
                await reminder_store.schedule(session, kind=REMINDER_KIND, subject_id=row.id,
                                              due_at=reminders.next_after(now))
        added = await store.add_reporter(session, report_id=row.id, user_id=reporter, reported_at=now,
                                         reason=reason.value, seen_at=evidence.seen_at,
                                         text_sha256=evidence.text_sha256)
        if added and not created:
            await audit.record(session, actor=reporter, action="report.reporter_added", object_type="report",
                               object_id=row.id, team_id=team_id, at=now)
        snapshot = await _load(session, row.id)
    log.info("post reported", extra={"report_id": snapshot.id, "new_report": created, "reporter_added": added,
                                     "platform": snapshot.platform.value, "reason": reason.value})
    return Filed(report=snapshot, created=created, added=added)


async def record_card(db: Database, *, report_id: int, channel: str, ts: str, permalink: str | None) -> None:
    async with db.session() as session:
        await store.set_card(session, report_id=report_id, channel=channel, ts=ts, permalink=permalink)


async def retry_card_soon(db: Database, *, report_id: int, at: datetime) -> None:
    """The card could not be posted: let the reminder sweep post it instead, soon."""
    async with db.session() as session:
        await reminder_store.postpone(session, kind=REMINDER_KIND, subject_id=report_id, due_at=at)


# ---------------------------------------------------------------------------- outcomes
class Change(StrEnum):
    CLAIMED = "claimed"
    ALREADY_CLAIMED = "already_claimed"  # by the same moderator
    RESOLVED = "resolved"
    ALREADY_RESOLVED = "already_resolved"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class Outcome:
    change: Change
    report: Snapshot | None


async def claim(db: Database, *, report_id: int, moderator: str, team_id: str | None,
                now: datetime | None = None) -> Outcome:
    now = now or datetime.now(UTC)
    async with db.session() as session:
        current = await _load(session, report_id)
        if current is None:
            return Outcome(Change.NOT_FOUND, None)
        if not current.is_open:
            return Outcome(Change.ALREADY_RESOLVED, current)
        if current.claimed_by == moderator:
            return Outcome(Change.ALREADY_CLAIMED, current)
        if not await store.claim(session, report_id=report_id, user_id=moderator, at=now):
            return Outcome(Change.ALREADY_RESOLVED, await _load(session, report_id))
        await audit.record(session, actor=moderator, action="report.claimed", object_type="report",
                           object_id=report_id, team_id=team_id, at=now)
        return Outcome(Change.CLAIMED, await _load(session, report_id))


async def resolve(db: Database, *, report_id: int, moderator: str, status: str, team_id: str | None,
                  note: str | None = None, now: datetime | None = None,
                  case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN) -> Outcome:
    """Record the outcome and stop the reminders, in one transaction."""
    now = now or datetime.now(UTC)
    note_redacted = redact((note or "").strip()[: NOTE_CHARS * 2], case_number_pattern=case_number_pattern).text
    async with db.session() as session:
        current = await _load(session, report_id)
        if current is None:
            return Outcome(Change.NOT_FOUND, None)
        if not current.is_open or not await store.resolve(
                session, report_id=report_id, status=status, user_id=moderator, at=now,
                note_redacted=note_redacted[:NOTE_CHARS] or None):
            return Outcome(Change.ALREADY_RESOLVED, await _load(session, report_id))
        await reminder_store.close(session, kind=REMINDER_KIND, subject_id=report_id)
        await audit.record(session, actor=moderator, action=f"report.{status}", object_type="report",
                           object_id=report_id, team_id=team_id, at=now)
        resolved = await _load(session, report_id)
    log.info("report resolved", extra={"report_id": report_id, "status": status})
    return Outcome(Change.RESOLVED, resolved)


async def open_reports(db: Database, *, limit: int = 100) -> tuple[list[Snapshot], int]:
    """Open reports, oldest first, and how many are open in all."""
    async with db.session() as session:
        rows = await store.list_open(session, limit=limit)
        total = await store.count_open(session)
        reporters = await store.reporters_of_many(session, [row.id for row in rows])
        return [_snapshot(row, reporters.get(row.id, [])) for row in rows], total
