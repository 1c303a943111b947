"""credit limits, holds and reservations from credit-svc, for exposure and top risks

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "credit_limits",
        sa.Column("limit_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("limit_minor", sa.BigInteger, nullable=True),
        sa.Column("effective_at", _WHEN, nullable=False),
    )
    op.create_table(
        "credit_holds",
        sa.Column("hold_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("placed_at", _WHEN, nullable=True),
        sa.Column("released_at", _WHEN, nullable=True),
    )
    op.create_table(
        "credit_reservations",
        sa.Column("reservation_id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger, nullable=False),
        sa.Column("reserved_at", _WHEN, nullable=True),
        sa.Column("expires_at", _WHEN, nullable=True),
        sa.Column("ended_at", _WHEN, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("credit_reservations")
    op.drop_table("credit_holds")
    op.drop_table("credit_limits")
