"""payment plans: instalments that hold their invoices while on track

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payment_plans",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("case_id", sa.Text, nullable=False),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("invoice_ids", JSONB, nullable=False),
        # [{due_on, amount (minor units)}], by due date
        sa.Column("instalments", JSONB, nullable=False),
        # The policy's promise grace when agreed: later policy changes do not move it.
        sa.Column("grace_days", sa.Integer, nullable=False),
        sa.Column("agreed_on", sa.Date, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("paid", sa.BigInteger, nullable=False),
        sa.Column("ended_on", sa.Date, nullable=True),
        sa.CheckConstraint(
            "status IN ('on_track', 'completed', 'broken')", name="plan_status_known"
        ),
    )


def downgrade() -> None:
    op.drop_table("payment_plans")
