"""Problem types of a customer's bank accounts: their rows of customer-svc's one ERRORS table."""

from customer_svc.domain.bank_accounts import (
    BankAccountNotFound,
    DuplicateBankAccount,
    InvalidBic,
    InvalidIban,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

BANK_ACCOUNT_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidIban: ProblemType(422, "invalid-iban", "Invalid IBAN"),
    InvalidBic: ProblemType(422, "invalid-bic", "Invalid BIC"),
    DuplicateBankAccount: ProblemType(
        409, "duplicate-bank-account", "The customer already has this account"
    ),
    BankAccountNotFound: ProblemType(404, "bank-account-not-found", "No such bank account"),
}
