"""aging kept as each invoice's dated changes of its open amount, and the book's totals of
them: an aging of the whole book reads a few rows per day of business, one customer's reads
its own; filled from the facts already recorded

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

from reporting_svc.projections.aging.changes import REBUILD

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    by_code_point = sa.Text(collation="C")
    op.create_table(
        "aging_changes",
        sa.Column("invoice_id", sa.Text, primary_key=True),
        sa.Column("part", sa.Integer, primary_key=True),
        sa.Column("changed_on", sa.Date, primary_key=True),
        sa.Column("customer_id", by_code_point, nullable=False),
        sa.Column("currency", by_code_point, nullable=False),
        sa.Column("due_from", sa.Date, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("change_minor", sa.BigInteger, nullable=False),
    )
    op.create_index(
        "aging_changes_by_customer",
        "aging_changes",
        ["customer_id", "currency", "changed_on"],
        postgresql_include=["due_from", "issued_on", "change_minor"],
    )
    op.create_table(
        "aging_change_totals",
        sa.Column("currency", by_code_point, primary_key=True),
        sa.Column("due_from", sa.Date, primary_key=True),
        sa.Column("issued_on", sa.Date, primary_key=True),
        sa.Column("changed_on", sa.Date, primary_key=True),
        sa.Column("change_minor", sa.BigInteger, nullable=False),
    )
    # The changes are derived from the facts alone, by the same statements a bulk load uses:
    # whatever version of them runs, it leaves the changes the facts imply.
    for statement in REBUILD:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("aging_change_totals")
    op.drop_table("aging_changes")
