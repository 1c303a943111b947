"""statement runs and their e-mails; cases escalated to legal

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "statement_runs",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("date_from", sa.Date, nullable=False),
        sa.Column("date_to", sa.Date, nullable=False),
        sa.Column("statements_queued", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        # A period is mailed once: asking again answers with the first run.
        sa.UniqueConstraint("date_from", "date_to", name="statement_runs_period"),
    )
    op.create_table(
        "statement_mails",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("run_id", sa.Text, sa.ForeignKey("statement_runs.id"), nullable=False),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False, index=True),
        sa.Column("message_id", sa.Text, nullable=False),
        sa.Column("recipients_masked", JSONB, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("sending_since", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("run_id", "customer_id", name="statement_mails_once_per_run"),
    )
    op.create_table(
        "legal_escalations",
        # A case goes to legal once; the level and run that sent it there are kept.
        sa.Column("case_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("escalated_on", sa.Date, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("legal_escalations")
    op.drop_table("statement_mails")
    op.drop_table("statement_runs")
