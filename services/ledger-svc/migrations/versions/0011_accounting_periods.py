"""accounting periods: every close and reopening of a calendar month

Revision ID: 0011
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounting_period_changes",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("changed_by", sa.Text, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text),
        sa.CheckConstraint("action IN ('closed', 'reopened')", name="period_change_action"),
    )
    op.create_index(
        "accounting_period_changes_by_period",
        "accounting_period_changes",
        ["period", "changed_at"],
    )


def downgrade() -> None:
    op.drop_table("accounting_period_changes")
