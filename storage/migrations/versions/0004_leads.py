"""Locate leads.

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lead",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner", sa.String(32), nullable=False),
        sa.Column("team_id", sa.String(32), nullable=True),
        sa.Column("case_number", sa.String(32), nullable=False),
        sa.Column("lead_type", sa.String(16), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("summary", sa.String(500), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=False),
        sa.Column("attested_public", sa.Boolean(), nullable=False),
        sa.Column("attested_agency_account", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("checked_sources", sa.String(500), nullable=False, server_default=""),
        sa.Column("snooze_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("escalated_at", UTCDateTime(), nullable=True),
        sa.Column("escalation_reason", sa.String(32), nullable=True),
        sa.Column("dm_channel", sa.String(32), nullable=True),
        sa.Column("dm_ts", sa.String(32), nullable=True),
        sa.Column("verified_source", sa.String(200), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("verification_note", sa.String(1000), nullable=True),
        sa.Column("withdraw_reason", sa.String(500), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("closed_by", sa.String(32), nullable=True),
    )
    op.create_index("ix_lead_owner", "lead", ["owner"])


def downgrade() -> None:
    op.drop_table("lead")
