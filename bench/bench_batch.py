"""POST /v1/payments:batch, 1,000 payments a request, a few requests in flight."""

import asyncio
import json
import time

import httpx
from bench_book import Book, payment_body
from bench_single import Run

BATCH = 1000


def batch_bodies(book: Book, batches: int, first: int) -> list[bytes]:
    """Request bodies, encoded before the clock starts; every payment has its own key."""
    bodies = []
    for b in range(batches):
        numbers = range(first + b * BATCH, first + (b + 1) * BATCH)
        items = [{**payment_body(book, n), "idempotency_key": f"bench-batch-{n}"} for n in numbers]
        bodies.append(json.dumps({"payments": items}).encode())
    return bodies


async def batches(book: Book, *, count: int, in_flight: int, first: int) -> Run:
    """`count` batches through `in_flight` concurrent callers; latencies are per batch."""
    bodies = batch_bodies(book, count, first)
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    outcomes = [0, 0]
    headers = {**book.headers, "Content-Type": "application/json"}

    async def caller(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            body = queue.get_nowait()
            started = time.perf_counter()
            response = await client.post("/v1/payments:batch", content=body)
            latencies.append(time.perf_counter() - started)
            if response.status_code != 200:
                outcomes[0] += BATCH
                continue
            recorded = response.json()["recorded"]
            outcomes[1] += recorded
            outcomes[0] += BATCH - recorded

    async with httpx.AsyncClient(base_url=book.ledger_url, headers=headers, timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(caller(client) for _ in range(in_flight)))
        elapsed = time.perf_counter() - started
    return Run(outcomes[1], outcomes[0], elapsed, latencies)
