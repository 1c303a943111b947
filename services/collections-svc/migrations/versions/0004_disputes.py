"""disputes: an invoice disputed (in part) is held at its dunning level while open

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "disputes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("invoice_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("resolved_on", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'accepted', 'rejected')", name="dispute_status_known"
        ),
        sa.CheckConstraint("amount > 0", name="dispute_amount_positive"),
    )
    # One open dispute per invoice: a second complaint adds to the first, it is not a new one.
    op.create_index(
        "one_open_dispute_per_invoice",
        "disputes",
        ["invoice_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade() -> None:
    op.drop_table("disputes")
