"""CPU per consumed payment, in-process, through the inbox consumer's real apply path.

Not part of the suite (the file name is not collected): run it by name,
  pytest services/collections-svc/tests/handlers/profile_inbox.py -s
It feeds collections' handlers 10.00 payments against large open invoices, as one partition's
fetches of FETCH records, and prints per event, of the least costly of ROUNDS rounds: the
consumer's CPU, the CPU of the Postgres backends serving it, and the statements sent. Each mix
in MIXES pays other customers:
  current  customers owing nothing overdue (most payments the ledger records)
  arrears  customers in collections: an overdue invoice and an open case, half of the cases
           assigned to a collector, with a promise to pay or a payment plan on track
  mixed    one payment in four from a customer in arrears
PROFILE=<mix> adds cProfile's lists for that mix.
"""

import cProfile
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from itertools import cycle

from aiokafka import ConsumerRecord
from uuid6 import uuid7

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.payment_plan import Instalment
from collections_svc.use_cases.keep_plans import agree_payment_plan
from collections_svc.use_cases.keep_promises import promise_to_pay
from collections_svc.use_cases.work_cases import assign_case
from ledgerflow_events.consumer import InboxConsumer
from ledgerflow_events.contracts.base import EventData
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.contracts.ledger import (
    InvoiceIssued,
    InvoiceOverdue,
    PaymentAllocation,
    PaymentReceived,
)
from ledgerflow_events.kafka import KafkaConfig
from ledgerflow_events.money import format_minor
from ledgerflow_platform.profiling import (
    Feed,
    backend_pids,
    cpu_seconds_of,
    report,
    statements_sent,
)
from ledgerflow_platform.testing import EventDelivery

EVENTS = int(os.environ.get("PROFILE_EVENTS", "2000"))
FETCH = int(os.environ.get("PROFILE_FETCH", "10"))
# the round costing the consumer least is printed: the machine's other work only adds to it
ROUNDS = int(os.environ.get("PROFILE_ROUNDS", "3"))
MIXES = os.environ.get("MIXES", "current,arrears,mixed").split(",")
CUSTOMERS = 40  # of each kind
TOTAL = 100_000_000  # minor units: 1,000,000.00, never paid off by 10.00 payments
PAYMENT = 1_000
DUE = date(2026, 10, 31)
OVERDUE_ON = date(2026, 11, 1)
RECEIVED_ON = date(2026, 11, 10)


def _id() -> str:
    return str(uuid7())


class Customer:
    """A customer with one large invoice, paid 10.00 at a time."""

    def __init__(self, n: int) -> None:
        self.id, self.invoice_id, self.n = _id(), _id(), n
        self.open_amount = TOTAL

    def facts(self, *, overdue: bool) -> list[EventData]:
        out: list[EventData] = [
            CustomerRegistered(
                customer_id=self.id,
                name=f"Customer {self.n}",
                currency="EUR",
                payment_terms_days=30,
                registered_at=datetime.now(UTC),
            ),
            InvoiceIssued(
                customer_id=self.id,
                invoice_id=self.invoice_id,
                number=f"INV-{self.n}",
                currency="EUR",
                total=format_minor(TOTAL, "EUR"),
                issue_date=date(2026, 10, 1),
                due_date=DUE,
            ),
        ]
        if overdue:
            out.append(
                InvoiceOverdue(
                    customer_id=self.id,
                    invoice_id=self.invoice_id,
                    currency="EUR",
                    open_amount=format_minor(TOTAL, "EUR"),
                    due_date=DUE,
                    as_of=OVERDUE_ON,
                )
            )
        return out

    def payment(self) -> PaymentReceived:
        self.open_amount -= PAYMENT
        return PaymentReceived(
            customer_id=self.id,
            payment_id=_id(),
            currency="EUR",
            amount=format_minor(PAYMENT, "EUR"),
            received_on=RECEIVED_ON,
            allocations=[
                PaymentAllocation(
                    invoice_id=self.invoice_id,
                    amount=format_minor(PAYMENT, "EUR"),
                    open_amount_after=format_minor(self.open_amount, "EUR"),
                )
            ],
            unapplied_amount="0.00",
        )


