"""CPU per credit check and per payment event, in-process against the real app and database.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/credit-svc/tests/api/profile_hot_paths.py -s
and it prints the CPU time per call (for checks, the app's share apart from the test client's;
a liveness probe gives the web stack's floor), then the heaviest functions under cProfile
(ledgerflow_platform/profiling.py says how to read them).
"""

import cProfile
import time
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest

from credit_svc.service import SPEC
from credit_svc.settings import Settings
from ledgerflow_events.contracts.ledger import PaymentAllocation, PaymentReceived
from ledgerflow_platform.profiling import CALLS, AppCpu, report, timed_client
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .credit_steps import invoice, new_id, registered_customer, set_limit

APP_CPU = AppCpu()


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with timed_client(SPEC, settings, APP_CPU) as client:
        yield client


async def test_cpu_per_reserving_check(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customers = []
    for _ in range(20):
        customer = await registered_customer(delivery)
        await delivery.deliver(invoice(customer, "600.00"))
        await set_limit(client, auth_keys, customer, "90000.00")
        customers.append(customer)
    headers = auth_keys.auth("service")

    async def check(n: int) -> None:
        response = await client.post(
            "/v1/credit-checks",
            json={
                "customer_id": customers[n % len(customers)],
                "amount": "1.00",
                "currency": "EUR",
                "order_reference": f"SO-{n}",
                "reserve": True,
            },
            headers=headers,
        )
        assert response.status_code == 200, response.text
        assert response.json()["decision"] == "approved"

    for n in range(50):
        await check(-n - 1)
    APP_CPU.seconds = 0.0
    for _ in range(CALLS):
        assert (await client.get("/health/live")).status_code == 200
    print(f"\n== GET /health/live: {APP_CPU.seconds / CALLS * 1000:.2f} ms in the app")
    started, APP_CPU.seconds = time.process_time(), 0.0
    for n in range(CALLS):
        await check(n)
    plain = time.process_time() - started
    print(
        f"\n== check: {plain / CALLS * 1000:.2f} ms CPU per call with the test client, "
        f"{APP_CPU.seconds / CALLS * 1000:.2f} ms in the app (unprofiled)"
    )
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    for n in range(CALLS, 2 * CALLS):
        await check(n)
    profile.disable()
    report("check (profiled)", time.process_time() - started, CALLS, profile)


async def test_cpu_per_payment_event(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    customers: list[tuple[str, str]] = []
    for _ in range(20):
        customer = await registered_customer(delivery)
        issued = invoice(customer, "100000.00")
        await delivery.deliver(issued)
        for _ in range(4):
            await delivery.deliver(invoice(customer, "50.00"))
        await set_limit(client, auth_keys, customer, "900000.00")
        customers.append((customer, issued.invoice_id))
    open_after = {c: 10_000_000 for c, _ in customers}

    async def pay(n: int) -> None:
        customer, invoice_id = customers[n % len(customers)]
        open_after[customer] -= 100
        left = open_after[customer]
        outcome = await delivery.deliver(
            PaymentReceived(
                customer_id=customer,
                payment_id=new_id(),
                currency="EUR",
                amount="1.00",
                received_on=date(2026, 11, 10),
                allocations=[
                    PaymentAllocation(
                        invoice_id=invoice_id,
                        amount="1.00",
                        open_amount_after=f"{left // 100}.{left % 100:02d}",
                    )
                ],
                unapplied_amount="0.00",
            )
        )
        assert outcome is not None

    for n in range(50):
        await pay(n)
    started = time.process_time()
    for n in range(50, 50 + CALLS):
        await pay(n)
    plain = time.process_time() - started
    print(f"\n== payment event: {plain / CALLS * 1000:.2f} ms CPU per event (unprofiled)")
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    for n in range(50 + CALLS, 50 + 2 * CALLS):
        await pay(n)
    profile.disable()
    report("payment event (profiled)", time.process_time() - started, CALLS, profile)
