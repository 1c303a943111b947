"""Invoice facts published by ledger-svc on ledger.events."""

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ledgerflow_events.contracts.base import Amount, CurrencyCode, EventData


class InvoiceTotals(BaseModel):
    """How an invoice's gross total splits into net and tax."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    net: Amount = Field(description="The net amount")
    tax: Amount = Field(description="The tax")


class InvoiceInstalment(BaseModel):
    """An amount of an invoice due on a date; an invoice's instalments add up to its total."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    due_date: date = Field(description="The business date this instalment falls due")
    amount: Amount = Field(description="The instalment's amount")


class InvoiceIssued(EventData):
    """An invoice was issued; credit adds it to exposure, reporting ages it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_issued"

    invoice_id: str = Field(description="The invoice's id in the ledger")
    number: str = Field(description="The document number people see and quote")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    total: Amount = Field(description="The gross total, tax included")
    issue_date: date = Field(description="The business date it was issued")
    # When the whole total is due: the last instalment's date.
    due_date: date = Field(description="When the whole total is due: the last instalment's date")
    # Added later in v1: absent from invoices issued before.
    totals: InvoiceTotals | None = Field(
        default=None, description="How the total splits into net and tax; absent on older invoices"
    )
    instalments: list[InvoiceInstalment] | None = Field(
        default=None, description="When which part of the total falls due; absent on older invoices"
    )
    order_reference: str | None = Field(
        default=None,
        description="The order system's reference the invoice bills; credit-svc converts the "
        "order's credit reservation into the invoice",
    )
    contract_id: str | None = Field(
        default=None,
        description="The customer's contract (customer-svc) the invoice bills, if any",
    )
    # Added later in v1: absent (false) on invoices issued before.
    opening: bool = Field(
        default=False,
        description="An opening balance brought in at the cut-over: a debt owed, dated on the "
        "cut-over day, but no sale of that day; consumers leave it out of sales and of payment "
        "behaviour",
    )


class InvoicePaid(EventData):
    """An invoice's open amount reached zero; collections may close the customer's case."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_paid"

    invoice_id: str = Field(description="The invoice's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    total: Amount = Field(description="The gross total, tax included")
    paid_on: date = Field(description="The business date the invoice's open amount reached zero")


class InvoiceOverdue(EventData):
    """An invoice passed its due date unpaid; collections opens a case, credit counts it overdue."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_overdue"

    invoice_id: str = Field(description="The invoice's id in the ledger")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    open_amount: Amount = Field(description="What the invoice still owed")
    due_date: date = Field(description="The business date it fell due")
    as_of: date = Field(description="The business date of the run that decided it")


class InvoiceVoided(EventData):
    """An invoice nothing was paid on was cancelled; credit, collections and reporting drop it."""

    producer: ClassVar[str] = "ledger"
    fact: ClassVar[str] = "invoice_voided"

    invoice_id: str = Field(description="The invoice's id in the ledger")
    number: str = Field(description="The document number people see and quote")
    currency: CurrencyCode = Field(description="ISO 4217 code of the amounts")
    # The gross total no longer owed: the invoice's whole total, as nothing was applied to it.
    total: Amount = Field(description="The gross total no longer owed")
    voided_on: date = Field(description="The business date the invoice was voided")
