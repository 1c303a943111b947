import asyncio

import httpx
import pytest

from ledgerflow_platform.testing import KeyPair, assert_problem

from .steps import (
    REQUEST_REFUND,
    TRACE_TABLES,
    balance,
    customer_with_credit,
    request_refund,
)


@pytest.mark.parametrize(
    ("body", "status", "slug", "field"),
    [
        ({"amount": "50.01"}, 422, "insufficient-credit", "amount"),
        ({"amount": "-5.00"}, 422, "invalid-amount", "amount"),
        ({"amount": "5.001"}, 422, "invalid-amount", "amount"),
        ({"amount": "5.00", "currency": "GBP"}, 422, "currency-mismatch", "currency"),
        ({"amount": "5.00", "method": "bitcoin"}, 422, "validation-error", "method"),
    ],
)
async def test_a_refused_refund_names_the_field_and_leaves_no_trace(
    client: httpx.AsyncClient,
    auth_keys: KeyPair,
    register_customer,
    ledger_db,
    body: dict[str, str],
    status: int,
    slug: str,
    field: str,
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    before = await ledger_db.counts(*TRACE_TABLES)

    response = await request_refund(client, auth_keys, customer_id, **body)

    assert_problem(response, status, slug, fields=[field] if field else None)
    assert await ledger_db.counts(*TRACE_TABLES) == before
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "50.00"


async def test_unknown_customers_and_refunds_and_early_payment_dates_are_refused(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    refund = (await request_refund(client, auth_keys, customer_id, "5.00")).json()
    before = await ledger_db.counts(*TRACE_TABLES)
    cashier = auth_keys.auth("cashier")

    assert_problem(
        await request_refund(client, auth_keys, "no-such-customer", "1.00"),
        404,
        "customer-not-found",
        fields=["customer_id"],
    )
    assert_problem(
        await client.post("/v1/refunds/nope:pay", json={"paid_on": "2026-04-05"}, headers=cashier),
        404,
        "refund-not-found",
        fields=["refund_id"],
    )
    assert_problem(
        await client.post(
            f"/v1/refunds/{refund['id']}:pay", json={"paid_on": "2026-04-02"}, headers=cashier
        ),
        422,
        "refund-dated-before-request",
        fields=["paid_on"],
    )
    assert await ledger_db.counts(*TRACE_TABLES) == before


async def test_a_cashier_pays_refunds_but_cannot_request_them(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer)
    response = await client.post(
        f"/v1/customers/{customer_id}/refunds",
        json={**REQUEST_REFUND, "amount": "5.00"},
        headers=auth_keys.auth("cashier"),
    )
    assert response.status_code == 403


async def test_concurrent_refund_requests_never_pay_back_more_than_the_credit(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer, ledger_db
) -> None:
    customer_id = await customer_with_credit(client, auth_keys, register_customer, "50.00")

    responses = await asyncio.gather(
        *(request_refund(client, auth_keys, customer_id, "7.00") for _ in range(10))
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] * 7 + [422] * 3
    assert (await balance(client, auth_keys, customer_id))["credit_amount"] == "1.00"
    assert await ledger_db.rows(
        "SELECT count(*), sum(amount) FROM refunds WHERE customer_id = :c", c=customer_id
    ) == [(7, 4900)]
