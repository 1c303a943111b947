"""A customer was registered: the ledger opens their receivables account, and knows its legal
name as a payer name for bank reconciliation."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.bank_reconciliation.payer_names import remember_legal_name
from ledger_svc.use_cases.books.open_customer_account import open_customer_account
from ledgerflow_events.contracts.customer import CustomerRegistered
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_registered(
    session: AsyncSession, event: ReceivedEvent[CustomerRegistered]
) -> None:
    data = event.data
    uow = LedgerUnitOfWork(session)
    await open_customer_account(
        uow,
        customer_id=data.customer_id,
        currency=data.currency,
        payment_terms_days=data.payment_terms_days,
        registered_at=data.registered_at,
        code=data.code,
    )
    await remember_legal_name(uow, customer_id=data.customer_id, name=data.name)
