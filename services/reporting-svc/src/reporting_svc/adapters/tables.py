"""reporting-svc's tables, on a metadata of its own: the receivables facts reports are read from."""

from datetime import date, datetime

from sqlalchemy import BigInteger, DateTime, Index
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from ledgerflow_events.tables import define_messaging_tables
from ledgerflow_platform.idempotency import define_idempotency_table


class Table(SQLModel, registry=registry()):
    """The base of reporting-svc's tables, kept apart from every other service's."""


class CustomerAccountRow(Table, table=True):
    """A customer reporting knows of, with the currency its account is kept in."""

    __tablename__ = "customers"

    id: str = Field(primary_key=True)
    name: str
    currency: str
    # What reports group by; None until a fact says (customer, credit and collections events).
    industry: str | None = None
    region: str | None = None
    grade: str | None = None
    collector: str | None = None


class InvoiceRow(Table, table=True):
    """An issued invoice: what the customer owes, from when, and by when."""

    __tablename__ = "invoices"
    __table_args__ = (Index("invoices_by_customer", "customer_id", "issue_date"),)

    id: str = Field(primary_key=True)
    customer_id: str
    number: str
    currency: str
    total_minor: int = Field(sa_type=BigInteger)
    issue_date: date
    due_date: date
    # From this day on nothing is owed on it. A void that came before its InvoiceIssued keeps
    # the void date as issue and due date until the issue arrives, so it is never aged.
    voided_on: date | None = None
    # When the ledger recorded the issue and the void (event time), for as-known-at reports;
    # None on facts recorded before these were kept: always known.
    issued_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # The customer's contract it bills, when the ledger said (finance customer table).
    contract_id: str | None = None
    voided_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # An opening balance brought in at the cut-over: owed and aged, but no credit sale and
    # no payment behaviour.
    opening: bool = False


class AllocationRow(Table, table=True):
    """The part of one payment applied to one invoice, dated when the money came in."""

    __tablename__ = "payment_allocations"
    __table_args__ = (
        Index(
            "payment_allocations_by_invoice",
            "invoice_id",
            "received_on",
            postgresql_include=["amount_minor"],
        ),
        Index("payment_allocations_by_customer", "customer_id"),
        Index(
            "payment_allocations_by_customer_date",
            "customer_id",
            "received_on",
            postgresql_include=["invoice_id", "amount_minor", "recorded_at"],
        ),
    )

    payment_id: str = Field(primary_key=True)
    invoice_id: str = Field(primary_key=True)
    customer_id: str
    amount_minor: int = Field(sa_type=BigInteger)
    received_on: date
    # What an opening balance had been paid before the cut-over: it settles, but is no cash
    # collected on the day.
    opening: bool = False
    recorded_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


metadata = Table.metadata
messaging = define_messaging_tables(metadata)
idempotency_keys = define_idempotency_table(metadata)
