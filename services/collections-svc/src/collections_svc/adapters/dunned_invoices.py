"""Invoices as dunning follows them: their terms, the level reached, and each level's history."""

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from collections_svc.adapters.dunning_selection import DueStep, due_steps
from collections_svc.adapters.dunning_tables import dunning_steps
from collections_svc.adapters.tables import ReceivableRow
from collections_svc.domain.dunning import DunnedInvoice
from collections_svc.domain.dunning_policy import DunningPolicy
from collections_svc.domain.holds import Holds
from collections_svc.domain.recheck import InvoiceNow

_ADVANCE = text(
    """
    UPDATE receivables r SET level = s.level, last_notice_on = CAST(:as_of AS date)
    FROM unnest(CAST(:invoice_ids AS text[]), CAST(:levels AS int[])) AS s(invoice_id, level)
    WHERE r.invoice_id = s.invoice_id
    """
)
_HISTORY = text(
    """
    INSERT INTO dunning_steps (invoice_id, level, run_id, notice_id, as_of)
    SELECT s.invoice_id, s.level, :run_id, s.notice_id, CAST(:as_of AS date)
    FROM unnest(CAST(:invoice_ids AS text[]), CAST(:levels AS int[]),
                CAST(:notice_ids AS text[])) AS s(invoice_id, level, notice_id)
    """
)


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

    async def due_steps(
        self, as_of: date, in_force: Mapping[str, DunningPolicy], held: Holds
    ) -> list[DueStep]:
        """The invoices that reach a new level in a run dated `as_of`, chosen in the database."""
        return await due_steps(self._session, as_of, in_force, held)

    async def record_steps(
        self, steps: list[tuple[str, int, str]], *, run_id: str, as_of: date
    ) -> None:
        """Many invoices' steps at once, as (invoice, level, notice): what a run records.
        Two set-based statements over arrays, whatever the number of invoices."""
        if not steps:
            return
        invoice_ids = [invoice_id for invoice_id, _, _ in steps]
        levels = [level for _, level, _ in steps]
        await self._session.execute(
            _ADVANCE, {"invoice_ids": invoice_ids, "levels": levels, "as_of": as_of}
        )
        await self._session.execute(
            _HISTORY,
            {
                "invoice_ids": invoice_ids,
                "levels": levels,
                "notice_ids": [notice_id for _, _, notice_id in steps],
                "run_id": run_id,
                "as_of": as_of,
            },
        )

    async def history(self, invoice_id: str) -> list[tuple[int, date, str]]:
        """(level, as_of, notice id) of each level the invoice reached, in order."""
        rows = await self._session.execute(
            select(dunning_steps.c.level, dunning_steps.c.as_of, dunning_steps.c.notice_id)
            .where(dunning_steps.c.invoice_id == invoice_id)
            .order_by(dunning_steps.c.level)
        )
        return [(level, as_of, notice_id) for level, as_of, notice_id in rows]
