"""Invoice facts published by ledger-svc on ledger.events."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

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
    order_reference: str | None = Field(
        default=None,
        description="The order system's reference the invoice bills; credit-svc converts the "
        "order's credit reservation into the invoice",
    )
    contract_id: str | None = Field(
        default=None,
        description="The customer's contract (customer-svc) the invoice bills, if any",
    )


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


class InvoiceVoided(EventData):
    """An invoice nothing was paid on was cancelled; credit, collections and reporting drop it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_voided"

    invoice_id: str
    number: str
    currency: CurrencyCode
    # The gross total no longer owed: the invoice's whole total, as nothing was applied to it.
    total: Amount
    voided_on: date
