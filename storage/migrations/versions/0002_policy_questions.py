"""Policy questions (redacted) and answer feedback.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_question",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ref", sa.String(32), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("asker", sa.String(32), nullable=False),
        sa.Column("surface", sa.String(16), nullable=False),
        sa.Column("question_redacted", sa.String(4000), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("rule_id", sa.String(64), nullable=True),
        sa.Column("escalated_at", UTCDateTime(), nullable=True),
        sa.Column("escalation_channel", sa.String(32), nullable=True),
        sa.Column("escalation_ts", sa.String(32), nullable=True),
    )
    op.create_index("ix_policy_question_ref", "policy_question", ["ref"], unique=True)
    op.create_index("ix_policy_question_escalation_ts", "policy_question", ["escalation_ts"])
    op.create_table(
        "policy_feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("question_ref", sa.String(32), nullable=True),
        sa.Column("rule_id", sa.String(64), nullable=True),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_policy_feedback_question_ref", "policy_feedback", ["question_ref"])


def downgrade() -> None:
    op.drop_table("policy_feedback")
    op.drop_table("policy_question")
