import httpx
import pytest

from ledgerflow_platform.testing import KeyPair


async def issue(client: httpx.AsyncClient, headers: dict[str, str], customer_id: str) -> str:
    body = {
        "customer_id": customer_id,
        "issue_date": "2026-05-01",
        "lines": [{"description": "Goods", "quantity": "1", "unit_price": "10.00"}],
    }
    response = await client.post("/v1/invoices", json=body, headers=headers)
    return str(response.json()["id"])


async def test_a_customers_invoices_are_listed_page_by_page_and_filtered_by_status(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("EUR")
    headers = auth_keys.auth("admin")
    issued = [await issue(client, headers, customer_id) for _ in range(5)]
    await client.post(
        "/v1/payments",
        json={
            "customer_id": customer_id,
            "amount": "15.00",
            "currency": "EUR",
            "received_on": "2026-05-02",
        },
        headers=headers,
    )
    auditor = auth_keys.auth("auditor")

    seen: list[str] = []
    cursor = None
    while True:
        params = {"customer_id": customer_id, "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get("/v1/invoices", params=params, headers=auditor)).json()
        seen += [i["id"] for i in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break

    assert seen == issued
    by_status = {
        status: [
            i["id"]
            for i in (
                await client.get(
                    "/v1/invoices",
                    params={"customer_id": customer_id, "status": status},
                    headers=auditor,
                )
            ).json()["items"]
        ]
        for status in ("paid", "partially_paid", "issued")
    }
    assert by_status == {"paid": issued[:1], "partially_paid": issued[1:2], "issued": issued[2:]}


async def test_an_unknown_status_filter_is_refused_naming_it(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    response = await client.get(
        "/v1/invoices", params={"status": "lost"}, headers=auth_keys.auth("auditor")
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["status"]


async def test_a_new_customer_owes_nothing(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await register_customer("CHF")
    balance = await client.get(
        f"/v1/customers/{customer_id}/balance", headers=auth_keys.auth("collector")
    )
    assert balance.json() == {
        "customer_id": customer_id,
        "currency": "CHF",
        "open_amount": "0.00",
        "overdue_amount": "0.00",
        "credit_amount": "0.00",
    }


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("/v1/customers/nobody/balance", "customer-not-found"),
        ("/v1/invoices/nothing", "invoice-not-found"),
        ("/v1/payments/nothing", "payment-not-found"),
    ],
)
async def test_looking_up_what_the_ledger_does_not_keep_is_a_404_problem(
    client: httpx.AsyncClient, auth_keys: KeyPair, path: str, slug: str
) -> None:
    response = await client.get(path, headers=auth_keys.auth("auditor"))
    assert response.status_code == 404
    assert response.json()["type"] == f"https://ledgerflow.dev/problems/{slug}"


async def test_reading_needs_a_token(client: httpx.AsyncClient) -> None:
    assert (await client.get("/v1/invoices")).status_code == 401


async def test_the_openapi_document_shows_examples_for_every_posting(
    client: httpx.AsyncClient,
) -> None:
    schemas = (await client.get("/openapi.json")).json()["components"]["schemas"]
    for name in ("IssueInvoice", "RecordPayment", "StartOverdueRun"):
        assert schemas[name]["examples"], name
