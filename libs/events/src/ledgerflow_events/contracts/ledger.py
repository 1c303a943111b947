"""Facts published by ledger-svc on ledger.events."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class InvoiceTotals(BaseModel):
    """How an invoice's gross total splits into net and tax."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    net: Amount
    tax: Amount


class InvoiceInstalment(BaseModel):
    """An amount of an invoice due on a date; an invoice's instalments add up to its total."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    due_date: date
    amount: Amount


class InvoiceIssued(EventData):
    """An invoice was issued; credit adds it to exposure, reporting ages it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_issued"

    invoice_id: str
    number: str
    currency: CurrencyCode
    total: Amount
    issue_date: date
    # When the whole total is due: the last instalment's date.
    due_date: date
    # Added later in v1: absent from invoices issued before.
    totals: InvoiceTotals | None = None
    instalments: list[InvoiceInstalment] | None = None


class PaymentAllocation(BaseModel):
    """The part of a payment applied to one invoice."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    invoice_id: str
    amount: Amount
    open_amount_after: Amount
    # Added later in v1: the early-payment discount that closed the invoice with this payment
    # (the invoice owes `amount` + `discount` less); absent or "0.00" when none was earned.
    discount: Amount | None = None


class PaymentReceived(EventData):
    """A customer payment was recorded and applied; exposure, cases and aging shrink by it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "payment_received"

    payment_id: str
    currency: CurrencyCode
    amount: Amount
    received_on: date
    reference: str | None = None
    allocations: list[PaymentAllocation]
    unapplied_amount: Amount
    # Added later in v1: bank_transfer, card, cash or cheque; absent on older payments.
    method: str | None = None


class InvoicePaid(EventData):
    """An invoice's open amount reached zero; collections may close the customer's case."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_paid"

    invoice_id: str
    currency: CurrencyCode
    total: Amount
    paid_on: date


class InvoiceOverdue(EventData):
    """An invoice passed its due date unpaid; collections opens a case, credit counts it overdue."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_overdue"

    invoice_id: str
    currency: CurrencyCode
    open_amount: Amount
    due_date: date
    as_of: date
