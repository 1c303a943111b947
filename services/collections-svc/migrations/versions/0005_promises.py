"""promises to pay: held while open, kept by payments, broken by the first run after the grace

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "promises",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("case_id", sa.Text, nullable=False),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("promised_on", sa.Date, nullable=False),
        # The policy's grace when the promise was made: later policy changes do not move it.
        sa.Column("grace_days", sa.Integer, nullable=False),
        sa.Column("invoice_ids", JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("paid", sa.BigInteger, nullable=False),
        sa.Column("kept_on", sa.Date, nullable=True),
        sa.Column("broken_on", sa.Date, nullable=True),
        sa.CheckConstraint("status IN ('open', 'kept', 'broken')", name="promise_status_known"),
    )


def downgrade() -> None:
    op.drop_table("promises")
