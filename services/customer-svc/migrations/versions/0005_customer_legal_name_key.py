"""customers keep their legal name's key: one company is filed once (NFKC, case-folded, no
spaces or punctuation), filled in for customers already on file

Revision ID: 0005_legal_name_key
Revises: 0004
Create Date: 2026-12-02
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005_legal_name_key"
down_revision = "0004"
branch_labels = None
depends_on = None


def _key(name: str) -> str:
    # As domain/customers/names.py computes it on that day; a migration keeps its own copy.
    folded = unicodedata.normalize("NFKC", name).casefold()
    return "".join(
        ch for ch in folded if not unicodedata.category(ch).startswith(("P", "Z", "C"))
    )


def upgrade() -> None:
    op.add_column("customers", sa.Column("legal_name_key", sa.Text))
    op.create_index("ix_customers_legal_name_key", "customers", ["legal_name_key"])
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, name FROM customers")).all()
    if rows:
        bind.execute(
            sa.text("UPDATE customers SET legal_name_key = :key WHERE id = :id"),
            [{"id": customer_id, "key": _key(name)} for customer_id, name in rows],
        )


def downgrade() -> None:
    op.drop_index("ix_customers_legal_name_key", table_name="customers")
    op.drop_column("customers", "legal_name_key")
