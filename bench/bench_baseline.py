"""The floor: the rows a batch of payments writes, written by raw asyncpg with no service,
no HTTP and no decisions, 1,000 payments a transaction, each rolled back to leave the
books as they were."""

import contextlib
import json
import time
import uuid
from datetime import UTC, date, datetime

import asyncpg
from bench_batch import BATCH

RECEIVED_ON = date(2026, 3, 2)


async def _open_items(conn: asyncpg.Connection, customers: int) -> list[tuple[str, str]]:
    rows = await conn.fetch(
        "SELECT DISTINCT ON (customer_id) customer_id, id FROM invoices WHERE open_amount > 0 "
        "ORDER BY customer_id, due_date LIMIT $1",
        customers,
    )
    return [(r["customer_id"], r["id"]) for r in rows]


def _rows(open_items: list[tuple[str, str]], first: int) -> dict[str, list[tuple[object, ...]]]:
    now = datetime.now(UTC)
    rows: dict[str, list[tuple[object, ...]]] = {
        k: [] for k in ("payments", "allocations", "entries", "lines", "outbox", "keys")
    }
    for n in range(first, first + BATCH):
        customer_id, invoice_id = open_items[n % len(open_items)]
        payment_id, entry_id = str(uuid.uuid4()), str(uuid.uuid4())
        rows["payments"].append(
            (
                payment_id,
                customer_id,
                "EUR",
                1000,
                RECEIVED_ON,
                f"BENCH-{n}",
                0,
                now,
                "bank_transfer",
            )
        )
        rows["allocations"].append((payment_id, invoice_id, 0, 1000, 10**9, 0))
        rows["entries"].append((entry_id, "payment", payment_id, RECEIVED_ON, "Payment received"))
        rows["lines"] += [
            (entry_id, 0, "bank", "EUR", 1000, 0, customer_id, None),
            (entry_id, 1, "receivable", "EUR", 0, 1000, customer_id, invoice_id),
        ]
        payload = {"customer_id": customer_id, "payment_id": payment_id, "amount": "10.00"}
        rows["outbox"].append(
            (
                str(uuid.uuid4()),
                "ledger.events",
                customer_id,
                "ledger.payment_received.v1",
                json.dumps(payload),
                n,
                now,
            )
        )
        rows["keys"].append(("bench", f"baseline-{n}", "f" * 64, 201, json.dumps(payload)))
    return rows


async def _write(conn: asyncpg.Connection, rows: dict[str, list[tuple[object, ...]]]) -> None:
    copies = {
        "payments": (
            "payments",
            (
                "id",
                "customer_id",
                "currency",
                "amount",
                "received_on",
                "reference",
                "unapplied_amount",
                "recorded_at",
                "method",
            ),
        ),
        "allocations": (
            "payment_allocations",
            ("payment_id", "invoice_id", "position", "amount", "open_amount_after", "discount"),
        ),
        "entries": ("journal_entries", ("id", "source_type", "source_id", "business_date", "memo")),
        "lines": (
            "journal_lines",
            (
                "entry_id",
                "position",
                "account",
                "currency",
                "debit",
                "credit",
                "customer_id",
                "invoice_id",
            ),
        ),
        "outbox": (
            "outbox",
            ("id", "aggregatetype", "aggregateid", "type", "payload", "sequence", "occurred_at"),
        ),
        "keys": ("idempotency_keys", ("subject", "key", "fingerprint", "status_code", "response")),
    }
    async with conn.transaction():
        for name, (table, columns) in copies.items():
            await conn.copy_records_to_table(table, records=rows[name], columns=columns)
        invoices = sorted({a[1] for a in rows["allocations"]})
        await conn.execute(
            "UPDATE invoices SET open_amount = open_amount - 1000 WHERE id = ANY($1::text[])",
            invoices,
        )
        customers = sorted({p[1] for p in rows["payments"]})
        await conn.execute(
            "UPDATE event_streams SET last_sequence = last_sequence + 5 "
            "WHERE subject = ANY($1::text[])",
            customers,
        )
        # Leave the books as they were: the work is done, only the commit is spared.
        raise _RollBack


class _RollBack(Exception):
    """Ends a baseline transaction without committing it."""


async def baseline(dsn: str, *, batches: int, customers: int) -> float:
    """Payments' rows per second through raw asyncpg."""
    conn = await asyncpg.connect(dsn)
    try:
        open_items = await _open_items(conn, customers)
        prepared = [_rows(open_items, b * BATCH) for b in range(batches)]
        started = time.perf_counter()
        for rows in prepared:
            with contextlib.suppress(_RollBack):
                await _write(conn, rows)
        return batches * BATCH / (time.perf_counter() - started)
    finally:
        await conn.close()
