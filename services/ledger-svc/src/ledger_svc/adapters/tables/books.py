"""The books' tables: customers' accounts, opened from their registration, and the journal's
entries and lines, append-only (the migration adds triggers that refuse updates and deletes)."""

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, String, func, text
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table

# Kept in step with domain.journal.Account; a new account needs a migration, by design.
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
    "opening_balance_equity",
)


class CustomerAccountRow(Table, table=True):
    """A customer account, opened from their registration."""

    __tablename__ = "customer_accounts"

    customer_id: str = Field(primary_key=True)
    currency: str
    payment_terms_days: int
    registered_at: datetime = Field(sa_type=DateTime(timezone=True))
    # Where the customer's file stands and the code it is filed under, as customer-svc said.
    status: str = Field(default="active", sa_column_kwargs={"server_default": "active"})
    code: str | None = Field(default=None, index=True)


class JournalEntryRow(Table, table=True):
    """One posted journal entry about one source document; a reversal names what it reverses."""

    __tablename__ = "journal_entries"
    __table_args__ = (
        Index("journal_entries_by_source", "source_type", "source_id"),
        Index("journal_entries_by_business_date", "business_date", "id"),
    )

    id: str = Field(primary_key=True)
    source_type: str
    source_id: str
    business_date: date
    memo: str
    # Unique: an entry is reversed at most once.
    reverses_entry_id: str | None = Field(
        default=None, foreign_key="journal_entries.id", unique=True
    )
    created_at: datetime = Field(
        sa_type=DateTime(timezone=True), sa_column_kwargs={"server_default": func.now()}
    )


class JournalLineRow(Table, table=True):
    """A debit or credit of one account, in one currency, for a customer and open item."""

    __tablename__ = "journal_lines"
    __table_args__ = (
        CheckConstraint(
            "debit >= 0 AND credit >= 0 AND (debit > 0) <> (credit > 0)",
            name="journal_line_one_positive_side",
        ),
        CheckConstraint(
            "account IN (" + ", ".join(f"'{a}'" for a in ACCOUNTS) + ")",
            name="journal_line_account_in_chart",
        ),
        Index("journal_lines_by_customer", "customer_id", "account", "entry_id"),
        Index("journal_lines_by_account", "account", "entry_id"),
        Index(
            "journal_lines_by_invoice",
            "invoice_id",
            postgresql_where=text("invoice_id IS NOT NULL"),
        ),
    )

    entry_id: str = Field(foreign_key="journal_entries.id", primary_key=True)
    position: int = Field(primary_key=True)
    account: str
    currency: str = Field(sa_type=String(3))
    debit: int = Field(sa_type=BigInteger)
    credit: int = Field(sa_type=BigInteger)
    customer_id: str | None = Field(default=None, foreign_key="customer_accounts.customer_id")
    invoice_id: str | None = Field(default=None, foreign_key="invoices.id")


class CustomerContractRow(Table, table=True):
    """A customer's signed contract, as customer-svc announced it: opening balances name it."""

    __tablename__ = "customer_contracts"
    __table_args__ = (Index("customer_contracts_by_number", "customer_id", "number"),)

    contract_id: str = Field(primary_key=True)
    customer_id: str
    number: str
    currency: str = Field(sa_type=String(3))
