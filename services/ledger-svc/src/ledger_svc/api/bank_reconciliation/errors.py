"""Problem types of bank reconciliation's domain errors."""

from ledger_svc.domain.bank_reconciliation.bank_accounts import InvalidIban
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementFileTooLarge,
    BankStatementNotFound,
    MalformedBankStatement,
)
from ledger_svc.domain.bank_reconciliation.matching import InvalidDateWindow
from ledger_svc.domain.bank_reconciliation.reconciliation import ReconciliationNotFound
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

RECONCILIATION_ERRORS: dict[type[DomainError], ProblemType] = {
    MalformedBankStatement: ProblemType(
        422, "malformed-statement", "The file is not a readable bank statement"
    ),
    BankStatementFileTooLarge: ProblemType(
        413, "statement-too-large", "The statement is too large"
    ),
    BankStatementNotFound: ProblemType(404, "bank-statement-not-found", "No such bank statement"),
    ReconciliationNotFound: ProblemType(404, "reconciliation-not-found", "No such reconciliation"),
    InvalidDateWindow: ProblemType(422, "invalid-date-window", "Not a matching date window"),
    InvalidIban: ProblemType(422, "invalid-iban", "Not a valid IBAN"),
}
