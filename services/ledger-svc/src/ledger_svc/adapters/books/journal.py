"""The journal's store: entries are added and read back, never changed."""

from collections.abc import Sequence

from sqlalchemy import Select, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.books import JournalEntryRow, JournalLineRow
from ledger_svc.domain.books.journal import (
    Account,
    JournalEntry,
    JournalLine,
    JournalQuery,
    PostedEntry,
    SourceType,
)
from ledgerflow_platform.database import driver_connection

# Entries and their lines in one round trip, from one array per column.
ADD_MANY = f"""
WITH entries AS (
    INSERT INTO {JournalEntryRow.__tablename__}
        (id, source_type, source_id, business_date, memo, reverses_entry_id)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])
)
INSERT INTO {JournalLineRow.__tablename__}
    (entry_id, position, account, currency, debit, credit, customer_id, invoice_id)
SELECT * FROM unnest(
    $7::text[], $8::int[], $9::text[], $10::text[], $11::bigint[], $12::bigint[], $13::text[],
    $14::text[])
"""  # noqa: S608 - the tables' own names, no input


class JournalRepository:
    """Where journal entries are posted and found again."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, entry_id: str, entry: JournalEntry) -> None:
        await self._session.execute(
            insert(JournalEntryRow).values(
                id=entry_id,
                source_type=entry.source_type.value,
                source_id=entry.source_id,
                business_date=entry.business_date,
                memo=entry.memo,
                reverses_entry_id=entry.reverses_entry_id,
            )
        )
        await self._session.execute(
            insert(JournalLineRow),
            [
                {
                    "entry_id": entry_id,
                    "position": position,
                    "account": line.account.value,
                    "currency": line.currency,
                    "debit": line.debit,
                    "credit": line.credit,
                    "customer_id": line.customer_id,
                    "invoice_id": line.invoice_id,
                }
                for position, line in enumerate(entry.lines)
            ],
        )

    async def add_many(self, entries: Sequence[tuple[str, JournalEntry]]) -> None:
        """Many (entry id, entry) pairs in one statement: the same rows `add` writes."""
        entry_rows = [
            (i, e.source_type.value, e.source_id, e.business_date, e.memo, e.reverses_entry_id)
            for i, e in entries
        ]
        line_rows = [
            (i, n, x.account.value, x.currency, x.debit, x.credit, x.customer_id, x.invoice_id)
            for i, e in entries
            for n, x in enumerate(e.lines)
        ]
        driver = await driver_connection(self._session)
        await driver.execute(
            ADD_MANY,
            *(list(c) for c in zip(*entry_rows, strict=True)),
            *(list(c) for c in zip(*line_rows, strict=True)),
        )

    async def for_source(self, source_type: SourceType, source_id: str) -> list[PostedEntry]:
        """Every entry about one document, oldest first, each with its reversal if any."""
        query = (
            select(JournalEntryRow)
            .where(
                col(JournalEntryRow.source_type) == source_type.value,
                col(JournalEntryRow.source_id) == source_id,
            )
            .order_by(col(JournalEntryRow.id))
        )
        return await self._load(query)

    async def page(
        self, query: JournalQuery, *, after: str | None, limit: int
    ) -> list[PostedEntry]:
        """Entries matching the query in posting order; a customer or account filter keeps
        entries with a line of that customer (in that account), shown with all their lines."""
        found = select(JournalEntryRow).order_by(col(JournalEntryRow.id)).limit(limit)
        if query.source_type is not None:
            found = found.where(col(JournalEntryRow.source_type) == query.source_type.value)
        if query.date_from is not None:
            found = found.where(col(JournalEntryRow.business_date) >= query.date_from)
        if query.date_to is not None:
            found = found.where(col(JournalEntryRow.business_date) <= query.date_to)
        if after is not None:
            found = found.where(col(JournalEntryRow.id) > after)
        if query.customer_id is not None or query.account is not None:
            line = select(col(JournalLineRow.entry_id)).where(
                col(JournalLineRow.entry_id) == col(JournalEntryRow.id)
            )
            if query.customer_id is not None:
                line = line.where(col(JournalLineRow.customer_id) == query.customer_id)
            if query.account is not None:
                line = line.where(col(JournalLineRow.account) == query.account.value)
            found = found.where(line.exists())
        return await self._load(found)

    async def _load(self, query: Select[JournalEntryRow]) -> list[PostedEntry]:
        rows = list((await self._session.execute(query)).scalars())
        if not rows:
            return []
        ids = [r.id for r in rows]
        lines: dict[str, list[JournalLine]] = {i: [] for i in ids}
        found = await self._session.execute(
            select(JournalLineRow)
            .where(col(JournalLineRow.entry_id).in_(ids))
            .order_by(col(JournalLineRow.entry_id), col(JournalLineRow.position))
        )
        for x in found.scalars():
            lines[x.entry_id].append(
                JournalLine(
                    Account(x.account), x.currency, x.debit, x.credit, x.customer_id, x.invoice_id
                )
            )
        reversals = await self._session.execute(
            select(col(JournalEntryRow.reverses_entry_id), col(JournalEntryRow.id)).where(
                col(JournalEntryRow.reverses_entry_id).in_(ids)
            )
        )
        reversed_by = {original: reversal for original, reversal in reversals.all()}
        return [_posted(r, lines[r.id], reversed_by.get(r.id)) for r in rows]


def _posted(
    row: JournalEntryRow, lines: Sequence[JournalLine], reversed_by: str | None
) -> PostedEntry:
    entry = JournalEntry(
        SourceType(row.source_type),
        row.source_id,
        row.business_date,
        row.memo,
        tuple(lines),
        row.reverses_entry_id,
    )
    return PostedEntry(row.id, row.created_at, entry, reversed_by)
