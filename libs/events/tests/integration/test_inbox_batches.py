"""A partition's batch applied in one transaction, and one event at a time when any of it fails."""

import dataclasses

from prometheus_client import REGISTRY
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ledgerflow_events.contracts.ledger import InvoiceIssued
from ledgerflow_events.inbox import InboxProcessor, Outcome, ReceivedEvent
from ledgerflow_events.testing import as_record, cloud_event

from .conftest import POISON_TOTAL, Scratch, apply_invoice, invoice


def _consumed(service: str) -> float:
    labels = {"service": service, "type": "ledger.invoice_issued.v1", "outcome": "applied"}
    return REGISTRY.get_sample_value("ledgerflow_events_consumed_total", labels) or 0.0


def _timed(service: str) -> float:
    labels = {"service": service, "type": "ledger.invoice_issued.v1"}
    found = REGISTRY.get_sample_value("ledgerflow_event_handler_duration_seconds_count", labels)
    return found or 0.0


def _records(scratch: Scratch, events):  # type: ignore[no-untyped-def]
    return [as_record(e, topic=scratch.topic, offset=n) for n, e in enumerate(events)]


async def _dead_lettering_batch(
    scratch: Scratch, processor: InboxProcessor, data: list[InvoiceIssued]
) -> list[Outcome]:
    """Apply the invoices as one batch with a processor that may dead-letter some of them."""
    try:
        return await processor.process_batch(_records(scratch, [cloud_event(d) for d in data]))
    finally:
        await processor._dead_letters.close()


async def test_a_batch_applies_in_one_transaction(scratch: Scratch) -> None:
    transactions: list[int] = []

    async def noting_the_transaction(
        session: AsyncSession, event: ReceivedEvent[InvoiceIssued]
    ) -> None:
        transactions.append((await session.execute(text("SELECT txid_current()"))).scalar_one())
        await apply_invoice(session, event)

    processor = scratch.processor(service="batched", apply=noting_the_transaction)
    events = [cloud_event(invoice("olga", n)) for n in range(4)]
    consumed_before, timed_before = _consumed("batched"), _timed("batched")

    outcomes = await processor.process_batch(_records(scratch, events))

    assert outcomes == [Outcome.APPLIED] * 4
    assert _consumed("batched") - consumed_before == 4, "each event counted"
    assert _timed("batched") - timed_before == 4, "each event timed"
    assert len(transactions) == 4
    assert len(set(transactions)) == 1, "one transaction for the batch"
    assert sorted(await scratch.applied_totals()) == [f"olga-inv-{n}" for n in range(4)]
    assert await scratch.count(scratch.tables.inbox) == 4


