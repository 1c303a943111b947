"""A customer's file changed: the ledger takes over new terms, currency and code, so the next
invoice is due on the terms known when it is posted."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.books.follow_customer_file import KEPT_FIELDS, revise_customer_account
from ledgerflow_events.contracts.customer import CustomerProfileUpdated
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_profile_updated(
    session: AsyncSession, event: ReceivedEvent[CustomerProfileUpdated]
) -> None:
    data = event.data
    changed = set(data.changed_fields)
    await revise_customer_account(
        LedgerUnitOfWork(session),
        customer_id=data.customer_id,
        changes={name: getattr(data, name) for name in KEPT_FIELDS if name in changed},
    )
