"""grade history from credit.grade_changed: reports show the grade in force at their as_of

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "grade_changes",
        sa.Column("assessment_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("grade", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_grade_changes_customer_id", "grade_changes", ["customer_id"])
    # Grades known before the history was kept stand from the earliest reportable date, until
    # a replay (a projection rebuild) brings their real dates.
    op.execute(
        "INSERT INTO grade_changes (assessment_id, customer_id, grade, effective_on) "
        "SELECT 'before-history:' || id, id, grade, DATE '1900-01-01' FROM customers "
        "WHERE grade IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("grade_changes")
