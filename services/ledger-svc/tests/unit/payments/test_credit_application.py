from datetime import date
from typing import Any

import pytest

from ledger_svc.domain.adjustments.customer_credit import CreditDraw, CreditSource, CreditSourceKind
from ledger_svc.domain.books.journal import Account
from ledger_svc.domain.payments.allocation import Allocation, OpenItem
from ledger_svc.domain.payments.cash_application import InvoiceOnFile, UnknownInvoice
from ledger_svc.domain.payments.credit_application import (
    CreditApplication,
    NoCreditToApply,
    NothingToSettle,
    apply_credit,
)

PAYMENT, NOTE = CreditSourceKind.PAYMENT, CreditSourceKind.CREDIT_NOTE
APRIL_1 = date(2026, 4, 1)
SOURCES = [
    CreditSource(NOTE, "note-1", date(2026, 3, 20), 3000),
    CreditSource(PAYMENT, "pay-1", date(2026, 3, 1), 2000),
    # Received after the application's date: not yet the customer's to apply.
    CreditSource(PAYMENT, "pay-2", date(2026, 4, 5), 9000),
]


def invoice(n: int, open_amount: int, due_day: int, discount: int = 0) -> OpenItem:
    return OpenItem(
        f"inv-{n}",
        f"INV-2026-{n:06d}",
        date(2026, 3, 1),
        date(2026, 4, due_day),
        open_amount,
        discount,
    )


def apply(**kw: Any) -> CreditApplication:
    defaults = {
        "customer_id": "c-1",
        "currency": "EUR",
        "applied_on": APRIL_1,
        "sources": SOURCES,
        "open_items": [invoice(2, 4000, due_day=20), invoice(1, 500, due_day=10)],
    }
    return apply_credit("app-1", **{**defaults, **kw})


def test_credit_held_on_the_date_pays_the_oldest_due_invoices_drawing_the_oldest_credit_first() -> (
    None
):
    application = apply()

    assert application.allocations == (
        Allocation("inv-1", 500, 0),
        Allocation("inv-2", 4000, 0),
    )
    assert application.draws == (
        CreditDraw(PAYMENT, "pay-1", 2000),
        CreditDraw(NOTE, "note-1", 2500),
    )
    assert application.credit_remaining == 500 + 9000


def test_credit_posts_from_customer_credit_to_each_invoice_receivable() -> None:
    entry = apply(open_items=[invoice(1, 500, due_day=10)]).journal_entry()

    entry.ensure_balanced()
    assert [(x.account, x.debit, x.credit, x.invoice_id) for x in entry.lines] == [
        (Account.CUSTOMER_CREDIT, 500, 0, None),
        (Account.RECEIVABLE, 0, 500, "inv-1"),
    ]


def test_listed_invoices_are_paid_in_the_order_given_and_unknown_ones_refused_by_position() -> None:
    listed = apply(invoice_ids=["inv-2"])
    assert listed.allocations == (Allocation("inv-2", 4000, 0),)
    with pytest.raises(UnknownInvoice) as refused:
        apply(invoice_ids=["inv-2", "gone"], on_file={})
    assert refused.value.field == "invoice_ids.1"


def test_credit_applied_inside_the_discount_window_earns_the_discount() -> None:
    application = apply(open_items=[invoice(1, 5000, due_day=10, discount=100)])
    assert application.allocations == (Allocation("inv-1", 4900, 0, 100),)


def test_without_credit_on_the_date_or_anything_open_there_is_nothing_to_apply() -> None:
    with pytest.raises(NoCreditToApply):
        apply(applied_on=date(2026, 2, 28))
    with pytest.raises(NothingToSettle):
        apply(open_items=[])
    paid = {"inv-9": InvoiceOnFile("inv-9", "INV-2026-000009", "c-1", "EUR", voided=False)}
    with pytest.raises(Exception, match="has nothing open"):
        apply(invoice_ids=["inv-9"], on_file=paid)
