"""customer-svc's unit of work and repository."""

from sqlalchemy.ext.asyncio import AsyncSession

from customer_svc.adapters.bank_accounts import BankAccountRepository
from customer_svc.adapters.complaints import ComplaintRepository
from customer_svc.adapters.contacts import ContactRepository
from customer_svc.adapters.contracts import ContractRepository
from customer_svc.adapters.customers import CustomerRepository
from customer_svc.adapters.personal_data.access_log import AccessLog
from customer_svc.adapters.tables.base import outbox
from ledgerflow_platform.unit_of_work import UnitOfWork


class CustomerUnitOfWork(UnitOfWork):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.customers = CustomerRepository(session)
        self.contacts = ContactRepository(session)
        self.bank_accounts = BankAccountRepository(session)
        self.access_log = AccessLog(session)
        self.contracts = ContractRepository(session)
        self.complaints = ComplaintRepository(session)
