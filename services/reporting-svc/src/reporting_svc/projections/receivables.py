"""Recording the receivables facts that reports are read from.

Each fact is written once under its natural key, so applying the same fact again (a replay,
or a redelivery with a new event id) leaves the tables as they were.
"""

from collections.abc import Iterable
from datetime import date

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from reporting_svc.adapters.tables import AllocationRow, CustomerAccountRow, InvoiceRow
from reporting_svc.projections.aging import AppliedPayment, IssuedInvoice


async def record_customer(
    session: AsyncSession, customer_id: str, name: str, currency: str
) -> None:
    await session.execute(
        insert(CustomerAccountRow)
        .values(id=customer_id, name=name, currency=currency)
        .on_conflict_do_nothing()
    )


async def record_invoice(session: AsyncSession, invoice: IssuedInvoice, number: str) -> None:
    await session.execute(
        insert(InvoiceRow)
        .values(
            id=invoice.invoice_id,
            customer_id=invoice.customer_id,
            number=number,
            currency=invoice.currency,
            total_minor=invoice.total,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
        )
        .on_conflict_do_nothing()
    )


async def record_payment(
    session: AsyncSession, customer_id: str, payment_id: str, applied: Iterable[AppliedPayment]
) -> None:
    """One row per invoice the payment was applied to; parts for the same invoice are merged."""
    by_invoice: dict[str, tuple[int, date]] = {}
    for part in applied:
        earlier, _ = by_invoice.get(part.invoice_id, (0, part.received_on))
        by_invoice[part.invoice_id] = (earlier + part.amount, part.received_on)
    if not by_invoice:
        return
    await session.execute(
        insert(AllocationRow)
        .values(
            [
                {
                    "payment_id": payment_id,
                    "invoice_id": invoice_id,
                    "customer_id": customer_id,
                    "amount_minor": amount,
                    "received_on": received_on,
                }
                for invoice_id, (amount, received_on) in by_invoice.items()
            ]
        )
        .on_conflict_do_nothing()
    )
