"""Locate leads: the rules of logging and verifying one, without any Slack in sight.

The Letter allows using *publicly shared* postings to locate a participant's whereabouts,
employment or assets, but the information "must be independently verified" (22 CCR § 113100)
before anyone acts on it. Everything here serves that: attestations at logging time, a
checklist of independent sources, refusing social media as a "verification" of itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import yaml

from bot.labelled_enum import LabelledStrEnum
from bot.links import Platform, detect_platform, is_http_url, normalise_url
from bot.redaction import redact_text
from bot.settings import Settings

MAX_SUMMARY = 500
MAX_NOTE = 1000
MAX_SNOOZES = 2
SNOOZE_DAYS = (1, 3)
OTHER_SOURCE = "other"
UNVERIFIED_WARNING = "Unverified: do not act on this yet"
CITATION = "CSSP Letter 16-04; 22 CCR § 113100"


class LeadType(LabelledStrEnum):
    WHEREABOUTS = "whereabouts", "Whereabouts"
    EMPLOYMENT = "employment", "Employment"
    ASSETS = "assets", "Assets"


class Outcome(LabelledStrEnum):
    CONFIRMED = "confirmed", "Confirmed"
    NOT_CONFIRMED = "not_confirmed", "Not confirmed"
    INCONCLUSIVE = "inconclusive", "Inconclusive"

    @property
    def status(self) -> str:
        return {"confirmed": "verified", "not_confirmed": "not_confirmed", "inconclusive": "inconclusive"}[self.value]


STATUS_LABELS = {
    "unverified": UNVERIFIED_WARNING,
    "verified": "Verified",
    "not_confirmed": "Not confirmed",
    "inconclusive": "Inconclusive",
    "withdrawn": "Withdrawn",
}


class Attestation(LabelledStrEnum):
    PUBLIC = "public", "The information was publicly shared: I did not friend, follow or message anyone"
    AGENCY_ACCOUNT = "agency_account", "I used an agency account, not a personal one"


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    label: str


@cache
def checklists() -> dict[LeadType, tuple[ChecklistItem, ...]]:
    raw = yaml.safe_load((Path(__file__).parent / "lead_checklists.yaml").read_text())
    return {LeadType(kind): tuple(ChecklistItem(**item) for item in items) for kind, items in raw.items()}


def checklist_for(lead_type: str) -> tuple[ChecklistItem, ...]:
    return checklists()[LeadType(lead_type)]


def source_label(lead_type: str, source_id: str) -> str | None:
    return next((item.label for item in checklist_for(lead_type) if item.id == source_id), None)


# Words that mean the "verification" came from social media again, which is not independent.
_SOCIAL = re.compile(
    r"\b(social\s*media|facebook|fb|messenger|instagram|insta|ig|twitter|tweet|x\.com|tiktok|tik\s*tok|"
    r"linkedin|snapchat|youtube|nextdoor|reddit|whatsapp|telegram)\b",
    re.IGNORECASE,
)


def is_social_media_source(text: str) -> bool:
    return bool(_SOCIAL.search(text or ""))


@dataclass(frozen=True)
class LeadDraft:
    case_number: str
    lead_type: LeadType
    platform: Platform
    url: str
    summary: str  # redacted
    seen_on: date


def normalise_case_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def validate_lead(values: dict[str, object], *, settings: Settings, today: date) -> LeadDraft | dict[str, str]:
    """Field name → message for every problem, or the draft to store. Nothing is stored on error."""
    errors: dict[str, str] = {}
    case_number = normalise_case_number(str(values.get("case_number") or ""))
    if not re.fullmatch(settings.case_number_pattern, case_number):
        errors["case_number"] = "Enter the case number exactly (12 digits in California)."
    lead_type = values.get("lead_type")
    if lead_type not in set(LeadType):
        errors["lead_type"] = "Choose what the posting shows."
    url = str(values.get("url") or "").strip()
    if not is_http_url(url):
        errors["url"] = "Enter the public link to the posting (http:// or https://)."
    summary = str(values.get("summary") or "").strip()
    if not summary:
        errors["summary"] = "Say briefly what the posting shows."
    seen_on = values.get("seen_on")
    if not isinstance(seen_on, date):
        errors["seen_on"] = "Pick the date you saw the posting."
    elif seen_on > today:
        errors["seen_on"] = "The date seen cannot be in the future."
    attested = set(values.get("attestations") or ())
    if Attestation.PUBLIC not in attested:
        errors["attestations"] = (
            "Only publicly shared information may be used: confirm you did not friend, follow or message anyone."
        )
    elif Attestation.AGENCY_ACCOUNT not in attested:
        errors["attestations"] = "Child support work may not be done while signed in to a personal account."
    if errors:
        return errors
    chosen = values.get("platform")
    # "Other" or no choice: the link usually says which platform it is.
    platform = Platform(chosen) if chosen in set(Platform) - {Platform.OTHER} else detect_platform(url)
    return LeadDraft(
        case_number=case_number,
        lead_type=LeadType(lead_type),
        platform=platform,
        url=normalise_url(url),
        summary=redact_text(summary, case_number_pattern=settings.case_number_pattern)[:MAX_SUMMARY],
        seen_on=seen_on,
    )


@dataclass(frozen=True)
class Verification:
    source: str  # a checklist label, or the staff member's description of another independent source
    outcome: Outcome
    verified_on: date
    note: str  # redacted


def validate_verification(values: dict[str, object], *, lead_type: str, settings: Settings,
                          today: date) -> Verification | dict[str, str]:
    errors: dict[str, str] = {}
    source_id = str(values.get("source") or "")
    other = str(values.get("other_source") or "").strip()
    if source_id == OTHER_SOURCE or (not source_id and other):
        if not other:
            errors["other_source"] = "Describe the independent source you used."
        source = redact_text(other, case_number_pattern=settings.case_number_pattern)[:200]
    else:
        source = source_label(lead_type, source_id) or ""
        if not source:
            errors["source"] = "Choose the independent source you used."
    if is_social_media_source(other if source_id in {OTHER_SOURCE, ""} else ""):
        errors["other_source"] = (
            f"Social media is not an independent source. Verify with a non-social-media source ({CITATION})."
        )
    outcome = values.get("outcome")
    if outcome not in set(Outcome):
        errors["outcome"] = "Choose the outcome."
    verified_on = values.get("verified_on")
    if not isinstance(verified_on, date):
        errors["verified_on"] = "Pick the date you verified it."
    elif verified_on > today:
        errors["verified_on"] = "The date verified cannot be in the future."
    if errors:
        return errors
    note = redact_text(str(values.get("note") or "").strip(), case_number_pattern=settings.case_number_pattern)
    return Verification(source=source, outcome=Outcome(outcome), verified_on=verified_on, note=note[:MAX_NOTE])


def reminder_due(now: datetime, delay: timedelta, settings: Settings) -> datetime:
    """`delay` from now, moved into business hours when reminders are limited to them."""
    due = now + delay
    if settings.reminder_business_hours_only:
        due = settings.hours.next_open(due, settings.tz)
    return due


def snooze_until(now: datetime, days: int, settings: Settings) -> datetime:
    return settings.hours.add_business_days(now, days, settings.tz)
