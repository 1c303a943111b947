"""Credit notes, write-offs, discounts, reversals and applied credit, delivered through the
real inbox, and the aging of the days before and after each of them."""

from datetime import date

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts import InvoiceIssued, PaymentAllocation, PaymentReceived
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.ledger_adjustments import (
    CreditNoteIssued,
    InvoiceWrittenOff,
    LateFeeCharged,
    RefundPaid,
    RefundRequested,
)
from ledgerflow_events.contracts.ledger_payments import (
    CreditDrawn,
    PaymentAllocated,
    PaymentReversed,
    ReopenedInvoice,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

ISSUED_ON, DUE = date(2026, 3, 1), date(2026, 3, 31)
APRIL_4, APRIL_5, APRIL_9, APRIL_10 = (date(2026, 4, d) for d in (4, 5, 9, 10))
APRIL_19, APRIL_20 = date(2026, 4, 19), date(2026, 4, 20)


def new_id() -> str:
    return str(uuid7())


def issued(customer: str, invoice: str, total: str) -> InvoiceIssued:
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice,
        number="INV-2026-00042",
        currency="EUR",
        total=total,
        issue_date=ISSUED_ON,
        due_date=DUE,
    )


def paid(customer: str, invoice: str, amount: str, discount: str, after: str) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=amount,
        received_on=APRIL_5,
        reference="Remittance INV-2026-00042",
        allocations=[
            PaymentAllocation(
                invoice_id=invoice, amount=amount, open_amount_after=after, discount=discount
            )
        ],
        unapplied_amount="0.00",
        method="bank_transfer",
    )


def reversal_of(payment: PaymentReceived, open_after: str) -> PaymentReversed:
    [allocation] = payment.allocations
    return PaymentReversed(
        customer_id=payment.customer_id,
        payment_id=payment.payment_id,
        currency="EUR",
        amount=payment.amount,
        received_on=payment.received_on,
        reversed_on=APRIL_20,
        reason="bounced",
        reopened=[
            ReopenedInvoice(
                invoice_id=allocation.invoice_id,
                amount=allocation.amount,
                discount=allocation.discount or "0.00",
                open_amount_after=open_after,
            )
        ],
        credit_removed="0.00",
    )


async def aged(client: httpx.AsyncClient, keys: KeyPair, customer: str, as_of: date) -> list[str]:
    """The total of the customer's aging row at `as_of`; none once it owes nothing."""
    params = {"as_of": as_of.isoformat(), "customer_id": customer}
    response = await client.get("/v1/reports/aging", params=params, headers=keys.auth("auditor"))
    assert response.status_code == 200, response.text
    return [row["total"] for row in response.json()["rows"]]


async def adjustment_rows(database_url: str, invoice: str) -> list[tuple[object, ...]]:
    async with service_db(database_url) as db:
        return await db.rows(
            "SELECT kind, reduction_minor, effective_on FROM invoice_adjustments"
            " WHERE invoice_id = :i ORDER BY kind",
            i=invoice,
        )


async def test_a_credit_note_lowers_the_invoice_from_its_issue_date_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1190.00"))
    note = CreditNoteIssued(
        customer_id=customer,
        credit_note_id=new_id(),
        number="CN-2026-00007",
        currency="EUR",
        amount="238.00",
        tax="38.00",
        issue_date=APRIL_10,
        invoice_id=invoice,
        invoice_open_amount_after="952.00",
    )

    assert await delivery.deliver(note, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(note, event_id=event_id) is Outcome.DUPLICATE

    assert await adjustment_rows(database_url, invoice) == [("credit_note", 23800, APRIL_10)]
    assert await aged(client, auth_keys, customer, APRIL_9) == ["1190.00"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["952.00"]


async def test_a_credit_note_on_account_and_late_fees_and_refunds_leave_the_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice, refund = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "400.00"))
    on_account = CreditNoteIssued(
        customer_id=customer,
        credit_note_id=new_id(),
        number="CN-2026-00008",
        currency="EUR",
        amount="50.00",
        tax="0.00",
        issue_date=APRIL_10,
    )
    ignored: list[EventData] = [
        LateFeeCharged(
            customer_id=customer,
            late_fee_id=new_id(),
            invoice_id=invoice,
            fee_invoice_id=new_id(),
            fee_invoice_number="LF-2026-00003",
            currency="EUR",
            amount="40.00",
            period="2026-04",
            as_of=APRIL_10,
        ),
        RefundRequested(
            customer_id=customer,
            refund_id=refund,
            currency="EUR",
            amount="50.00",
            method="bank_transfer",
            requested_on=APRIL_10,
        ),
        RefundPaid(
            customer_id=customer, refund_id=refund, currency="EUR", amount="50.00", paid_on=APRIL_19
        ),
    ]

    assert await delivery.deliver(on_account) is Outcome.APPLIED
    for fact in ignored:
        assert await delivery.deliver(fact) is Outcome.IGNORED

    assert await aged(client, auth_keys, customer, APRIL_20) == ["400.00"]


