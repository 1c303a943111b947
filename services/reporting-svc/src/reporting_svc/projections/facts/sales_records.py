"""Recording what credit sales subtract: credit notes and late-fee invoices, once each."""

from datetime import date, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.adapters.tables_sales import CreditNoteRow, LateFeeInvoiceRow


async def record_credit_note(
    session: AsyncSession,
    credit_note_id: str,
    customer_id: str,
    currency: str,
    amount: int,
    issue_date: date,
    *,
    recorded_at: datetime | None = None,
) -> None:
    await session.execute(
        insert(CreditNoteRow)
        .values(
            credit_note_id=credit_note_id,
            customer_id=customer_id,
            currency=currency,
            amount_minor=amount,
            issue_date=issue_date,
            recorded_at=recorded_at,
        )
        .on_conflict_do_nothing()
    )


async def record_late_fee_invoice(session: AsyncSession, invoice_id: str) -> None:
    await session.execute(
        insert(LateFeeInvoiceRow).values(invoice_id=invoice_id).on_conflict_do_nothing()
    )
