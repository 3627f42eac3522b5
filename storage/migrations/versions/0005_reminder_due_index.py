"""The due-reminder index leads with kind, so the claim can use it without statistics.

The claim filters on `kind IN (...)`, `status = 'active'` and `next_due_at <= now`. With the
index on `next_due_at` alone, SQLite (which has no statistics unless ANALYZE is run) took an
equality on kind to be more selective than a range on a date, chose the (kind, subject_id)
unique index instead and read every active reminder of those kinds: 100,000 rows to claim
1,000. On `(kind, next_due_at)` both databases read only the due rows.

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None

ACTIVE = sa.text("status = 'active'")


def upgrade() -> None:
    op.drop_index("ix_reminder_due_active", table_name="reminder")
    op.create_index("ix_reminder_due_active", "reminder", ["kind", "next_due_at"],
                    sqlite_where=ACTIVE, postgresql_where=ACTIVE)


def downgrade() -> None:
    op.drop_index("ix_reminder_due_active", table_name="reminder")
    op.create_index("ix_reminder_due_active", "reminder", ["next_due_at"],
                    sqlite_where=ACTIVE, postgresql_where=ACTIVE)
