"""credit reserved for orders in flight, and credit managers' overrides of referred orders

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_reservations",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("order_reference", sa.Text, nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("invoice_id", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        # The check that placed it, answered again when the order system repeats it.
        sa.Column("decision", JSONB, nullable=True),
        # One reservation per order: a repeated check or a retried request cannot reserve twice.
        sa.UniqueConstraint("customer_id", "order_reference", name="uq_reservation_order"),
    )
    op.create_index(
        "ix_credit_reservations_live",
        "credit_reservations",
        ["customer_id", "expires_at"],
        postgresql_where=sa.text("status = 'live'"),
    )
    op.create_table(
        "credit_overrides",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("order_reference", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("granted_by", sa.Text, nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_credit_overrides_order", "credit_overrides", ["customer_id", "order_reference"]
    )


def downgrade() -> None:
    op.drop_table("credit_overrides")
    op.drop_table("credit_reservations")
