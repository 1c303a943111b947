"""ledger-svc's tables, on a metadata of its own.

Amounts are bigint minor units. Rows are only ever added, except an invoice's open amount,
status and overdue mark, which follow from the allocation rows written beside them.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, Numeric, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from ledgerflow_events.outbox import Outbox
from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_events.topics import LEDGER_EVENTS
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    """The base of ledger-svc's own tables, on a registry no other service shares."""


class CustomerAccountRow(Table, table=True):
    """A customer account, opened from their registration."""

    __tablename__ = "customer_accounts"

    customer_id: str = Field(primary_key=True)
    currency: str
    payment_terms_days: int
    registered_at: datetime = Field(sa_type=DateTime(timezone=True))


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
        CheckConstraint("due_date >= issue_date", name="invoice_due_after_issue"),
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


class PaymentRow(Table, table=True):
    """A payment received, with what no invoice absorbed (customer credit)."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="payment_amount_positive"),
        CheckConstraint(
            "unapplied_amount >= 0 AND unapplied_amount <= amount",
            name="payment_unapplied_in_range",
        ),
        Index("payments_by_customer", "customer_id", "id"),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str
    amount: int = Field(sa_type=BigInteger)
    received_on: date
    reference: str | None = None
    unapplied_amount: int = Field(sa_type=BigInteger)
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))
    # bank_transfer, card, cash or cheque (domain.cash_application.PaymentMethod).
    method: str = Field(
        default="bank_transfer", sa_column_kwargs={"server_default": "bank_transfer"}
    )


class PaymentAllocationRow(Table, table=True):
    """The part of a payment applied to one invoice."""

    __tablename__ = "payment_allocations"
    __table_args__ = (
        CheckConstraint("amount > 0", name="allocation_amount_positive"),
        CheckConstraint("open_amount_after >= 0", name="allocation_open_after_non_negative"),
        CheckConstraint("discount >= 0", name="allocation_discount_non_negative"),
    )

    payment_id: str = Field(foreign_key="payments.id", primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True, index=True)
    position: int
    amount: int = Field(sa_type=BigInteger)
    open_amount_after: int = Field(sa_type=BigInteger)
    # The early-payment discount that closed the invoice with this payment (its own entry).
    discount: int = Field(default=0, sa_type=BigInteger, sa_column_kwargs={"server_default": "0"})


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
idempotency_keys = define_idempotency_table(metadata)
outbox = Outbox(messaging, source="ledger", topic=LEDGER_EVENTS)
