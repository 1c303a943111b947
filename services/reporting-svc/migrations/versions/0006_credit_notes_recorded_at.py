"""when the ledger recorded each credit note (event time), so KPIs can be read as known at a time

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("credit_notes", sa.Column("recorded_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("credit_notes", "recorded_at")
