"""Asking the policy engine on behalf of a staff member: redact, answer, remember.

Slack-free, so the slash command, mentions, DMs and `bot ask` share one path.
The raw question never leaves this module: it is redacted before it is answered,
stored, logged or echoed anywhere.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass

from bot.policy import answer
from bot.policy.models import PolicyAnswer
from bot.redaction import DEFAULT_CASE_NUMBER_PATTERN, escape_mrkdwn, redact
from storage import audit
from storage import policy as store
from storage.db import Database

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 4000
_MENTION_OF = re.compile(r"<@[UW][A-Z0-9]+(\|[^>]*)?>")


@dataclass(frozen=True)
class AskedQuestion:
    ref: str  # opaque ID that buttons carry instead of the question
    redacted: str
    sensitive_kinds: frozenset[str]
    answer: PolicyAnswer

    @property
    def had_sensitive_data(self) -> bool:
        return bool(self.sensitive_kinds)


def strip_bot_mention(text: str, bot_user_id: str | None) -> str:
    """`<@U0BOT> can I…` → `can I…`; other mentions stay (and are escaped when echoed)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return text.strip()


def ask(question: str, *, case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN) -> AskedQuestion:
    clipped = (question or "")[:MAX_QUESTION_CHARS]
    redacted = redact(clipped, case_number_pattern=case_number_pattern)
    # Mentions carry no policy meaning; dropping them keeps user IDs out of storage.
    text = _MENTION_OF.sub(" ", redacted.text)
    result = answer(text)
    return AskedQuestion(ref=uuid.uuid4().hex[:16], redacted=text.strip(), sensitive_kinds=redacted.kinds,
                         answer=result)


async def remember(db: Database, asked: AskedQuestion, *, asker: str, surface: str, team_id: str | None) -> None:
    """Store the redacted question and audit it; runs after the answer has gone out."""
    async with db.session() as session:
        row = await store.add_question(
            session, ref=asked.ref, asker=asker, surface=surface, question_redacted=asked.redacted,
            verdict=asked.answer.verdict.value, rule_id=asked.answer.rule_id,
        )
        await audit.record(session, actor=asker, action="policy_question.asked", object_type="policy_question",
                           object_id=row.id, team_id=team_id)
    log.info("policy question answered", extra={"ref": asked.ref, "surface": surface,
                                                "verdict": asked.answer.verdict.value, "rule_id": asked.answer.rule_id,
                                                "sensitive": sorted(asked.sensitive_kinds)})


def quote_for_slack(text: str) -> str:
    """A redacted question or reply as a Slack block quote that cannot ping anyone."""
    return "\n".join(f">{line}" for line in escape_mrkdwn(text).splitlines() or [""])
