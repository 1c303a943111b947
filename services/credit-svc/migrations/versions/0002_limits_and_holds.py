"""credit limits with their approval history, credit holds, and the due dates holds judge by

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Registration tells the customer's payment terms; unknown for accounts the ledger opened.
    op.add_column("credit_accounts", sa.Column("terms_days", sa.Integer, nullable=True))
    op.add_column("receivables", sa.Column("due_date", sa.Date, nullable=True))
    op.create_table(
        "credit_limits",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("previous_amount", sa.BigInteger, nullable=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.Text, nullable=True),
        sa.Column("effective_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "credit_holds",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("placed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("placed_by", sa.Text, nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("released_by", sa.Text, nullable=True),
        sa.Column("release_note", sa.Text, nullable=True),
    )
    # At most one open hold per automatic cause: a redelivered fact cannot hold twice.
    op.create_index(
        "ux_credit_holds_open_cause",
        "credit_holds",
        ["customer_id", "reason"],
        unique=True,
        postgresql_where=sa.text("released_at IS NULL AND reason <> 'manual'"),
    )


def downgrade() -> None:
    op.drop_table("credit_holds")
    op.drop_table("credit_limits")
    op.drop_column("receivables", "due_date")
    op.drop_column("credit_accounts", "terms_days")
