"""case work: the collector a case is assigned to, its activity log, customers' credit grades

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("collection_cases", sa.Column("collector", sa.Text, nullable=True))
    op.add_column("collection_cases", sa.Column("assigned_on", sa.Date, nullable=True))
    op.create_index("ix_collection_cases_collector", "collection_cases", ["collector"])
    op.create_table(
        "case_activities",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("case_id", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_action_on", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('call', 'email', 'visit', 'letter', 'note')", name="activity_kind_known"
        ),
    )
    # The latest grade credit-svc gave each customer (credit.grade_changed): the worklist's risk.
    op.create_table(
        "credit_grades",
        sa.Column("customer_id", sa.Text, primary_key=True),
        sa.Column("grade", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("credit_grades")
    op.drop_table("case_activities")
    op.drop_index("ix_collection_cases_collector", "collection_cases")
    op.drop_column("collection_cases", "assigned_on")
    op.drop_column("collection_cases", "collector")
