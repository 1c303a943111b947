"""double-entry journal (append-only), invoice tax, discounts, terms, instalments and voids

Existing rows are made consistent: every invoice gets net = total, no tax, net terms to its
due date and a one-instalment schedule; every invoice and payment gets the journal entry it
would have posted (Dr receivable / Cr revenue; Dr bank / Cr receivable per allocation /
Cr customer credit for the surplus). A backfilled entry takes its document's id, which is a
UUIDv7 from when the document was recorded, so the journal stays in recording order.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ACCOUNTS = (
    "receivable",
    "bank",
    "revenue",
    "tax_payable",
    "customer_credit",
    "late_fee_income",
    "discounts_allowed",
    "bad_debt_expense",
    "refunds_payable",
)

BACKFILL = [
    "UPDATE invoices SET net_amount = total, tax_amount = 0, terms_kind = 'net', "
    "terms_days = due_date - issue_date",
    "INSERT INTO invoice_instalments (invoice_id, position, due_date, amount) "
    "SELECT id, 0, due_date, total FROM invoices",
    "INSERT INTO journal_entries (id, source_type, source_id, business_date, memo, created_at) "
    "SELECT id, 'invoice', id, issue_date, 'Invoice ' || number || ' issued', issued_at "
    "FROM invoices",
    "INSERT INTO journal_lines "
    "(entry_id, position, account, currency, debit, credit, customer_id, invoice_id) "
    "SELECT id, 0, 'receivable', currency, total, 0, customer_id, id FROM invoices "
    "UNION ALL SELECT id, 1, 'revenue', currency, 0, total, customer_id, NULL FROM invoices",
    "INSERT INTO journal_entries (id, source_type, source_id, business_date, memo, created_at) "
    "SELECT id, 'payment', id, received_on, "
    "'Payment received' || coalesce(' (' || reference || ')', ''), recorded_at FROM payments",
    "INSERT INTO journal_lines "
    "(entry_id, position, account, currency, debit, credit, customer_id, invoice_id) "
    "SELECT id, 0, 'bank', currency, amount, 0, customer_id, NULL FROM payments "
    "UNION ALL SELECT a.payment_id, 1 + a.position, 'receivable', p.currency, 0, a.amount, "
    "p.customer_id, a.invoice_id FROM payment_allocations a JOIN payments p ON p.id = a.payment_id "
    "UNION ALL SELECT p.id, 1 + (SELECT count(*) FROM payment_allocations a "
    "WHERE a.payment_id = p.id), 'customer_credit', p.currency, 0, p.unapplied_amount, "
    "p.customer_id, NULL FROM payments p WHERE p.unapplied_amount > 0",
]

APPEND_ONLY = """
CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the journal is append-only (% on %): post a reversing entry instead',
        TG_OP, TG_TABLE_NAME;
END
$$
"""


def _add_invoice_columns() -> None:
    for name, kind in (
        ("net_amount", sa.BigInteger),
        ("tax_amount", sa.BigInteger),
        ("terms_kind", sa.Text),
    ):
        op.add_column("invoices", sa.Column(name, kind))
    op.add_column("invoices", sa.Column("terms_days", sa.Integer))
    op.add_column("invoices", sa.Column("discount_percent", sa.Numeric(7, 4)))
    op.add_column("invoices", sa.Column("discount_until", sa.Date))
    op.add_column("invoices", sa.Column("voided_on", sa.Date))
    op.add_column("invoices", sa.Column("void_reason", sa.Text))
    for name, kind in (
        ("discount_amount", sa.BigInteger),
        ("tax_rate", sa.Numeric(7, 4)),
        ("tax_amount", sa.BigInteger),
    ):
        op.add_column("invoice_lines", sa.Column(name, kind, nullable=False, server_default="0"))
        op.alter_column("invoice_lines", name, server_default=None)
    op.add_column("invoice_lines", sa.Column("discount_percent", sa.Numeric(7, 4)))


def _create_journal() -> None:
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("source_type", sa.Text, nullable=False),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("business_date", sa.Date, nullable=False),
        sa.Column("memo", sa.Text, nullable=False),
        sa.Column(
            "reverses_entry_id", sa.Text, sa.ForeignKey("journal_entries.id"), unique=True
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("journal_entries_by_source", "journal_entries", ["source_type", "source_id"])
    op.create_index(
        "journal_entries_by_business_date", "journal_entries", ["business_date", "id"]
    )
    op.create_table(
        "journal_lines",
        sa.Column("entry_id", sa.Text, sa.ForeignKey("journal_entries.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("account", sa.Text, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("debit", sa.BigInteger, nullable=False),
        sa.Column("credit", sa.BigInteger, nullable=False),
        sa.Column("customer_id", sa.Text, sa.ForeignKey("customer_accounts.customer_id")),
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id")),
        sa.CheckConstraint(
            "debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)",
            name="journal_line_one_positive_side",
        ),
        sa.CheckConstraint(
            "account IN (" + ", ".join(f"'{a}'" for a in ACCOUNTS) + ")",
            name="journal_line_account_in_chart",
        ),
    )
    op.create_index(
        "journal_lines_by_customer", "journal_lines", ["customer_id", "account", "entry_id"]
    )
    op.create_index("journal_lines_by_account", "journal_lines", ["account", "entry_id"])
    op.create_index(
        "journal_lines_by_invoice",
        "journal_lines",
        ["invoice_id"],
        postgresql_where=sa.text("invoice_id IS NOT NULL"),
    )
    op.execute(APPEND_ONLY)
    for table in ("journal_entries", "journal_lines"):
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION journal_is_append_only()"
        )


def upgrade() -> None:
    _add_invoice_columns()
    op.create_table(
        "invoice_instalments",
        sa.Column("invoice_id", sa.Text, sa.ForeignKey("invoices.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False),
        sa.CheckConstraint("amount >= 0", name="instalment_amount_not_negative"),
    )
    _create_journal()
    for statement in BACKFILL:
        op.execute(statement)
    for name in ("net_amount", "tax_amount", "terms_kind"):
        op.alter_column("invoices", name, nullable=False)
    op.create_check_constraint(
        "invoice_total_is_net_plus_tax", "invoices", "net_amount + tax_amount = total"
    )


def downgrade() -> None:
    op.drop_table("journal_lines")
    op.drop_table("journal_entries")
    op.execute("DROP FUNCTION journal_is_append_only()")
    op.drop_table("invoice_instalments")
    op.drop_constraint("invoice_total_is_net_plus_tax", "invoices")
    for column in ("discount_amount", "discount_percent", "tax_rate", "tax_amount"):
        op.drop_column("invoice_lines", column)
    for column in (
        "net_amount",
        "tax_amount",
        "terms_kind",
        "terms_days",
        "discount_percent",
        "discount_until",
        "voided_on",
        "void_reason",
    ):
        op.drop_column("invoices", column)
