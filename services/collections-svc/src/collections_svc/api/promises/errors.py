from collections_svc.domain.promise import (
    CaseNotOpen,
    InvoicesNotOfCustomer,
    PromiseInThePast,
    PromiseNotFound,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    PromiseInThePast: ProblemType(422, "promise-in-the-past", "A promise cannot be in the past"),
    InvoicesNotOfCustomer: ProblemType(
        422, "unknown-invoice", "Collections knows no such open invoice of this customer"
    ),
    PromiseNotFound: ProblemType(404, "promise-not-found", "No such promise to pay"),
    CaseNotOpen: ProblemType(409, "case-closed", "The collection case is closed"),
}
