"""Invoices as dunning follows them: their terms, the level reached, and each level's history."""

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.dunning_tables import dunning_steps
from collections_svc.adapters.tables import ReceivableRow
from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.recheck import InvoiceNow


class DunnedInvoices:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def note_terms(self, invoice_id: str, *, number: str | None, due_date: date) -> None:
        """What the invoice is called and when it falls due; first known values stay."""
        await self._session.execute(
            update(ReceivableRow)
            .where(col(ReceivableRow.invoice_id) == invoice_id)
            .values(
                number=func.coalesce(col(ReceivableRow.number), number),
                due_date=func.coalesce(col(ReceivableRow.due_date), due_date),
            )
        )

    async def open_ones(self, *, customer_id: str | None = None) -> list[DunnedInvoice]:
        """Every invoice with something still open and a known due date, by customer."""
        query = (
            select(ReceivableRow)
            .where(col(ReceivableRow.open_amount) > 0, col(ReceivableRow.due_date).is_not(None))
            .order_by(col(ReceivableRow.customer_id), col(ReceivableRow.invoice_id))
        )
        if customer_id is not None:
            query = query.where(col(ReceivableRow.customer_id) == customer_id)
        rows = (await self._session.execute(query)).scalars().all()
        return [
            DunnedInvoice(
                invoice_id=r.invoice_id,
                customer_id=r.customer_id,
                number=r.number or r.invoice_id,
                currency=r.currency,
                open_amount=r.open_amount,
                due_date=r.due_date,
                level=r.level,
                last_notice_on=r.last_notice_on,
            )
            for r in rows
            if r.due_date is not None
        ]

    async def owed_on(self, invoice_id: str) -> tuple[str, str, int] | None:
        """(customer, currency, open amount) of an invoice collections follows."""
        row = await self._session.get(ReceivableRow, invoice_id)
        return (row.customer_id, row.currency, row.open_amount) if row else None

    async def as_now(self, invoice_ids: Iterable[str]) -> dict[str, InvoiceNow]:
        """What the latest ledger facts say about these invoices."""
        rows = await self._session.execute(
            select(
                col(ReceivableRow.invoice_id),
                col(ReceivableRow.open_amount),
                col(ReceivableRow.changed_by),
            ).where(col(ReceivableRow.invoice_id).in_(list(invoice_ids)))
        )
        return {i: InvoiceNow(amount, changed_by) for i, amount, changed_by in rows}

    async def record_step(
        self, invoice_id: str, *, level: int, run_id: str, notice_id: str, as_of: date
    ) -> None:
        """The invoice reached `level` in this run: its history keeps every level it reached."""
        await self._session.execute(
            update(ReceivableRow)
            .where(col(ReceivableRow.invoice_id) == invoice_id)
            .values(level=level, last_notice_on=as_of)
        )
        await self._session.execute(
            insert(dunning_steps).values(
                invoice_id=invoice_id, level=level, run_id=run_id, notice_id=notice_id, as_of=as_of
            )
        )

    async def record_steps(
        self, steps: list[tuple[str, int, str]], *, run_id: str, as_of: date
    ) -> None:
        """Many invoices' steps at once, as (invoice, level, notice): what a run records."""
        if not steps:
            return
        # ORM bulk update by primary key: one executemany, not one statement per invoice.
        await self._session.execute(
            update(ReceivableRow),
            [
                {"invoice_id": invoice_id, "level": level, "last_notice_on": as_of}
                for invoice_id, level, _ in steps
            ],
        )
        await self._session.execute(
            insert(dunning_steps),
            [
                {
                    "invoice_id": invoice_id,
                    "level": level,
                    "run_id": run_id,
                    "notice_id": notice_id,
                    "as_of": as_of,
                }
                for invoice_id, level, notice_id in steps
            ],
        )

    async def history(self, invoice_id: str) -> list[tuple[int, date, str]]:
        """(level, as_of, notice id) of each level the invoice reached, in order."""
        rows = await self._session.execute(
            select(dunning_steps.c.level, dunning_steps.c.as_of, dunning_steps.c.notice_id)
            .where(dunning_steps.c.invoice_id == invoice_id)
            .order_by(dunning_steps.c.level)
        )
        return [(level, as_of, notice_id) for level, as_of, notice_id in rows]
