"""Credit notes, write-offs, discounts, reversals and applied credit, delivered through the
real inbox, and the aging of the days before and after each of them."""

from datetime import date

import httpx

from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.ledger import (
    CreditDrawn,
    InvoiceWrittenOff,
    LateFeeCharged,
    PaymentAllocated,
    PaymentAllocation,
    RefundPaid,
    RefundRequested,
)
from ledgerflow_events.inbox import Outcome
from ledgerflow_platform.testing import EventDelivery, KeyPair, service_db

from .adjustment_facts import (
    APRIL_4,
    APRIL_5,
    APRIL_9,
    APRIL_10,
    APRIL_19,
    APRIL_20,
    applied_once,
    credit_note,
    issued,
    new_id,
    paid,
    reversal_of,
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
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1190.00"))
    note = credit_note(customer, "CN-2026-00007", "238.00", "38.00", invoice, "952.00")

    await applied_once(delivery, note)

    assert await adjustment_rows(database_url, invoice) == [("credit_note", 23800, APRIL_10)]
    assert await aged(client, auth_keys, customer, APRIL_9) == ["1190.00"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["952.00"]


async def test_a_credit_note_on_account_and_late_fees_and_refunds_leave_the_aging(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, invoice, refund = new_id(), new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "400.00"))
    on_account = credit_note(customer, "CN-2026-00008", "50.00", "0.00")
    # The late fee only marks its own invoice as no credit sale; it ages when that is issued.
    applied: list[EventData] = [
        on_account,
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
    ]
    ignored: list[EventData] = [
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

    for fact in applied:
        assert await delivery.deliver(fact) is Outcome.APPLIED
    for fact in ignored:
        assert await delivery.deliver(fact) is Outcome.IGNORED

    assert await aged(client, auth_keys, customer, APRIL_20) == ["400.00"]


async def test_a_write_off_ends_the_invoice_aging_on_its_date_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery
) -> None:
    customer, bad, good = new_id(), new_id(), new_id()
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

    await applied_once(delivery, fact)

    assert await aged(client, auth_keys, customer, APRIL_9) == ["830.44"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["99.99"]


async def test_an_early_payment_discount_closes_the_invoice_on_the_day_of_payment_once(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1000.00"))
    payment = paid(customer, invoice, "980.00", discount="20.00", after="0.00")

    await applied_once(delivery, payment)

    assert await adjustment_rows(database_url, invoice) == [("discount", 2000, APRIL_5)]
    assert await aged(client, auth_keys, customer, APRIL_4) == ["1000.00"]
    assert await aged(client, auth_keys, customer, APRIL_5) == []


async def test_a_reversed_payment_is_owed_again_from_the_reversal_date_only(
    client: httpx.AsyncClient, auth_keys: KeyPair, delivery: EventDelivery, database_url: str
) -> None:
    customer, invoice = new_id(), new_id()
    await delivery.deliver(issued(customer, invoice, "1000.00"))
    payment = paid(customer, invoice, "400.00", discount="0.00", after="600.00")
    await delivery.deliver(payment)
    reversal = reversal_of(payment, open_after="1000.00")

    await applied_once(delivery, reversal)

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
    customer, invoice = new_id(), new_id()
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

    await applied_once(delivery, application)

    assert await adjustment_rows(database_url, invoice) == [("credit_application", 8505, APRIL_10)]
    assert await aged(client, auth_keys, customer, APRIL_9) == ["410.10"]
    assert await aged(client, auth_keys, customer, APRIL_10) == ["325.05"]
