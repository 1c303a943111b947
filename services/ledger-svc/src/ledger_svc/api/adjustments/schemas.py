"""The HTTP contract of credit notes, refunds, write-offs and late fees, requests and responses.
Amounts are decimal strings at the currency's exact scale; business dates are dates the
caller chooses."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from ledger_svc.api.fields import CurrencyCode, DecimalText
from ledger_svc.domain.adjustments.customer_credit import CreditSourceKind
from ledger_svc.domain.adjustments.late_fee import (
    MAX_GRACE_DAYS,
    LateFeeKind,
)
from ledger_svc.domain.adjustments.refund import RefundMethod, RefundStatus
from ledger_svc.domain.adjustments.write_off import WriteOffStatus
from ledgerflow_platform.web.bounds import BusinessDate

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


def _examples(*examples: JsonDict) -> ConfigDict:
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


class CreditInvoice(BaseModel):
    """A credit note against an invoice: part of what is open, or (no amount) all of it."""

    model_config = _examples(
        {"amount": "59.50", "issue_date": "2026-04-02", "reason": "Two units returned damaged"},
        {"issue_date": "2026-04-02", "reason": "Order cancelled"},
    )

    amount: DecimalText | None = Field(
        default=None, description="Gross, tax included; at most the invoice's open amount"
    )
    currency: CurrencyCode | None = Field(default=None, description="If given, the invoice's")
    issue_date: BusinessDate = Field(description="Not before the invoice's issue date")
    reason: Reason


class CreditOnAccount(BaseModel):
    """A credit note on account: credit for the customer, not tied to an invoice."""

    model_config = _examples(
        {"amount": "25.00", "currency": "EUR", "issue_date": "2026-04-02", "reason": "Goodwill"}
    )

    amount: DecimalText = Field(description="More than zero, at the currency's scale")
    currency: CurrencyCode | None = Field(default=None, description="If given, the account's")
    issue_date: BusinessDate
    reason: Reason


class RequestRefund(BaseModel):
    """A refund of customer credit, reserved from the credit available now."""

    model_config = _examples(
        {
            "amount": "30.00",
            "method": "bank_transfer",
            "reference": "Overpayment March",
            "requested_on": "2026-04-03",
        }
    )

    amount: DecimalText = Field(description="More than zero; at most the available credit")
    currency: CurrencyCode | None = Field(default=None, description="If given, the account's")
    method: RefundMethod
    reference: str | None = Field(default=None, max_length=140)
    requested_on: BusinessDate


class PayRefund(BaseModel):
    """When a requested refund was paid out."""

    model_config = _examples({"paid_on": "2026-04-05"})

    paid_on: BusinessDate = Field(description="Not before the refund was requested")


class CancelRefund(BaseModel):
    """Calling off a requested refund; its credit comes back."""

    model_config = _examples({"cancelled_on": "2026-04-04", "reason": "Customer keeps the credit"})

    cancelled_on: BusinessDate
    reason: Reason


class RequestWriteOff(BaseModel):
    """Why an invoice's remainder should be written off; another user approves."""

    model_config = _examples({"reason": "Customer insolvent", "requested_on": "2026-06-30"})

    reason: Reason
    requested_on: BusinessDate = Field(description="Not before the invoice's issue date")


class ApproveWriteOff(BaseModel):
    """The approval date, which dates the write-off's journal entry."""

    model_config = _examples({"approved_on": "2026-07-01"})

    approved_on: BusinessDate


class RejectWriteOff(BaseModel):
    """Turning a write-off request down, and why."""

    model_config = _examples({"rejected_on": "2026-07-01", "reason": "Payment plan agreed"})

    rejected_on: BusinessDate
    reason: Reason


class LateFeePolicyIn(BaseModel):
    """How late fees are charged in a currency: a fixed amount or a percentage per month."""

    model_config = _examples(
        {"kind": "percent", "percent_per_month": "1.5", "grace_days": 5},
        {"kind": "fixed", "amount": "15.00"},
    )

    kind: LateFeeKind
    amount: DecimalText | None = Field(default=None, description="For kind fixed")
    percent_per_month: Decimal | None = Field(
        default=None, description="For kind percent: of the open amount, above 0 to 100"
    )
    grace_days: int = Field(default=0, ge=0, le=MAX_GRACE_DAYS)


class StartLateFeeRun(BaseModel):
    """A request to charge late fees as of a business date."""

    model_config = _examples({"as_of": "2026-05-01"})

    as_of: BusinessDate = Field(
        description="Invoices due before this date (past grace) are charged"
    )


class CreditNoteOut(BaseModel):
    """A credit note; on account, `unapplied_amount` is the credit it still holds."""

    id: str
    number: str
    customer_id: str
    invoice_id: str | None
    currency: str
    issue_date: date
    amount: str
    net: str
    tax: str
    unapplied_amount: str
    reason: str


class CreditNotePage(BaseModel):
    """Credit notes, oldest first."""

    items: list[CreditNoteOut]
    next_cursor: str | None


class CreditDrawOut(BaseModel):
    """The credit a refund set aside from one payment or credit note."""

    source: CreditSourceKind
    source_id: str
    amount: str


class RefundOut(BaseModel):
    """A refund of customer credit and where it stands."""

    id: str
    customer_id: str
    currency: str
    amount: str
    method: RefundMethod
    reference: str | None
    status: RefundStatus
    requested_on: date
    requested_by: str
    paid_on: date | None
    cancelled_on: date | None
    cancel_reason: str | None
    drawn_from: list[CreditDrawOut]


class RefundPage(BaseModel):
    """Refunds, oldest first."""

    items: list[RefundOut]
    next_cursor: str | None


class WriteOffOut(BaseModel):
    """A write-off request and the second person's decision."""

    id: str
    invoice_id: str
    customer_id: str
    currency: str
    amount: str
    reason: str
    status: WriteOffStatus
    requested_on: date
    requested_by: str
    decided_by: str | None
    decided_on: date | None
    rejection_reason: str | None


class WriteOffPage(BaseModel):
    """Write-offs, oldest first."""

    items: list[WriteOffOut]
    next_cursor: str | None


class LateFeePolicyOut(BaseModel):
    """How late fees are charged in one currency."""

    currency: str
    kind: LateFeeKind
    amount: str | None
    percent_per_month: str | None
    grace_days: int


class LateFeeOut(BaseModel):
    """A late fee charged on an invoice for a month, billed as its own LF invoice."""

    id: str
    invoice_id: str
    fee_invoice_id: str
    fee_invoice_number: str
    customer_id: str
    currency: str
    period: str
    as_of: date
    base_amount: str
    amount: str


class LateFeePage(BaseModel):
    """Late fees charged, oldest first."""

    items: list[LateFeeOut]
    next_cursor: str | None


class LateFeeRunOut(BaseModel):
    """What one late-fee run charged."""

    as_of: date
    period: str
    invoices_charged: int
    fees: list[LateFeeOut]
