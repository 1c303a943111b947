"""invoices remember the business date they were voided on

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: every invoice already recorded was live, and most invoices are never voided.
    op.add_column("invoices", sa.Column("voided_on", sa.Date, nullable=True))


def downgrade() -> None:
    op.drop_column("invoices", "voided_on")
