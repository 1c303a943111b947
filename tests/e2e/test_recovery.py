"""The broker is memory-only: losing it must never lose a fact, because outboxes keep them."""

import asyncio
from datetime import date

import pytest

from .conftest import Api
from .flow import issue_invoice, register_customer, until_equal
from .test_kcat_sees_cloud_events import kcat_lines

pytestmark = pytest.mark.e2e


async def test_after_the_broker_restarts_empty_a_replay_brings_every_consumer_up_to_date(
    api: Api,
) -> None:
    customer = await register_customer(api, "Tailspin Toys")
    await asyncio.to_thread(api.platform.stop_service, "credit")
    invoice = await issue_invoice(api, customer, date(2026, 10, 1), "1234.56")

    async def on_the_broker() -> bool:
        lines = await kcat_lines(api.platform, "ledger.events")
        return any(invoice["id"] in line for line in lines)

    await until_equal(on_the_broker, True)
    # Published while credit was down, then lost with the broker.
    await asyncio.to_thread(api.platform.restart_broker)
    await asyncio.to_thread(api.platform.start_service, "credit")
    replayed = await asyncio.to_thread(api.platform.replay)
    assert replayed["ledger"] >= 1
    assert replayed["customer"] >= 1

    async def exposure() -> object:
        response = await api.get("credit", f"/v1/customers/{customer}/exposure")
        return response.json() if response.status_code == 200 else response.status_code

    await until_equal(
        exposure,
        {
            "customer_id": customer,
            "currency": "EUR",
            "open_amount": "1234.56",
            "overdue_amount": "0.00",
        },
        within=60,
    )

    async def aging_total() -> object:
        report = await api.get(
            "reporting", "/v1/reports/aging", as_of="2026-10-02", customer_id=customer
        )
        return [row["total"] for row in report.json()["rows"]]

    await until_equal(aging_total, ["1234.56"], within=60)
