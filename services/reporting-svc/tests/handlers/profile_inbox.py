"""CPU per consumed event, in-process, through the inbox consumer's real apply path.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/reporting-svc/tests/handlers/profile_inbox.py -s
It feeds reporting's handlers credit reservations and payments, as one partition's fetched
batches of each size in BATCH_SIZES, and prints per event: the consumer's CPU, the CPU of the
Postgres backends serving it, and the statements sent. A batch size of 1 is the path every
event took before batches were applied together; all sizes run in the same process, so the
machine's load weighs on each alike. PROFILE=alone1 (or a size) adds cProfile's lists.
"""

import cProfile
import os
import time
from datetime import UTC, date, datetime, timedelta

from aiokafka import ConsumerRecord
from uuid6 import uuid7

from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.credit import CreditReserved
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import InvoiceIssued, PaymentAllocation, PaymentReceived
from ledgerflow_events.kafka import KafkaConfig
from ledgerflow_platform.profiling import (
    Feed,
    backend_pids,
    cpu_seconds_of,
    report,
    statements_sent,
)
from ledgerflow_platform.testing import EventDelivery

EVENTS = int(os.environ.get("PROFILE_EVENTS", "2000"))
# "alone<n>": each event in a transaction of its own, the path every event took before batches,
# out of fetches of n records (their ids looked up in the inbox once per fetch)
BATCH_SIZES = os.environ.get("BATCH_SIZES", "alone1,1,alone2,2,alone5,5,alone20,20,100").split(",")
CUSTOMERS = 20
# which events are fed, in turn: PROFILE_KINDS=reserved profiles the credit check's event alone
KINDS = os.environ.get("PROFILE_KINDS", "reserved,payment").split(",")


def _id() -> str:
    return str(uuid7())


def reserved(customer: str) -> CreditReserved:
    return CreditReserved(
        customer_id=customer,
        reservation_id=_id(),
        order_reference=f"SO-{_id()[:8]}",
        currency="EUR",
        amount="12.50",
        expires_at=datetime.now(UTC) + timedelta(days=7),
    )


def payment(customer: str, invoice_id: str) -> PaymentReceived:
    return PaymentReceived(
        customer_id=customer,
        payment_id=_id(),
        currency="EUR",
        amount="1.00",
        received_on=date(2026, 11, 10),
        allocations=[
            PaymentAllocation(invoice_id=invoice_id, amount="1.00", open_amount_after="999.00")
        ],
        unapplied_amount="0.00",
    )


async def test_cpu_per_consumed_event(delivery: EventDelivery) -> None:
    feed = Feed()
    consumer = InboxConsumer(
        delivery.processor, KafkaConfig("unused:9092"), group_id="profile", topics=[]
    )
    customers: list[tuple[str, str]] = []
    for n in range(CUSTOMERS):
        customer = _id()
        registered = CustomerRegistered(
            customer_id=customer,
            name=f"Customer {n}",
            currency="EUR",
            payment_terms_days=30,
            registered_at=datetime.now(UTC),
        )
        issued = InvoiceIssued(
            customer_id=customer,
            invoice_id=_id(),
            number=f"INV-{n}",
            currency="EUR",
            total="100000.00",
            issue_date=date(2026, 11, 1),
            due_date=date(2026, 12, 1),
        )
        await consumer._apply(feed.records([registered, issued]))
        customers.append((customer, issued.invoice_id))

    def events(count: int) -> list[EventData]:
        out: list[EventData] = []
        for n in range(count):
            customer, invoice_id = customers[n % CUSTOMERS]
            kind = KINDS[n % len(KINDS)]
            out.append(reserved(customer) if kind == "reserved" else payment(customer, invoice_id))
        return out

    async def run(size: str, records: list[ConsumerRecord[bytes, bytes]]) -> None:
        alone = size.startswith("alone")
        consumer._batch_size = None if alone else int(size)
        step = int(size.removeprefix("alone"))
        for start in range(0, len(records), step):
            await consumer._apply(records[start : start + step])

    await run("alone20", feed.records(events(100)))  # warm: caches, prepared statements, the pool
    await run("20", feed.records(events(100)))
    pids = await backend_pids(delivery)
    print(f"\n== load average {os.getloadavg()}, {EVENTS} events per batch size")
    for size in BATCH_SIZES:
        records = feed.records(events(EVENTS))
        with statements_sent() as sent:
            pg_before, started = cpu_seconds_of(pids), time.process_time()
            await run(size, records)
            own, pg = time.process_time() - started, cpu_seconds_of(pids) - pg_before
        print(
            f"batch of {size:>5}: {own / EVENTS * 1e6:6.0f} µs consumer, "
            f"{pg / EVENTS * 1e6:6.0f} µs Postgres, "
            f"{sum(sent.values()) / EVENTS:5.2f} statements per event"
        )
        for statement, count in sent.most_common(12):
            print(f"    {count / EVENTS:5.2f}  {statement}")
    print(f"== load average {os.getloadavg()}")
    if size := os.environ.get("PROFILE", ""):
        records = feed.records(events(EVENTS))
        profile = cProfile.Profile(time.process_time)
        started = time.process_time()
        profile.enable()
        await run(size, records)
        profile.disable()
        report(f"batch of {size} (profiled)", time.process_time() - started, EVENTS, profile)
