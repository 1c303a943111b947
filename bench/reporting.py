"""Reporting at scale: aging for every customer today and at a past as_of, by region, aging of
one customer, a page of credit exposure, countback DSO by customer (a page, and every page), and
the finance customer table as XLSX, against the real reporting app (in process, over ASGI) on an
embedded Postgres. Beside each report, the same question asked as raw SQL in the same run: the
floor for reading the rows; and every customer's aging worked out from the facts as raw SQL,
what a report cost before each invoice's changes were kept.

The projection is loaded with COPY as the ledger's events would leave it (invoices, partial
payments, credit notes, instalment-free due dates), not replayed through the broker, and
every invoice's changes are then worked out at once: the point is the read side. What keeping
the changes adds to recording one fact is measured on the loaded book.

    uv run python bench/reporting.py [--customers 100000] [--invoices 1000000] [--runs 20]

Prints one JSON line per measurement.
"""

import argparse
import asyncio
import json
import multiprocessing
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import asyncpg
from bench_reporting_book import TODAY, customer, load
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_platform.testing import KeyPair, app_client, migrate
from reporting_svc.api.customer_table_out import table_xlsx
from reporting_svc.projections.aging.changes import refresh_aging_changes
from reporting_svc.projections.customer_table.table import TableRow
from reporting_svc.service import SPEC
from reporting_svc.settings import Settings

PAST = date(2026, 6, 30)
LATER = "2199-01-01T00:00:00Z"  # a known_at after every fact
# The countback DSO by customer: the first page (500 rows) unless a cursor is added.
COUNTBACK = {"as_of": str(TODAY), "method": "countback", "group_by": "customer"}

# The question the report asks of the kept changes, as raw SQL: a page of 500 customers
# (the API's default page) and the totals per currency.
RAW_AGING_PAGE = """
SELECT customer_id, currency,
       sum(change_minor) FILTER (WHERE $1 - due_from <= 0) AS current,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 1 AND 30) AS d30,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 31 AND 60) AS d60,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 61 AND 90) AS d90,
       sum(change_minor) FILTER (WHERE $1 - due_from > 90) AS over90
FROM aging_changes WHERE changed_on <= $1 AND ($2::text IS NULL OR customer_id = $2)
GROUP BY customer_id, currency HAVING sum(change_minor) > 0
ORDER BY customer_id, currency LIMIT 500
"""
RAW_AGING_TOTALS = """
SELECT currency,
       sum(change_minor) FILTER (WHERE $1 - due_from <= 0) AS current,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 1 AND 30) AS d30,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 31 AND 60) AS d60,
       sum(change_minor) FILTER (WHERE $1 - due_from BETWEEN 61 AND 90) AS d90,
       sum(change_minor) FILTER (WHERE $1 - due_from > 90) AS over90
FROM aging_change_totals WHERE changed_on <= $1 GROUP BY currency ORDER BY currency
"""
RAW_AGING_ONE_TOTALS = """
SELECT currency, sum(change_minor) FROM aging_changes
WHERE changed_on <= $1 AND customer_id = $2 GROUP BY currency
"""
# Every customer's aging worked out from the facts themselves, as raw SQL: what the report
# cost before the changes were kept.
RAW_AGING = """
WITH paid AS (SELECT invoice_id, sum(amount_minor) s FROM payment_allocations
              WHERE received_on <= $1 GROUP BY invoice_id),
     adj AS (SELECT invoice_id, sum(reduction_minor) s FROM invoice_adjustments
             WHERE effective_on <= $1 GROUP BY invoice_id),
     open AS (SELECT i.customer_id, i.currency, i.due_date,
                     i.total_minor - coalesce(p.s, 0) - coalesce(a.s, 0) AS owed
              FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
              LEFT JOIN adj a ON a.invoice_id = i.id
              WHERE i.issue_date <= $1 AND (i.voided_on IS NULL OR i.voided_on > $1)
                AND ($2::text IS NULL OR i.customer_id = $2))
SELECT customer_id, currency,
       sum(owed) FILTER (WHERE $1 - due_date <= 0) AS current,
       sum(owed) FILTER (WHERE $1 - due_date BETWEEN 1 AND 30) AS d30,
       sum(owed) FILTER (WHERE $1 - due_date BETWEEN 31 AND 60) AS d60,
       sum(owed) FILTER (WHERE $1 - due_date BETWEEN 61 AND 90) AS d90,
       sum(owed) FILTER (WHERE $1 - due_date > 90) AS over90
FROM open WHERE owed > 0 GROUP BY customer_id, currency ORDER BY customer_id, currency
"""


