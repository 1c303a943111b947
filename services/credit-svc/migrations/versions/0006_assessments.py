"""assessments, the payment behaviour they read, early warnings and reviews

Receivables remember each invoice's total, issue date and payment date; behaviour facts keep
returned payments, write-offs, broken promises and disputes; accounts carry the grade in
force. The default policy gains its early-warning thresholds and the returned-payment hold.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Added to the default policy (version 1); documented in the service's README.
DEFAULT_ADDITIONS = {
    "hold_on_returned_payment": True,
    "warnings": {
        "large_debt_exposure": "250000.00",
        "large_debt_utilisation_percent": "90",
        "long_unpaid_days": 60,
        "behaviour_drift_days": 10,
        "returned_payments": 1,
    },
}


def upgrade() -> None:
    op.add_column("receivables", sa.Column("total", sa.BigInteger, nullable=True))
    op.add_column("receivables", sa.Column("issue_date", sa.Date, nullable=True))
    op.add_column("receivables", sa.Column("paid_on", sa.Date, nullable=True))
    op.add_column("credit_accounts", sa.Column("grade", sa.String(1), nullable=True))
    op.add_column("credit_accounts", sa.Column("next_review_on", sa.Date, nullable=True))
    # The name the credit report prints (never carried on credit's events).
    op.add_column("credit_accounts", sa.Column("name", sa.Text, nullable=True))
    op.create_table(
        "behaviour_facts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("invoice_ids", JSONB, nullable=False),
        sa.Column("resolved_on", sa.Date, nullable=True),
    )
    op.create_table(
        "credit_assessments",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("policy_version", sa.Integer, nullable=False),
        sa.Column("score", sa.Numeric(7, 2), nullable=False),
        sa.Column("grade", sa.String(1), nullable=False),
        sa.Column("previous_grade", sa.String(1), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("proposed_limit", sa.BigInteger, nullable=False),
        sa.Column("inputs", JSONB, nullable=False),
        sa.Column("assessed_by", sa.Text, nullable=False),
        sa.Column("assessed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "credit_warnings",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("raised_on", sa.Date, nullable=False),
        sa.Column("cleared_on", sa.Date, nullable=True),
    )
    # A warning is raised once until it clears: one open warning per kind and customer.
    op.create_index(
        "ux_credit_warnings_open",
        "credit_warnings",
        ["customer_id", "kind"],
        unique=True,
        postgresql_where=sa.text("cleared_on IS NULL"),
    )
    op.create_table(
        "credit_reviews",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("opened_on", sa.Date, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("completed_on", sa.Date, nullable=True),
        sa.Column("completed_by", sa.Text, nullable=True),
        sa.Column("assessment_id", sa.Text, nullable=True),
        sa.Column("decision", sa.Text, nullable=True),
    )
    # One open review per customer: later causes join the review already open.
    op.create_index(
        "ux_credit_reviews_open",
        "credit_reviews",
        ["customer_id"],
        unique=True,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.execute(
        sa.text("UPDATE credit_policies SET rules = CAST(:extra AS jsonb) || rules WHERE version = 1")
        .bindparams(extra=json.dumps(DEFAULT_ADDITIONS))
    )


def downgrade() -> None:
    op.execute(
        "UPDATE credit_policies SET rules = rules - 'hold_on_returned_payment' - 'warnings' "
        "WHERE version = 1"
    )
    op.drop_table("credit_reviews")
    op.drop_table("credit_warnings")
    op.drop_table("credit_assessments")
    op.drop_table("behaviour_facts")
    op.drop_column("credit_accounts", "name")
    op.drop_column("credit_accounts", "next_review_on")
    op.drop_column("credit_accounts", "grade")
    op.drop_column("receivables", "paid_on")
    op.drop_column("receivables", "issue_date")
    op.drop_column("receivables", "total")
