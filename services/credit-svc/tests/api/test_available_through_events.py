"""Exposure and available to the cent through every kind of ledger fact and every way a
reservation ends, each delivered through the real inbox and read through the profile."""

from datetime import UTC, date, datetime

import httpx

from ledgerflow_events.contracts.ledger import InvoiceVoided, PaymentAllocation, PaymentReceived
from ledgerflow_platform.testing import EventDelivery, KeyPair

from ..conftest import Clock
from ..handlers.test_ledger_adjustments import credit_note, reversed_payment, written_off
from .credit_steps import invoice, new_id, profile, registered_customer, set_limit


def payment(customer: str, invoice_id: str, amount: str, open_after: str) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=new_id(),
        currency="EUR",
        amount=amount,
        received_on=date(2026, 11, 10),
        allocations=[
            PaymentAllocation(invoice_id=invoice_id, amount=amount, open_amount_after=open_after)
        ],
        unapplied_amount="0.00",
    )


async def test_exposure_and_available_follow_every_fact_to_the_cent(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, clock: Clock
) -> None:
    customer = await registered_customer(delivery)
    await set_limit(client, auth_keys, customer, "10000.00")
    service = auth_keys.auth("service")

    async def figures() -> tuple[str, str, str, str]:
        seen = await profile(client, auth_keys, customer)
        return seen["open_receivables"], seen["reserved"], seen["exposure"], seen["available"]

    async def reserve(order: str, amount: str, expires_at: str) -> str:
        response = await client.post(
            "/v1/credit-reservations",
            json={
                "customer_id": customer,
                "amount": amount,
                "currency": "EUR",
                "order_reference": order,
                "expires_at": expires_at,
            },
            headers=service,
        )
        assert response.status_code == 201, response.text
        reservation_id: str = response.json()["id"]
        return reservation_id

    a, b, c = new_id(), new_id(), new_id()
    await delivery.deliver(invoice(customer, "1190.00", invoice_id=a))
    assert await figures() == ("1190.00", "0.00", "1190.00", "8810.00")
    await reserve("SO-1", "500.00", "2026-12-31")
    assert await figures() == ("1190.00", "500.00", "1690.00", "8310.00")
    # The order is invoiced for a little less than reserved: the invoice counts, not both.
    await delivery.deliver(invoice(customer, "480.00", invoice_id=b, order="SO-1"))
    assert await figures() == ("1670.00", "0.00", "1670.00", "8330.00")
    await delivery.deliver(payment(customer, a, "400.00", "790.00"))
    assert await figures() == ("1270.00", "0.00", "1270.00", "8730.00")
    await delivery.deliver(credit_note(customer, "80.00", b, "400.00"))
    assert await figures() == ("1190.00", "0.00", "1190.00", "8810.00")
    await delivery.deliver(written_off(customer, a, "790.00"))
    assert await figures() == ("400.00", "0.00", "400.00", "9600.00")
    await delivery.deliver(invoice(customer, "300.01", invoice_id=c))
    await delivery.deliver(payment(customer, c, "300.01", "0.00"))
    assert await figures() == ("400.00", "0.00", "400.00", "9600.00")
    await delivery.deliver(reversed_payment(customer, (c, "300.01", "300.01")))
    assert await figures() == ("700.01", "0.00", "700.01", "9299.99")
    await delivery.deliver(
        InvoiceVoided(
            customer_id=customer,
            invoice_id=c,
            number="INV-C",
            currency="EUR",
            total="300.01",
            voided_on=date(2026, 11, 15),
        )
    )
    assert await figures() == ("400.00", "0.00", "400.00", "9600.00")
    released = await reserve("SO-2", "250.50", "2026-12-31")
    assert await figures() == ("400.00", "250.50", "650.50", "9349.50")
    await client.post(f"/v1/credit-reservations/{released}:release", headers=service)
    assert await figures() == ("400.00", "0.00", "400.00", "9600.00")
    await reserve("SO-3", "99.99", "2026-11-20")
    assert await figures() == ("400.00", "99.99", "499.99", "9500.01")
    clock.now = datetime(2026, 11, 21, 0, 0, tzinfo=UTC)
    assert await figures() == ("400.00", "0.00", "400.00", "9600.00")
