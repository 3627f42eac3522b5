"""Reports of public posts flagged for removal, their reporters, and modal drafts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_draft",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("reporter", sa.String(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("source_channel", sa.String(32), nullable=True),
        sa.Column("source_ts", sa.String(32), nullable=True),
        sa.Column("text_sha256", sa.String(64), nullable=True),
        sa.Column("excerpt_redacted", sa.String(500), nullable=True),
    )
    op.create_index("ix_report_draft_created_at", "report_draft", ["created_at"])

    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("url_key", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("note_redacted", sa.String(500), nullable=True),
        sa.Column("reporter", sa.String(32), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=True),
        sa.Column("excerpt_redacted", sa.String(500), nullable=True),
        sa.Column("source_channel", sa.String(32), nullable=True),
        sa.Column("source_ts", sa.String(32), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="open"),
        sa.Column("claimed_by", sa.String(32), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(32), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("resolution_note_redacted", sa.String(500), nullable=True),
        sa.Column("card_channel", sa.String(32), nullable=True),
        sa.Column("card_ts", sa.String(32), nullable=True),
        sa.Column("card_permalink", sa.String(2000), nullable=True),
    )
    # One open report per post: duplicate detection is decided by the database, so two
    # reporters racing (even on two replicas) cannot both create a report.
    op.create_index(
        "uq_report_open_url",
        "report",
        ["url_key"],
        unique=True,
        sqlite_where=sa.text("status = 'open'"),
        postgresql_where=sa.text("status = 'open'"),
    )
    # `/report-post list`: open reports, oldest first.
    op.create_index("ix_report_status_created", "report", ["status", "created_at"])

    op.create_table(
        "report_reporter",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("report.id", ondelete="CASCADE"), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("reported_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=True),
        sa.UniqueConstraint("report_id", "user_id", name="uq_report_reporter"),
    )
    op.create_index("ix_report_reporter_report_id", "report_reporter", ["report_id"])


def downgrade() -> None:
    op.drop_table("report_reporter")
    op.drop_table("report")
    op.drop_table("report_draft")
