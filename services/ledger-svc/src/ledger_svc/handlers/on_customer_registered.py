"""A customer was registered: the ledger opens their receivables account."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.books.open_customer_account import open_customer_account
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    await open_customer_account(
        LedgerUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        payment_terms_days=data.payment_terms_days,
        registered_at=data.registered_at,
        code=data.code,
    )
