"""ledger-svc's HTTP contract. Amounts are decimal strings at the currency's exact scale."""

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.domain.invoice import InvoiceStatus

# Scale and sign are judged against the account's currency, so the pattern only asks for digits.
DecimalText = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^-?\d{1,20}(\.\d{1,20})?$")
]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CustomerId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class LineIn(BaseModel):
    """One line to invoice: what, how many, at what unit price."""

    model_config = ConfigDict(extra="forbid")

    description: Description
    quantity: Decimal = Field(
        gt=0, max_digits=14, decimal_places=4, description="Positive, up to 4 decimals"
    )
    unit_price: DecimalText = Field(description="Price per unit at the currency's scale, >= 0")


class IssueInvoice(BaseModel):
    """A request to bill a customer for goods or services on credit."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01",
                    "issue_date": "2026-03-01",
                    "lines": [
                        {
                            "description": "Consulting, March",
                            "quantity": "12.5",
                            "unit_price": "80.00",
                        },
                        {"description": "Travel", "quantity": 1, "unit_price": "145.30"},
                    ],
                }
            ]
        },
    )

    customer_id: CustomerId
    issue_date: date
    due_date: date | None = Field(
        default=None, description="Defaults to issue date plus the customer's payment terms"
    )
    currency: CurrencyCode | None = Field(
        default=None, description="If given, must be the customer's account currency"
    )
    lines: list[LineIn] = Field(min_length=1, max_length=200)


class LineOut(BaseModel):
    """A priced line; its amount is quantity x unit price, rounded half-up once."""

    description: str
    quantity: str
    unit_price: str
    amount: str


class InvoiceOut(BaseModel):
    """An invoice as the ledger keeps it: what was billed and what is still owed."""

    id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    total: str
    open_amount: str
    status: InvoiceStatus
    overdue: bool
    lines: list[LineOut]


class InvoicePage(BaseModel):
    """One page of invoices, oldest first."""

    items: list[InvoiceOut]
    next_cursor: str | None


class RecordPayment(BaseModel):
    """Money received from a customer, to apply to what they owe."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "customer_id": "0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01",
                    "amount": "1145.30",
                    "currency": "EUR",
                    "received_on": "2026-03-28",
                    "reference": "BANK-2026-03-28-0042",
                }
            ]
        },
    )

    customer_id: CustomerId
    amount: DecimalText = Field(description="More than zero, at the currency's scale")
    currency: CurrencyCode = Field(description="Must be the customer's account currency")
    received_on: date
    reference: str | None = Field(default=None, max_length=140)


class AllocationOut(BaseModel):
    """The part of a payment applied to one invoice."""

    invoice_id: str
    amount: str


class PaymentOut(BaseModel):
    """A recorded payment, how it was applied, and the surplus kept as credit."""

    id: str
    customer_id: str
    currency: str
    amount: str
    received_on: date
    reference: str | None
    allocations: list[AllocationOut]
    unapplied_amount: str


class BalanceOut(BaseModel):
    """What a customer owes, what of it is overdue, and the credit we hold for them."""

    customer_id: str
    currency: str
    open_amount: str
    overdue_amount: str
    credit_amount: str


class StartOverdueRun(BaseModel):
    """A request to mark what is overdue as of a business date."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-04-01"}]}
    )

    as_of: date = Field(description="Invoices due before this business date are overdue")


class OverdueRunOut(BaseModel):
    """How many invoices this run found newly overdue."""

    as_of: date
    invoices_marked_overdue: int
