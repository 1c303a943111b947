"""The HTTP contract of invoicing: invoices, overdue runs and bulk imports, requests and
responses. Amounts are decimal strings at the currency's exact scale; percentages are decimal
strings or numbers, at most four decimals (judged by the ledger, which names the field it
refuses). Each request's fields become the domain's request here."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ledger_svc.api.fields import CurrencyCode, CustomerId, DecimalText
from ledger_svc.domain.invoicing.invoice import INVOICE_SERIES, InvoiceStatus
from ledger_svc.domain.invoicing.pricing import DiscountRequest, LineRequest
from ledger_svc.domain.invoicing.terms import (
    EarlyPaymentDiscount,
    InstalmentRule,
    PaymentTerms,
    TermsKind,
)
from ledgerflow_platform.web.bounds import BusinessDate

Description = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]

Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]

Series = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,11}$")]

Percent = Annotated[Decimal, Field(description='A percentage, e.g. "19" or "7.5"')]

Days = Annotated[int, Field(description="Days, 0 to 3650")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DiscountIn(Strict):
    """A line discount: a percentage of the line (0-100) or a fixed amount, exactly one."""

    percent: Percent | None = None
    amount: DecimalText | None = Field(default=None, description="At most the line's amount")


class LineIn(Strict):
    """One line to invoice: what, how many, at what unit price, less discount, plus tax."""

    description: Description
    quantity: Decimal = Field(
        gt=0, max_digits=14, decimal_places=4, description="Positive, up to 4 decimals"
    )
    unit_price: DecimalText = Field(description="Price per unit at the currency's scale, >= 0")
    discount: DiscountIn | None = None
    tax_rate: Percent | None = Field(default=None, description="Tax percent on the net, 0-100")


class InstalmentIn(Strict):
    """A share of the total due so many days after issue."""

    percent: Percent = Field(description="Above 0; all instalments add up to exactly 100")
    days: Days


class EarlyPaymentDiscountIn(Strict):
    """x percent off the gross total if paid within N days of issue."""

    percent: Percent = Field(description="Above 0, below 100")
    days: Days


class TermsIn(Strict):
    """Payment terms: net N days, end of month + N days, or instalments."""

    kind: TermsKind
    days: Days | None = Field(default=None, description="For net and end_of_month")
    instalments: list[InstalmentIn] | None = Field(default=None, max_length=100)
    early_payment_discount: EarlyPaymentDiscountIn | None = None


class IssueInvoice(Strict):
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
                            "tax_rate": "19",
                        },
                        {"description": "Travel", "quantity": 1, "unit_price": "145.30"},
                    ],
                },
                {
                    "customer_id": "0195f3a2-7c1e-7d44-9a4b-2f1c8e6d5a01",
                    "issue_date": "2026-03-01",
                    "series": "EXP",
                    "terms": {
                        "kind": "instalments",
                        "instalments": [
                            {"percent": "30", "days": 0},
                            {"percent": "70", "days": 60},
                        ],
                    },
                    "lines": [
                        {
                            "description": "Machine",
                            "quantity": "1",
                            "unit_price": "10000.00",
                            "discount": {"percent": "5"},
                            "tax_rate": "19",
                        }
                    ],
                },
            ]
        },
    )

    customer_id: CustomerId
    issue_date: BusinessDate
    due_date: BusinessDate | None = Field(
        default=None, description="Kept as given; exclusive with terms"
    )
    terms: TermsIn | None = Field(
        default=None, description="Defaults to the customer's terms: net their payment days"
    )
    series: Series = Field(default=INVOICE_SERIES, description="Numbered <series>-<year>-<n>")
    currency: CurrencyCode | None = Field(
        default=None, description="If given, must be the customer's account currency"
    )
    lines: list[LineIn] = Field(min_length=1, max_length=200)
    order_reference: Reference | None = Field(
        default=None, description="The order system's reference this invoice bills"
    )
    contract_id: Reference | None = Field(
        default=None, description="The customer's contract (customer-svc id) this invoice bills"
    )


class VoidInvoice(Strict):
    """A request to cancel an invoice nothing was applied to."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"voided_on": "2026-03-02", "reason": "Billed twice"}]},
    )

    voided_on: BusinessDate = Field(description="The business date of the void, not before issue")
    reason: Description


def line_request(line: LineIn) -> LineRequest:
    discount = line.discount
    return LineRequest(
        line.description,
        line.quantity,
        line.unit_price,
        DiscountRequest(discount.percent, discount.amount) if discount else None,
        line.tax_rate,
    )


def payment_terms(terms: TermsIn | None) -> PaymentTerms | None:
    if terms is None:
        return None
    early = terms.early_payment_discount
    return PaymentTerms(
        terms.kind,
        terms.days,
        tuple(InstalmentRule(i.percent, i.days) for i in terms.instalments or ()),
        EarlyPaymentDiscount(early.percent, early.days) if early else None,
    )


class DiscountOut(BaseModel):
    """What a line's discount took off it."""

    percent: str | None
    amount: str


class LineOut(BaseModel):
    """A priced line: amount = quantity x unit price; net = amount - discount; gross = net +
    tax; each rounded half-up once."""

    description: str
    quantity: str
    unit_price: str
    amount: str
    discount: DiscountOut | None
    net: str
    tax_rate: str
    tax: str
    gross: str


class InstalmentOut(BaseModel):
    """An amount due on a date."""

    due_date: date
    amount: str


class EarlyPaymentDiscountOut(BaseModel):
    """The discount earned by paying in full on or before `until`."""

    percent: str
    until: date


class TermsOut(BaseModel):
    """The terms the invoice was issued on."""

    kind: TermsKind
    days: int | None
    early_payment_discount: EarlyPaymentDiscountOut | None


class InvoiceOut(BaseModel):
    """An invoice as the ledger keeps it: what was billed and what is still owed."""

    id: str
    number: str
    customer_id: str
    currency: str
    issue_date: date
    due_date: date
    net: str
    tax: str
    total: str
    open_amount: str
    status: InvoiceStatus
    overdue: bool
    terms: TermsOut
    instalments: list[InstalmentOut]
    lines: list[LineOut]
    voided_on: date | None
    void_reason: str | None
    order_reference: str | None
    contract_id: str | None


class InvoicePage(BaseModel):
    """One page of invoices, oldest first."""

    items: list[InvoiceOut]
    next_cursor: str | None


class StartOverdueRun(BaseModel):
    """A request to mark what is overdue as of a business date."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"as_of": "2026-04-01"}]}
    )

    as_of: BusinessDate = Field(description="Invoices due before this business date are overdue")


class OverdueRunOut(BaseModel):
    """How many invoices this run found newly overdue."""

    as_of: date
    invoices_marked_overdue: int


class InvoiceImportOut(BaseModel):
    """A file of invoices imported whole."""

    import_id: str
    file_sha256: str
    filename: str | None
    rows: int
    invoices_created: int
    lines_created: int
    total: dict[str, str] = Field(description='Invoice totals per currency: {"EUR": "1145.30"}')
    imported_by: str
    imported_at: datetime


class ImportedInvoiceOut(BaseModel):
    """The invoice one reference of the file became."""

    invoice_ref: str
    invoice_id: str
    number: str


class ImportedInvoicePage(BaseModel):
    """One page of an import's invoices, by reference."""

    items: list[ImportedInvoiceOut]
    next_cursor: str | None
