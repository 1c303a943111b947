"""bank reconciliation by payer: customers' payer names (legal name and aliases, normalised),
a reason on each reconciled line, and matches made by hand (who, when; no run)

Revision ID: 0013
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_payer_names",
        sa.Column(
            "customer_id",
            sa.Text,
            sa.ForeignKey("customer_accounts.customer_id"),
            primary_key=True,
        ),
        sa.Column("name_key", sa.Text, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.CheckConstraint("kind IN ('legal', 'alias')", name="payer_name_kind"),
    )
    op.create_index("customer_payer_names_by_key", "customer_payer_names", ["name_key"])
    op.add_column("reconciliation_lines", sa.Column("reason", sa.Text))
    op.alter_column("bank_line_matches", "reconciliation_id", nullable=True)
    op.add_column("bank_line_matches", sa.Column("matched_by", sa.Text))
    op.add_column("bank_line_matches", sa.Column("matched_at", sa.DateTime(timezone=True)))
    op.create_check_constraint(
        "bank_line_match_by_run_or_hand",
        "bank_line_matches",
        "(reconciliation_id IS NULL) <> (matched_by IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint("bank_line_match_by_run_or_hand", "bank_line_matches")
    op.execute("DELETE FROM bank_line_matches WHERE reconciliation_id IS NULL")
    op.drop_column("bank_line_matches", "matched_at")
    op.drop_column("bank_line_matches", "matched_by")
    op.alter_column("bank_line_matches", "reconciliation_id", nullable=False)
    op.drop_column("reconciliation_lines", "reason")
    op.drop_index("customer_payer_names_by_key", "customer_payer_names")
    op.drop_table("customer_payer_names")
