from datetime import UTC, date, datetime

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceOverdue
from ledgerflow_platform.testing import EventDelivery, KeyPair

READERS = ["credit_manager", "accountant", "collector", "auditor", "admin", "service"]


async def customer_with_an_overdue_invoice(delivery: EventDelivery) -> str:
    customer, late, current = str(uuid7()), str(uuid7()), str(uuid7())
    await delivery.deliver(
        CustomerRegistered(
            customer_id=customer,
            name="Acme Trading Ltd",
            currency="EUR",
            payment_terms_days=30,
            registered_at=datetime(2026, 9, 1, tzinfo=UTC),
        )
    )
    for invoice, total, issued_on in ((late, "1000.10", 1), (current, "99.90", 20)):
        await delivery.deliver(
            InvoiceIssued(
                customer_id=customer,
                invoice_id=invoice,
                number=f"INV-{invoice[-6:]}",
                currency="EUR",
                total=total,
                issue_date=date(2026, 10, issued_on),
                due_date=date(2026, 10, 31),
            )
        )
    await delivery.deliver(
        InvoiceOverdue(
            customer_id=customer,
            invoice_id=late,
            currency="EUR",
            open_amount="1000.10",
            due_date=date(2026, 10, 31),
            as_of=date(2026, 11, 1),
        )
    )
    return customer


@pytest.mark.parametrize("role", READERS)
async def test_exposure_is_shown_in_decimal_strings_at_the_currency_scale(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await customer_with_an_overdue_invoice(delivery)

    response = await client.get(f"/v1/customers/{customer}/exposure", headers=auth_keys.auth(role))

    assert response.status_code == 200
    assert response.json() == {
        "customer_id": customer,
        "currency": "EUR",
        "open_amount": "1100.00",
        "overdue_amount": "1000.10",
    }


async def test_an_unknown_customer_has_no_exposure_to_show(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/customers/nobody/exposure", headers=auth_keys.auth("credit_manager")
    )

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "https://ledgerflow.dev/problems/customer-not-found"


async def test_a_cashier_may_not_read_exposure(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_an_overdue_invoice(delivery)

    response = await client.get(
        f"/v1/customers/{customer}/exposure", headers=auth_keys.auth("cashier")
    )

    assert response.status_code == 403
    assert response.json()["type"] == "https://ledgerflow.dev/problems/forbidden"


async def test_exposure_needs_a_token(client: httpx.AsyncClient, delivery: EventDelivery) -> None:
    customer = await customer_with_an_overdue_invoice(delivery)

    response = await client.get(f"/v1/customers/{customer}/exposure")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_the_exposure_route_is_documented_with_an_example(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()

    route = spec["paths"]["/v1/customers/{customer_id}/exposure"]["get"]
    assert route["summary"] == "A customer's open and overdue receivables"
    assert spec["components"]["schemas"]["ExposureOut"]["examples"][0]["open_amount"] == "1250.00"
