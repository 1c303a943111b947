"""Reserving checks that run side by side, and a write to the customer between a check's read
and its write: the order path reads without a lock and writes only if the customer's event
stream is as it read it, so no credit is reserved twice and nothing written in between is
missed."""

import asyncio
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
import pytest

from ledgerflow_platform.testing import EventDelivery, KeyPair, ServiceDb

from .credit_steps import invoice, new_id
from .test_credit_check_route import customer_owing, post_check

CHECK = {"currency": "EUR", "reserve": True, "expires_at": "2026-12-15"}


async def reservations(db: ServiceDb, customer: str) -> list[tuple[Any, ...]]:
    return await db.rows(
        "SELECT order_reference, amount FROM credit_reservations"
        " WHERE customer_id = :c AND status = 'live' ORDER BY order_reference",
        c=customer,
    )


async def test_checks_side_by_side_reserve_no_more_than_is_available(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    orders = [f"SO-{n:02}" for n in range(12)]

    answers = await asyncio.gather(
        *(
            post_check(
                client,
                auth_keys,
                {**CHECK, "customer_id": customer, "amount": "50.00", "order_reference": o},
            )
            for o in orders
        )
    )

    assert [a.status_code for a in answers] == [200] * 12
    approved = [a.json() for a in answers if a.json()["decision"] == "approved"]
    refused = [a.json() for a in answers if a.json()["decision"] != "approved"]
    # 400.00 available: eight orders of 50.00, in whatever order they were decided
    assert len(approved) == 8
    assert all("over_limit" in [r["code"] for r in a["reasons"]] for a in refused)
    assert sorted(Decimal(a["available_after"]) for a in approved) == [
        Decimal(400 - 50 * n) for n in range(8, 0, -1)
    ]
    kept = await reservations(db, customer)
    assert len(kept) == 8
    assert sum(amount for _, amount in kept) == 40000
    assert len(await db.outbox(customer)) == 8 + 1  # the reservations' events, and the limit's


async def test_checks_side_by_side_for_one_order_reserve_once(
    client: httpx.AsyncClient, delivery: EventDelivery, auth_keys: KeyPair, db: ServiceDb
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    body = {**CHECK, "customer_id": customer, "amount": "120.00", "order_reference": "SO-ONE"}

    answers = await asyncio.gather(*(post_check(client, auth_keys, body) for _ in range(8)))

    assert {a.json()["decision"] for a in answers} == {"approved"}
    assert len({a.json()["reservation_id"] for a in answers}) == 1
    assert {a.json()["available_after"] for a in answers} == {"280.00"}
    assert await reservations(db, customer) == [("SO-ONE", 12000)]


async def _reserving_under_the_lock(
    writer: "asyncpg.Connection[Any]", customer: str, order_reference: str
) -> "asyncpg.transaction.Transaction":
    """A transaction left open holding the customer's stream, as every writer takes it first,
    with 300.00 reserved for the order in it, not committed."""
    transaction = writer.transaction()
    await transaction.start()
    await writer.execute(
        "INSERT INTO event_streams (subject, last_sequence) VALUES ($1, 0)"
        " ON CONFLICT (subject) DO UPDATE SET subject = excluded.subject",
        customer,
    )
    await writer.execute(
        "INSERT INTO credit_reservations (id, customer_id, currency, amount,"
        " order_reference, expires_at, status, created_at)"
        " VALUES ($1, $2, 'EUR', 30000, $3, $4, 'live', $5)",
        new_id(),
        customer,
        order_reference,
        datetime(2026, 12, 15, 23, 59, tzinfo=UTC),
        datetime(2026, 11, 16, 9, 0, tzinfo=UTC),
    )
    return transaction


async def _blocked_writing_the_event(
    writer: "asyncpg.Connection[Any]", within: float = 10.0
) -> None:
    """Until a session waits for the writer while already writing to the outbox: the order
    path's guarded write (the full unit of work would wait at its lock, before any write)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await writer.fetchval(
            "SELECT count(*) FROM pg_locks l"
            " WHERE pg_backend_pid() = ANY(pg_blocking_pids(l.pid))"
            " AND l.relation = 'outbox'::regclass AND l.mode = 'RowExclusiveLock'"
        ):
            return
        await asyncio.sleep(0.01)
    pytest.fail("the check's write never waited for the customer's stream")


async def test_a_write_between_the_checks_read_and_its_write_is_decided_on_again(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    database_url: str,
) -> None:
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    # A first check keeps the policy in force in this process: the next is decided on the
    # order path, whose write is the guarded one.
    looked = await post_check(
        client, auth_keys, {**CHECK, "customer_id": customer, "amount": "1.00", "reserve": False}
    )
    assert looked.json()["available_before"] == "400.00"
    writer = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        # Another writer, as every use case writes: the customer's stream locked first, then
        # what it changes (here: 300.00 of the 400.00 available reserved directly).
        transaction = await _reserving_under_the_lock(writer, customer, "SO-FIRST")
        body = {**CHECK, "customer_id": customer, "amount": "250.00", "order_reference": "SO-2"}
        check = asyncio.create_task(post_check(client, auth_keys, body))
        # The check read 400.00 available (the writer's reservation is not committed) and
        # approved; its write now waits for the writer's lock on the stream.
        await _blocked_writing_the_event(writer)
        await transaction.commit()
        answer = await asyncio.wait_for(check, timeout=timedelta(seconds=10).total_seconds())
    finally:
        await writer.close()

    assert answer.status_code == 200, answer.text
    decided = answer.json()
    assert decided["decision"] != "approved"
    assert "over_limit" in [r["code"] for r in decided["reasons"]]
    assert decided["available_before"] == "100.00"
    assert await reservations(db, customer) == [("SO-FIRST", 30000)]


async def test_an_invoice_for_an_order_converts_a_reservation_committed_while_it_waited(
    client: httpx.AsyncClient,
    delivery: EventDelivery,
    auth_keys: KeyPair,
    db: ServiceDb,
    database_url: str,
) -> None:
    """The invoice takes the customer's lock before it looks for its order's reservation: one
    being written while the invoice arrives is converted once it commits, not left to count
    beside the invoice until it expires."""
    customer = await customer_owing(client, delivery, auth_keys, "600.00", "1000.00")
    writer = await asyncpg.connect(database_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        transaction = await _reserving_under_the_lock(writer, customer, "SO-BILLED")
        billed = asyncio.create_task(
            delivery.deliver(invoice(customer, "300.00", order="SO-BILLED"))
        )
        deadline = time.monotonic() + 10
        while not await writer.fetchval(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))"
        ):
            assert time.monotonic() < deadline, "the invoice never waited for the customer's lock"
            await asyncio.sleep(0.01)
        await transaction.commit()
        await asyncio.wait_for(billed, timeout=10)
    finally:
        await writer.close()

    assert await db.rows(
        "SELECT order_reference, status FROM credit_reservations WHERE customer_id = :c", c=customer
    ) == [("SO-BILLED", "converted")]
    standing = await post_check(
        client, auth_keys, {**CHECK, "customer_id": customer, "amount": "1.00", "reserve": False}
    )
    # 600.00 and the 300.00 invoice owed, nothing reserved: 100.00 of the 1,000.00 limit left
    assert standing.json()["available_before"] == "100.00"