async def test_a_failing_event_is_dead_lettered_alone_and_the_rest_of_its_batch_applied(
    scratch: Scratch,
) -> None:
    tries: list[str] = []

    async def counting(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
        tries.append(event.data.invoice_id)
        await apply_invoice(session, event)

    processor = scratch.processor(apply=counting)
    data = [invoice("pia", n) for n in range(1, 6)]
    data[2] = invoice("pia", 3, total=POISON_TOTAL)

    outcomes = await _dead_lettering_batch(scratch, processor, data)

    assert outcomes == [
        Outcome.APPLIED,
        Outcome.APPLIED,
        Outcome.DEAD_LETTERED,
        Outcome.APPLIED,
        Outcome.APPLIED,
    ]
    assert sorted(await scratch.applied_totals()) == [
        "pia-inv-1",
        "pia-inv-2",
        "pia-inv-4",
        "pia-inv-5",
    ]
    # Once in the batch, then the retry policy's two attempts on its own.
    assert tries.count("pia-inv-3") == 3
    assert await scratch.count(scratch.tables.dead_letters) == 1
    assert await scratch.count(scratch.tables.inbox) == 4
    dead = await scratch.read_topic(f"{scratch.topic}.dlq", expected=1)
    assert [dict(r.headers)["dlq_source_offset"] for r in dead] == [b"2"]


async def test_a_batch_skips_what_was_applied_before_and_an_event_twice_in_it(
    scratch: Scratch,
) -> None:
    processor = scratch.processor()
    before, first, second = (cloud_event(invoice("quinn", n, total=f"{n}.00")) for n in (1, 2, 3))
    await processor.process(as_record(before, topic=scratch.topic, offset=0))

    outcomes = await processor.process_batch(_records(scratch, [before, first, second, first]))

    assert outcomes == [Outcome.DUPLICATE, Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE]
    assert await scratch.applied_totals() == {
        "quinn-inv-1": 100,
        "quinn-inv-2": 200,
        "quinn-inv-3": 300,
    }
    assert await scratch.count(scratch.tables.inbox) == 3


async def test_a_transient_failure_mid_batch_is_waited_out_and_each_event_applied_once(
    scratch: Scratch,
) -> None:
    failures = iter([ConnectionError("database failover")])

    async def flaky(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
        if event.data.invoice_id == "rosa-inv-3" and (error := next(failures, None)):
            raise error
        await apply_invoice(session, event)

    processor = scratch.processor(apply=flaky)
    events = [cloud_event(invoice("rosa", n)) for n in range(1, 6)]

    outcomes = await processor.process_batch(_records(scratch, events))

    assert outcomes == [Outcome.APPLIED] * 5
    assert sorted(await scratch.applied_totals()) == [f"rosa-inv-{n}" for n in range(1, 6)]
    assert await scratch.count(scratch.tables.inbox) == 5
    assert await scratch.count(scratch.tables.dead_letters) == 0


async def test_each_event_of_a_batch_hands_its_own_correlation_to_what_it_emits(
    scratch: Scratch,
) -> None:
    async def emitting(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
        await scratch.outbox.lock_stream(session, event.data.customer_id)
        echo = event.data.model_copy(update={"invoice_id": f"{event.data.invoice_id}-echo"})
        await scratch.outbox.append(session, echo)

    processor = scratch.processor(apply=emitting)
    events = [cloud_event(invoice("sam", n)) for n in range(3)]
    events[1] = dataclasses.replace(events[1], correlation_id="order-1234")

    assert await processor.process_batch(_records(scratch, events)) == [Outcome.APPLIED] * 3

    outbox = scratch.tables.outbox
    async with scratch.engine.connect() as conn:
        rows = await conn.execute(
            select(outbox.c.payload["invoice_id"].astext, outbox.c.correlation_id).order_by(
                outbox.c.position
            )
        )
        correlations = {invoice_id: correlation for invoice_id, correlation in rows}
    assert correlations == {
        "sam-inv-0-echo": events[0].id,
        "sam-inv-1-echo": "order-1234",
        "sam-inv-2-echo": events[2].id,
    }


async def test_what_a_failed_batch_emitted_is_emitted_once_when_applied_again(
    scratch: Scratch,
) -> None:
    async def emitting(session: AsyncSession, event: ReceivedEvent[InvoiceIssued]) -> None:
        await apply_invoice(session, event)  # raises for the poison invoice
        echo = event.data.model_copy(update={"invoice_id": f"{event.data.invoice_id}-echo"})
        await scratch.outbox.lock_stream(session, event.data.customer_id)
        await scratch.outbox.append(session, echo)

    processor = scratch.processor(apply=emitting)
    data = [invoice("tara", n) for n in range(1, 5)]
    data[1] = invoice("tara", 2, total=POISON_TOTAL)
    outcomes = await _dead_lettering_batch(scratch, processor, data)

    assert outcomes == [
        Outcome.APPLIED,
        Outcome.DEAD_LETTERED,
        Outcome.APPLIED,
        Outcome.APPLIED,
    ]
    outbox, streams = scratch.tables.outbox, scratch.tables.event_streams
    async with scratch.engine.connect() as conn:
        emitted = await conn.execute(
            select(outbox.c.payload["invoice_id"].astext, outbox.c.sequence).order_by(
                outbox.c.position
            )
        )
        numbered = {invoice_id: sequence for invoice_id, sequence in emitted}
        last = await conn.execute(
            select(streams.c.last_sequence).where(streams.c.subject == "tara")
        )
        last_sequence = last.scalar_one()
    assert numbered == {"tara-inv-1-echo": 1, "tara-inv-3-echo": 2, "tara-inv-4-echo": 3}
    assert last_sequence == 3, "the rolled-back batch numbered nothing"


async def test_types_without_a_handler_are_ignored_by_their_header_alone(scratch: Scratch) -> None:
    """A type the consumer does not handle is ignored without reading its data, even data its
    contract would refuse; the handled events beside it apply, in one batch or one by one."""
    processor = scratch.processor(service="ignoring")
    unhandled = dataclasses.replace(
        cloud_event(invoice("pia", 0)), type="credit.credit_reserved.v1", data={"no": "contract"}
    )
    handled = [cloud_event(invoice("pia", n)) for n in (1, 2)]

    outcomes = await processor.process_batch(_records(scratch, [handled[0], unhandled, handled[1]]))
    alone = await processor.process(as_record(unhandled, topic=scratch.topic, offset=3))

    assert outcomes == [Outcome.APPLIED, Outcome.IGNORED, Outcome.APPLIED]
    assert alone is Outcome.IGNORED
    assert await scratch.applied_totals() == {"pia-inv-1": 10000, "pia-inv-2": 10000}
    assert await scratch.count(scratch.tables.inbox) == 2
