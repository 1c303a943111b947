from datetime import date
from typing import Any

import pytest

from ledger_svc.domain.payments.allocation import Allocation, OpenItem
from ledger_svc.domain.payments.cash_application import (
    InvoiceNotPayable,
    InvoiceOnFile,
    OverAllocation,
    RequestedAllocation,
    UnknownInvoice,
    apply_payment,
    numbers_in,
)

ME = "customer-1"


def item(n: int, open_amount: int, *, due_day: int = 1, discount: int = 0) -> OpenItem:
    return OpenItem(
        f"inv-{n}",
        f"INV-2026-{n:06d}",
        date(2026, 1, 1),
        date(2026, 2, due_day),
        open_amount,
        discount,
    )


def pay(amount: int, items: list[OpenItem], **kw: Any) -> tuple[tuple[Allocation, ...], int]:
    application = apply_payment(amount, items, customer_id=ME, currency="EUR", **kw)
    return application.allocations, application.unapplied


def test_a_payment_inside_the_discount_window_settles_the_invoice_for_its_total_less_discount() -> (
    None
):
    # 1,000.00 at 2 % within the window: 980.00 settles it, the discount closes the rest.
    assert pay(98000, [item(1, 100000, discount=2000)]) == (
        (Allocation("inv-1", 98000, 0, 2000),),
        0,
    )


def test_a_customer_who_pays_the_full_amount_in_the_window_keeps_the_difference_as_credit() -> None:
    assert pay(100000, [item(1, 100000, discount=2000)]) == (
        (Allocation("inv-1", 98000, 0, 2000),),
        2000,
    )


def test_paying_less_than_what_settles_leaves_the_invoice_open_with_no_discount() -> None:
    assert pay(97999, [item(1, 100000, discount=2000)]) == (
        (Allocation("inv-1", 97999, 2001, 0),),
        0,
    )


def test_an_amount_given_above_the_discounted_price_earns_only_the_discount_still_needed() -> None:
    requested = [RequestedAllocation("inv-1", 99000)]
    assert pay(99000, [item(1, 100000, discount=2000)], requested=requested) == (
        (Allocation("inv-1", 99000, 0, 1000),),
        0,
    )


def test_a_discount_as_large_as_what_is_left_open_is_not_given() -> None:
    assert pay(500, [item(1, 500, discount=2000)]) == ((Allocation("inv-1", 500, 0, 0),), 0)


def test_a_listed_invoice_is_paid_first_and_the_rest_of_the_payment_is_credit() -> None:
    oldest, listed = item(1, 10000, due_day=1), item(2, 30000, due_day=20)
    requested = [RequestedAllocation("inv-2")]
    assert pay(35000, [oldest, listed], requested=requested) == (
        (Allocation("inv-2", 30000, 0),),
        5000,
    )


def test_amounts_given_are_set_aside_before_listed_invoices_without_one_take_their_share() -> None:
    a, b = item(1, 50000), item(2, 50000)
    requested = [RequestedAllocation("inv-1"), RequestedAllocation("inv-2", 20000)]
    assert pay(60000, [a, b], requested=requested) == (
        (Allocation("inv-1", 40000, 10000), Allocation("inv-2", 20000, 30000)),
        0,
    )


def test_an_invoice_number_in_the_reference_is_paid_first_then_the_oldest() -> None:
    oldest, named, newer = (
        item(1, 10000, due_day=1),
        item(4, 20000, due_day=28),
        item(2, 5000, due_day=9),
    )
    allocations, unapplied = pay(
        26000, [newer, named, oldest], reference="Payment inv-2026-000004 thanks"
    )
    assert allocations == (
        Allocation("inv-4", 20000, 0),
        Allocation("inv-1", 6000, 4000),
    )
    assert unapplied == 0


def test_a_reference_naming_no_open_invoice_of_the_customer_changes_nothing() -> None:
    oldest, newer = item(1, 10000, due_day=1), item(2, 5000, due_day=9)
    assert pay(12000, [newer, oldest], reference="INV-2026-000777") == (
        (Allocation("inv-1", 10000, 0), Allocation("inv-2", 2000, 3000)),
        0,
    )


def test_invoice_numbers_are_read_from_a_reference_in_order_once_each() -> None:
    text = "re INV-2026-000004, EXP-2025-000010 and inv-2026-000004; XINV-2026-0000123"
    assert numbers_in(text) == ["INV-2026-000004", "EXP-2025-000010"]
    assert numbers_in(None) == []


ON_FILE = {
    "theirs": InvoiceOnFile("theirs", "INV-2026-000900", "customer-2", "EUR", voided=False),
    "dollars": InvoiceOnFile("dollars", "INV-2026-000901", "customer-2", "USD", voided=False),
    "void": InvoiceOnFile("void", "INV-2026-000902", ME, "EUR", voided=True),
    "paid": InvoiceOnFile("paid", "INV-2026-000903", ME, "EUR", voided=False),
}


@pytest.mark.parametrize(
    ("listed", "error", "field", "says"),
    [
        ("nowhere", UnknownInvoice, "allocations.1.invoice_id", "No invoice with id nowhere"),
        ("theirs", InvoiceNotPayable, "allocations.1.invoice_id", "another customer's"),
        ("dollars", InvoiceNotPayable, "allocations.1.invoice_id", "another customer's"),
        ("void", InvoiceNotPayable, "allocations.1.invoice_id", "was voided"),
        ("paid", InvoiceNotPayable, "allocations.1.invoice_id", "has nothing open"),
        ("inv-1", InvoiceNotPayable, "allocations.1.invoice_id", "listed twice"),
    ],
)
def test_a_listed_invoice_the_payment_cannot_pay_is_refused_naming_the_entry(
    listed: str, error: type[Exception], field: str, says: str
) -> None:
    requested = [RequestedAllocation("inv-1"), RequestedAllocation(listed)]
    with pytest.raises(error, match=says) as refused:
        pay(100, [item(1, 100)], requested=requested, on_file=ON_FILE)
    assert refused.value.field == field


def test_more_for_an_invoice_than_it_owes_is_refused_naming_the_amount() -> None:
    with pytest.raises(OverAllocation, match=r"100\.00 EUR open, less than the 100\.01") as refused:
        pay(50000, [item(1, 10000)], requested=[RequestedAllocation("inv-1", 10001)])
    assert refused.value.field == "allocations.0.amount"


def test_allocations_adding_up_to_more_than_the_payment_are_refused() -> None:
    requested = [RequestedAllocation("inv-1", 6000), RequestedAllocation("inv-2", 5000)]
    with pytest.raises(
        OverAllocation, match=r"110\.00 EUR, more than the payment's 100\.00"
    ) as refused:
        pay(10000, [item(1, 10000), item(2, 10000)], requested=requested)
    assert refused.value.field == "allocations"
