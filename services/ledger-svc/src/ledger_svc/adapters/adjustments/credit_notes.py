"""Credit notes, and the open amounts of the invoices they (or write-offs) reduce."""

from datetime import UTC, datetime

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from ledger_svc.adapters.tables.adjustments import CreditNoteRow
from ledger_svc.adapters.tables.invoicing import InvoiceRow
from ledger_svc.domain.adjustments.credit_note import CreditNote
from ledger_svc.domain.books.journal import Account
from ledger_svc.domain.invoicing.invoice import InvoiceStatus


class CreditNoteRepository:
    """Where credit notes are kept and summed per invoice."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, note: CreditNote, *, issued_by: str) -> None:
        await self._session.execute(
            insert(CreditNoteRow).values(
                id=note.id,
                number=note.number,
                customer_id=note.customer_id,
                invoice_id=note.invoice_id,
                currency=note.currency,
                issue_date=note.issue_date,
                amount=note.amount,
                tax_amount=note.tax,
                income_account=note.income_account.value,
                unapplied_amount=note.unapplied_amount,
                reason=note.reason,
                issued_by=issued_by,
                issued_at=datetime.now(UTC),
            )
        )

    async def credited_on_invoice(self, invoice_id: str) -> int:
        """The gross amount all credit notes so far took off the invoice."""
        total = select(func.coalesce(func.sum(col(CreditNoteRow.amount)), 0)).where(
            col(CreditNoteRow.invoice_id) == invoice_id
        )
        return int((await self._session.execute(total)).scalar_one())

    async def get(self, credit_note_id: str) -> CreditNote | None:
        found = await self._load(
            select(CreditNoteRow).where(col(CreditNoteRow.id) == credit_note_id)
        )
        return found[0] if found else None

    async def page(
        self, *, customer_id: str | None, invoice_id: str | None, after: str | None, limit: int
    ) -> list[CreditNote]:
        query = select(CreditNoteRow).order_by(col(CreditNoteRow.id)).limit(limit)
        if customer_id is not None:
            query = query.where(col(CreditNoteRow.customer_id) == customer_id)
        if invoice_id is not None:
            query = query.where(col(CreditNoteRow.invoice_id) == invoice_id)
        if after is not None:
            query = query.where(col(CreditNoteRow.id) > after)
        return await self._load(query)

    async def _load(self, query: Select[CreditNoteRow]) -> list[CreditNote]:
        return [
            CreditNote(
                row.id,
                row.number,
                row.customer_id,
                row.currency,
                row.issue_date,
                row.amount,
                row.tax_amount,
                row.reason,
                row.invoice_id,
                Account(row.income_account),
                row.unapplied_amount,
            )
            for row in (await self._session.execute(query)).scalars()
        ]


class InvoiceAdjustments:
    """Takes an adjustment off an invoice's stored open amount and sets the status it leaves."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def reduce_open_amount(
        self, invoice_id: str, *, open_amount: int, status: InvoiceStatus
    ) -> None:
        await self._session.execute(
            update(InvoiceRow)
            .where(col(InvoiceRow.id) == invoice_id)
            .values(open_amount=open_amount, status=status.value)
        )
