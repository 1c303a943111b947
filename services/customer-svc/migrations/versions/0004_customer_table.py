"""the finance customer table: customers found by name as people compare names; merges the
customer-file (0002) and contracts (0003) branches

Revision ID: 0004
Revises: 0002, 0003
Create Date: 2026-11-24
"""

from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None

# An import refuses a customer already on file by name, case and spacing aside.
NAME_KEY = r"lower(btrim(regexp_replace(name, '\s+', ' ', 'g')))"


def upgrade() -> None:
    op.execute(f"CREATE INDEX customers_name_key ON customers ({NAME_KEY})")


def downgrade() -> None:
    op.drop_index("customers_name_key", table_name="customers")
