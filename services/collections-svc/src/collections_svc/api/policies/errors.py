from collections_svc.domain.dunning_policy import (
    InvalidLevels,
    PolicyNotDraft,
    PolicyNotFound,
    PolicyNotInForce,
)
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidLevels: ProblemType(422, "invalid-dunning-levels", "The dunning levels do not climb"),
    PolicyNotFound: ProblemType(404, "dunning-policy-not-found", "No such dunning policy"),
    PolicyNotDraft: ProblemType(409, "dunning-policy-not-draft", "Only a draft can be activated"),
    PolicyNotInForce: ProblemType(
        409, "dunning-policy-not-in-force", "The dunning policy has no version in force"
    ),
}
