"""collection budgets: each month's budgets carry a version, for ETag and If-Match

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "collection_budget_months",
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    # Months set before versions were kept start at version 1.
    op.execute(
        "INSERT INTO collection_budget_months (month, version) "
        "SELECT DISTINCT month, 1 FROM collection_budgets"
    )


def downgrade() -> None:
    op.drop_table("collection_budget_months")
