"""Tables of credit notes, refunds, write-offs and late fees (migration 0005).

Amounts are bigint minor units. Documents are only added; what changes is a credit note's
unapplied credit (drawn by refunds), a refund's or write-off's status, and a late-fee
policy, which an accountant replaces.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    text,
)
from sqlmodel import Field

from ledger_svc.adapters.tables.base import Table


class CreditNoteRow(Table, table=True):
    """A credit note: against an invoice, or on account with the credit it still holds."""

    __tablename__ = "credit_notes"
    __table_args__ = (
        CheckConstraint("amount > 0", name="credit_note_amount_positive"),
        CheckConstraint(
            "tax_amount >= 0 AND tax_amount <= amount", name="credit_note_tax_in_range"
        ),
        CheckConstraint(
            "unapplied_amount >= 0 AND unapplied_amount <= amount",
            name="credit_note_unapplied_in_range",
        ),
        CheckConstraint(
            "invoice_id IS NOT NULL OR tax_amount = 0", name="credit_note_on_account_untaxed"
        ),
        Index("credit_notes_by_customer", "customer_id", "id"),
        Index(
            "credit_notes_by_invoice", "invoice_id", postgresql_where=text("invoice_id IS NOT NULL")
        ),
    )

    id: str = Field(primary_key=True)
    number: str = Field(unique=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    invoice_id: str | None = Field(default=None, foreign_key="invoices.id")
    currency: str = Field(sa_type=String(3))
    issue_date: date
    amount: int = Field(sa_type=BigInteger)
    tax_amount: int = Field(sa_type=BigInteger)
    income_account: str
    unapplied_amount: int = Field(sa_type=BigInteger)
    reason: str
    issued_by: str
    issued_at: datetime = Field(sa_type=DateTime(timezone=True))


class RefundRow(Table, table=True):
    """A refund of customer credit: requested, then paid or cancelled."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint("amount > 0", name="refund_amount_positive"),
        CheckConstraint(
            "(status = 'requested' AND paid_on IS NULL AND cancelled_on IS NULL)"
            " OR (status = 'paid' AND paid_on IS NOT NULL AND cancelled_on IS NULL)"
            " OR (status = 'cancelled' AND cancelled_on IS NOT NULL AND paid_on IS NULL)",
            name="refund_status_matches_dates",
        ),
        Index("refunds_by_customer", "customer_id", "id"),
    )

    id: str = Field(primary_key=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str = Field(sa_type=String(3))
    amount: int = Field(sa_type=BigInteger)
    method: str
    reference: str | None = None
    status: str
    requested_on: date
    requested_by: str
    paid_on: date | None = None
    cancelled_on: date | None = None
    cancel_reason: str | None = None
    requested_at: datetime = Field(sa_type=DateTime(timezone=True))


class RefundDrawRow(Table, table=True):
    """The credit one refund set aside from one payment or on-account credit note."""

    __tablename__ = "refund_draws"
    __table_args__ = (
        CheckConstraint("amount > 0", name="refund_draw_amount_positive"),
        CheckConstraint(
            "source_kind IN ('payment', 'credit_note')", name="refund_draw_source_kind"
        ),
    )

    refund_id: str = Field(foreign_key="refunds.id", primary_key=True)
    position: int = Field(primary_key=True)
    source_kind: str
    source_id: str
    amount: int = Field(sa_type=BigInteger)


class WriteOffRow(Table, table=True):
    """A write-off request and the second person's decision on it."""

    __tablename__ = "write_offs"
    __table_args__ = (
        CheckConstraint("amount > 0", name="write_off_amount_positive"),
        CheckConstraint(
            "status IN ('requested', 'approved', 'rejected')", name="write_off_status_known"
        ),
        # Four eyes, kept by the database too: whoever decides is not whoever asked.
        CheckConstraint(
            "(status = 'requested' AND decided_by IS NULL AND decided_on IS NULL)"
            " OR (status <> 'requested' AND decided_by IS NOT NULL AND decided_on IS NOT NULL"
            " AND (status = 'rejected' OR decided_by <> requested_by))",
            name="write_off_decided_by_another",
        ),
        Index(
            "write_offs_one_pending_per_invoice",
            "invoice_id",
            unique=True,
            postgresql_where=text("status = 'requested'"),
        ),
        Index("write_offs_by_status", "status", "id"),
    )

    id: str = Field(primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id")
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str = Field(sa_type=String(3))
    amount: int = Field(sa_type=BigInteger)
    reason: str
    status: str
    requested_on: date
    requested_by: str
    decided_by: str | None = None
    decided_on: date | None = None
    rejection_reason: str | None = None
    requested_at: datetime = Field(sa_type=DateTime(timezone=True))


class LateFeePolicyRow(Table, table=True):
    """How late fees are charged in one currency."""

    __tablename__ = "late_fee_policies"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'fixed' AND fixed_amount > 0 AND percent_per_month IS NULL)"
            " OR (kind = 'percent' AND percent_per_month > 0 AND fixed_amount IS NULL)",
            name="late_fee_policy_kind_matches_amounts",
        ),
        CheckConstraint("grace_days >= 0", name="late_fee_policy_grace_not_negative"),
    )

    currency: str = Field(sa_type=String(3), primary_key=True)
    kind: str
    fixed_amount: int | None = Field(default=None, sa_type=BigInteger)
    percent_per_month: Decimal | None = Field(default=None, sa_type=Numeric(7, 4))
    grace_days: int
    updated_by: str
    updated_at: datetime = Field(sa_type=DateTime(timezone=True))


class LateFeeRow(Table, table=True):
    """A late fee charged on one invoice for one period, billed as its own LF invoice."""

    __tablename__ = "late_fees"
    __table_args__ = (
        UniqueConstraint("invoice_id", "period", name="late_fee_once_per_invoice_and_period"),
        CheckConstraint("amount > 0", name="late_fee_amount_positive"),
        Index("late_fees_by_customer", "customer_id", "id"),
    )

    id: str = Field(primary_key=True)
    invoice_id: str = Field(foreign_key="invoices.id")
    fee_invoice_id: str = Field(foreign_key="invoices.id", unique=True)
    customer_id: str = Field(foreign_key="customer_accounts.customer_id")
    currency: str = Field(sa_type=String(3))
    period: str
    as_of: date
    base_amount: int = Field(sa_type=BigInteger)
    amount: int = Field(sa_type=BigInteger)
    charged_at: datetime = Field(sa_type=DateTime(timezone=True))
