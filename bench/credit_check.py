"""How fast credit-svc answers the credit check on the order path: `make bench-credit`
(python bench/credit_check.py).

Starts its own platform (isolated ports and data, no demo data), registers 200 customers,
invoices each once through the ledger and gives each a limit (set by one credit manager,
approved by another), waits until credit-svc counts every invoice, vacuums and analyses
every service's tables as after a bulk load, has Postgres make and recycle WAL files as a
server in service has, warms the check at 500/s for 5 s, then prints one JSON line per
figure, in this order:

  check_latency     POST /v1/credit-checks with reserve: true, paced at 500/s and at 1,000/s
                    for 10 s each, on a warm service: p50, p99 (target p99 <= 10 ms at 500/s);
                    then at 100/s, a quieter day
  sql_baseline      the same decision and reservation written by raw asyncpg SQL, 500/s, 100/s
  payment_visible   POST /v1/payments paced at 200/s for 10 s: from the response until
                    credit-svc's receivables (what `available` is read from) show the payment,
                    read for every waiting customer in one query every 5 ms, p50, p99
                    (target p99 <= 250 ms)
  payment_stages    the same payments timed apart by the databases' clocks: the ledger's relay
                    (transaction to published) and the broker and credit's consumer (published
                    to applied by credit), p50, p99
  check_cpu_us,     after each phase: microseconds of CPU per call by part of the platform
  payment_cpu_us    (bench_credit_cpu.py)
  phase_machine     after each phase (checks, raw SQL, payments): how busy the two cores were,
                    the load average at its end, and the database server's write-ahead log:
                    bytes per call, flushes per second, their mean time, and WAL files added
                    (bench_wal.py)

The clients run in this process, on uvloop as the services do, on the same two cores as the
services they measure. The checks are sent by a paced HTTP/1.1 generator
(bench_paced_http.py) that spends about a third of aiohttp's CPU a call; check_latency
also gives how late the generator gave the 99th percentile request its turn.
"""

import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg
import httpx
import uvloop
from bench_book import open_book
from bench_credit_calls import (
    PaymentsSeen,
    approved,
    check_body,
    http_check,
    payment_stages,
    settled,
    sql_check,
)
from bench_credit_cpu import cpu_seconds, per_call, platform_parts
from bench_paced_http import PacedRun, encode_posts, paced_posts
from bench_single import Run, p50_p99, paced_calls
from bench_wal import machine_spent, mark, time_flushes, wal_files_ready

from ledgerflow_devstack.config import SERVICES, StackConfig
from ledgerflow_devstack.stack import Stack

CUSTOMERS = 200
LIMIT = "1000000000.00"
TARGETS = {"check_p99_ms": 10, "visible_p99_ms": 250}


def report(measure: str, **figures: Any) -> None:
    print(json.dumps({"measure": measure, **figures}), flush=True)


def latency(run: Run, figures: list[float] | None = None) -> dict[str, Any]:
    return {
        "achieved_per_second": round(run.per_second),
        "failed": run.failed,
        **p50_p99(figures if figures is not None else run.latencies),
    }


async def limits_and_exposure(stack: Stack, customers: list[str]) -> None:
    credit = stack.url("credit")
    carla = {"Authorization": f"Bearer {stack.token('credit_manager', subject='carla')}"}
    dana = {"Authorization": f"Bearer {stack.token('credit_manager', subject='dana')}"}
    async with httpx.AsyncClient(base_url=credit, timeout=60.0) as client:
        for c in customers:
            deadline = time.monotonic() + 60
            while True:
                seen = await client.get(f"/v1/customers/{c}/credit", headers=carla)
                if seen.status_code == 200 and seen.json()["open_receivables"] != "0.00":
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"credit-svc did not count {c}'s invoice")
                await asyncio.sleep(0.2)
            asked = await client.post(
                f"/v1/customers/{c}/credit-limits",
                json={"amount": LIMIT, "reason": "Benchmark"},
                headers={**carla, "Idempotency-Key": f"bench-limit-{c}"},
            )
            approved = await client.post(
                f"/v1/credit-limits/{asked.json()['id']}:approve",
                headers={**dana, "Idempotency-Key": f"bench-approve-{c}"},
            )
            if approved.status_code != 200:
                raise RuntimeError(f"limit approval answered {approved.status_code}")


async def as_after_a_bulk_load(stack: Stack) -> None:
    """Every service's tables vacuumed and analysed, as an operator does after loading data
    and autovacuum does within a minute: not while the first phase runs."""
    for service in SERVICES:
        dsn = stack.config.database_url(service).replace("postgresql+asyncpg", "postgresql")
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("VACUUM (ANALYZE)")
        finally:
            await connection.close()


class CheckLoad:
    """The paced checks, each phase's requests encoded before its clock starts."""

    def __init__(self, url: str, headers: dict[str, str], customers: list[str]) -> None:
        self._url, self._headers, self._customers = url, headers, customers

    async def paced(self, tag: str, *, rate: int, seconds: int) -> PacedRun:
        bodies = [check_body(self._customers, tag, n) for n in range(rate * seconds)]
        requests = encode_posts(self._url, "/v1/credit-checks", self._headers, bodies)
        return await paced_posts(self._url, requests, rate=rate, accept=approved)


