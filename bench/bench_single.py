"""POST /v1/payments one payment at a time: flat out with many clients, and paced for latency.

The clients use aiohttp: at these rates httpx's own connection pool costs more CPU than the
service it measures, on the same two cores. Every payment carries its own Idempotency-Key, as
a careful client's would."""

import asyncio
import gc
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count

import aiohttp
import asyncpg
from bench_book import Book, payment_body

GRACE = 10.0


@contextmanager
def collector_paused() -> Iterator[None]:
    """The load generator's cycle collector off while it measures. Its full collections
    (63 ms once, in a 1,000/s phase) stopped the generator mid-phase, and every call whose
    turn fell in one was timed as if the service had kept it waiting. What a phase allocates
    is freed by reference counting; a cycle waits for the collection after it."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(frozen=True)
class Run:
    """What one timed run did: payments accepted, failures, seconds, and each latency."""

    accepted: int
    failed: int
    seconds: float
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.accepted / self.seconds

    def percentile(self, p: float) -> float:
        return percentile_ms(sorted(self.latencies), p)


def percentile_ms(ordered: list[float], p: float) -> float:
    """The p-th percentile of durations in seconds, already sorted, in milliseconds."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def p50_p99(durations: list[float]) -> dict[str, float | None]:
    """The median and 99th percentile of durations in seconds, in milliseconds to one place;
    None for none."""
    ordered = sorted(durations)
    at = {p: round(percentile_ms(ordered, p), 1) if ordered else None for p in (0.5, 0.99)}
    return {"p50_ms": at[0.5], "p99_ms": at[0.99]}


def _requests(book: Book, numbers: Iterator[int]) -> Iterator[tuple[str, bytes]]:
    # Encoded ahead of need: the client's own JSON work is not the service's cost.
    for n in numbers:
        yield f"bench-single-{n}", json.dumps(payment_body(book, n)).encode()


def _client(book: Book, connections: int) -> aiohttp.ClientSession:
    headers = {**book.headers, "Content-Type": "application/json"}
    # Bounded, so a service that cannot keep up shows as failures, not as a run that never ends.
    return aiohttp.ClientSession(
        base_url=book.ledger_url,
        headers=headers,
        connector=aiohttp.TCPConnector(limit=connections),
        timeout=aiohttp.ClientTimeout(total=10.0),
    )


async def _post(client: aiohttp.ClientSession, key: str, body: bytes) -> bool:
    try:
        async with client.post(
            "/v1/payments", data=body, headers={"Idempotency-Key": key}
        ) as response:
            await response.read()
            return response.status == 201
    except (aiohttp.ClientError, TimeoutError):
        # Timed out or refused: a failure, and its latency is the time it was given.
        return False


async def flat_out(book: Book, *, clients: int, seconds: float, first: int) -> Run:
    """`clients` callers, each posting its next payment as soon as the last is answered."""
    numbers = count(first)
    latencies: list[float] = []
    outcomes = [0, 0]
    deadline = time.perf_counter() + seconds

    async def caller(client: aiohttp.ClientSession) -> None:
        for key, body in _requests(book, numbers):
            if time.perf_counter() >= deadline:
                return
            called = time.perf_counter()
            outcomes[await _post(client, key, body)] += 1
            latencies.append(time.perf_counter() - called)

    async with _client(book, clients) as client:
        started = time.perf_counter()
        await asyncio.gather(*(caller(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return Run(outcomes[1], outcomes[0], elapsed, latencies)


async def paced(book: Book, *, rate: float, seconds: float, first: int) -> Run:
    """Payments sent on a fixed schedule of `rate` per second, however long each takes; what is
    not answered within `GRACE` seconds after the last is sent counts as failed."""
    requests = list(_requests(book, iter(range(first, first + int(rate * seconds)))))
    async with _client(book, 64) as client:

        async def call(n: int) -> bool:
            return await _post(client, *requests[n])

        return await paced_calls(call, rate=rate, seconds=seconds)


async def paced_calls(
    call: Callable[[int], Awaitable[bool]], *, rate: float, seconds: float
) -> Run:
    """`call(n)` on a fixed schedule of `rate` per second, however long each takes."""
    latencies: list[float] = []
    outcomes = [0, 0]

    async def one(n: int) -> None:
        started = time.perf_counter()
        try:
            ok = await call(n)
        except (aiohttp.ClientError, TimeoutError, asyncpg.PostgresError):
            ok = False
        latencies.append(time.perf_counter() - started)
        outcomes[ok] += 1

    with collector_paused():
        started = time.perf_counter()
        tasks = []
        for n in range(int(rate * seconds)):
            delay = started + n / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(n)))
        _, late = await asyncio.wait(tasks, timeout=GRACE)
    for task in late:
        task.cancel()
    outcomes[0] += len(late)
    return Run(outcomes[1], outcomes[0], time.perf_counter() - started, latencies)
