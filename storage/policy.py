"""Policy questions (stored redacted only) and the feedback staff give on answers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Connection, insert, select, update
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import utcnow
from storage.types import UTCDateTime

MAX_QUESTION_CHARS = 4000


class PolicyQuestion(SQLModel, table=True):
    __tablename__ = "policy_question"

    id: int | None = Field(default=None, primary_key=True)
    ref: str = Field(max_length=32, unique=True, index=True)  # opaque ID carried by buttons
    asked_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    asker: str = Field(max_length=32)
    surface: str = Field(max_length=16)  # command | mention | dm
    question_redacted: str = Field(max_length=MAX_QUESTION_CHARS)
    verdict: str = Field(max_length=32)
    rule_id: str | None = Field(default=None, max_length=64)
    escalated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    escalation_channel: str | None = Field(default=None, max_length=32)
    escalation_ts: str | None = Field(default=None, max_length=32, index=True)


class PolicyFeedback(SQLModel, table=True):
    __tablename__ = "policy_feedback"

    id: int | None = Field(default=None, primary_key=True)
    question_ref: str | None = Field(default=None, max_length=32, index=True)
    rule_id: str | None = Field(default=None, max_length=64)
    helpful: bool
    user_id: str = Field(max_length=32)
    at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))


async def add_question(session: AsyncSession, **fields) -> PolicyQuestion:
    fields["question_redacted"] = fields["question_redacted"][:MAX_QUESTION_CHARS]
    row = PolicyQuestion(asked_at=utcnow(), **fields)
    session.add(row)
    await session.flush()
    return row


def add_questions(connection: Connection, rows: list[dict]) -> list[int]:
    """Insert many questions in one statement on a synchronous connection (a writer thread's);
    returns their IDs in order."""
    values = [{**row, "question_redacted": row["question_redacted"][:MAX_QUESTION_CHARS],
               "asked_at": row.get("asked_at") or utcnow()} for row in rows]
    # executemany with a cached statement: a multi-VALUES insert is compiled afresh for every
    # batch size, which showed up in the answers' p99.
    table = PolicyQuestion.__table__
    statement = insert(table).returning(table.c.id, table.c.ref, sort_by_parameter_order=True)
    result = connection.execute(statement, values)
    ids = {ref: id_ for id_, ref in result.all()}
    return [ids[row["ref"]] for row in rows]


async def question_by_ref(session: AsyncSession, ref: str) -> PolicyQuestion | None:
    return (await session.exec(select(PolicyQuestion).where(PolicyQuestion.ref == ref))).scalars().first()


async def question_by_thread(session: AsyncSession, channel: str, ts: str) -> PolicyQuestion | None:
    result = await session.exec(
        select(PolicyQuestion).where(PolicyQuestion.escalation_channel == channel, PolicyQuestion.escalation_ts == ts)
    )
    return result.scalars().first()


async def claim_escalation(session: AsyncSession, question: PolicyQuestion, channel: str) -> bool:
    """Mark as escalated; False if someone (a double click) already did."""
    result = await session.exec(
        update(PolicyQuestion)
        .where(PolicyQuestion.id == question.id, PolicyQuestion.escalated_at.is_(None))
        .values(escalated_at=utcnow(), escalation_channel=channel)
    )
    return bool(result.rowcount)


async def release_escalation(session: AsyncSession, question_id: int) -> None:
    await session.exec(
        update(PolicyQuestion).where(PolicyQuestion.id == question_id).values(escalated_at=None, escalation_channel=None)
    )


async def set_escalation_ts(session: AsyncSession, question_id: int, ts: str) -> None:
    await session.exec(update(PolicyQuestion).where(PolicyQuestion.id == question_id).values(escalation_ts=ts))


async def add_feedback(session: AsyncSession, *, question_ref: str | None, rule_id: str | None, helpful: bool,
                       user_id: str) -> PolicyFeedback:
    row = PolicyFeedback(question_ref=question_ref, rule_id=rule_id, helpful=helpful, user_id=user_id, at=utcnow())
    session.add(row)
    await session.flush()
    return row
