"""The risk list: customers' standing filtered by hold and utilisation, paged by cursor."""

from typing import Any

import httpx

from ledgerflow_platform.testing import EventDelivery, KeyPair, assert_problem

from .assessment_steps import assess
from .credit_steps import invoice, overdue, registered_customer, set_limit


async def every_page(client: httpx.AsyncClient, keys: KeyPair, query: str) -> list[dict[str, Any]]:
    items, cursor = [], None
    for _ in range(100):
        url = f"/v1/credit-profiles?limit=2{query}" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(url, headers=keys.auth("collector"))).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("the pages never ended")


async def test_customers_are_listed_by_hold_and_utilisation_across_pages(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    used = {}
    for owes, limit in (("900.00", "1000.00"), ("899.99", "1000.00"), ("10.00", None)):
        customer = await registered_customer(delivery, name="上海华新贸易有限公司")
        issued = invoice(customer, owes)
        await delivery.deliver(issued)
        if limit:
            await set_limit(client, auth_keys, customer, limit)
        used[customer] = issued
    high, just_below, unlimited = list(used)
    # Part of the highest's debt is past due.
    await delivery.deliver(overdue(used[high], open_amount="900.00"))
    await client.post(
        f"/v1/customers/{just_below}/holds",
        json={"reason": "Ownership change"},
        headers=auth_keys.auth("credit_manager"),
    )

    everyone = await every_page(client, auth_keys, "")
    over_90 = await every_page(client, auth_keys, "&min_utilisation=90")
    held = await every_page(client, auth_keys, "&on_hold=true")

    ids = [p["customer_id"] for p in everyone]
    assert ids == sorted(set(ids))
    assert {high, just_below, unlimited} <= set(ids)
    assert [p for p in everyone if p["customer_id"] == high] == [
        {
            "customer_id": high,
            "name": "上海华新贸易有限公司",
            "currency": "EUR",
            "grade": None,
            "credit_limit": "1000.00",
            "exposure": "900.00",
            "overdue_amount": "900.00",
            "available": "100.00",
            "utilisation_percent": "90.00",
            "on_hold": False,
        }
    ]
    assert high in {p["customer_id"] for p in over_90}
    assert not {just_below, unlimited} & {p["customer_id"] for p in over_90}
    assert just_below in {p["customer_id"] for p in held}
    assert not {high, unlimited} & {p["customer_id"] for p in held}
    # Assessed with nothing known: grade E.
    await assess(client, auth_keys, high, "2026-11-16")
    weakest = await every_page(client, auth_keys, "&grade=E")
    best = await every_page(client, auth_keys, "&grade=A")
    assert high in {p["customer_id"] for p in weakest}
    assert {p["grade"] for p in weakest} == {"E"}
    assert not {high, just_below} & {p["customer_id"] for p in best}


async def test_bad_filters_are_refused_naming_the_parameter(
    client: httpx.AsyncClient, auth_keys: KeyPair
) -> None:
    for query, field in (
        ("grade=F", "grade"),
        ("min_utilisation=-1", "min_utilisation"),
        ("limit=501", "limit"),
    ):
        response = await client.get(
            f"/v1/credit-profiles?{query}", headers=auth_keys.auth("auditor")
        )
        assert_problem(response, 422, "validation-error", fields=[field])
    bad_cursor = await client.get(
        "/v1/credit-profiles?cursor=%25%25", headers=auth_keys.auth("auditor")
    )
    assert_problem(bad_cursor, 422, "validation-error", fields=["cursor"])
    cashier = await client.get("/v1/credit-profiles", headers=auth_keys.auth("cashier"))
    assert_problem(cashier, 403, "forbidden")
