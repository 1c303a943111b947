"""Uploading invoice files and measuring what they leave behind."""

from typing import Any

import httpx

from ledgerflow_platform.testing import KeyPair

HEADER = "invoice_ref,customer_id,issue_date,due_date,description,quantity,unit_price,tax_rate\n"
IMPORT_TABLES = (
    "invoices",
    "invoice_lines",
    "invoice_instalments",
    "invoice_counters",
    "journal_entries",
    "journal_lines",
    "outbox",
    "event_streams",
    "invoice_imports",
    "invoice_import_items",
)


async def upload(
    client: httpx.AsyncClient, keys: KeyPair, text: str | bytes, role: str = "accountant"
) -> httpx.Response:
    data = text.encode() if isinstance(text, str) else text
    return await client.post(
        "/v1/invoice-imports",
        files={"file": ("march.csv", data, "text/csv")},
        headers=keys.auth(role),
    )


async def footprint(ledger_db: Any) -> tuple[dict[str, int], list[tuple[Any, ...]]]:
    """Row counts, and every number and sequence the ledger has handed out."""
    handed_out = await ledger_db.rows(
        "SELECT (SELECT coalesce(sum(last_number), 0) FROM invoice_counters), "
        "(SELECT coalesce(sum(last_sequence), 0) FROM event_streams)"
    )
    return await ledger_db.counts(*IMPORT_TABLES), handed_out
