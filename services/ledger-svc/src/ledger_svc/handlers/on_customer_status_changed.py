"""A customer was suspended, closed or reactivated: the ledger stops or resumes invoicing it."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.books.follow_customer_file import change_customer_account_status
from ledgerflow_events.contracts.customer import CustomerStatusChanged
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_status_changed(
    session: AsyncSession, event: ReceivedEvent[CustomerStatusChanged]
) -> None:
    await change_customer_account_status(
        LedgerUnitOfWork(session), customer_id=event.data.customer_id, status=event.data.to_status
    )
