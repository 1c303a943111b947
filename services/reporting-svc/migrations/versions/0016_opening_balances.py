"""invoices and payment allocations: whether they are an opening balance brought in at the
cut-over, so credit sales, payment behaviour and cash collected leave them out

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("invoices", "payment_allocations"):
        op.add_column(
            table, sa.Column("opening", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    for table in ("payment_allocations", "invoices"):
        op.drop_column(table, "opening")
