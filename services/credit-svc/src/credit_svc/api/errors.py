"""The one table from credit-svc's domain errors to problem details."""

from credit_svc.domain.exposure import CustomerNotFound, UnsupportedCurrency
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    CustomerNotFound: ProblemType(404, "customer-not-found", "No such customer"),
    UnsupportedCurrency: ProblemType(422, "unsupported-currency", "The currency is not supported"),
}
