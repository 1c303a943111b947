"""what credit sales are computed from: every credit note (on account too) and the late-fee
invoices, which are receivables but not sales

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "credit_notes",
        sa.Column("credit_note_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("issue_date", sa.Date, nullable=False),
    )
    op.create_index("credit_notes_by_issue_date", "credit_notes", ["issue_date"])
    op.create_table("late_fee_invoices", sa.Column("invoice_id", sa.Text, primary_key=True))


def downgrade() -> None:
    op.drop_table("late_fee_invoices")
    op.drop_table("credit_notes")
