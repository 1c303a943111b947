"""receivables: whether an invoice is an opening balance brought in at the cut-over, so
payment behaviour and last-12-months sales leave it out

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "receivables",
        sa.Column("opening", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("receivables", "opening")
