"""Where bulk invoice imports are kept, and how their invoices reach the tables: by COPY, in
the caller's transaction, row for row what the ORM path (invoices.py, books/journal.py) writes."""

from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.invoicing.invoice_rows import (
    instalment_values,
    invoice_values,
    line_values,
)
from ledger_svc.adapters.tables.invoicing import InvoiceImportItemRow, InvoiceImportRow
from ledger_svc.domain.account import CustomerAccount
from ledger_svc.domain.books.journal import JournalEntry
from ledger_svc.domain.invoicing.invoice import Invoice
from ledger_svc.domain.invoicing.invoice_import import DuplicateInvoiceImport, InvoiceImport
from ledgerflow_platform.database import driver_connection

ACCOUNTS = text("""
SELECT customer_id, currency, payment_terms_days, status FROM customer_accounts
WHERE customer_id = ANY(CAST(:ids AS text[]))
""")

# Sorted like the streams: concurrent imports take the counters they share in one order.
TAKE_NUMBERS = text("""
INSERT INTO invoice_counters AS c (series, year, last_number)
SELECT series, year, n
FROM unnest(CAST(:series AS text[]), CAST(:years AS int[]), CAST(:counts AS bigint[]))
     AS v(series, year, n)
ORDER BY series, year
ON CONFLICT (series, year) DO UPDATE SET last_number = c.last_number + excluded.last_number
RETURNING series, year, last_number
""")

ENTRY_COLUMNS = ("id", "source_type", "source_id", "business_date", "memo")
LINE_COLUMNS = (
    "entry_id",
    "position",
    "account",
    "currency",
    "debit",
    "credit",
    "customer_id",
    "invoice_id",
)


def _records(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    return (list(rows[0]) if rows else []), [tuple(r.values()) for r in rows]


def _summary(row: InvoiceImportRow) -> InvoiceImport:
    return InvoiceImport(
        id=row.id,
        file_sha256=row.file_sha256,
        filename=row.filename,
        rows=row.row_count,
        invoices_created=row.invoices_created,
        lines_created=row.lines_created,
        totals={currency: int(minor) for currency, minor in row.totals.items()},
        imported_by=row.imported_by,
        imported_at=row.imported_at,
    )


class InvoiceImportStore:
    """Bulk imports: their record, the accounts and numbers they need, and their COPY writes."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, import_id: str) -> InvoiceImport | None:
        row = await self._session.get(InvoiceImportRow, import_id)
        return None if row is None else _summary(row)

    async def find_by_file(self, file_sha256: str) -> InvoiceImport | None:
        query = select(InvoiceImportRow).where(col(InvoiceImportRow.file_sha256) == file_sha256)
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else _summary(row)

    async def items(
        self, import_id: str, *, after: str | None, limit: int
    ) -> list[tuple[str, str, str]]:
        """(invoice_ref, invoice id, invoice number) of the import, by reference."""
        found = await self._session.execute(
            text(
                "SELECT x.invoice_ref, i.id, i.number FROM invoice_import_items x "
                "JOIN invoices i ON i.id = x.invoice_id WHERE x.import_id = :import_id "
                "AND (CAST(:after AS text) IS NULL OR x.invoice_ref > :after) "
                "ORDER BY x.invoice_ref LIMIT :limit"
            ),
            {"import_id": import_id, "after": after, "limit": limit},
        )
        return [(ref, invoice_id, number) for ref, invoice_id, number in found.all()]

    async def accounts(self, customer_ids: Sequence[str]) -> dict[str, CustomerAccount]:
        found = await self._session.execute(ACCOUNTS, {"ids": list(customer_ids)})
        return {
            c: CustomerAccount(c, currency, days, status=status)
            for c, currency, days, status in found.all()
        }

    async def take_numbers(
        self, counts: Mapping[tuple[str, int], int]
    ) -> dict[tuple[str, int], int]:
        """Reserve counts[(series, year)] numbers on each counter, locked until commit so a
        rolled-back import gives them all back; the first number reserved per counter."""
        keys = sorted(counts)
        found = await self._session.execute(
            TAKE_NUMBERS,
            {
                "series": [s for s, _ in keys],
                "years": [y for _, y in keys],
                "counts": [counts[k] for k in keys],
            },
        )
        return {(s, y): int(last) - counts[(s, y)] + 1 for s, y, last in found.all()}

    async def add(self, summary: InvoiceImport) -> None:
        """Record the import; the same file recorded by a concurrent import is refused."""
        values = {
            "id": summary.id,
            "file_sha256": summary.file_sha256,
            "filename": summary.filename,
            "row_count": summary.rows,
            "invoices_created": summary.invoices_created,
            "lines_created": summary.lines_created,
            "totals": summary.totals,
            "imported_by": summary.imported_by,
            "imported_at": summary.imported_at,
        }
        try:
            async with self._session.begin_nested():
                await self._session.execute(insert(InvoiceImportRow).values(**values))
        except IntegrityError as exc:
            earlier = await self.find_by_file(summary.file_sha256)
            raise DuplicateInvoiceImport(earlier.id if earlier else "another import") from exc

    async def copy_invoices(self, import_id: str, invoices: Sequence[tuple[str, Invoice]]) -> None:
        """(invoice_ref, invoice) pairs: the invoices, their lines and schedules, and the map
        from each reference to its invoice."""
        driver = await driver_connection(self._session)
        for table, rows in (
            ("invoices", [invoice_values(i) for _, i in invoices]),
            ("invoice_lines", [v for _, i in invoices for v in line_values(i)]),
            ("invoice_instalments", [v for _, i in invoices for v in instalment_values(i)]),
        ):
            await copy_rows(driver, table, *_records(rows))
        await copy_rows(
            driver,
            InvoiceImportItemRow.__tablename__,
            ("import_id", "invoice_ref", "invoice_id"),
            [(import_id, ref, invoice.id) for ref, invoice in invoices],
        )

    async def copy_journal(self, entries: Sequence[tuple[str, JournalEntry]]) -> None:
        """(entry id, balanced entry) pairs, as JournalRepository.add would post them."""
        driver = await driver_connection(self._session)
        await copy_rows(
            driver,
            "journal_entries",
            ENTRY_COLUMNS,
            [
                (entry_id, e.source_type.value, e.source_id, e.business_date, e.memo)
                for entry_id, e in entries
            ],
        )
        lines = [
            (
                entry_id,
                n,
                x.account.value,
                x.currency,
                x.debit,
                x.credit,
                x.customer_id,
                x.invoice_id,
            )
            for entry_id, e in entries
            for n, x in enumerate(e.lines)
        ]
        await copy_rows(driver, "journal_lines", LINE_COLUMNS, lines)


async def copy_rows(
    driver: "asyncpg.Connection[Any]",
    table: str,
    columns: Sequence[str],
    records: Sequence[tuple[Any, ...]],
) -> None:
    if records:
        await driver.copy_records_to_table(table, records=records, columns=list(columns))
