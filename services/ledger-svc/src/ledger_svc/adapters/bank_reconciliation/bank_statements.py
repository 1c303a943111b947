"""Imported bank statements and their lines; a line already imported is never added again."""

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.bank_reconciliation import BankStatementLineRow, BankStatementRow
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankLine,
    BankStatement,
    Direction,
    StatementFormat,
)

# asyncpg takes at most 32,767 parameters per statement; a line row has 16.
_LINES_PER_INSERT = 1000


def _statement_values(statement: BankStatement, imported_by: str) -> dict[str, Any]:
    return {
        "id": statement.id,
        "file_sha256": statement.file_sha256,
        "format": statement.statement_format.value,
        "filename": statement.filename,
        "account": statement.account,
        "currency": statement.currency,
        "bank_statement_id": statement.bank_statement_id,
        "period_from": statement.period_from,
        "period_to": statement.period_to,
        "opening_balance": statement.opening_balance,
        "closing_balance": statement.closing_balance,
        "lines_already_imported": statement.lines_already_imported,
        "imported_at": statement.imported_at,
        "imported_by": imported_by,
    }


def _line_values(statement_id: str, line: BankLine, key: str) -> dict[str, Any]:
    return {
        "id": line.id,
        "statement_id": statement_id,
        "position": line.position,
        "line_key": key,
        "booking_date": line.booking_date,
        "value_date": line.value_date,
        "direction": line.direction.value,
        "amount": line.amount,
        "currency": line.currency,
        "reference": line.reference,
        "remittance": line.remittance,
        "bank_reference": line.bank_reference,
        "counterparty_name": line.counterparty_name,
        "counterparty_iban_hash": line.counterparty_iban_hash,
        "counterparty_iban_masked": line.counterparty_iban_masked,
    }


def _line(row: BankStatementLineRow) -> BankLine:
    return BankLine(
        row.id,
        row.position,
        row.booking_date,
        row.value_date,
        Direction(row.direction),
        row.amount,
        row.currency,
        row.reference,
        row.remittance,
        row.bank_reference,
        row.counterparty_name,
        row.counterparty_iban_hash,
        row.counterparty_iban_masked,
    )


def _statement(row: BankStatementRow, lines: Sequence[BankLine]) -> BankStatement:
    return BankStatement(
        row.id,
        StatementFormat(row.format),
        row.file_sha256,
        row.filename,
        row.account,
        row.currency,
        row.bank_statement_id,
        row.period_from,
        row.period_to,
        row.opening_balance,
        row.closing_balance,
        row.imported_at,
        row.lines_already_imported,
        tuple(lines),
    )


class BankStatementRepository:
    """Where imported statements and their lines are kept."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self, statement: BankStatement, keys: Sequence[str], imported_by: str
    ) -> BankStatement | None:
        """Record the statement with its lines not imported before (by natural key); None if
        this very file is recorded already, perhaps by a concurrent import just committed."""
        recorded = (
            insert(BankStatementRow)
            .values(**_statement_values(statement, imported_by))
            .on_conflict_do_nothing(index_elements=["file_sha256"])
            .returning(col(BankStatementRow.id))
        )
        if (await self._session.execute(recorded)).first() is None:
            return None
        rows = [
            _line_values(statement.id, line, k)
            for line, k in zip(statement.lines, keys, strict=True)
        ]
        added: set[str] = set()
        for start in range(0, len(rows), _LINES_PER_INSERT):
            new = (
                insert(BankStatementLineRow)
                .values(rows[start : start + _LINES_PER_INSERT])
                .on_conflict_do_nothing(index_elements=["line_key"])
                .returning(col(BankStatementLineRow.id))
            )
            added.update((await self._session.execute(new)).scalars())
        known = len(rows) - len(added)
        if known:
            await self._session.execute(
                update(BankStatementRow)
                .where(col(BankStatementRow.id) == statement.id)
                .values(lines_already_imported=known)
            )
        lines = tuple(line for line in statement.lines if line.id in added)
        return replace(statement, lines=lines, lines_already_imported=known)

    async def by_file(self, file_sha256: str) -> BankStatement | None:
        query = select(BankStatementRow).where(col(BankStatementRow.file_sha256) == file_sha256)
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else await self._with_lines(row)

    async def get(self, statement_id: str) -> BankStatement | None:
        row = await self._session.get(BankStatementRow, statement_id)
        return None if row is None else await self._with_lines(row)

    async def page(self, *, after: str | None, limit: int) -> list[tuple[BankStatement, int]]:
        """Statements in import order, without their lines, each with how many it added."""
        counted = (
            select(func.count())
            .where(col(BankStatementLineRow.statement_id) == col(BankStatementRow.id))
            .scalar_subquery()
        )
        query = select(BankStatementRow, counted).order_by(col(BankStatementRow.id)).limit(limit)
        if after is not None:
            query = query.where(col(BankStatementRow.id) > after)
        found = (await self._session.execute(query)).all()
        return [(_statement(row, ()), int(count)) for row, count in found]

    async def _with_lines(self, row: BankStatementRow) -> BankStatement:
        lines = await self._session.execute(
            select(BankStatementLineRow)
            .where(col(BankStatementLineRow.statement_id) == row.id)
            .order_by(col(BankStatementLineRow.position))
        )
        return _statement(row, [_line(x) for x in lines.scalars()])
