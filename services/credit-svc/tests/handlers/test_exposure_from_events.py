"""Exposure kept from the ledger's facts, delivered through the real inbox."""

from collections.abc import Awaitable, Callable
from datetime import date
from decimal import Decimal

from uuid6 import uuid7

from credit_svc.domain.exposure import Exposure
from ledgerflow_events.contracts.ledger import InvoicePaid, PaymentAllocation, PaymentReceived
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

from .ledger_facts import issued, new_id, overdue, registered

ReadExposure = Callable[[str], Awaitable[Exposure]]


def payment(customer: str, *applied: tuple[str, str, str]) -> PaymentReceived:
    """A payment applied as (invoice, amount, open_amount_after)."""
    return PaymentReceived(
        customer_id=customer,
        payment_id=str(uuid7()),
        currency="EUR",
        amount=str(sum(Decimal(amount) for _, amount, _ in applied)),
        received_on=date(2026, 11, 10),
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after=o) for i, a, o in applied
        ],
        unapplied_amount="0.00",
    )


def paid(customer: str, invoice: str, total: str) -> InvoicePaid:
    on = date(2026, 11, 12)
    return InvoicePaid(
        customer_id=customer, invoice_id=invoice, currency="EUR", total=total, paid_on=on
    )


async def amounts(exposure: ReadExposure, customer: str) -> tuple[str, int, int]:
    seen = await exposure(customer)
    return seen.currency, seen.open_amount, seen.overdue_amount


async def test_a_registered_customer_starts_with_no_exposure(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer = new_id()
    assert await delivery.deliver(registered(customer, "JPY")) is Outcome.APPLIED
    assert await amounts(exposure, customer) == ("JPY", 0, 0)


async def test_exposure_follows_issue_partial_payment_overdue_and_payment_in_full(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, first, second = new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, first, "1000.00"))
    await delivery.deliver(issued(customer, second, "250.50"))
    assert await amounts(exposure, customer) == ("EUR", 125050, 0)

    await delivery.deliver(payment(customer, (first, "400.25", "599.75")))
    assert await amounts(exposure, customer) == ("EUR", 85025, 0)

    await delivery.deliver(overdue(customer, first, "599.75"))
    assert await amounts(exposure, customer) == ("EUR", 85025, 59975)

    await delivery.deliver(payment(customer, (first, "100.00", "499.75")))
    assert await amounts(exposure, customer) == ("EUR", 75025, 49975)

    await delivery.deliver(
        payment(customer, (first, "499.75", "0.00"), (second, "50.50", "200.00"))
    )
    await delivery.deliver(paid(customer, first, "1000.00"))
    assert await amounts(exposure, customer) == ("EUR", 20000, 0)


async def test_an_invoice_paid_without_a_payment_fact_leaves_exposure(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "80.00"))
    await delivery.deliver(overdue(customer, invoice, "80.00"))

    await delivery.deliver(paid(customer, invoice, "80.00"))

    assert await amounts(exposure, customer) == ("EUR", 0, 0)


async def test_a_redelivered_payment_changes_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice, first_payment = new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "300.00"))
    await delivery.deliver(payment(customer, (invoice, "100.00", "200.00")), event_id=first_payment)
    await delivery.deliver(payment(customer, (invoice, "50.00", "150.00")))

    again = await delivery.deliver(
        payment(customer, (invoice, "100.00", "200.00")), event_id=first_payment
    )

    assert again is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == ("EUR", 15000, 0)


async def test_the_same_payment_under_a_new_event_id_applies_to_the_same_value(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "300.00"))
    the_payment = payment(customer, (invoice, "120.00", "180.00"))

    assert await delivery.deliver(the_payment) is Outcome.APPLIED
    assert await delivery.deliver(the_payment) is Outcome.APPLIED

    assert await amounts(exposure, customer) == ("EUR", 18000, 0)


async def test_a_late_invoice_issued_fact_does_not_undo_a_payment_already_applied(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "300.00"))
    await delivery.deliver(payment(customer, (invoice, "100.00", "200.00")))

    await delivery.deliver(issued(customer, invoice, "300.00"))

    assert await amounts(exposure, customer) == ("EUR", 20000, 0)


async def test_ledger_facts_for_a_customer_not_yet_registered_take_the_event_currency(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()

    await delivery.deliver(issued(customer, invoice, "1200", currency="JPY"))
    await delivery.deliver(overdue(customer, invoice, "1200", currency="JPY"))

    assert await amounts(exposure, customer) == ("JPY", 1200, 1200)


async def test_a_later_registration_keeps_the_account_the_ledger_opened(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "10.5", currency="GBP"))

    assert await delivery.deliver(registered(customer, "GBP")) is Outcome.APPLIED

    assert await amounts(exposure, customer) == ("GBP", 1050, 0)
