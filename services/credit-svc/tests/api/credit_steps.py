"""Steps the credit API tests take: customers registered and invoiced through the real inbox,
limits and holds set through the API. EUR, invoices issued 1 October and due 31 October."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceOverdue, InvoicePaid
from ledgerflow_platform.testing import EventDelivery, KeyPair


def new_id() -> str:
    return str(uuid7())


async def registered_customer(
    delivery: EventDelivery, currency: str = "EUR", *, name: str = "Acme Trading Ltd"
) -> str:
    customer = new_id()
    await delivery.deliver(
        CustomerRegistered(
            customer_id=customer,
            name=name,
            currency=currency,
            payment_terms_days=30,
            registered_at=datetime(2026, 9, 1, tzinfo=UTC),
        )
    )
    return customer


def invoice(
    customer: str, total: str, *, invoice_id: str | None = None, order: str | None = None
) -> InvoiceIssued:
    invoice_id = invoice_id or new_id()
    return InvoiceIssued(
        customer_id=customer,
        invoice_id=invoice_id,
        number=f"INV-{invoice_id[-6:]}",
        currency="EUR",
        total=total,
        issue_date=date(2026, 10, 1),
        due_date=date(2026, 10, 31),
        order_reference=order,
    )


def overdue(issued: InvoiceIssued, open_amount: str | None = None) -> InvoiceOverdue:
    return InvoiceOverdue(
        customer_id=issued.customer_id,
        invoice_id=issued.invoice_id,
        currency=issued.currency,
        open_amount=open_amount or issued.total,
        due_date=issued.due_date,
        as_of=date(2026, 11, 1),
    )


def paid(issued: InvoiceIssued, paid_on: date = date(2026, 11, 20)) -> InvoicePaid:
    return InvoicePaid(
        customer_id=issued.customer_id,
        invoice_id=issued.invoice_id,
        currency=issued.currency,
        total=issued.total,
        paid_on=paid_on,
    )


async def set_limit(
    client: httpx.AsyncClient,
    keys: KeyPair,
    customer: str,
    amount: str,
    *,
    by: str = "carla",
    reason: str = "Opening limit",
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/customers/{customer}/credit-limits",
        json={"amount": amount, "reason": reason},
        headers=keys.auth("credit_manager", subject=by),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def profile(client: httpx.AsyncClient, keys: KeyPair, customer: str) -> dict[str, Any]:
    response = await client.get(f"/v1/customers/{customer}/credit", headers=keys.auth("accountant"))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body
