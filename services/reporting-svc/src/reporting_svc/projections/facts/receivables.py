"""Recording the receivables facts that reports are read from.

Each fact is written once under its natural key, so applying the same fact again (a replay,
or a redelivery with a new event id) leaves the tables as they were.
"""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from reporting_svc.adapters.tables import AllocationRow, CustomerAccountRow, InvoiceRow
from reporting_svc.adapters.tables_groups import InstalmentRow
from reporting_svc.projections.aging.changes import refresh_aging_changes
from reporting_svc.projections.aging.reference import AppliedPayment, IssuedInvoice, VoidedInvoice


async def record_customer(
    session: AsyncSession, customer_id: str, name: str, currency: str
) -> None:
    statement = insert(CustomerAccountRow).values(id=customer_id, name=name, currency=currency)
    # A customer first seen through a credit or collections fact has no name yet.
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(CustomerAccountRow.id)],
            set_={"name": statement.excluded.name, "currency": statement.excluded.currency},
            where=col(CustomerAccountRow.currency) == "",
        )
    )


async def record_invoice(
    session: AsyncSession,
    invoice: IssuedInvoice,
    number: str,
    *,
    issued_at: datetime | None = None,
    instalments: Iterable[tuple[date, int]] = (),
    contract_id: str | None = None,
    opening: bool = False,
) -> None:
    """The invoice and its instalments (due date and amount in minor units), once."""
    statement = insert(InvoiceRow).values(
        id=invoice.invoice_id,
        customer_id=invoice.customer_id,
        number=number,
        currency=invoice.currency,
        total_minor=invoice.total,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        issued_at=issued_at,
        contract_id=contract_id,
        opening=opening,
    )
    # An invoice whose void came first carries the void date as its issue and due dates:
    # the real ones restore its aging up to the void, and the void itself stays.
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(InvoiceRow.id)],
            set_={
                "issue_date": statement.excluded.issue_date,
                "due_date": statement.excluded.due_date,
                "issued_at": statement.excluded.issued_at,
                "contract_id": statement.excluded.contract_id,
                "opening": statement.excluded.opening,
            },
            where=col(InvoiceRow.voided_on).is_not(None),
        )
    )
    parts = [
        {"invoice_id": invoice.invoice_id, "position": n, "due_date": due, "amount_minor": amount}
        for n, (due, amount) in enumerate(instalments, start=1)
    ]
    if parts:
        await session.execute(insert(InstalmentRow).values(parts).on_conflict_do_nothing())
    await refresh_aging_changes(session, [invoice.invoice_id])


async def record_void(
    session: AsyncSession, void: VoidedInvoice, number: str, *, voided_at: datetime | None = None
) -> None:
    """Mark the invoice voided; one never seen is kept so a late InvoiceIssued stays void."""
    statement = insert(InvoiceRow).values(
        id=void.invoice_id,
        customer_id=void.customer_id,
        number=number,
        currency=void.currency,
        total_minor=void.total,
        # Issued and voided the same day: no aging ever shows it until its issue arrives.
        issue_date=void.voided_on,
        due_date=void.voided_on,
        voided_on=void.voided_on,
        voided_at=voided_at,
        # Not known as issued before the void was: its issue will bring the real time.
        issued_at=voided_at,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[col(InvoiceRow.id)],
            # The first void stands, whatever order the facts are applied in.
            set_={
                "voided_on": func.least(col(InvoiceRow.voided_on), statement.excluded.voided_on),
                "voided_at": func.coalesce(col(InvoiceRow.voided_at), statement.excluded.voided_at),
            },
        )
    )
    await refresh_aging_changes(session, [void.invoice_id])


# Built once, on the table: a multi-row insert built per payment was compiled anew each time
# (its row count is part of it), most of what recording a payment cost.
_ALLOCATED = insert(AllocationRow.__table__).on_conflict_do_nothing()  # type: ignore[attr-defined]


async def record_payment(
    session: AsyncSession,
    customer_id: str,
    payment_id: str,
    applied: Iterable[AppliedPayment],
    *,
    recorded_at: datetime | None = None,
    refresh: bool = True,
    opening: bool = False,
) -> set[str]:
    """One row per invoice the payment was applied to; parts for the same invoice are merged.
    Returns those invoices; without `refresh` their aging changes are left to the caller."""
    by_invoice: dict[str, tuple[int, date]] = {}
    for part in applied:
        earlier, _ = by_invoice.get(part.invoice_id, (0, part.received_on))
        by_invoice[part.invoice_id] = (earlier + part.amount, part.received_on)
    if not by_invoice:
        return set()
    await session.execute(
        _ALLOCATED,
        [
            {
                "payment_id": payment_id,
                "invoice_id": invoice_id,
                "customer_id": customer_id,
                "amount_minor": amount,
                "received_on": received_on,
                "recorded_at": recorded_at,
                "opening": opening,
            }
            for invoice_id, (amount, received_on) in by_invoice.items()
        ],
    )
    if refresh:
        await refresh_aging_changes(session, by_invoice)
    return set(by_invoice)
