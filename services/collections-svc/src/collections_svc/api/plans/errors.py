from collections_svc.domain.payment_plan import (
    InstalmentNotPositive,
    InstalmentsOutOfOrder,
    InvoicesAlreadyPlanned,
    PlanDoesNotAddUp,
    PlanNotFound,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    PlanDoesNotAddUp: ProblemType(
        422, "plan-does-not-add-up", "The instalments do not add up to the open amount"
    ),
    InstalmentsOutOfOrder: ProblemType(
        422, "instalments-out-of-order", "Instalments are listed by due date"
    ),
    InstalmentNotPositive: ProblemType(
        422, "validation-error", "An instalment is for an amount above zero"
    ),
    InvoicesAlreadyPlanned: ProblemType(
        409, "invoice-already-planned", "An invoice is already in a plan on track"
    ),
    PlanNotFound: ProblemType(404, "plan-not-found", "No such payment plan"),
}
