"""projection rebuilds: when each began and how many events each producer replayed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projection_rebuilds",
        sa.Column("rebuild_id", sa.Text, primary_key=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replayed", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("projection_rebuilds")
