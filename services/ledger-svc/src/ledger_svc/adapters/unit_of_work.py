"""ledger-svc's unit of work: accounts, invoices and payments, with the outbox, in one txn."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.accounts import CustomerAccountRepository
from ledger_svc.adapters.invoices import InvoiceRepository
from ledger_svc.adapters.payments import PaymentRepository
from ledger_svc.adapters.tables import outbox
from ledgerflow_platform.unit_of_work import UnitOfWork


class LedgerUnitOfWork(UnitOfWork):
    """One ledger transaction: accounts, invoices, payments and the events they cause."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.accounts = CustomerAccountRepository(session)
        self.invoices = InvoiceRepository(session)
        self.payments = PaymentRepository(session)