async def test_a_write_off_ends_the_invoice_aging_on_its_date_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, bad, good, event_id = new_id(), new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, bad, "730.45"))
    await delivery.deliver(issued(customer, good, "99.99"))
    fact = InvoiceWrittenOff(
        customer_id=customer,
        invoice_id=bad,
        write_off_id=new_id(),
        currency="EUR",
        amount="730.45",
        written_off_on=APRIL_10,
    )

    assert await delivery.deliver(fact, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(fact, event_id=event_id) is Outcome.DUPLICATE

    assert await aged(client, auth_keys, customer, APRIL_9) == ["830.44"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["99.99"]


async def test_an_early_payment_discount_closes_the_invoice_on_the_day_of_payment_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1000.00"))
    payment = paid(customer, invoice, "980.00", discount="20.00", after="0.00")

    assert await delivery.deliver(payment, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(payment, event_id=event_id) is Outcome.DUPLICATE

    assert await adjustment_rows(database_url, invoice) == [("discount", 2000, APRIL_5)]
    assert await aged(client, auth_keys, customer, APRIL_4) == ["1000.00"]
    assert await aged(client, auth_keys, customer, APRIL_5) == []


async def test_a_reversed_payment_is_owed_again_from_the_reversal_date_only(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1000.00"))
    payment = paid(customer, invoice, "400.00", discount="0.00", after="600.00")
    await delivery.deliver(payment)
    reversal = reversal_of(payment, open_after="1000.00")

    assert await delivery.deliver(reversal, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(reversal, event_id=event_id) is Outcome.DUPLICATE

    assert await adjustment_rows(database_url, invoice) == [("reversal", -40000, APRIL_20)]
    assert await aged(client, auth_keys, customer, APRIL_4) == ["1000.00"]
    assert await aged(client, auth_keys, customer, APRIL_19) == ["600.00"]
    assert await aged(client, auth_keys, customer, APRIL_20) == ["1000.00"]


async def test_a_reversed_payment_owes_its_earned_discount_again_too(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1000.00"))
    payment = paid(customer, invoice, "980.00", discount="20.00", after="0.00")
    await delivery.deliver(payment)

    await delivery.deliver(reversal_of(payment, open_after="1000.00"))

    assert await aged(client, auth_keys, customer, APRIL_19) == []
    assert await aged(client, auth_keys, customer, APRIL_20) == ["1000.00"]


async def test_applied_credit_lowers_the_invoice_from_the_day_it_was_applied_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice, event_id = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "410.10"))
    application = PaymentAllocated(
        customer_id=customer,
        allocation_id=new_id(),
        currency="EUR",
        applied_on=APRIL_10,
        allocations=[
            PaymentAllocation(invoice_id=invoice, amount="85.05", open_amount_after="325.05")
        ],
        sources=[CreditDrawn(source_kind="credit_note", source_id=new_id(), amount="85.05")],
        credit_remaining="14.95",
    )

    assert await delivery.deliver(application, event_id=event_id) is Outcome.APPLIED
    assert await delivery.deliver(application, event_id=event_id) is Outcome.DUPLICATE

    assert await adjustment_rows(database_url, invoice) == [("credit_application", 8505, APRIL_10)]
    assert await aged(client, auth_keys, customer, APRIL_9) == ["410.10"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["325.05"]
