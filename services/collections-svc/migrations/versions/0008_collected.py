"""collected: payments applied to overdue invoices of assigned cases, for collector performance

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collected",
        # The payment (or credit application) and the invoice it paid: one row each, so a
        # redelivered fact cannot count twice.
        sa.Column("payment_ref", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("case_id", sa.Text, nullable=False),
        # Who had the case when the money came in.
        sa.Column("collector", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.Text, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("collected_on", sa.Date, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("collected")
