"""Cash application's tables: payments received and how each was applied, reversals of
payments, and applications of customer credit to invoices. Amounts are bigint minor units;
rows are only ever added."""

from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


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


class PaymentReversalRow(Table, table=True):
    """A payment undone (bounced, returned, in error); one per payment at most."""

    __tablename__ = "payment_reversals"

    payment_id: str = Field(foreign_key="payments.id", primary_key=True)
    reversed_on: date
    reason: str
    note: str | None = None
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))


class CreditApplicationRow(Table, table=True):
    """Customer credit applied to invoices on a business date."""

    __tablename__ = "credit_applications"
    __table_args__ = (
        CheckConstraint("amount > 0", name="credit_application_amount_positive"),
        Index("credit_applications_by_customer", "customer_id", "id"),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str
    applied_on: date
    amount: int = Field(sa_type=BigInteger)
    recorded_at: datetime = Field(sa_type=DateTime(timezone=True))


class CreditApplicationAllocationRow(Table, table=True):
    """The part of a credit application that paid one invoice."""

    __tablename__ = "credit_application_allocations"
    __table_args__ = (
        CheckConstraint("amount > 0", name="credit_allocation_amount_positive"),
        CheckConstraint("discount >= 0", name="credit_allocation_discount_non_negative"),
        CheckConstraint("open_amount_after >= 0", name="credit_allocation_open_after_non_negative"),
    )

    application_id: str = Field(foreign_key="credit_applications.id", primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id", primary_key=True, index=True)
    position: int
    amount: int = Field(sa_type=BigInteger)
    discount: int = Field(sa_type=BigInteger)
    open_amount_after: int = Field(sa_type=BigInteger)


class CreditApplicationDrawRow(Table, table=True):
    """What a credit application took from one payment surplus or credit note."""

    __tablename__ = "credit_application_draws"
    __table_args__ = (CheckConstraint("amount > 0", name="credit_draw_amount_positive"),)

    application_id: str = Field(foreign_key="credit_applications.id", primary_key=True)
    # payment or credit_note (domain.customer_credit.CreditSourceKind).
    source_kind: str = Field(primary_key=True)
    source_id: str = Field(primary_key=True, index=True)
    amount: int = Field(sa_type=BigInteger)
