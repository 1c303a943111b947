"""A customer signed a contract: the ledger learns its number, so opening balances and
invoices can name it."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.contracts import CustomerContract
from ledgerflow_events.contracts.customer import ContractSigned
from ledgerflow_events.inbox import ReceivedEvent


async def on_contract_signed(session: AsyncSession, event: ReceivedEvent[ContractSigned]) -> None:
    data = event.data
    await LedgerUnitOfWork(session).contracts.learn(
        CustomerContract(data.contract_id, data.customer_id, data.number, data.currency)
    )
