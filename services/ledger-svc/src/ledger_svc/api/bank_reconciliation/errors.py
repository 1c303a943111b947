"""Problem types of bank reconciliation's domain errors."""

from ledger_svc.domain.bank_reconciliation.bank_accounts import InvalidIban
from ledger_svc.domain.bank_reconciliation.bank_statement import (
    BankStatementFileTooLarge,
    BankStatementNotFound,
    MalformedBankStatement,
)
from ledger_svc.domain.bank_reconciliation.manual_match import (
    BankLineNotFound,
    LineAlreadyMatched,
    MatchDoesNotAgree,
    NotMoneyReceived,
    PaymentAlreadyMatched,
    ReversedPaymentNotMatchable,
)
from ledger_svc.domain.bank_reconciliation.matching import InvalidDateWindow
from ledger_svc.domain.bank_reconciliation.payer_names import InvalidPayerName
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
    BankLineNotFound: ProblemType(404, "bank-line-not-found", "No such statement line"),
    LineAlreadyMatched: ProblemType(409, "line-already-matched", "The line is matched already"),
    PaymentAlreadyMatched: ProblemType(
        409, "payment-already-matched", "The payment is matched to another line"
    ),
    NotMoneyReceived: ProblemType(422, "not-money-received", "The line is money paid out"),
    ReversedPaymentNotMatchable: ProblemType(
        409, "payment-reversed", "A reversed payment matches no line"
    ),
    MatchDoesNotAgree: ProblemType(
        422, "match-does-not-agree", "The line and what it is matched to do not agree"
    ),
    InvalidPayerName: ProblemType(422, "invalid-payer-name", "Not a name to recognise a payer by"),
}
