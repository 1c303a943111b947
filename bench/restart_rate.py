"""How fast the ledger records payments right after a kill -9: `make bench-restart`.

Starts its own platform (isolated ports and data, no demo data, every service running, as in
production), opens a book of customers and invoices, then:

  before        POST /v1/payments flat out (16 clients) for 10 s: the normal rate
  outage        kill -9 of ledger-svc (serve and both halves); the platform's supervisor
                starts it again; seconds until /health/ready answers 200
  after         the same load again at once, second by second for the first 5 s
  settled       the same load 30 s later, 10 s long: the rate the ledger returns to

Prints one JSON line per figure; the promise (issue 9, item 4) is that the first 5 s after the
restart run at the normal rate (within 20% of it: the machine's own noise).
"""

import asyncio
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil
from bench_book import open_book
from bench_single import flat_out

from ledgerflow_devstack.config import StackConfig
from ledgerflow_devstack.stack import Stack

CUSTOMERS = 50
CLIENTS = 16
WITHIN = 0.8  # of the normal rate, in the first 5 s after the restart


def report(measure: str, **figures: Any) -> None:
    print(json.dumps({"measure": measure, **figures}), flush=True)


async def ready(url: str, within: float = 120.0) -> float:
    """Seconds until `url`/health/ready answers 200."""
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=1.0) as client:
        while time.monotonic() - started < within:
            try:
                if (await client.get(f"{url}/health/ready")).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError(f"{url} was not ready within {within:.0f} s")


def kill_9(stack: Stack, service: str) -> None:
    serve = psutil.Process(stack.pids()[service])
    for process in [serve, *serve.children(recursive=True)]:
        process.send_signal(signal.SIGKILL)


async def measure(stack: Stack) -> None:
    book = await open_book(
        stack.urls(), stack.token("service", subject="bench"), customers=CUSTOMERS, invoices=1
    )
    await flat_out(book, clients=CLIENTS, seconds=3, first=10_000_000)  # warm
    before = await flat_out(book, clients=CLIENTS, seconds=10, first=0)
    report("before", payments_per_second=round(before.per_second, 1), failed=before.failed)
    kill_9(stack, "ledger")
    outage = await ready(stack.url("ledger"))
    report("outage", seconds_to_ready=round(outage, 2))
    seconds = []
    for n in range(5):
        second = await flat_out(book, clients=CLIENTS, seconds=1, first=1_000_000 + n * 100_000)
        seconds.append(second)
    accepted = sum(s.accepted for s in seconds)
    first_5s = accepted / sum(s.seconds for s in seconds)
    report(
        "after",
        payments_per_second_first_5s=round(first_5s, 1),
        per_second=[round(s.per_second, 1) for s in seconds],
        failed=sum(s.failed for s in seconds),
        baseline_per_second=round(before.per_second, 1),
        met=first_5s >= WITHIN * before.per_second,
    )
    await asyncio.sleep(30)
    settled = await flat_out(book, clients=CLIENTS, seconds=10, first=2_000_000)
    report("settled", payments_per_second=round(settled.per_second, 1), failed=settled.failed)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="ledgerflow-bench-"))
    stack = Stack(StackConfig.isolated(home))
    started = time.monotonic()
    report("machine", cpus=os.cpu_count(), load_average=[round(x, 2) for x in os.getloadavg()])
    try:
        stack.up(demo=False, timeout=120, say=lambda line: print(line, file=sys.stderr))
        asyncio.run(measure(stack))
    finally:
        stack.down()
        shutil.rmtree(home, ignore_errors=True)
    report("run", seconds=round(time.monotonic() - started))


if __name__ == "__main__":
    main()
