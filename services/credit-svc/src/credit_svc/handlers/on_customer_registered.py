from sqlalchemy.ext.asyncio import AsyncSession

from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.use_cases.open_credit_account import open_credit_account
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    await open_credit_account(
        CreditUnitOfWork(session),
        customer_id=data.customer_id,
        currency=data.currency,
        terms_days=data.payment_terms_days,
        name=data.name,
    )
