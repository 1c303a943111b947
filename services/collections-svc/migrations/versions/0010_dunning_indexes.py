"""dunning at scale: the indexes a run's selection and the notice sender's claim use

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
    # A run reads only the invoices still open with known terms, by customer; paid ones pile up.
    op.create_index(
        "ix_receivables_dunnable",
        "receivables",
        ["customer_id", "invoice_id"],
        postgresql_where=sa.text("open_amount > 0 AND due_date IS NOT NULL"),
    )
    # The sender claims the oldest e-mail waiting; sent notices pile up, waiting ones are few.
    op.create_index(
        "ix_dunning_notices_to_send",
        "dunning_notices",
        ["id"],
        postgresql_where=sa.text("channel = 'email' AND status IN ('queued', 'sending')"),
    )


def downgrade() -> None:
    op.drop_index("ix_dunning_notices_to_send", table_name="dunning_notices")
    op.drop_index("ix_receivables_dunnable", table_name="receivables")
