"""Cases kept from credit notes, write-offs, reversals and credit applications."""

from datetime import date

from ledgerflow_events.contracts.ledger import (
    CreditDrawn,
    CreditNoteIssued,
    InvoiceWrittenOff,
    LateFeeCharged,
    PaymentAllocated,
    PaymentAllocation,
    PaymentReversed,
    ReopenedInvoice,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery

from .ledger_facts import (
    CLOSED,
    NOV_1,
    OPEN,
    CasesOf,
    applied_once,
    issued,
    new_id,
    overdue,
    summary,
)


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
        issue_date=date(2026, 11, 6),
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


def credit_applied(
    customer: str, applied_on: date, *applied: tuple[str, str, str]
) -> PaymentAllocated:
    """Customer credit applied as (invoice, amount, open_amount_after)."""
    return PaymentAllocated(
        customer_id=customer,
        allocation_id=new_id(),
        currency="EUR",
        applied_on=applied_on,
        allocations=[
            PaymentAllocation(invoice_id=i, amount=a, open_amount_after=o) for i, a, o in applied
        ],
        sources=[CreditDrawn(source_kind="credit_note", source_id=new_id(), amount=applied[0][1])],
        credit_remaining="0.00",
    )


def reversed_payment(
    customer: str, reversed_on: date, *reopened: tuple[str, str, str]
) -> PaymentReversed:
    """A reversal reopening (invoice, amount, open_amount_after)."""
    return PaymentReversed(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=reopened[0][1],
        received_on=date(2026, 11, 10),
        reversed_on=reversed_on,
        reason="bounced",
        reopened=[
            ReopenedInvoice(invoice_id=i, amount=a, discount="0.00", open_amount_after=o)
            for i, a, o in reopened
        ],
        credit_removed="0.00",
    )


async def in_arrears(delivery: EventDelivery, customer: str, invoice: str, total: str) -> None:
    await delivery.deliver(issued(customer, invoice, total))
    await delivery.deliver(overdue(customer, invoice, total))


async def test_a_credit_note_shrinks_the_case_and_a_redelivery_changes_nothing(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await in_arrears(delivery, customer, invoice, "1190.00")
    note = credit_note(customer, "238.00", invoice, "952.00")

    await applied_once(delivery, cases_of, customer, note, [(OPEN, 95200, NOV_1, None)])


async def test_a_credit_note_settling_the_invoice_closes_the_case_on_its_issue_date(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await in_arrears(delivery, customer, invoice, "75.50")

    await delivery.deliver(credit_note(customer, "75.50", invoice, "0.00"))

    assert summary(await cases_of(customer)) == [(CLOSED, 0, NOV_1, date(2026, 11, 6))]


async def test_a_credit_note_on_account_and_a_late_fee_leave_the_case_alone(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await in_arrears(delivery, customer, invoice, "400.00")
    fee = LateFeeCharged(
        customer_id=customer,
        late_fee_id=new_id(),
        invoice_id=invoice,
        fee_invoice_id=new_id(),
        fee_invoice_number="LF-2026-00003",
        currency="EUR",
        amount="40.00",
        period="2026-11",
        as_of=date(2026, 11, 30),
    )

    assert await delivery.deliver(credit_note(customer, "50.00")) is Outcome.APPLIED
    assert await delivery.deliver(fee) is Outcome.IGNORED

    assert summary(await cases_of(customer)) == [(OPEN, 40000, NOV_1, None)]


async def test_a_write_off_closes_the_case_and_a_redelivery_changes_nothing(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await in_arrears(delivery, customer, invoice, "730.45")
    fact = written_off(customer, invoice, "730.45")
    closed = [(CLOSED, 0, NOV_1, date(2026, 12, 15))]

    await applied_once(delivery, cases_of, customer, fact, closed)


async def test_applied_credit_settling_the_arrears_closes_the_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await in_arrears(delivery, customer, invoice, "120.00")
    application = credit_applied(customer, date(2026, 11, 20), (invoice, "120.00", "0.00"))
    closed = [(CLOSED, 0, NOV_1, date(2026, 11, 20))]

    await applied_once(delivery, cases_of, customer, application, closed)


async def test_a_reversal_after_the_case_closed_opens_a_new_case_on_the_reversal_date(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, late, current = new_id(), new_id(), new_id()
    await in_arrears(delivery, customer, late, "300.00")
    await delivery.deliver(issued(customer, current, "200.00"))
    settled = credit_applied(
        customer, date(2026, 11, 10), (late, "300.00", "0.00"), (current, "200.00", "0.00")
    )
    await delivery.deliver(settled)
    reversal = reversed_payment(
        customer, date(2026, 11, 14), (late, "300.00", "300.00"), (current, "200.00", "200.00")
    )
    # Only the invoice already past due is arrears again; the current one is not yet late.
    expected = [
        (CLOSED, 0, NOV_1, date(2026, 11, 10)),
        (OPEN, 30000, date(2026, 11, 14), None),
    ]

    await applied_once(delivery, cases_of, customer, reversal, expected)


async def test_a_reversal_while_the_case_is_open_grows_that_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, first, second = new_id(), new_id(), new_id()
    await in_arrears(delivery, customer, first, "100.00")
    await in_arrears(delivery, customer, second, "50.25")
    await delivery.deliver(credit_applied(customer, date(2026, 11, 8), (first, "40.00", "60.00")))

    await delivery.deliver(
        reversed_payment(customer, date(2026, 11, 12), (first, "40.00", "100.00"))
    )

    assert summary(await cases_of(customer)) == [(OPEN, 15025, NOV_1, None)]


async def test_a_reversal_of_a_payment_on_an_invoice_not_yet_due_opens_no_case(
    delivery: EventDelivery, cases_of: CasesOf
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "200.00"))
    await delivery.deliver(credit_applied(customer, date(2026, 10, 5), (invoice, "200.00", "0.00")))

    await delivery.deliver(
        reversed_payment(customer, date(2026, 10, 9), (invoice, "200.00", "200.00"))
    )

    assert await cases_of(customer) == []
