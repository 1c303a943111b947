"""The one table from ledger-svc's domain errors to problem details: each feature's rows
(<feature>/errors.py), and those of the amounts every feature takes."""

from ledger_svc.api.adjustments.errors import ADJUSTMENT_ERRORS
from ledger_svc.api.bank_reconciliation.errors import RECONCILIATION_ERRORS
from ledger_svc.api.books.errors import BOOKS_ERRORS
from ledger_svc.api.controls.errors import CONTROL_ERRORS
from ledger_svc.api.invoicing.errors import INVOICING_ERRORS
from ledger_svc.api.opening_balances.errors import OPENING_BALANCE_ERRORS
from ledger_svc.api.payments.errors import PAYMENT_ERRORS
from ledger_svc.api.periods.errors import PERIOD_ERRORS
from ledger_svc.api.statements.errors import STATEMENT_ERRORS
from ledger_svc.domain.amounts import InvalidAmount
from ledger_svc.domain.controls.segregation import SegregationOfDuties
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidAmount: ProblemType(422, "invalid-amount", "Not an amount the ledger can record"),
    SegregationOfDuties: ProblemType(
        403, "segregation-of-duties", "Segregation of duties: another user must do this"
    ),
    **BOOKS_ERRORS,
    **INVOICING_ERRORS,
    **PAYMENT_ERRORS,
    **ADJUSTMENT_ERRORS,
    **STATEMENT_ERRORS,
    **RECONCILIATION_ERRORS,
    **PERIOD_ERRORS,
    **OPENING_BALANCE_ERRORS,
    **CONTROL_ERRORS,
}
