"""Whatever the invoices, discounts and instructions: every cent of a payment is applied once,
no invoice is paid beyond what it owes, and a discount only ever closes an invoice."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from ledger_svc.domain.payments.allocation import CashApplication, OpenItem
from ledger_svc.domain.payments.cash_application import RequestedAllocation, apply_payment

JAN_1 = date(2026, 1, 1)


@st.composite
def open_items(draw: st.DrawFn) -> list[OpenItem]:
    count = draw(st.integers(0, 8))
    items = []
    for n in range(count):
        open_amount = draw(st.integers(1, 10**7))
        discount = draw(st.one_of(st.just(0), st.integers(1, open_amount * 2)))
        items.append(
            OpenItem(
                f"inv-{n}",
                f"INV-2026-{n:06d}",
                draw(st.dates(JAN_1, date(2026, 3, 31))),
                draw(st.dates(JAN_1, date(2026, 6, 30))),
                open_amount,
                discount,
            )
        )
    return items


@st.composite
def instructions(draw: st.DrawFn, items: list[OpenItem]) -> list[RequestedAllocation]:
    # At least one: an empty list is no instruction at all (oldest due first).
    listed = draw(st.permutations(items).map(lambda xs: xs[: draw(st.integers(1, len(xs)))]))
    return [
        RequestedAllocation(i.invoice_id, draw(st.one_of(st.none(), st.integers(1, i.open_amount))))
        for i in listed
    ]


def check_every_cent(amount: int, items: list[OpenItem], application: CashApplication) -> None:
    by_id = {i.invoice_id: i for i in items}
    assert application.applied + application.unapplied == amount
    assert application.unapplied >= 0
    touched = [a.invoice_id for a in application.allocations]
    assert len(touched) == len(set(touched))
    for allocation in application.allocations:
        item = by_id[allocation.invoice_id]
        assert 0 < allocation.amount <= item.open_amount
        assert 0 <= allocation.discount <= item.discount_on_settling
        assert allocation.open_amount_after == item.open_amount - allocation.settled >= 0
        # The discount closes an invoice, and exactly when the cash reached the settling price.
        earned = item.discount_on_settling > 0 and allocation.amount >= item.cash_to_settle
        assert (allocation.discount > 0) == (earned and allocation.amount < item.open_amount)
        if earned:
            assert allocation.closes_invoice


@given(data=st.data(), items=open_items(), amount=st.integers(0, 10**8))
def test_oldest_first_applies_every_cent_once_and_settles_in_seniority_order(
    data: st.DataObject, items: list[OpenItem], amount: int
) -> None:
    application = apply_payment(amount, items, customer_id="c", currency="EUR")

    check_every_cent(amount, items, application)
    by_id = {i.invoice_id: i for i in items}
    touched = [by_id[a.invoice_id] for a in application.allocations]
    assert touched == sorted(touched, key=lambda i: i.seniority)
    assert all(a.closes_invoice for a in application.allocations[:-1])
    if application.unapplied:
        assert all(a.closes_invoice for a in application.allocations)
        assert len(touched) == len(items)


@given(data=st.data(), items=open_items().filter(bool), amount=st.integers(0, 10**8))
def test_a_listed_payment_pays_only_the_listed_invoices_in_order_with_the_amounts_given(
    data: st.DataObject, items: list[OpenItem], amount: int
) -> None:
    requested = data.draw(instructions(items))
    given_amounts = sum(r.amount or 0 for r in requested)
    amount = max(amount, given_amounts)

    application = apply_payment(amount, items, customer_id="c", currency="EUR", requested=requested)

    check_every_cent(amount, items, application)
    order = [r.invoice_id for r in requested]
    touched = [a.invoice_id for a in application.allocations]
    assert touched == [i for i in order if i in touched]
    wanted = {r.invoice_id: r.amount for r in requested}
    for allocation in application.allocations:
        if wanted[allocation.invoice_id] is not None:
            assert allocation.amount == wanted[allocation.invoice_id]
    if application.unapplied:
        # Money was left over: every listed invoice without an amount was settled.
        paid = {a.invoice_id: a for a in application.allocations}
        assert all(paid[r.invoice_id].closes_invoice for r in requested if r.amount is None)


@given(data=st.data(), items=open_items(), amount=st.integers(0, 10**8))
def test_a_reference_pays_the_invoices_it_names_first_then_the_oldest(
    data: st.DataObject, items: list[OpenItem], amount: int
) -> None:
    named = data.draw(st.permutations(items).map(lambda xs: xs[:2]))
    reference = "Payment " + " ".join(i.number for i in named)

    application = apply_payment(amount, items, customer_id="c", currency="EUR", reference=reference)

    check_every_cent(amount, items, application)
    touched = [a.invoice_id for a in application.allocations]
    first = [i.invoice_id for i in named][: len(touched)]
    assert touched[: len(first)] == first
