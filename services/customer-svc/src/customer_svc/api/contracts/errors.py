"""Problem types of contracts: their rows of customer-svc's one ERRORS table."""

from customer_svc.domain.contracts.contract import (
    ContractChangedSinceRead,
    ContractClosedForAmendment,
    ContractCustomerNotFound,
    ContractNotFound,
    ContractNumberTaken,
    IllegalContractTransition,
)
from customer_svc.domain.contracts.terms import InvalidContractTerms, NothingToAmend
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

CONTRACT_ERRORS: dict[type[DomainError], ProblemType] = {
    InvalidContractTerms: ProblemType(422, "invalid-contract-terms", "Invalid contract terms"),
    NothingToAmend: ProblemType(422, "nothing-to-amend", "The amendment changes nothing"),
    ContractNotFound: ProblemType(404, "contract-not-found", "No such contract"),
    ContractCustomerNotFound: ProblemType(404, "customer-not-found", "No such customer"),
    ContractNumberTaken: ProblemType(409, "contract-number-taken", "Contract number in use"),
    IllegalContractTransition: ProblemType(
        409, "illegal-contract-transition", "The contract cannot move to that status"
    ),
    ContractClosedForAmendment: ProblemType(
        409, "contract-closed", "A completed or terminated contract cannot be amended"
    ),
    ContractChangedSinceRead: ProblemType(
        412, "contract-changed", "The contract changed since you read it"
    ),
}
