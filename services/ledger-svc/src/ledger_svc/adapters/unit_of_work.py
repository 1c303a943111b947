"""ledger-svc's unit of work: accounts, invoices, payments and the journal, with the outbox,
in one txn."""

from sqlalchemy.ext.asyncio import AsyncSession

from ledger_svc.adapters.adjustments.credit_notes import CreditNoteRepository, InvoiceAdjustments
from ledger_svc.adapters.adjustments.customer_credit import CustomerCreditRepository
from ledger_svc.adapters.adjustments.late_fees import LateFeeRepository
from ledger_svc.adapters.adjustments.notice_fees import NoticeFeeRepository
from ledger_svc.adapters.adjustments.refunds import RefundRepository
from ledger_svc.adapters.adjustments.write_offs import WriteOffRepository
from ledger_svc.adapters.bank_reconciliation.bank_statements import BankStatementRepository
from ledger_svc.adapters.bank_reconciliation.payer_names import CustomerPayerNames, ManualMatches
from ledger_svc.adapters.bank_reconciliation.reconciliations import (
    CustomerBankAccounts,
    ReconciliationRepository,
)
from ledger_svc.adapters.books.accounts import CustomerAccountRepository
from ledger_svc.adapters.books.contracts import CustomerContracts
from ledger_svc.adapters.books.integrity import LedgerIntegrity
from ledger_svc.adapters.books.journal import JournalRepository
from ledger_svc.adapters.controls.approvals import ApprovalRepository
from ledger_svc.adapters.invoicing.invoice_imports import InvoiceImportStore
from ledger_svc.adapters.invoicing.invoices import InvoiceRepository
from ledger_svc.adapters.payments.credit_applications import CreditApplicationRepository
from ledger_svc.adapters.payments.payment_book import PaymentBook
from ledger_svc.adapters.payments.payments import PaymentRepository
from ledger_svc.adapters.periods.periods import AccountingPeriods
from ledger_svc.adapters.statements.statement_queries import StatementQueries
from ledger_svc.adapters.tables.messaging import outbox
from ledgerflow_platform.unit_of_work import UnitOfWork


class LedgerUnitOfWork(UnitOfWork):
    """One ledger transaction: accounts, invoices, payments, journal and the events they cause."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, outbox)
        self.accounts = CustomerAccountRepository(session)
        self.contracts = CustomerContracts(session)
        self.invoices = InvoiceRepository(session)
        self.payments = PaymentRepository(session)
        self.payment_book = PaymentBook(session)
        self.credit_applications = CreditApplicationRepository(session)
        self.journal = JournalRepository(session)
        self.integrity = LedgerIntegrity(session)
        self.statements = StatementQueries(session)
        self.invoice_imports = InvoiceImportStore(session)
        self.credit_notes = CreditNoteRepository(session)
        self.invoice_adjustments = InvoiceAdjustments(session)
        self.customer_credit = CustomerCreditRepository(session)
        self.refunds = RefundRepository(session)
        self.write_offs = WriteOffRepository(session)
        self.late_fees = LateFeeRepository(session)
        self.notice_fees = NoticeFeeRepository(session)
        self.bank_statements = BankStatementRepository(session)
        self.reconciliations = ReconciliationRepository(session)
        self.customer_bank_accounts = CustomerBankAccounts(session)
        self.payer_names = CustomerPayerNames(session)
        self.manual_matches = ManualMatches(session)
        self.periods = AccountingPeriods(session)
        self.approvals = ApprovalRepository(session)