def emit(line: dict[str, Any]) -> None:
    print(json.dumps(line), flush=True)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


async def timed(runs: int, call: Callable[[], Awaitable[Any]]) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(statistics.median(samples), 1), "p95_ms": round(p95(samples), 1)}


def peak_rss_kib() -> int:
    """This process's peak resident memory since it started its program. (getrusage's
    ru_maxrss would also count what the parent held when it forked this process.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def xlsx_rows(count: int) -> list[TableRow]:
    return [
        TableRow(
            f"客户 {n}",
            f"C{n}",
            "Li Na",
            "+4930901820",
            "li.na@example.com",
            "仓库扩建",
            f"K-{n}",
            date(2026, 1, 5),
            "EUR",
            1_000_000,
            600_000,
            450_000,
            550_000,
            150_000,
            "monthly",
            "=note",
        )
        for n in range(count)
    ]


def customer_table_xlsx(count: int) -> dict[str, Any]:
    rows = xlsx_rows(count)
    started = time.perf_counter()
    body = table_xlsx(rows, TODAY)
    seconds = time.perf_counter() - started
    # Memory from a second, traced run: tracing slows Python about fourfold, so the time is
    # taken from the first.
    tracemalloc.start()
    table_xlsx(rows, TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = peak_rss_kib() / 1024
    return {
        "bench": "reporting.customer_table_xlsx",
        "rows": count,
        "seconds": round(seconds, 2),
        "target_seconds": 30,
        "peak_python_mib": round(peak / 2**20, 1),
        "max_rss_mib": round(rss, 1),
        "target_mib": 500,
        "xlsx_mib": round(len(body) / 2**20, 1),
    }


async def recording_cost(url: str, invoices: int, runs: int = 200) -> dict[str, Any]:
    """What keeping the changes adds to recording a fact: one invoice's changes worked out
    again and the totals updated, each in its own committed transaction, on the loaded book."""
    engine = create_async_engine(url)
    samples = []
    try:
        for n in range(runs):
            invoice = f"i{(n * 4999) % invoices:08d}"
            started = time.perf_counter()
            async with AsyncSession(engine) as session, session.begin():
                await refresh_aging_changes(session, [invoice])
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        await engine.dispose()
    return {
        "bench": "reporting.changes_kept_per_fact",
        "runs": runs,
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(p95(samples), 1),
    }


async def bench(postgres: Postgres, args: argparse.Namespace) -> None:
    name = "reporting_bench"
    postgres.create_service_database(name)
    url = f"postgresql+asyncpg://{name}@{HOST}:{postgres.port}/{name}"
    await migrate(SPEC, url)
    dsn = postgres.dsn(name, name)
    loaded, kept = await load(dsn, args.customers, args.invoices)
    emit(
        {
            "bench": "reporting.load",
            "customers": args.customers,
            "invoices": args.invoices,
            "seconds": round(loaded, 1),
            "kept_rows": kept,
        }
    )
    emit(await recording_cost(url, args.invoices))
    keys = KeyPair.generate()
    settings = Settings(database_url=url, auth_public_key=keys.public_pem)
    raw = await asyncpg.connect(dsn)
    one = customer(args.customers // 2)
    async with app_client(SPEC, settings) as client:
        client.timeout = 600
        headers = keys.auth("accountant")

        async def get(path: str, **params: str) -> Any:
            response = await client.get(path, params=params, headers=headers)
            assert response.status_code == 200, response.text[:500]
            return response.json() if path.startswith("/v1/reports/dso") else None

        async def every_countback_page() -> int:
            """Walks the countback by customer from its first page to its last."""
            pages, cursor = 0, None
            while True:
                more = {"cursor": cursor} if cursor else {}
                page = await get("/v1/reports/dso", **COUNTBACK, **more)
                pages, cursor = pages + 1, page["next_cursor"]
                if cursor is None:
                    return pages

        async def page_and_totals(as_of: date, customer_id: str | None) -> None:
            await raw.fetch(RAW_AGING_PAGE, as_of, customer_id)
            if customer_id is None:
                await raw.fetch(RAW_AGING_TOTALS, as_of)
            else:
                await raw.fetch(RAW_AGING_ONE_TOTALS, as_of, customer_id)

        Call = Callable[[], Awaitable[Any]]
        # Each report; the same question as raw SQL; every customer's aging from the facts
        # as raw SQL (what a report cost before the changes were kept); the target p95.
        cases: list[tuple[str, Call, Call, Call, int]] = [
            (
                "aging_all_today",
                lambda: get("/v1/reports/aging", as_of=str(TODAY)),
                lambda: page_and_totals(TODAY, None),
                lambda: raw.fetch(RAW_AGING, TODAY, None),
                300,
            ),
            (
                "aging_all_past",
                lambda: get("/v1/reports/aging", as_of=str(PAST)),
                lambda: page_and_totals(PAST, None),
                lambda: raw.fetch(RAW_AGING, PAST, None),
                300,
            ),
            (
                "aging_by_region_today",
                lambda: get("/v1/reports/aging", as_of=str(TODAY), group_by="region"),
                lambda: page_and_totals(TODAY, None),
                lambda: raw.fetch(RAW_AGING, TODAY, None),
                0,
            ),
            (
                # As known at a time: worked out from the facts, what by region cost before.
                "aging_by_region_as_known_at",
                lambda: get(
                    "/v1/reports/aging", as_of=str(TODAY), group_by="region", known_at=LATER
                ),
                lambda: page_and_totals(TODAY, None),
                lambda: raw.fetch(RAW_AGING, TODAY, None),
                0,
            ),
            (
                "aging_one_customer",
                lambda: get("/v1/reports/aging", as_of=str(TODAY), customer_id=one),
                lambda: page_and_totals(TODAY, one),
                lambda: raw.fetch(RAW_AGING, TODAY, one),
                20,
            ),
            (
                # A page of 500 customers, worked out from the whole book's exposure.
                "credit_exposure_page",
                lambda: get("/v1/reports/credit-exposure", as_of=str(TODAY)),
                lambda: page_and_totals(TODAY, None),
                lambda: raw.fetch(RAW_AGING, TODAY, None),
                0,
            ),
            (
                "dso_countback_page",
                lambda: get("/v1/reports/dso", **COUNTBACK),
                lambda: page_and_totals(TODAY, None),
                lambda: raw.fetch(RAW_AGING, TODAY, None),
                0,
            ),
        ]
        for label, report, floor, from_facts, target in cases:
            runs = args.runs if target else max(3, args.runs // 5)
            line = {
                "bench": f"reporting.{label}",
                "customers": args.customers,
                "invoices": args.invoices,
                "runs": runs,
                **await timed(runs, report),
            }
            base = await timed(runs, floor)
            facts = await timed(max(3, runs // 5), from_facts)
            line |= {
                "baseline_raw_sql_p50_ms": base["p50_ms"],
                "baseline_raw_sql_p95_ms": base["p95_ms"],
                "from_facts_raw_sql_p50_ms": facts["p50_ms"],
            }
            if target:
                line |= {"target_p95_ms": target, "met": line["p95_ms"] <= target}
            emit(line)
        # The whole book by customer is read page by page; each page reads its own customers.
        started = time.perf_counter()
        pages = await every_countback_page()
        seconds = round(time.perf_counter() - started, 1)
        emit({"bench": "reporting.dso_countback_every_page", "pages": pages, "seconds": seconds})
    await raw.close()
    # In a process of its own: its memory is the export's, not what the reports above left.
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as alone:
        emit(alone.submit(customer_table_xlsx, args.table_rows).result())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--table-rows", type=int, default=100_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        postgres.init()
        postgres.start()
        asyncio.run(bench(postgres, args))
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
