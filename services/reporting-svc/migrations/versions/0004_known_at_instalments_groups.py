"""when each fact was recorded (for as-known-at reports), invoice instalments, and what
customers are grouped by: industry, region, segments, grade, collector; disputes

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

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Nullable: facts recorded before carry no event time and count as always known.
    op.add_column("invoices", sa.Column("issued_at", _WHEN, nullable=True))
    op.add_column("invoices", sa.Column("voided_at", _WHEN, nullable=True))
    op.add_column("payment_allocations", sa.Column("recorded_at", _WHEN, nullable=True))
    op.add_column("invoice_adjustments", sa.Column("recorded_at", _WHEN, nullable=True))
    op.create_table(
        "invoice_instalments",
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
    )
    for name in ("industry", "region", "grade", "collector"):
        op.add_column("customers", sa.Column(name, sa.Text, nullable=True))
    op.create_table(
        "customer_segments",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("segment", sa.Text, primary_key=True),
    )
    op.create_table(
        "disputes",
        sa.Column("dispute_id", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, nullable=False, index=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("opened_at", _WHEN, nullable=True),
        sa.Column("resolved_on", sa.Date, nullable=True),
        sa.Column("resolved_at", _WHEN, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("disputes")
    op.drop_table("customer_segments")
    for name in ("industry", "region", "grade", "collector"):
        op.drop_column("customers", name)
    op.drop_table("invoice_instalments")
    op.drop_column("invoice_adjustments", "recorded_at")
    op.drop_column("payment_allocations", "recorded_at")
    op.drop_column("invoices", "voided_at")
    op.drop_column("invoices", "issued_at")
