import asyncio
from typing import Any

from sqlalchemy import text

from ledgerflow_events import context
from ledgerflow_events.outbox import notify_channel

from .conftest import Scratch, invoice


async def outbox_rows(scratch: Scratch) -> list[tuple[str, int, str, str | None, str | None]]:
    async with scratch.engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT aggregateid, sequence, payload->>'invoice_id', correlation_id,"
                " tracingspancontext FROM outbox ORDER BY position"
            )
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


async def test_a_batch_continues_each_customers_sequence_in_the_order_given(
    scratch: Scratch,
) -> None:
    await scratch.emit(invoice("alice", 1), invoice("alice", 2))
    notified: list[str] = []
    woken = asyncio.Event()

    def on_notify(*args: Any) -> None:
        notified.append(args[-1])
        woken.set()

    async with scratch.engine.connect() as listening:
        raw = await listening.get_raw_connection()
        driver: Any = raw.driver_connection
        await driver.add_listener(notify_channel(scratch.outbox.source), on_notify)
        correlation = context.correlation_id.set("import-7")
        trace = context.traceparent.set("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        try:
            async with scratch.sessions() as session, session.begin():
                await scratch.outbox.lock_streams(session, ["bob", "alice", "bob"])
                await scratch.outbox.append_many(
                    session,
                    [
                        invoice("bob", 9),
                        invoice("alice", 5),
                        invoice("bob", 3),
                        invoice("alice", 4),
                    ],
                )
                await asyncio.sleep(0.2)
                assert notified == [], "the relay is woken only at commit"
        finally:
            context.correlation_id.reset(correlation)
            context.traceparent.reset(trace)
        await asyncio.wait_for(woken.wait(), timeout=5)
        await asyncio.sleep(0.2)
        assert notified == [""]

    rows = await outbox_rows(scratch)
    assert [(who, seq, inv) for who, seq, inv, _, _ in rows] == [
        ("alice", 1, "alice-inv-1"),
        ("alice", 2, "alice-inv-2"),
        ("bob", 1, "bob-inv-9"),
        ("alice", 3, "alice-inv-5"),
        ("bob", 2, "bob-inv-3"),
        ("alice", 4, "alice-inv-4"),
    ]
    assert {(c, t) for _, _, _, c, t in rows[2:]} == {
        ("import-7", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }
    async with scratch.engine.connect() as conn:
        streams = await conn.execute(
            text("SELECT subject, last_sequence FROM event_streams ORDER BY subject")
        )
        assert [tuple(s) for s in streams] == [("alice", 4), ("bob", 2)]


async def test_an_empty_batch_records_nothing(scratch: Scratch) -> None:
    async with scratch.sessions() as session, session.begin():
        await scratch.outbox.append_many(session, [])
    assert await outbox_rows(scratch) == []
