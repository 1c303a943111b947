"""The book the reporting benchmark loads: deterministic customers (in eight regions and
none) and invoices over two years, partly paid, paid or credited, copied into the projection
as the ledger's events would leave it; then every invoice's changes worked out at once."""

import time
from datetime import date, timedelta
from typing import Any

import asyncpg

from reporting_svc.projections.aging.changes import REBUILD

TODAY = date(2026, 11, 30)
FIRST_ISSUE = date(2025, 1, 1)

# Eight regions, and customers without one (grouped under null).
REGIONS = ["华东", "华北", "华南", "华中", "西南", "西北", "东北", "海外", None]


def customer(n: int) -> str:
    return f"c{n:07d}"


def facts(customers: int, invoices: int) -> dict[str, list[tuple[Any, ...]]]:
    """Deterministic books: every third invoice partly paid, every fifth paid in full, every
    fiftieth credited, issue dates spread over two years, due 30 days later."""
    rows: dict[str, list[tuple[Any, ...]]] = {
        "customers": [],
        "invoices": [],
        "payment_allocations": [],
        "invoice_adjustments": [],
    }
    span = (TODAY - FIRST_ISSUE).days
    for n in range(customers):
        rows["customers"].append((customer(n), f"Customer {n}", "EUR", REGIONS[n % len(REGIONS)]))
    for n in range(invoices):
        c, issued = customer(n % customers), FIRST_ISSUE + timedelta(days=(n * 7919) % span)
        total = 10_000 + (n * 37) % 500_000
        invoice = f"i{n:08d}"
        rows["invoices"].append(
            (invoice, c, f"INV-{n}", "EUR", total, issued, issued + timedelta(days=30))
        )
        if n % 5 == 0 or n % 3 == 0:
            part = total if n % 5 == 0 else total // 2
            rows["payment_allocations"].append(
                (f"p{n:08d}", invoice, c, part, issued + timedelta(days=20 + n % 40))
            )
        if n % 50 == 7:
            rows["invoice_adjustments"].append(
                ("credit_note", f"n{n:08d}", invoice, c, total // 10, issued + timedelta(days=10))
            )
    return rows


COLUMNS = {
    "customers": ["id", "name", "currency", "region"],
    "invoices": [
        "id",
        "customer_id",
        "number",
        "currency",
        "total_minor",
        "issue_date",
        "due_date",
    ],
    "payment_allocations": [
        "payment_id",
        "invoice_id",
        "customer_id",
        "amount_minor",
        "received_on",
    ],
    "invoice_adjustments": [
        "kind",
        "source_id",
        "invoice_id",
        "customer_id",
        "reduction_minor",
        "effective_on",
    ],
}


async def load(dsn: str, customers: int, invoices: int) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    conn = await asyncpg.connect(dsn)
    try:
        for table, records in facts(customers, invoices).items():
            await conn.copy_records_to_table(table, records=records, columns=COLUMNS[table])
        # What recording each fact would have kept: every invoice's changes, worked out at once.
        for statement in REBUILD:
            await conn.execute(statement.text)
        await conn.execute("VACUUM ANALYZE")
        kept = {
            table: await conn.fetchval(f"SELECT count(*) FROM {table}")  # noqa: S608 - our names
            for table in ("aging_changes", "aging_change_totals")
        }
    finally:
        await conn.close()
    return time.perf_counter() - started, kept
