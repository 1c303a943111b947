"""Bulk invoice import: POST /v1/invoice-imports with a CSV of N rows, against the real app
(in process, over ASGI) on an embedded Postgres, beside two baselines:
- raw COPY: the same file copied into one table of text columns, the floor for moving those
  bytes into Postgres;
- written rows COPY: every row the import wrote (invoices, lines, schedules, journal, outbox,
  ...) copied into a fresh ledger database, the floor for the ledger's own tables, indexes and
  foreign keys; the rest of the import's time is reading, checking and building the rows.

    uv run python bench/invoice_import.py [--rows 100000] [--lines-per-invoice 2]
                                          [--customers 1000]

Prints one JSON line.
"""

import argparse
import asyncio
import io
import json
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from ledger_svc.service import SPEC
from ledger_svc.settings import Settings
from ledgerflow_devstack.config import HOST
from ledgerflow_devstack.port_claims import free_ports
from ledgerflow_devstack.postgres import Postgres
from ledgerflow_platform.testing import KeyPair, app_client, migrate

HEADER = "invoice_ref,customer_id,issue_date,due_date,description,quantity,unit_price,tax_rate\n"


def invoice_file(rows: int, lines_per_invoice: int, customers: int) -> bytes:
    out = io.StringIO()
    out.write(HEADER)
    for n in range(rows):
        invoice = n // lines_per_invoice
        customer = f"bench-customer-{invoice % customers:05d}"
        day = 1 + invoice % 28
        out.write(
            f"R{invoice:07d},{customer},2026-03-{day:02d},2026-04-{day:02d},"
            f"Service line {n},{1 + n % 7}.5,{10 + n % 90}.{n % 100:02d},19\n"
        )
    return out.getvalue().encode()


async def open_accounts(dsn: str, customers: int) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.copy_records_to_table(
            "customer_accounts",
            records=[
                (f"bench-customer-{n:05d}", "EUR", 30, datetime.now(UTC)) for n in range(customers)
            ],
            columns=["customer_id", "currency", "payment_terms_days", "registered_at"],
        )
    finally:
        await conn.close()


async def raw_copy(dsn: str, data: bytes) -> float:
    conn = await asyncpg.connect(dsn)
    try:
        columns = HEADER.strip().split(",")
        await conn.execute(
            "CREATE TABLE raw_invoice_rows (" + ", ".join(f"{c} text" for c in columns) + ")"
        )
        started = time.perf_counter()
        async with conn.transaction():
            await conn.copy_to_table(
                "raw_invoice_rows", source=io.BytesIO(data), format="csv", header=True
            )
        return time.perf_counter() - started
    finally:
        await conn.close()


# Parents before children; the outbox's position is numbered by the target.
WRITTEN = {
    "invoice_imports": "*",
    "invoices": "*",
    "invoice_lines": "*",
    "invoice_instalments": "*",
    "invoice_import_items": "*",
    "journal_entries": "*",
    "journal_lines": "*",
    "outbox": "id, aggregatetype, aggregateid, type, payload, sequence, occurred_at, "
    "tracingspancontext, correlation_id",
}


async def ledger_database(postgres: Postgres, name: str, customers: int) -> tuple[str, str]:
    postgres.create_service_database(name)
    url = f"postgresql+asyncpg://{name}@{HOST}:{postgres.port}/{name}"
    await migrate(SPEC, url)
    await open_accounts(postgres.dsn(name, name), customers)
    return postgres.dsn(name, name), url


async def written_rows_copy(source_dsn: str, target_dsn: str) -> float:
    source, target = await asyncpg.connect(source_dsn), await asyncpg.connect(target_dsn)
    try:
        dumps = {}
        for table, columns in WRITTEN.items():
            buffer = io.BytesIO()
            query = f"SELECT {columns} FROM {table}"  # noqa: S608 - constants
            await source.copy_from_query(query, output=buffer, format="binary")
            names = None if columns == "*" else [c.strip() for c in columns.split(",")]
            dumps[table] = (names, buffer.getvalue())
        started = time.perf_counter()
        async with target.transaction():
            for table, (names, data) in dumps.items():
                await target.copy_to_table(
                    table, source=io.BytesIO(data), columns=names, format="binary"
                )
        return time.perf_counter() - started
    finally:
        await source.close()
        await target.close()


async def bench(postgres: Postgres, args: argparse.Namespace) -> dict[str, object]:
    dsn, url = await ledger_database(postgres, "ledger_bench", args.customers)
    floor_dsn, _ = await ledger_database(postgres, "ledger_floor", args.customers)
    data = invoice_file(args.rows, args.lines_per_invoice, args.customers)
    keys = KeyPair.generate()
    settings = Settings(database_url=url, auth_public_key=keys.public_pem)
    async with app_client(SPEC, settings) as client:
        client.timeout = 600
        started = time.perf_counter()
        response = await client.post(
            "/v1/invoice-imports",
            files={"file": ("bench.csv", data, "text/csv")},
            headers=keys.auth("service"),
        )
        seconds = time.perf_counter() - started
        assert response.status_code == 201, response.text[:2000]
        integrity = await client.get("/v1/integrity", headers=keys.auth("auditor"))
    baseline = await raw_copy(dsn, data)
    floor = await written_rows_copy(dsn, floor_dsn)
    return {
        "bench": "invoice_import",
        "rows": args.rows,
        "invoices": response.json()["invoices_created"],
        "customers": args.customers,
        "file_mib": round(len(data) / 2**20, 2),
        "seconds": round(seconds, 3),
        "rows_per_s": round(args.rows / seconds),
        "integrity_ok": integrity.json()["ok"],
        "baseline_raw_copy_seconds": round(baseline, 3),
        "baseline_raw_copy_rows_per_s": round(args.rows / baseline),
        "baseline_written_rows_copy_seconds": round(floor, 3),
        "baseline_written_rows_copy_rows_per_s": round(args.rows / floor),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--lines-per-invoice", type=int, default=2)
    parser.add_argument("--customers", type=int, default=1000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="lf-bench-"))
    postgres = Postgres(root / "pg", free_ports(1)[0])
    try:
        postgres.init()
        postgres.start()
        print(json.dumps(asyncio.run(bench(postgres, args))))
    finally:
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
