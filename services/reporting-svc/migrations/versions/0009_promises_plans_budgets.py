"""promises to pay and payment plans from collections-svc, for the cash-in forecast; collection
budgets per month, segment and currency

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "promises",
        sa.Column("promise_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("promised_on", sa.Date, nullable=False),
        sa.Column("invoice_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("closed_on", sa.Date, nullable=True),
        sa.Column("recorded_at", _WHEN, nullable=True),
    )
    op.create_table(
        "payment_plans",
        sa.Column("plan_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("agreed_on", sa.Date, nullable=False),
        sa.Column("invoice_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("instalments", sa.JSON, nullable=False),
        sa.Column("ended_on", sa.Date, nullable=True),
        sa.Column("recorded_at", _WHEN, nullable=True),
    )
    op.create_table(
        "collection_budgets",
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("segment", sa.Text, primary_key=True),
        sa.Column("currency", sa.String(3), primary_key=True),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("collection_budgets")
    op.drop_table("payment_plans")
    op.drop_table("promises")
