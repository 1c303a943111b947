"""Runs of one type applied with one call by a `Together` handler, in order with the rest."""

from collections.abc import Sequence
from datetime import date

from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import InvoiceIssued, InvoiceVoided
from ledgerflow_events.dead_letters import DeadLetterWriter
from ledgerflow_events.inbox import InboxProcessor, Outcome, ReceivedEvent, RetryPolicy
from ledgerflow_events.testing import as_record, cloud_event
from ledgerflow_events.together import Together

from .conftest import POISON_TOTAL, Scratch, apply_invoice, invoice


class Calls:
    """What the handlers were handed, in order: each call's invoice ids."""

    def __init__(self) -> None:
        self.made: list[list[str]] = []

    async def invoices(
        self, session: AsyncSession, run: Sequence[ReceivedEvent[InvoiceIssued]]
    ) -> None:
        self.made.append([e.data.invoice_id for e in run])
        for event in run:
            await apply_invoice(session, event)

    async def voided(self, session: AsyncSession, event: ReceivedEvent[InvoiceVoided]) -> None:
        self.made.append([f"void {event.data.invoice_id}"])


def _processor(scratch: Scratch, calls: Calls, service: str) -> InboxProcessor:
    return InboxProcessor(
        scratch.sessions,
        scratch.tables,
        {InvoiceIssued: Together(calls.invoices), InvoiceVoided: calls.voided},
        DeadLetterWriter(scratch.kafka, scratch.sessions, scratch.tables, service=service),
        service=service,
        retry=RetryPolicy(attempts=2, initial_backoff=0.01),
    )


def _void(customer_id: str, n: int) -> InvoiceVoided:
    return InvoiceVoided(
        customer_id=customer_id,
        invoice_id=f"{customer_id}-inv-{n}",
        number=f"INV-{n}",
        currency="EUR",
        total="100.00",
        voided_on=date(2026, 11, 2),
    )


def _timed(service: str) -> float:
    labels = {"service": service, "type": "ledger.invoice_issued.v1"}
    found = REGISTRY.get_sample_value("ledgerflow_event_handler_duration_seconds_count", labels)
    return found or 0.0


async def test_consecutive_events_are_one_call_and_another_type_ends_the_run(
    scratch: Scratch,
) -> None:
    calls = Calls()
    processor = _processor(scratch, calls, "runs")
    one, two, three, four = (cloud_event(invoice("ulla", n)) for n in range(1, 5))
    events = [one, two, one, three, cloud_event(_void("ulla", 2)), four]
    records = [as_record(e, topic=scratch.topic, offset=n) for n, e in enumerate(events)]

    outcomes = await processor.process_batch(records)

    assert outcomes == [
        Outcome.APPLIED,
        Outcome.APPLIED,
        Outcome.DUPLICATE,
        Outcome.APPLIED,
        Outcome.APPLIED,
        Outcome.APPLIED,
    ]
    assert calls.made == [
        ["ulla-inv-1", "ulla-inv-2", "ulla-inv-3"],
        ["void ulla-inv-2"],
        ["ulla-inv-4"],
    ], "the duplicate skipped, the run ended by the void, in the batch's order"
    assert _timed("runs") == 4, "each invoice of a run timed"
    assert sorted(await scratch.applied_totals()) == [f"ulla-inv-{n}" for n in range(1, 5)]
    assert await scratch.count(scratch.tables.inbox) == 5


async def test_a_run_that_fails_is_applied_one_event_at_a_time(scratch: Scratch) -> None:
    calls = Calls()
    processor = _processor(scratch, calls, "failing-runs")
    data = [invoice("vera", 1), invoice("vera", 2, total=POISON_TOTAL), invoice("vera", 3)]
    records = [as_record(cloud_event(d), topic=scratch.topic, offset=n) for n, d in enumerate(data)]

    try:
        outcomes = await processor.process_batch(records)
    finally:
        await processor._dead_letters.close()

    assert outcomes == [Outcome.APPLIED, Outcome.DEAD_LETTERED, Outcome.APPLIED]
    assert calls.made[0] == ["vera-inv-1", "vera-inv-2", "vera-inv-3"], "first, together"
    assert calls.made[1:] == [["vera-inv-1"], ["vera-inv-2"], ["vera-inv-2"], ["vera-inv-3"]], (
        "then each alone, the poisoned one tried twice"
    )
    assert sorted(await scratch.applied_totals()) == ["vera-inv-1", "vera-inv-3"]
    assert await scratch.count(scratch.tables.dead_letters) == 1


async def test_an_event_applied_alone_is_a_run_of_one(scratch: Scratch) -> None:
    calls = Calls()
    processor = _processor(scratch, calls, "alone")

    record = as_record(cloud_event(invoice("wim", 1)), topic=scratch.topic)

    outcome = await processor.process(record)

    assert outcome is Outcome.APPLIED
    assert calls.made == [["wim-inv-1"]]
    assert await scratch.applied_totals() == {"wim-inv-1": 10000}