async def _work_the_cases(delivery: EventDelivery, customers: list[Customer]) -> None:
    """Half the cases assigned; each with a promise (far from kept) or a plan on track."""
    async with delivery.processor._sessions() as session:
        uow = CollectionsUnitOfWork(session)
        for n, customer in enumerate(customers):
            case = await uow.cases.open_case_of(customer.id)
            assert case is not None
            if n % 2 == 0:
                await assign_case(
                    uow, case_id=case.id, collector=f"collector-{n % 4}", on=OVERDUE_ON
                )
            if n % 4 < 2:
                await promise_to_pay(
                    uow,
                    promise_id=_id(),
                    case_id=case.id,
                    amount=TOTAL // 2,
                    currency="EUR",
                    made_on=date(2026, 11, 5),
                    promised_on=date(2026, 11, 30),
                    invoice_ids=(customer.invoice_id,),
                )
            else:
                first = TOTAL // 2
                await agree_payment_plan(
                    uow,
                    plan_id=_id(),
                    case_id=case.id,
                    invoice_ids=(customer.invoice_id,),
                    instalments=(
                        Instalment(date(2026, 12, 1), first),
                        Instalment(date(2027, 1, 1), TOTAL - first),
                    ),
                    on=date(2026, 11, 5),
                )
        await uow.commit()


async def test_cpu_per_consumed_payment(delivery: EventDelivery) -> None:
    feed = Feed()
    consumer = InboxConsumer(
        delivery.processor, KafkaConfig("unused:9092"), group_id="profile", topics=[]
    )
    current = [Customer(n) for n in range(CUSTOMERS)]
    arrears = [Customer(CUSTOMERS + n) for n in range(CUSTOMERS)]
    for customer in current:
        await consumer._apply(feed.records(customer.facts(overdue=False)))
    for customer in arrears:
        await consumer._apply(feed.records(customer.facts(overdue=True)))
    await _work_the_cases(delivery, arrears)
    payers: dict[str, Iterator[Customer]] = {
        "current": cycle(current),
        "arrears": cycle(arrears),
        "mixed": cycle([*arrears[: CUSTOMERS // 3], *current]),
    }

    def payments(mix: str, count: int) -> list[ConsumerRecord[bytes, bytes]]:
        return feed.records([next(payers[mix]).payment() for _ in range(count)])

    async def run(records: list[ConsumerRecord[bytes, bytes]]) -> None:
        consumer._batch_size = FETCH
        for start in range(0, len(records), FETCH):
            await consumer._apply(records[start : start + FETCH])

    for mix in MIXES:  # warm: caches, prepared statements, the pool
        await run(payments(mix, 200))
    pids = await backend_pids(delivery)
    print(f"\n== load average {os.getloadavg()}, {EVENTS} payments per mix, fetches of {FETCH}")
    for mix in MIXES:
        rounds = []
        for _ in range(ROUNDS):
            records = payments(mix, EVENTS)
            with statements_sent() as sent:
                pg_before, started = cpu_seconds_of(pids), time.process_time()
                await run(records)
                rounds.append(
                    (time.process_time() - started, cpu_seconds_of(pids) - pg_before, sent)
                )
        own, pg, sent = min(rounds, key=lambda r: r[0])
        print(
            f"{mix:>8}: {own / EVENTS * 1e6:6.0f} µs consumer, "
            f"{pg / EVENTS * 1e6:6.0f} µs Postgres, "
            f"{sum(sent.values()) / EVENTS:5.2f} statements per event"
        )
        for statement, count in sent.most_common(14):
            print(f"    {count / EVENTS:5.2f}  {statement}")
    print(f"== load average {os.getloadavg()}")
    if mix := os.environ.get("PROFILE", ""):
        records = payments(mix, EVENTS)
        profile = cProfile.Profile(time.process_time)
        started = time.process_time()
        profile.enable()
        await run(records)
        profile.disable()
        report(f"{mix} payments (profiled)", time.process_time() - started, EVENTS, profile)
    assert all(c.open_amount > 0 for c in (*current, *arrears))
