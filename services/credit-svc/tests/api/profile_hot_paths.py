"""CPU per credit check and per payment event, in-process against the real app and database.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/credit-svc/tests/api/profile_hot_paths.py -s
and it prints the CPU time per call (for checks, the app's share apart from the test client's;
a liveness probe gives the web stack's floor), then the heaviest functions under cProfile
(ledgerflow_platform/profiling.py says how to read them).

Payments are profiled twice: each in a batch of its own, and as the worker applies them, in
fetches of FETCH records of one partition through the inbox consumer (one transaction for a
fetch), with the CPU of the Postgres backends serving them and the statements sent.
"""

import cProfile
import os
import time
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest
from aiokafka import ConsumerRecord

from credit_svc.service import SPEC
from credit_svc.settings import Settings
from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.contracts.ledger import PaymentAllocation, PaymentReceived
from ledgerflow_events.kafka import KafkaConfig
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_platform.profiling import (
    CALLS,
    AppCpu,
    backend_pids,
    cpu_seconds_of,
    report,
    statements_sent,
    timed_client,
)
from ledgerflow_platform.testing import EventDelivery, KeyPair

from .credit_steps import invoice, new_id, registered_customer, set_limit

APP_CPU = AppCpu()
# the records of one partition the worker applies in one transaction (the consumer's default)
FETCH = int(os.environ.get("PROFILE_FETCH", "10"))
# measured more than once: on a busy machine one round can be far off the others
ROUNDS = int(os.environ.get("PROFILE_ROUNDS", "3"))


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


class Payments:
    """Payments of 1.00 each, in turn from customers owing one large invoice and four small."""

    def __init__(self, customers: list[tuple[str, str]]) -> None:
        self._customers = customers
        self._open_after = {c: 10_000_000 for c, _ in customers}
        self._made = 0

    def next(self) -> PaymentReceived:
        customer, invoice_id = self._customers[self._made % len(self._customers)]
        self._made += 1
        self._open_after[customer] -= 100
        left = self._open_after[customer]
        return PaymentReceived(
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


async def paying_customers(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> Payments:
    customers: list[tuple[str, str]] = []
    for _ in range(20):
        customer = await registered_customer(delivery)
        issued = invoice(customer, "100000.00")
        await delivery.deliver(issued)
        for _ in range(4):
            await delivery.deliver(invoice(customer, "50.00"))
        await set_limit(client, auth_keys, customer, "900000.00")
        customers.append((customer, issued.invoice_id))
    return Payments(customers)


async def test_cpu_per_payment_event(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    payments = await paying_customers(client, delivery, auth_keys)

    async def pay() -> None:
        assert await delivery.deliver(payments.next()) is not None

    for _ in range(50):
        await pay()
    started = time.process_time()
    for _ in range(CALLS):
        await pay()
    plain = time.process_time() - started
    print(f"\n== payment event: {plain / CALLS * 1000:.2f} ms CPU per event (unprofiled)")
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    for _ in range(CALLS):
        await pay()
    profile.disable()
    report("payment event (profiled)", time.process_time() - started, CALLS, profile)


async def test_cpu_per_payment_event_in_fetches(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair
) -> None:
    payments = await paying_customers(client, delivery, auth_keys)
    consumer = InboxConsumer(
        delivery.processor, KafkaConfig("unused:9092"), group_id="profile", topics=[]
    )
    offset = 0

    def fetched(count: int) -> list[list[ConsumerRecord[bytes, bytes]]]:
        nonlocal offset
        records = []
        for _ in range(count):
            offset += 1
            records.append(
                as_record(cloud_event(payments.next()), topic="ledger.events", offset=offset)
            )
        return [records[start : start + FETCH] for start in range(0, count, FETCH)]

    async def apply(fetches: list[list[ConsumerRecord[bytes, bytes]]]) -> None:
        for records in fetches:
            await consumer._apply(records)

    await apply(fetched(100))  # warm: caches, prepared statements, the pool
    pids = await backend_pids(delivery)
    print(f"\n== load average {os.getloadavg()}, {CALLS} payments in fetches of {FETCH}")
    for _ in range(ROUNDS):
        fetches = fetched(CALLS)
        with statements_sent() as sent:
            pg_before, started = cpu_seconds_of(pids), time.process_time()
            await apply(fetches)
            own, pg = time.process_time() - started, cpu_seconds_of(pids) - pg_before
        print(
            f"payment event: {own / CALLS * 1e6:6.0f} µs consumer, "
            f"{pg / CALLS * 1e6:6.0f} µs Postgres, "
            f"{sum(sent.values()) / CALLS:5.2f} statements per event"
        )
    for statement, count in sent.most_common(12):
        print(f"    {count / CALLS:5.2f}  {statement}")
    print(f"== load average {os.getloadavg()}")
    fetches = fetched(CALLS)
    profile = cProfile.Profile(time.process_time)
    started = time.process_time()
    profile.enable()
    await apply(fetches)
    profile.disable()
    report(
        f"payment event in fetches of {FETCH} (profiled)",
        time.process_time() - started,
        CALLS,
        profile,
    )
