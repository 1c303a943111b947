"""financial statements and bureau reports, the recorded inputs of assessments

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

STATEMENT_AMOUNTS = (
    "current_assets",
    "current_liabilities",
    "cash",
    "marketable_securities",
    "receivables",
    "inventory",
    "total_assets",
    "total_liabilities",
    "equity",
    "retained_earnings",
    "ebit",
    "sales",
)


def upgrade() -> None:
    op.create_table(
        "financial_statements",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        *(sa.Column(name, sa.BigInteger, nullable=False) for name in STATEMENT_AMOUNTS),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "bureau_reports",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("scale_min", sa.Integer, nullable=False),
        sa.Column("scale_max", sa.Integer, nullable=False),
        sa.Column("rating", sa.Text, nullable=True),
        sa.Column("reported_on", sa.Date, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("bureau_reports")
    op.drop_table("financial_statements")