async def measure(stack: Stack) -> None:
    service = stack.token("service", subject="bench")
    book = await open_book(stack.urls(), service, customers=CUSTOMERS, invoices=1)
    customers = book.customer_ids
    await limits_and_exposure(stack, customers)
    await as_after_a_bulk_load(stack)
    headers = {"Authorization": f"Bearer {service}", "Content-Type": "application/json"}
    dsn = stack.config.database_url("credit").replace("postgresql+asyncpg", "postgresql")
    ledger_dsn = stack.config.database_url("ledger").replace("postgresql+asyncpg", "postgresql")
    async with (
        aiohttp.ClientSession(
            base_url=stack.url("credit"),
            headers=headers,
            connector=aiohttp.TCPConnector(limit=64),
            timeout=aiohttp.ClientTimeout(total=10.0),
        ) as credit,
        aiohttp.ClientSession(
            base_url=stack.url("ledger"),
            headers=headers,
            connector=aiohttp.TCPConnector(limit=64),
            timeout=aiohttp.ClientTimeout(total=10.0),
        ) as ledger,
        asyncpg.create_pool(dsn, min_size=8, max_size=8) as pool,
        asyncpg.create_pool(ledger_dsn, min_size=1, max_size=1) as ledger_db,
        asyncpg.create_pool(stack.postgres.admin_dsn, min_size=1, max_size=1) as server,
        server.acquire() as admin,
    ):
        await wal_files_ready(admin)
        # Warm at the first phase's rate: the order path's connections open and its
        # statements prepared, as on a service taking orders all day.
        checks = CheckLoad(stack.url("credit"), headers, customers)
        await checks.paced("warm", rate=500, seconds=5)
        parts = platform_parts(stack)
        await time_flushes(admin)
        for rate in (500, 1000, 100):
            await settled(http_check(credit, customers, f"settle{rate}"))
            before, began = cpu_seconds(parts), await mark(admin)
            paced = await checks.paced(f"r{rate}", rate=rate, seconds=10)
            run = paced.run
            calls = len(run.latencies) or 1
            spent = per_call(parts, before, cpu_seconds(parts), calls)
            machine = await machine_spent(admin, began, calls, run.seconds)
            met = {}
            if rate == 500:
                p99 = latency(run)["p99_ms"]
                met = {
                    "target_p99_ms": TARGETS["check_p99_ms"],
                    "met": p99 is not None and p99 <= TARGETS["check_p99_ms"] and run.failed == 0,
                }
            report(
                "check_latency",
                rate_per_second=rate,
                reserve=True,
                **latency(run),
                **met,
                turn_late_p99_ms=paced.late_p99_ms,
            )
            report("check_cpu_us", rate_per_second=rate, **spent)
            report("phase_machine", phase=f"check_{rate}", **machine)
        for rate in (500, 100):
            await settled(http_check(credit, customers, f"settle-sql{rate}"))
            began = await mark(admin)
            floor = await paced_calls(
                sql_check(pool, customers, f"sql{rate}"), rate=rate, seconds=10
            )
            machine = await machine_spent(admin, began, len(floor.latencies) or 1, floor.seconds)
            report("sql_baseline", rate_per_second=rate, **latency(floor))
            report("phase_machine", phase=f"sql_{rate}", **machine)
        await settled(http_check(credit, customers, "settle-visible"))
        payments = PaymentsSeen(ledger, pool, customers)
        since = await ledger_db.fetchval("SELECT now()")
        watcher = asyncio.create_task(payments.watch())
        before, began = cpu_seconds(parts), await mark(admin)
        try:
            visible = await paced_calls(payments.call, rate=200, seconds=10)
        finally:
            watcher.cancel()
        calls = len(visible.latencies) or 1
        spent = per_call(parts, before, cpu_seconds(parts), calls)
        machine = await machine_spent(admin, began, calls, visible.seconds)
        figures = latency(visible, payments.seen)
        report(
            "payment_visible",
            rate_per_second=200,
            **figures,
            target_p99_ms=TARGETS["visible_p99_ms"],
            met=figures["p99_ms"] is not None
            and figures["p99_ms"] <= TARGETS["visible_p99_ms"]
            and visible.failed == 0,
        )
        report("payment_stages", **await payment_stages(ledger_db, pool, since))
        report("payment_cpu_us", **spent)
        report("phase_machine", phase="payments_200", **machine)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="ledgerflow-bench-"))
    stack = Stack(StackConfig.isolated(home))
    started = time.monotonic()
    report("machine", cpus=os.cpu_count(), load_average=[round(x, 2) for x in os.getloadavg()])
    try:
        stack.up(demo=False, timeout=120, say=lambda line: print(line, file=sys.stderr))
        uvloop.run(measure(stack))
    finally:
        stack.down()
        shutil.rmtree(home, ignore_errors=True)
    report("run", seconds=round(time.monotonic() - started))


if __name__ == "__main__":
    main()
