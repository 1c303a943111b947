"""Invoices as the API shows them."""

from datetime import date

from pydantic import BaseModel

from ledger_svc.domain.amounts import format_amount, format_quantity
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceStatus
from ledger_svc.domain.invoicing.terms import TermsKind


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


class InvoicePage(BaseModel):
    """One page of invoices, oldest first."""

    items: list[InvoiceOut]
    next_cursor: str | None


def invoice_out(invoice: Invoice) -> InvoiceOut:
    def money(minor: int) -> str:
        return format_amount(minor, invoice.currency)

    terms = invoice.terms
    early = None
    if terms.discount_percent is not None and terms.discount_until is not None:
        early = EarlyPaymentDiscountOut(
            percent=format_quantity(terms.discount_percent), until=terms.discount_until
        )
    return InvoiceOut(
        id=invoice.id,
        number=invoice.number,
        customer_id=invoice.customer_id,
        currency=invoice.currency,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        net=money(invoice.net),
        tax=money(invoice.tax),
        total=money(invoice.total),
        open_amount=money(invoice.open_amount),
        status=invoice.status,
        overdue=invoice.overdue,
        terms=TermsOut(kind=terms.kind, days=terms.days, early_payment_discount=early),
        instalments=[
            InstalmentOut(due_date=i.due_date, amount=money(i.amount)) for i in terms.schedule
        ],
        lines=[
            LineOut(
                description=line.description,
                quantity=format_quantity(line.quantity),
                unit_price=money(line.unit_price),
                amount=money(line.amount),
                discount=DiscountOut(
                    percent=format_quantity(line.discount_percent)
                    if line.discount_percent is not None
                    else None,
                    amount=money(line.discount_amount),
                )
                if line.discount_amount or line.discount_percent is not None
                else None,
                net=money(line.net),
                tax_rate=format_quantity(line.tax_rate),
                tax=money(line.tax_amount),
                gross=money(line.gross),
            )
            for line in invoice.lines
        ],
        voided_on=invoice.voided_on,
        void_reason=invoice.void_reason,
    )
