"""dunning: versioned policies with a default, per-invoice levels and history, dated runs, notices

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The policy every customer follows unless one is assigned (README: "Dunning"): a friendly
# reminder five days before the due date, then a notice a week late, a final notice two weeks
# after that (with a fee), and a call a month late that stops supply.
DEFAULT_LEVELS = [
    {"level": 1, "days_from_due": -5, "channel": "email", "template": "reminder"},
    {"level": 2, "days_from_due": 7, "channel": "email", "template": "notice"},
    {"level": 3, "days_from_due": 21, "channel": "email", "template": "final_notice",
     "fee": "10.00"},
    {"level": 4, "days_from_due": 30, "channel": "phone_task", "template": "escalation",
     "escalation": "stop_supply"},
]


def upgrade() -> None:
    op.add_column("receivables", sa.Column("number", sa.Text, nullable=True))
    op.add_column("receivables", sa.Column("due_date", sa.Date, nullable=True))
    op.add_column(
        "receivables", sa.Column("level", sa.Integer, nullable=False, server_default="0")
    )
    op.add_column("receivables", sa.Column("last_notice_on", sa.Date, nullable=True))
    policies = op.create_table(
        "dunning_policies",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("levels", JSONB, nullable=False),
        sa.Column("min_days_between_notices", sa.Integer, nullable=False),
        sa.Column("min_amount", JSONB, nullable=False),
        sa.Column("promise_grace_days", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", "version", name="one_policy_version"),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'retired')", name="policy_status_known"
        ),
    )
    # A policy has one version in force at a time.
    op.create_index(
        "one_active_version",
        "dunning_policies",
        ["name"],
        unique=True,
        postgresql_where=sa.text("status = 'active'"),
    )
    op.bulk_insert(
        policies,
        [
            {
                "id": "default-v1",
                "name": "default",
                "version": 1,
                "status": "active",
                "levels": DEFAULT_LEVELS,
                "min_days_between_notices": 7,
                "min_amount": {},
                "promise_grace_days": 3,
                "created_at": datetime(2026, 12, 1, tzinfo=UTC),
            }
        ],
    )
    op.create_table(
        "customer_dunning_policies",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("policy_name", sa.Text, nullable=False),
    )
    op.create_table(
        "dunning_runs",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("as_of", sa.Date, nullable=False, unique=True),
        sa.Column("notices_created", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dunning_notices",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("run_id", sa.Text, sa.ForeignKey("dunning_runs.id"), nullable=False),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("invoices", JSONB, nullable=False),
        sa.Column("dropped", JSONB, nullable=False),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("recipients_masked", JSONB, nullable=False),
        sa.Column("suppressed_reason", sa.Text, nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("run_id", "customer_id", "channel", name="one_notice_per_channel"),
    )
    op.create_index("ix_dunning_notices_customer_id", "dunning_notices", ["customer_id"])
    op.create_index("ix_dunning_notices_status", "dunning_notices", ["status"])
    # An invoice's dunning history: each level it reached, once, with the run and notice.
    op.create_table(
        "dunning_steps",
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("level", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Text, nullable=False),
        sa.Column("notice_id", sa.Text, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
    )
    op.create_table(
        "dunning_pauses",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("until", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("ended_on", sa.Date, nullable=True),
    )


def downgrade() -> None:
    for table in (
        "dunning_pauses",
        "dunning_steps",
        "dunning_notices",
        "dunning_runs",
        "customer_dunning_policies",
        "dunning_policies",
    ):
        op.drop_table(table)
    for column in ("last_notice_on", "level", "due_date", "number"):
        op.drop_column("receivables", column)

