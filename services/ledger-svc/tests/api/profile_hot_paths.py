"""CPU and round trips per recorded payment, in-process against the real app and database.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/ledger-svc/tests/api/profile_hot_paths.py -s
and it prints, for `POST /v1/payments` as a cashier's system sends it (an Idempotency-Key,
no invoices named: applied to the oldest open invoice), the CPU time per call (the app's share
apart from the test client's; a liveness probe gives the web stack's floor), the statements
sent to Postgres per call, then the heaviest functions under cProfile
(ledgerflow_platform/profiling.py says how to read them).
"""

import cProfile
import itertools
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_platform.profiling import CALLS, AppCpu, report, statements_sent, timed_client
from ledgerflow_platform.testing import KeyPair

from ..conftest import RegisterCustomer
from .payments.payment_steps import issue

APP_CPU = AppCpu()


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with timed_client(SPEC, settings, APP_CPU) as client:
        yield client


async def test_cpu_per_recorded_payment(
    client: httpx.AsyncClient, auth_keys: KeyPair, register_customer: RegisterCustomer
) -> None:
    customers = []
    for _ in range(20):
        customer = await register_customer()
        await issue(client, auth_keys, customer, "100000.00")
        customers.append(customer)
    headers = auth_keys.auth("cashier")

    async def pay(n: int) -> None:
        response = await client.post(
            "/v1/payments",
            json={
                "customer_id": customers[n % len(customers)],
                "amount": "10.00",
                "currency": "EUR",
                "received_on": "2026-03-02",
                "reference": f"PROFILE-{n}",
            },
            headers={**headers, "Idempotency-Key": f"profile-{n}"},
        )
        assert response.status_code == 201, response.text
        assert response.json()["allocations"], response.text

    for n in range(50):
        await pay(-n - 1)
    APP_CPU.seconds = 0.0
    for _ in range(CALLS):
        assert (await client.get("/health/live")).status_code == 200
    print(f"\n== GET /health/live: {APP_CPU.seconds / CALLS * 1000:.2f} ms in the app")
    with statements_sent() as sent:
        await pay(-1000)
    print(f"\n== statements per payment: {sum(sent.values())}")
    for query, times in sent.items():
        print(f"   {times} x {query}")
    # In runs of 50: the machine's other work inflates some runs, so the quickest and the
    # median run are shown beside the mean.
    runs: list[float] = []
    started, APP_CPU.seconds = time.process_time(), 0.0
    for n in range(CALLS):
        if n % 50 == 0:
            runs.append(APP_CPU.seconds)
        await pay(n)
    plain = time.process_time() - started
    runs.append(APP_CPU.seconds)
    per_call = sorted((b - a) / 50 * 1000 for a, b in itertools.pairwise(runs))
    print(
        f"\n== payment: {plain / CALLS * 1000:.2f} ms CPU per call with the test client, "
        f"{APP_CPU.seconds / CALLS * 1000:.2f} ms in the app (unprofiled; runs of 50: quickest "
        f"{per_call[0]:.2f} ms, median {per_call[len(per_call) // 2]:.2f} ms)"
    )
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    for n in range(CALLS, 2 * CALLS):
        await pay(n)
    profile.disable()
    report("payment (profiled)", time.process_time() - started, CALLS, profile)
