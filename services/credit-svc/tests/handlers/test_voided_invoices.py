"""A voided invoice leaves exposure, delivered through the real inbox."""

from collections.abc import Awaitable, Callable
from datetime import date

from credit_svc.domain.exposure import Exposure
from ledgerflow_events.contracts.ledger import InvoiceVoided
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

from .ledger_facts import issued, new_id, overdue, registered

ReadExposure = Callable[[str], Awaitable[Exposure]]


def voided(customer: str, invoice: str, total: str, currency: str = "EUR") -> InvoiceVoided:
    return InvoiceVoided(
        customer_id=customer,
        invoice_id=invoice,
        number=f"INV-{invoice[-6:]}",
        currency=currency,
        total=total,
        voided_on=date(2026, 11, 3),
    )


async def amounts(exposure: ReadExposure, customer: str) -> tuple[str, int, int]:
    seen = await exposure(customer)
    return seen.currency, seen.open_amount, seen.overdue_amount


async def test_voiding_the_only_overdue_invoice_leaves_nothing_open_or_overdue(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "1000.10"))
    await delivery.deliver(overdue(customer, invoice, "1000.10"))
    assert await amounts(exposure, customer) == ("EUR", 100010, 100010)

    assert await delivery.deliver(voided(customer, invoice, "1000.10")) is Outcome.APPLIED

    assert await amounts(exposure, customer) == ("EUR", 0, 0)


async def test_voiding_an_overdue_invoice_keeps_the_customers_other_invoices(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, late, other_late, current = new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    for invoice, total in ((late, "1000.10"), (other_late, "40.05"), (current, "99.90")):
        await delivery.deliver(issued(customer, invoice, total))
    await delivery.deliver(overdue(customer, late, "1000.10"))
    await delivery.deliver(overdue(customer, other_late, "40.05"))

    await delivery.deliver(voided(customer, late, "1000.10"))

    assert await amounts(exposure, customer) == ("EUR", 13995, 4005)


async def test_a_redelivered_void_changes_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer, invoice, current, void_event = new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "250.50"))
    await delivery.deliver(overdue(customer, invoice, "250.50"))
    await delivery.deliver(voided(customer, invoice, "250.50"), event_id=void_event)
    await delivery.deliver(issued(customer, current, "75.25"))

    again = await delivery.deliver(voided(customer, invoice, "250.50"), event_id=void_event)

    assert again is Outcome.DUPLICATE
    assert await amounts(exposure, customer) == ("EUR", 7525, 0)


async def test_a_void_of_an_invoice_never_seen_keeps_its_late_issue_out_of_exposure(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    # Recorded at zero rather than ignored: a re-driven InvoiceIssued must not revive it.
    customer, invoice, current = new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    assert await delivery.deliver(voided(customer, invoice, "500.00")) is Outcome.APPLIED

    assert await delivery.deliver(issued(customer, invoice, "500.00")) is Outcome.APPLIED
    await delivery.deliver(issued(customer, current, "12.34"))

    assert await amounts(exposure, customer) == ("EUR", 1234, 0)


async def test_a_void_for_a_customer_not_yet_known_opens_an_empty_account(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    customer = new_id()

    assert await delivery.deliver(voided(customer, new_id(), "1200", "JPY")) is Outcome.APPLIED

    assert await amounts(exposure, customer) == ("JPY", 0, 0)


async def test_an_overdue_notice_arriving_after_the_void_revives_nothing(
    delivery: EventDelivery, exposure: ReadExposure
) -> None:
    # Re-driven from the dead letters after the void was applied: the fact is old news.
    customer, invoice, current = new_id(), new_id(), new_id()
    await delivery.deliver(registered(customer))
    await delivery.deliver(issued(customer, invoice, "250.50"))
    await delivery.deliver(issued(customer, current, "75.25"))
    await delivery.deliver(voided(customer, invoice, "250.50"))

    assert await delivery.deliver(overdue(customer, invoice, "250.50")) is Outcome.APPLIED

    assert await amounts(exposure, customer) == ("EUR", 7525, 0)
