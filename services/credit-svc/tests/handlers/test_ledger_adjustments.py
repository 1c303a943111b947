"""Exposure kept from credit notes, write-offs, reversals and credit applications."""

from collections.abc import Awaitable, Callable
from datetime import date

from credit_svc.domain.exposure import Exposure
from ledgerflow_events.contracts.ledger import (
    CreditDrawn,
    CreditNoteIssued,
    InvoiceWrittenOff,
    PaymentAllocated,
    PaymentAllocation,
    PaymentReversed,
    ReopenedInvoice,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

from .ledger_facts import issued, new_id, overdue

ReadExposure = Callable[[str], Awaitable[Exposure]]


def credit_note(
    customer: str, amount: str, invoice: str | None = None, open_after: str | None = None
) -> CreditNoteIssued:
    return CreditNoteIssued(
        customer_id=customer,
        credit_note_id=new_id(),
        number="CN-2026-00007",
        currency="EUR",
        amount=amount,
        tax="0.00",
        issue_date=date(2026, 10, 20),
        invoice_id=invoice,
        invoice_open_amount_after=open_after,
    )


def written_off(customer: str, invoice: str, amount: str) -> InvoiceWrittenOff:
    return InvoiceWrittenOff(
        customer_id=customer,
        invoice_id=invoice,
        write_off_id=new_id(),
        currency="EUR",
        amount=amount,
        written_off_on=date(2026, 12, 15),
    )


def reversed_payment(customer: str, *reopened: tuple[str, str, str]) -> PaymentReversed:
    """A reversal reopening (invoice, amount, open_amount_after)."""
    return PaymentReversed(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount="400.00",
        received_on=date(2026, 11, 10),
        reversed_on=date(2026, 11, 14),
        reason="bounced",
        reopened=[
            ReopenedInvoice(invoice_id=i, amount=a, discount="0.00", open_amount_after=o)
            for i, a, o in reopened
        ],
        credit_removed="0.00",
    )


def credit_applied(customer: str, invoice: str, amount: str, open_after: str) -> PaymentAllocated:
    return PaymentAllocated(
        customer_id=customer,
        allocation_id=new_id(),
        currency="EUR",
        applied_on=date(2026, 11, 20),
        allocations=[
            PaymentAllocation(invoice_id=invoice, amount=amount, open_amount_after=open_after)
        ],
        sources=[CreditDrawn(source_kind="payment", source_id=new_id(), amount=amount)],
        credit_remaining="15.00",
    )


async def amounts(exposure: ReadExposure, customer: str) -> tuple[int, int]:
    seen = await exposure(customer)
    return seen.open_amount, seen.overdue_amount


async def test_a_credit_note_sets_the_invoice_open_amount_and_a_redelivery_changes_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1190.00"))
    note = credit_note(customer, "238.00", invoice, "952.00")

    assert await delivery.deliver(note, event_id=event_id) is Outcome.APPLIED
    assert await amounts(exposure, customer) == (95200, 0)
    assert await delivery.deliver(note, event_id=event_id) is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == (95200, 0)


async def test_a_credit_note_on_account_leaves_exposure_alone(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "500.00"))

    assert await delivery.deliver(credit_note(customer, "50.00")) is Outcome.APPLIED

    assert await amounts(exposure, customer) == (50000, 0)


async def test_a_written_off_invoice_leaves_exposure_and_a_redelivery_changes_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, bad, good, event_id = new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, bad, "730.45"))
    await delivery.deliver(issued(customer, good, "99.99"))
    await delivery.deliver(overdue(customer, bad, "730.45"))
    fact = written_off(customer, bad, "730.45")

    assert await delivery.deliver(fact, event_id=event_id) is Outcome.APPLIED
    assert await amounts(exposure, customer) == (9999, 0)
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == (9999, 0)


async def test_a_reversed_payment_owes_again_and_an_overdue_invoice_is_overdue_again(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, late, current, event_id = new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, late, "300.00"))
    await delivery.deliver(issued(customer, current, "200.00"))
    await delivery.deliver(overdue(customer, late, "300.00"))
    # The payment had settled the late invoice in full and half of the current one.
    await delivery.deliver(credit_applied(customer, late, "300.00", "0.00"))
    await delivery.deliver(credit_applied(customer, current, "100.00", "100.00"))
    assert await amounts(exposure, customer) == (10000, 0)
    reversal = reversed_payment(customer, (late, "300.00", "300.00"), (current, "100.00", "200.00"))

    assert await delivery.deliver(reversal, event_id=event_id) is Outcome.APPLIED
    assert await amounts(exposure, customer) == (50000, 30000)
    assert await delivery.deliver(reversal, event_id=event_id) is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == (50000, 30000)


async def test_applied_credit_shrinks_exposure_and_a_redelivery_changes_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "410.10"))
    await delivery.deliver(overdue(customer, invoice, "410.10"))
    application = credit_applied(customer, invoice, "85.05", "325.05")

    assert await delivery.deliver(application, event_id=event_id) is Outcome.APPLIED
    assert await amounts(exposure, customer) == (32505, 32505)
    assert await delivery.deliver(application, event_id=event_id) is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == (32505, 32505)
