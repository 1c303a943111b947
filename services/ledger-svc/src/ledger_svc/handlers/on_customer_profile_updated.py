"""A customer's file changed: the ledger takes over new terms, currency and code, so the next
invoice is due on the terms known when it is posted, and a new legal name, so the bank lines
of a renamed customer are matched by the name it now pays under."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.use_cases.bank_reconciliation.payer_names import remember_legal_name
from ledger_svc.use_cases.books.follow_customer_file import KEPT_FIELDS, revise_customer_account
from ledgerflow_events.contracts.customer import CustomerProfileUpdated
from ledgerflow_events.inbox import ReceivedEvent


async def on_customer_profile_updated(
    session: AsyncSession, event: ReceivedEvent[CustomerProfileUpdated]
) -> None:
    data = event.data
    changed = set(data.changed_fields)
    uow = LedgerUnitOfWork(session)
    known = await revise_customer_account(
        uow,
        customer_id=data.customer_id,
        changes={name: getattr(data, name) for name in KEPT_FIELDS if name in changed},
    )
    # The old legal name is replaced, not kept as an alias: payers are matched by the legal
    # name and by the aliases someone added, which stay.
    if known and "name" in changed and data.name:
        await remember_legal_name(uow, customer_id=data.customer_id, name=data.name)
