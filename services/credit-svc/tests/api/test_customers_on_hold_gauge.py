"""Customers on credit hold on /metrics, for the Receivables dashboard: a customer counts once
however many holds it has, and stops counting when the last one is released."""

import httpx

from ledgerflow_platform.testing import EventDelivery, KeyPair, scraped

from .credit_steps import registered_customer
from .test_credit_holds import escalated


async def on_hold(client: httpx.AsyncClient) -> float:
    return scraped((await client.get("/metrics")).text, "ledgerflow_customers_on_hold")[""]


async def test_a_scrape_counts_each_customer_on_hold_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    # The module's other tests share the database: compare what this test adds.
    before = await on_hold(client)
    manager = auth_keys.auth("credit_manager", subject="carla")
    twice, once = await registered_customer(delivery), await registered_customer(delivery)
    await delivery.deliver(escalated(twice, "stop_supply"))
    placed = await client.post(
        f"/v1/customers/{twice}/holds", json={"reason": "Ownership change"}, headers=manager
    )
    assert placed.status_code == 201, placed.text
    manual = await client.post(
        f"/v1/customers/{once}/holds", json={"reason": "Guarantee expired"}, headers=manager
    )
    assert manual.status_code == 201, manual.text

    assert await on_hold(client) == before + 2

    released = await client.post(
        f"/v1/holds/{manual.json()['id']}:release", json={"reason": "Renewed"}, headers=manager
    )
    assert released.status_code == 200, released.text
    assert await on_hold(client) == before + 1
