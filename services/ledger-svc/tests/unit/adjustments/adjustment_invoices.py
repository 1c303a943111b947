"""Invoices to adjust in unit tests: issued through the real drafting rules."""

from datetime import date
from decimal import Decimal

from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.invoicing.invoice_draft import draft_invoice
from ledger_svc.domain.invoicing.pricing import LineRequest

ACME = CustomerAccount("c1", "EUR", payment_terms_days=30)
MARCH_1 = date(2026, 3, 1)


def invoice(
    price: str = "100.00", tax_rate: str | None = "19", open_cents: int | None = None
) -> Invoice:
    """An invoice of one line at `price` (net), with its open amount set if given."""
    rate = None if tax_rate is None else Decimal(tax_rate)
    line = LineRequest("Widgets", Decimal(1), price, tax_rate=rate)
    draft = draft_invoice(ACME, issue_date=MARCH_1, due_date=None, currency=None, lines=[line])
    issued = draft.issue("inv-1", "INV-2026-000001")
    if open_cents is None:
        return issued
    return Invoice(**{**issued.__dict__, "open_amount": open_cents})
