"""invoice adjustments (credit notes, write-offs, applied credit, discounts, reversals) and
bank reconciliation summaries

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoice_adjustments",
        sa.Column("kind", sa.Text, primary_key=True),
        sa.Column("source_id", sa.Text, primary_key=True),
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("reduction_minor", sa.BigInteger, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
    )
    op.create_index(
        "invoice_adjustments_by_invoice",
        "invoice_adjustments",
        ["invoice_id", "effective_on"],
        postgresql_include=["reduction_minor"],
    )
    op.create_index(
        "ix_invoice_adjustments_customer_id", "invoice_adjustments", ["customer_id"]
    )

    op.create_table(
        "reconciliations",
        sa.Column("reconciliation_id", sa.Text, primary_key=True),
        sa.Column("statement_id", sa.Text, nullable=False),
        sa.Column("statement_date", sa.Date, nullable=False),
        sa.Column("period_from", sa.Date, nullable=True),
        sa.Column("period_to", sa.Date, nullable=True),
        *(
            sa.Column(name, sa.Integer, nullable=False)
            for name in (
                "matched",
                "proposed",
                "created",
                "duplicates",
                "amount_mismatches",
                "unmatched",
                "not_applicable",
                "created_payments",
            )
        ),
    )
    op.create_index("ix_reconciliations_statement_date", "reconciliations", ["statement_date"])
    op.create_table(
        "reconciliation_discrepancies",
        sa.Column("reconciliation_id", sa.Text, primary_key=True),
        sa.Column("line_id", sa.Text, primary_key=True),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("customer_id", sa.Text, nullable=True),
        sa.Column("invoice_id", sa.Text, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("reconciliation_discrepancies")
    op.drop_table("reconciliations")
    op.drop_table("invoice_adjustments")
