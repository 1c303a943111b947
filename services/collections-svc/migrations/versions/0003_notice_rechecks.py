"""notice sending: what last changed an invoice's open amount (why the sender dropped it), and
since when a notice is being sent (a sender that died lets go of it after a lease)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("receivables", sa.Column("changed_by", sa.Text, nullable=True))
    # A customer's e-mail becomes a letter when no one can be e-mailed, beside any letter the
    # run already made: one notice per channel holds when a run makes them, not after.
    op.drop_constraint("one_notice_per_channel", "dunning_notices")
    op.add_column(
        "dunning_notices", sa.Column("sending_since", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("dunning_notices", "sending_since")
    op.create_unique_constraint(
        "one_notice_per_channel", "dunning_notices", ["run_id", "customer_id", "channel"]
    )
    op.drop_column("receivables", "changed_by")
