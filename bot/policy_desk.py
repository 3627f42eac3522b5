"""Asking the policy engine on behalf of a staff member: redact, answer, remember.

Slack-free, so the slash command, mentions, DMs and `bot ask` share one path.
The raw question never leaves this module: it is redacted before it is answered,
stored, logged or echoed anywhere.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

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


class QuestionRecorder:
    """Stores answered questions (redacted) and their audit rows after the answers went out.

    Questions are queued and written many per transaction by one task: a row and an audit
    entry per answer, written one by one, cost more than answering and made the answers
    wait behind the database under load. Each batch is written in the recorder's own thread
    on a synchronous connection: one hop off the event loop per batch, where the async
    driver made one per statement, cursor and commit, each waking the loop.
    """

    def __init__(self, db: Database, *, batch_size: int = 50) -> None:
        self.db = db
        self.batch_size = batch_size
        self._queue: asyncio.Queue[dict] = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self._thread: ThreadPoolExecutor | None = None

    def submit(self, asked: AskedQuestion, *, asker: str, surface: str, team_id: str | None) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="policy.recorder")
        self._queue.put_nowait({"ref": asked.ref, "asker": asker, "surface": surface, "team_id": team_id,
                                "question_redacted": asked.redacted, "verdict": asked.answer.verdict.value,
                                "rule_id": asked.answer.rule_id, "asked_at": datetime.now(UTC)})
        log.info("policy question answered", extra={"ref": asked.ref, "surface": surface,
                                                    "verdict": asked.answer.verdict.value,
                                                    "rule_id": asked.answer.rule_id,
                                                    "sensitive": sorted(asked.sensitive_kinds)})

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policy.recorder")
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self.batch_size and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await loop.run_in_executor(self._thread, self._write, batch)
            except Exception:  # noqa: BLE001 - logged with an ID; answers already went out
                log.exception("could not store answered questions", extra={"count": len(batch),
                                                                          "error_id": uuid.uuid4().hex[:8]})
            finally:
                for _ in batch:
                    self._queue.task_done()

    def _write(self, batch: list[dict]) -> None:
        """One transaction, in the recorder's thread: the questions, then their audit rows."""
        rows = [{k: v for k, v in item.items() if k != "team_id"} for item in batch]
        with self.db.blocking_engine().begin() as connection:
            ids = store.add_questions(connection, rows)
            audit.record_many(connection, [
                {"actor": item["asker"], "action": "policy_question.asked", "object_type": "policy_question",
                 "object_id": question_id, "team_id": item["team_id"], "at": item["asked_at"]}
                for item, question_id in zip(batch, ids, strict=True)
            ])

    async def flush(self) -> None:
        """Wait until everything submitted so far is stored."""
        await self._queue.join()

    async def stop(self) -> None:
        await self.flush()
        if self._task is not None:
            self._task.cancel()
            self._task = None
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None


def quote_for_slack(text: str) -> str:
    """A redacted question or reply as a Slack block quote that cannot ping anyone."""
    return "\n".join(f">{line}" for line in escape_mrkdwn(text).splitlines() or [""])
