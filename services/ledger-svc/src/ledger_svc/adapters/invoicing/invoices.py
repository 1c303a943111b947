"""Invoices, their lines, and the gap-free number series."""

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import ColumnElement, Select, insert, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.invoicing.invoice_rows import (
    instalment_values,
    invoice_values,
    line_values,
    load_invoices,
)
from ledger_svc.adapters.tables.invoicing import (
    InvoiceCounterRow,
    InvoiceInstalmentRow,
    InvoiceLineRow,
    InvoiceRow,
)
from ledger_svc.domain.invoicing.invoice import Invoice, InvoiceStatus, status_for
from ledger_svc.domain.payments.allocation import Allocation


def _falling_overdue(as_of: date) -> tuple[ColumnElement[bool], ...]:
    # Candidates: an instalment fell due before `as_of` (the invoice's own due date is its
    # last instalment's). Whether one is still unpaid, the domain decides (falls_overdue).
    instalment_past_due = (
        select(col(InvoiceInstalmentRow.invoice_id))
        .where(
            col(InvoiceInstalmentRow.invoice_id) == col(InvoiceRow.id),
            col(InvoiceInstalmentRow.due_date) < as_of,
        )
        .exists()
    )
    return (
        col(InvoiceRow.open_amount) > 0,
        instalment_past_due,
        col(InvoiceRow.marked_overdue_on).is_(None),
    )


class InvoiceRepository:
    """Where invoices are kept, numbered, settled and marked overdue."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_number(self, series: str, year: int) -> int:
        """Take the next number of the series. The counter row stays locked until commit,
        so a rolled-back invoice gives its number back and the series has no gaps."""
        last_number = col(InvoiceCounterRow.last_number)
        stmt = upsert(InvoiceCounterRow).values(series=series, year=year, last_number=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=["series", "year"], set_={"last_number": last_number + 1}
        )
        return int((await self._session.execute(stmt.returning(last_number))).scalar_one())

    async def add(self, invoice: Invoice) -> None:
        await self._session.execute(insert(InvoiceRow).values(**invoice_values(invoice)))
        await self._session.execute(insert(InvoiceLineRow), line_values(invoice))
        await self._session.execute(insert(InvoiceInstalmentRow), instalment_values(invoice))

    async def void(self, invoice: Invoice) -> None:
        """Record the invoice's void: nothing open, status void, when and why."""
        await self._session.execute(
            update(InvoiceRow)
            .where(col(InvoiceRow.id) == invoice.id)
            .values(
                open_amount=invoice.open_amount,
                status=invoice.status.value,
                voided_on=invoice.voided_on,
                void_reason=invoice.void_reason,
            )
        )

    async def get(self, invoice_id: str) -> Invoice | None:
        found = await self._load(select(InvoiceRow).where(col(InvoiceRow.id) == invoice_id))
        return found[0] if found else None

    async def open_invoices(self, customer_id: str) -> list[Invoice]:
        query = select(InvoiceRow).where(
            col(InvoiceRow.customer_id) == customer_id, col(InvoiceRow.open_amount) > 0
        )
        return await self._load(query.with_for_update())

    async def page(
        self,
        *,
        customer_id: str | None,
        status: InvoiceStatus | None,
        after: str | None,
        limit: int,
    ) -> list[Invoice]:
        query = select(InvoiceRow).order_by(col(InvoiceRow.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(InvoiceRow.customer_id) == customer_id)
        if status is not None:
            query = query.where(col(InvoiceRow.status) == status.value)
        if after is not None:
            query = query.where(col(InvoiceRow.id) > after)
        return await self._load(query)

    async def settle(
        self, invoices: Mapping[str, Invoice], allocations: Sequence[Allocation]
    ) -> None:
        """Bring each allocated invoice's open amount and status in line with its allocation."""
        for allocation in allocations:
            total = invoices[allocation.invoice_id].total
            await self._session.execute(
                update(InvoiceRow)
                .where(col(InvoiceRow.id) == allocation.invoice_id)
                .values(
                    open_amount=allocation.open_amount_after,
                    status=status_for(total, allocation.open_amount_after).value,
                )
            )

    async def customers_with_invoices_falling_overdue(self, as_of: date) -> list[str]:
        customer_id = col(InvoiceRow.customer_id)
        query = select(customer_id).where(*_falling_overdue(as_of)).distinct()
        return list((await self._session.execute(query.order_by(customer_id))).scalars())

    async def falling_overdue(self, customer_ids: Sequence[str], as_of: date) -> list[Invoice]:
        query = select(InvoiceRow).where(
            col(InvoiceRow.customer_id).in_(customer_ids), *_falling_overdue(as_of)
        )
        return await self._load(
            query.order_by(col(InvoiceRow.customer_id), col(InvoiceRow.due_date))
        )

    async def mark_overdue(self, invoice_ids: Sequence[str], as_of: date) -> None:
        await self._session.execute(
            update(InvoiceRow)
            .where(col(InvoiceRow.id).in_(invoice_ids), col(InvoiceRow.marked_overdue_on).is_(None))
            .values(marked_overdue_on=as_of)
        )

    async def opening_balances_of(
        self, customer_ids: Sequence[str], series: str
    ) -> set[tuple[str, str | None]]:
        """(customer id, contract id) of every opening invoice these customers have."""
        found = await self._session.execute(
            select(col(InvoiceRow.customer_id), col(InvoiceRow.contract_id)).where(
                col(InvoiceRow.customer_id).in_(customer_ids),
                col(InvoiceRow.number).startswith(f"{series}-"),
                col(InvoiceRow.voided_on).is_(None),
            )
        )
        return {(customer_id, contract_id) for customer_id, contract_id in found.all()}

    async def _load(self, query: Select[InvoiceRow]) -> list[Invoice]:
        return await load_invoices(self._session, query)
