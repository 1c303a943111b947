from sqlalchemy.ext.asyncio import AsyncSession

from collections_svc.adapters.unit_of_work import CollectionsUnitOfWork
from collections_svc.use_cases.restate_open_amounts import restate_open_amounts
from ledgerflow_events.contracts.ledger import CreditNoteIssued
from ledgerflow_events.inbox import ReceivedEvent
from ledgerflow_events.money import to_minor


async def on_credit_note_issued(
    session: AsyncSession, event: ReceivedEvent[CreditNoteIssued]
) -> None:
    data = event.data
    # A credit note on account is customer credit: no invoice owes less until it is applied.
    if data.invoice_id is None or data.invoice_open_amount_after is None:
        return
    await restate_open_amounts(
        CollectionsUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        open_after={data.invoice_id: to_minor(data.invoice_open_amount_after, data.currency)},
        on=data.issue_date,
        changed_by="credited",
    )
