from datetime import date
from typing import Any

import httpx
import pytest
from uuid6 import uuid7

from ledgerflow_events.contracts.ledger import (
    InvoiceIssued,
    InvoiceOverdue,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_platform.testing import EventDelivery, KeyPair

# A collector reads only the cases assigned to them (test_case_work.py).
READERS = ["credit_manager", "accountant", "auditor", "admin", "service"]
PROBLEMS = "https://ledgerflow.dev/problems/"


async def falls_overdue(delivery: EventDelivery, customer: str, total: str, as_of: date) -> str:
    invoice = str(uuid7())
    await delivery.deliver(
        InvoiceIssued(
            customer_id=customer,
            invoice_id=invoice,
            number=f"INV-{invoice[-6:]}",
            currency="EUR",
            total=total,
            issue_date=date(2026, 10, 1),
            due_date=date(2026, 10, 31),
        )
    )
    await delivery.deliver(
        InvoiceOverdue(
            customer_id=customer,
            invoice_id=invoice,
            currency="EUR",
            open_amount=total,
            due_date=date(2026, 10, 31),
            as_of=as_of,
        )
    )
    return invoice


async def pays(delivery: EventDelivery, customer: str, invoice: str, amount: str, on: date) -> None:
    await delivery.deliver(
        PaymentReceived(
            customer_id=customer,
            payment_id=str(uuid7()),
            currency="EUR",
            amount=amount,
            received_on=on,
            allocations=[
                PaymentAllocation(invoice_id=invoice, amount=amount, open_amount_after="0")
            ],
            unapplied_amount="0.00",
        )
    )


async def customer_with_a_closed_and_an_open_case(delivery: EventDelivery) -> str:
    customer = str(uuid7())
    first = await falls_overdue(delivery, customer, "120.00", date(2026, 11, 1))
    await pays(delivery, customer, first, "120.00", date(2026, 11, 15))
    await falls_overdue(delivery, customer, "80.05", date(2026, 12, 1))
    return customer


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: str | int) -> Any:
    return (await client.get("/v1/cases", params=params, headers=headers)).json()


@pytest.mark.parametrize("role", READERS)
async def test_a_customers_cases_are_listed_oldest_first(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, role: str
) -> None:
    customer = await customer_with_a_closed_and_an_open_case(delivery)

    response = await client.get(
        "/v1/cases", params={"customer_id": customer}, headers=auth_keys.auth(role)
    )

    assert response.status_code == 200
    page = response.json()
    assert page["next_cursor"] is None
    assert [{k: v for k, v in c.items() if k != "id"} for c in page["items"]] == [
        {
            "customer_id": customer,
            "status": "closed",
            "currency": "EUR",
            "overdue_amount": "0.00",
            "opened_on": "2026-11-01",
            "closed_on": "2026-11-15",
            "collector": None,
            "assigned_on": None,
        },
        {
            "customer_id": customer,
            "status": "open",
            "currency": "EUR",
            "overdue_amount": "80.05",
            "opened_on": "2026-12-01",
            "closed_on": None,
            "collector": None,
            "assigned_on": None,
        },
    ]


async def test_cases_filter_by_status(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_a_closed_and_an_open_case(delivery)
    headers = auth_keys.auth("credit_manager")

    open_ = await listed(client, headers, customer_id=customer, status="open")
    closed = await listed(client, headers, customer_id=customer, status="closed")

    assert [(c["status"], c["opened_on"]) for c in open_["items"]] == [("open", "2026-12-01")]
    assert [(c["status"], c["opened_on"]) for c in closed["items"]] == [("closed", "2026-11-01")]


async def test_one_case_is_read_by_its_id(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = await customer_with_a_closed_and_an_open_case(delivery)
    headers = auth_keys.auth("auditor")
    [_, open_case] = (await listed(client, headers, customer_id=customer))["items"]

    response = await client.get(f"/v1/cases/{open_case['id']}", headers=headers)

    assert response.status_code == 200
    assert response.json() == open_case


async def test_cases_are_listed_page_by_page(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customer = str(uuid7())
    for month in (1, 2, 3):
        invoice = await falls_overdue(delivery, customer, "10.00", date(2027, month, 1))
        await pays(delivery, customer, invoice, "10.00", date(2027, month, 20))
    headers = auth_keys.auth("credit_manager")

    first = await listed(client, headers, customer_id=customer, limit=2)
    rest = await listed(client, headers, customer_id=customer, limit=2, cursor=first["next_cursor"])

    assert [c["opened_on"] for c in first["items"]] == ["2027-01-01", "2027-02-01"]
    assert [c["opened_on"] for c in rest["items"]] == ["2027-03-01"]
    assert rest["next_cursor"] is None


async def test_an_unknown_case_is_a_404_problem(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get("/v1/cases/no-such-case", headers=auth_keys.auth("credit_manager"))

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == PROBLEMS + "case-not-found"


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "bogus"}, "status"), ({"limit": 0}, "limit"), ({"limit": 501}, "limit")],
)
async def test_bad_query_parameters_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth_keys: KeyPair, params: dict[str, str | int], field: str
) -> None:
    response = await client.get(
        "/v1/cases", params=params, headers=auth_keys.auth("credit_manager")
    )

    assert response.status_code == 422
    assert response.json()["type"] == PROBLEMS + "validation-error"
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_a_cursor_this_api_did_not_issue_is_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/cases", params={"cursor": "_w"}, headers=auth_keys.auth("credit_manager")
    )

    assert response.status_code == 400
    assert response.json()["type"] == PROBLEMS + "invalid-cursor"


async def test_a_cashier_may_not_read_cases(client: httpx.AsyncClient, auth_keys: KeyPair) -> None:
    listed = await client.get("/v1/cases", headers=auth_keys.auth("cashier"))
    one = await client.get("/v1/cases/anything", headers=auth_keys.auth("cashier"))

    assert (listed.status_code, one.status_code) == (403, 403)


async def test_cases_need_a_token(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/cases")

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
