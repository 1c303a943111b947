"""Open a dispute on an invoice, and resolve it: both are facts credit and reporting follow."""

from datetime import date

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.domain.dispute import (
    Dispute,
    DisputeExceedsInvoice,
    DisputeNotFound,
    DisputeStatus,
    UnknownInvoice,
)
from ledgerflow_events.contracts.collections import DisputeOpened, DisputeResolved
from ledgerflow_events.money import format_minor


async def open_dispute(
    uow: CollectionsUnitOfWork,
    *,
    dispute_id: str,
    invoice_id: str,
    amount: int,
    reason: str,
    on: date,
) -> Dispute:
    owed = await uow.dunned.owed_on(invoice_id)
    if owed is None:
        raise UnknownInvoice(invoice_id)
    customer_id, currency, open_amount = owed
    if amount > open_amount:
        raise DisputeExceedsInvoice(amount, open_amount)
    dispute = Dispute(
        dispute_id, customer_id, invoice_id, currency, amount, reason, DisputeStatus.OPEN, on
    )
    await uow.disputes.add(dispute)
    await uow.emit(
        DisputeOpened(
            customer_id=customer_id,
            dispute_id=dispute_id,
            invoice_id=invoice_id,
            currency=currency,
            amount=format_minor(amount, currency),
            opened_on=on,
        )
    )
    return dispute


async def resolve_dispute(
    uow: CollectionsUnitOfWork, *, dispute_id: str, outcome: DisputeStatus, note: str, on: date
) -> Dispute:
    dispute = await uow.disputes.get(dispute_id, for_update=True)
    if dispute is None:
        raise DisputeNotFound(dispute_id)
    resolved = dispute.resolve(outcome, on, note)
    await uow.disputes.resolve(resolved)
    assert resolved.resolved_on is not None
    await uow.emit(
        DisputeResolved(
            customer_id=resolved.customer_id,
            dispute_id=resolved.id,
            invoice_id=resolved.invoice_id,
            currency=resolved.currency,
            amount=format_minor(resolved.amount, resolved.currency),
            outcome=resolved.status.value,
            resolved_on=resolved.resolved_on,
        )
    )
    return resolved


async def dispute_by_id(uow: CollectionsUnitOfWork, dispute_id: str) -> Dispute:
    dispute = await uow.disputes.get(dispute_id)
    if dispute is None:
        raise DisputeNotFound(dispute_id)
    return dispute
