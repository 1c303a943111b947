"""Batches of sealed columns, locked for re-encryption under a new key."""

from dataclasses import dataclass

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from customer_svc.adapters.tables.bank_accounts import BankAccountRow
from customer_svc.adapters.tables.contacts import ContactRow
from customer_svc.adapters.tables.customers import CustomerRow
from customer_svc.domain import personal_data as pd


@dataclass(frozen=True)
class SealedColumn:
    """A column holding sealed values of one personal field, and its blind index if any."""

    table: Table
    column: str
    field: str
    index_column: str | None = None


def _table(row: type) -> Table:
    table: Table = row.__table__  # type: ignore[attr-defined]
    return table


SEALED_COLUMNS = (
    SealedColumn(_table(CustomerRow), "tax_id_sealed", pd.TAX_ID, "tax_id_index"),
    SealedColumn(_table(ContactRow), "name_sealed", pd.CONTACT_NAME),
    SealedColumn(_table(ContactRow), "phone_sealed", pd.CONTACT_PHONE),
    SealedColumn(_table(ContactRow), "email_sealed", pd.CONTACT_EMAIL),
    SealedColumn(_table(BankAccountRow), "iban_sealed", pd.BANK_ACCOUNT_IBAN, "iban_index"),
)


@dataclass(frozen=True)
class SealedCell:
    """One stored sealed value, with its row id and current blind index."""

    row_id: str
    token: str
    index: str | None


class SealedCells:
    """Stored sealed values, read and rewritten in batches when keys rotate."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def batch(
        self, where: SealedColumn, *, after: str | None, limit: int
    ) -> list[SealedCell]:
        """The next cells in id order, locked until commit so no write slips between."""
        table = where.table
        index = table.c[where.index_column] if where.index_column else None
        query = (
            select(table.c.id, table.c[where.column], *([index] if index is not None else []))
            .where(table.c[where.column].is_not(None))
            .order_by(table.c.id)
            .limit(limit)
            .with_for_update()
        )
        if after is not None:
            query = query.where(table.c.id > after)
        rows = (await self._session.execute(query)).all()
        return [SealedCell(r[0], r[1], r[2] if index is not None else None) for r in rows]

    async def replace(self, where: SealedColumn, cell: SealedCell) -> None:
        values = {where.column: cell.token}
        if where.index_column:
            values[where.index_column] = cell.index  # type: ignore[assignment]
        table = where.table
        await self._session.execute(update(table).where(table.c.id == cell.row_id).values(values))
