"""Invoicing's tables: invoices, their lines and instalment schedule, the number series, and
bulk imports (one row per file taken, whose hash refuses the same file twice, and which
invoice each of its references became).

Amounts are bigint minor units. Rows are only ever added, except an invoice's open amount,
status and overdue mark, which follow from the allocation rows written beside them; an
instalment schedule's amounts add up to the invoice total.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Column, DateTime, Index, Numeric, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


class InvoiceCounterRow(Table, table=True):
    """The last number given in a series and year; locked while an invoice takes the next."""

    __tablename__ = "invoice_counters"

    series: str = Field(primary_key=True)
    year: int = Field(primary_key=True)
    last_number: int = Field(sa_type=BigInteger)


class InvoiceRow(Table, table=True):
    """An issued invoice; open amount, status and overdue mark follow its allocations."""

    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint("total > 0", name="invoice_total_positive"),
        CheckConstraint("open_amount >= 0 AND open_amount <= total", name="invoice_open_in_range"),
        # An opening balance brought in at a cut-over may have fallen due before it.
        CheckConstraint(
            "due_date >= issue_date OR number LIKE 'OB-%'", name="invoice_due_after_issue"
        ),
        CheckConstraint("net_amount + tax_amount = total", name="invoice_total_is_net_plus_tax"),
        Index(
            "invoices_open_by_seniority",
            "customer_id",
            "due_date",
            "issue_date",
            "number",
            postgresql_where=text("open_amount > 0"),
        ),
        Index(
            "invoices_awaiting_overdue",
            "due_date",
            postgresql_where=text("open_amount > 0 AND marked_overdue_on IS NULL"),
        ),
        Index("invoices_by_customer", "customer_id", "id"),
    )

    id: str = Field(primary_key=True)
    number: str = Field(unique=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str
    issue_date: date
    due_date: date
    total: int = Field(sa_type=BigInteger)
    open_amount: int = Field(sa_type=BigInteger)
    status: str
    marked_overdue_on: date | None = None
    issued_at: datetime = Field(sa_type=DateTime(timezone=True))
    net_amount: int = Field(sa_type=BigInteger)
    tax_amount: int = Field(sa_type=BigInteger)
    terms_kind: str
    terms_days: int | None = None
    discount_percent: Decimal | None = Field(default=None, sa_type=Numeric(7, 4))
    discount_until: date | None = None
    voided_on: date | None = None
    void_reason: str | None = None
    order_reference: str | None = None
    contract_id: str | None = None


class InvoiceLineRow(Table, table=True):
    """One priced line of an invoice, never changed after issue."""

    __tablename__ = "invoice_lines"

    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True)
    position: int = Field(primary_key=True)
    description: str
    quantity: Decimal = Field(sa_type=Numeric(14, 4))
    unit_price: int = Field(sa_type=BigInteger)
    amount: int = Field(sa_type=BigInteger)
    discount_amount: int = Field(sa_type=BigInteger)
    discount_percent: Decimal | None = Field(default=None, sa_type=Numeric(7, 4))
    tax_rate: Decimal = Field(sa_type=Numeric(7, 4))
    tax_amount: int = Field(sa_type=BigInteger)


class InvoiceInstalmentRow(Table, table=True):
    """An amount of an invoice due on a date; a single-sum invoice has one."""

    __tablename__ = "invoice_instalments"
    __table_args__ = (CheckConstraint("amount >= 0", name="instalment_amount_not_negative"),)

    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True)
    position: int = Field(primary_key=True)
    due_date: date
    amount: int = Field(sa_type=BigInteger)


class InvoiceImportRow(Table, table=True):
    """A file of invoices imported whole, and what it created."""

    __tablename__ = "invoice_imports"

    id: str = Field(primary_key=True)
    file_sha256: str = Field(unique=True)
    filename: str | None = None
    row_count: int
    invoices_created: int
    lines_created: int
    # Minor units per currency: {"EUR": 123450}.
    totals: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    imported_by: str
    imported_at: datetime = Field(sa_type=DateTime(timezone=True))


class InvoiceImportItemRow(Table, table=True):
    """The invoice one reference of an import file became."""

    __tablename__ = "invoice_import_items"

    import_id: str = Field(foreign_key="invoice_imports.id", primary_key=True)
    invoice_ref: str = Field(primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id", unique=True)
