"""KPIs by customer, paged: each page finds its next (customer, currency) keys among the
invoices and credit notes in report order (by code point) without sorting the book

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_KEY = '(customer_id COLLATE "C", currency COLLATE "C", issue_date)'


def upgrade() -> None:
    op.execute(f"CREATE INDEX invoices_by_key ON invoices {_KEY}")
    op.execute(f"CREATE INDEX credit_notes_by_key ON credit_notes {_KEY}")


def downgrade() -> None:
    op.execute("DROP INDEX credit_notes_by_key")
    op.execute("DROP INDEX invoices_by_key")
