"""Under a bounded load of payments, each fault in turn; after each, nothing acknowledged is
lost or doubled, every retry gets the original answer, the ledger's books balance, credit
and reporting agree with it per customer to the cent, nothing is dead-lettered, and every
process is back, by itself, within the recovery bound."""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable

import httpx
import psutil
import pytest

from ledgerflow_devstack.stack import Stack
from ledgerflow_events.testing import eventually

from . import faults
from .agreement import Agreement, Auditor, Book
from .figures import FIGURES, FaultFigures
from .load import PaymentLoad

pytestmark = pytest.mark.e2e

RECOVERY_BOUND_S = 60.0
LOAD_SECONDS = 6.0
PAYMENTS_PER_SECOND = 20.0
# The fault strikes once this many payments are acknowledged: mid-load, not before it.
ACKNOWLEDGED_BEFORE_FAULT = 20

Fault = Callable[[Stack], Awaitable[list[int]]]


async def survive(
    platform: Stack, client: httpx.AsyncClient, book: Book, name: str, fault: Fault
) -> tuple[FaultFigures, dict[str, int]]:
    """Run the load, strike mid-way, and wait (bounded) until everything agrees again;
    returns the figures and each component's restarts so far."""
    cashier = platform.token("cashier", subject="fault-suite")
    label = f"f{uuid.uuid4().hex[:6]}"  # the payments' references are <label>-<n>
    load = PaymentLoad(client, platform.url("ledger"), cashier, book.customers, label=label)
    sending = asyncio.create_task(load.run(LOAD_SECONDS))

    async def underway() -> bool:
        return sum(p.answer is not None for p in load.payments) >= ACKNOWLEDGED_BEFORE_FAULT

    await eventually(underway, within=30)
    struck = time.monotonic()
    assert await fault(platform)
    await sending
    book.payments.extend(load.payments)
    agreement = await agreed(platform, client, book, deadline=struck + RECOVERY_BOUND_S)
    seconds = time.monotonic() - struck
    figures = load.figures()
    row = FaultFigures(
        name,
        figures.sent,
        figures.acknowledged,
        figures.retried,
        figures.replayed,
        agreement.lost,
        agreement.doubled,
        seconds,
    )
    FIGURES.append(row)
    assert agreement.disagreements == [], agreement.disagreements
    assert seconds <= RECOVERY_BOUND_S
    assert (figures.unanswered, figures.replays_differing) == (0, 0), figures
    assert figures.sent == figures.acknowledged
    status = await asyncio.to_thread(platform.status)
    assert [s.name for s in status if not s.healthy] == []
    return row, {s.name: s.restarts for s in status}


async def agreed(
    platform: Stack, client: httpx.AsyncClient, book: Book, deadline: float
) -> Agreement:
    """The first agreement reached once every process is healthy, or the last seen."""
    auditor = Auditor(platform, client)
    agreement = Agreement(-1, -1, ["some process never became healthy"])
    while time.monotonic() < deadline:
        if all(s.healthy for s in await asyncio.to_thread(platform.status)):
            agreement = await auditor.check(book)
            if agreement.holds:
                return agreement
        await asyncio.sleep(1.0)
    return agreement


async def restarts_now(platform: Stack) -> dict[str, int]:
    return {s.name: s.restarts for s in await asyncio.to_thread(platform.status)}


async def test_kill_9_of_the_ledgers_api_and_worker(
    platform: Stack, client: httpx.AsyncClient, book: Book
) -> None:
    before = await restarts_now(platform)
    serve = platform.pids()["ledger"]
    killed: list[int] = []

    async def strike(platform: Stack) -> list[int]:
        killed.extend(await faults.kill_api_and_worker(platform, "ledger"))
        return killed

    _, after = await survive(platform, client, book, "kill -9 ledger api+worker", strike)
    # `serve` forked both halves again: the service itself never went down
    assert (platform.pids()["ledger"], after["ledger"]) == (serve, before["ledger"])
    halves = {p.pid for p in psutil.Process(serve).children()}
    assert len(halves) == 2
    assert not halves & set(killed)


# One consumer service at a time, each its own fault with its own figures: each is struck
# under load and must catch up alone, and the other two carry on meanwhile.
@pytest.mark.parametrize("service", ["credit", "collections", "reporting"])
async def test_kill_9_of_each_consumer_service(
    platform: Stack, client: httpx.AsyncClient, book: Book, service: str
) -> None:
    before = await restarts_now(platform)

    async def strike(platform: Stack) -> list[int]:
        return await faults.kill_service(platform, service)

    _, after = await survive(platform, client, book, f"kill -9 {service}", strike)
    assert {s: after[s] - before[s] for s in before} == {s: int(s == service) for s in before}


async def test_the_broker_restarts_empty_and_the_outboxes_are_replayed(
    platform: Stack, client: httpx.AsyncClient, book: Book
) -> None:
    before = await restarts_now(platform)
    _, after = await survive(
        platform, client, book, "kill -9 broker (empty on restart)", faults.kill_broker
    )
    assert after["broker"] == before["broker"] + 1


async def test_postgres_stops_immediately_under_load_and_the_supervisor_restarts_it(
    platform: Stack, client: httpx.AsyncClient, book: Book
) -> None:
    before = await restarts_now(platform)
    crashed: list[int] = []

    async def strike(platform: Stack) -> list[int]:
        crashed.extend(await faults.crash_postgres(platform))
        return crashed

    _, after = await survive(platform, client, book, "pg_ctl stop -m immediate", strike)
    assert after["postgres"] == before["postgres"] + 1
    assert platform.pids()["postgres"] not in crashed
    # the services rode it out: none of them was restarted
    services = ("customer", "ledger", "credit", "collections", "reporting")
    assert {s: after[s] for s in services} == {s: before[s] for s in services}
