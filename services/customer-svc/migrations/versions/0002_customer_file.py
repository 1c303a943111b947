"""the customer file: code, tax id, classification, addresses, status, parent; contacts,
bank accounts and the personal-data access log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATUSES = "status IN ('prospect', 'active', 'suspended', 'closed')"


def upgrade() -> None:
    op.execute("CREATE SEQUENCE customer_code_seq")
    op.add_column("customers", sa.Column("code", sa.Text))
    # Customers registered before codes existed get one in registration order.
    op.execute(
        "UPDATE customers SET code = 'C' || lpad(nextval('customer_code_seq')::text, 6, '0') "
        "FROM (SELECT id AS cid FROM customers ORDER BY registered_at, id) AS ordered "
        "WHERE customers.id = ordered.cid"
    )
    op.alter_column("customers", "code", nullable=False)
    op.create_index("customers_code_unique", "customers", ["code"], unique=True)
    op.add_column(
        "customers", sa.Column("status", sa.Text, nullable=False, server_default="active")
    )
    op.create_check_constraint("customer_status_known", "customers", STATUSES)
    op.add_column("customers", sa.Column("country", sa.String(2)))
    op.add_column("customers", sa.Column("tax_id_sealed", sa.Text))
    op.add_column("customers", sa.Column("tax_id_index", sa.Text))
    op.create_index(
        "customers_tax_id_once_per_country",
        "customers",
        ["country", "tax_id_index"],
        unique=True,
        postgresql_where=sa.text("tax_id_index IS NOT NULL"),
    )
    op.create_index("customers_tax_id_index", "customers", ["tax_id_index"])
    op.add_column("customers", sa.Column("industry", sa.Text))
    op.add_column("customers", sa.Column("region", sa.Text))
    op.add_column("customers", sa.Column("billing_address", JSONB))
    op.add_column("customers", sa.Column("shipping_address", JSONB))
    op.add_column(
        "customers",
        sa.Column("segments", ARRAY(sa.Text), nullable=False, server_default="{}"),
    )
    op.create_index("customers_segments", "customers", ["segments"], postgresql_using="gin")
    op.execute("CREATE INDEX customers_region ON customers (lower(region))")
    op.execute("CREATE INDEX customers_industry ON customers (lower(industry))")
    op.create_index("customers_status", "customers", ["status"])
    op.add_column("customers", sa.Column("parent_id", sa.Text, sa.ForeignKey("customers.id")))
    op.create_index("customers_parent", "customers", ["parent_id"])
    op.add_column("customers", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("customers", sa.Column("updated_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE customers SET updated_at = registered_at")
    op.alter_column("customers", "updated_at", nullable=False)

    op.create_table(
        "customer_contacts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("name_sealed", sa.Text, nullable=False),
        sa.Column("phone_sealed", sa.Text),
        sa.Column("email_sealed", sa.Text),
        sa.Column("roles", ARRAY(sa.Text), nullable=False, server_default="{}"),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("customer_contacts_by_customer", "customer_contacts", ["customer_id", "id"])
    op.create_table(
        "customer_bank_accounts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("customer_id", sa.Text, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("iban_sealed", sa.Text, nullable=False),
        sa.Column("iban_index", sa.Text, nullable=False),
        sa.Column("bic", sa.Text),
        sa.Column("currency", sa.String(3)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "customer_bank_accounts_by_customer", "customer_bank_accounts", ["customer_id", "id"]
    )
    op.create_index(
        "customer_bank_accounts_iban_once",
        "customer_bank_accounts",
        ["customer_id", "iban_index"],
        unique=True,
    )
    op.create_table(
        "personal_data_access_log",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("roles", ARRAY(sa.Text), nullable=False),
        sa.Column("customer_id", sa.Text, nullable=False),
        sa.Column("fields", ARRAY(sa.Text), nullable=False),
        sa.Column("record_ids", ARRAY(sa.Text), nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
    )
    op.create_index(
        "personal_data_access_log_by_customer", "personal_data_access_log", ["customer_id", "id"]
    )
    op.create_index(
        "personal_data_access_log_by_subject", "personal_data_access_log", ["subject", "id"]
    )


def downgrade() -> None:
    op.drop_table("personal_data_access_log")
    op.drop_table("customer_bank_accounts")
    op.drop_table("customer_contacts")
    for column in (
        "updated_at",
        "version",
        "parent_id",
        "segments",
        "shipping_address",
        "billing_address",
        "region",
        "industry",
        "tax_id_index",
        "tax_id_sealed",
        "country",
        "status",
        "code",
    ):
        op.drop_column("customers", column)
    op.execute("DROP SEQUENCE customer_code_seq")
