"""The one table from credit-svc's domain errors to problem details."""

from credit_svc.domain.amounts import (
    AmountNotValid,
    CurrencyMismatch,
    DateInFuture,
    DateOutOfRange,
)
from credit_svc.domain.bureau_reports import ImpossibleReport
from credit_svc.domain.exposure import CustomerNotFound, UnsupportedCurrency
from credit_svc.domain.financial_statements import ImpossibleStatement
from credit_svc.domain.holds import AutomaticHold, HoldAlreadyReleased, HoldNotFound
from credit_svc.domain.limits import (
    InvalidLimit,
    LimitNotFound,
    LimitNotPending,
    SegregationOfDuties,
)
from credit_svc.domain.policy import PolicyNotDraft, PolicyNotFound, PolicyNotValid
from credit_svc.domain.reservations import ExpiryNotValid, ReservationEnded, ReservationNotFound
from credit_svc.domain.reviews import ReviewNotFound, ReviewNotOpen
from credit_svc.use_cases.check_credit import ReservationNeedsOrder
from credit_svc.use_cases.read_credit_report import ReportFontMissing
from ledgerflow_platform.errors import DomainError
from ledgerflow_platform.web.problems import ProblemType

ERRORS: dict[type[DomainError], ProblemType] = {
    CustomerNotFound: ProblemType(404, "customer-not-found", "No such customer"),
    UnsupportedCurrency: ProblemType(422, "unsupported-currency", "The currency is not supported"),
    AmountNotValid: ProblemType(422, "invalid-amount", "The amount is not valid"),
    CurrencyMismatch: ProblemType(422, "currency-mismatch", "Not the account's currency"),
    InvalidLimit: ProblemType(422, "invalid-credit-limit", "The credit limit is not valid"),
    LimitNotFound: ProblemType(404, "credit-limit-not-found", "No such credit limit"),
    LimitNotPending: ProblemType(409, "credit-limit-not-pending", "The limit is not pending"),
    SegregationOfDuties: ProblemType(
        403, "segregation-of-duties", "Another credit manager must approve this"
    ),
    HoldNotFound: ProblemType(404, "hold-not-found", "No such credit hold"),
    HoldAlreadyReleased: ProblemType(409, "hold-already-released", "The hold was released"),
    AutomaticHold: ProblemType(
        409, "hold-released-automatically", "This hold is released when its cause clears"
    ),
    ReservationNotFound: ProblemType(404, "reservation-not-found", "No such reservation"),
    ReservationEnded: ProblemType(409, "reservation-ended", "The reservation no longer counts"),
    ExpiryNotValid: ProblemType(422, "invalid-expiry", "The expiry is not valid"),
    ReservationNeedsOrder: ProblemType(422, "order-reference-required", "Name the order"),
    PolicyNotFound: ProblemType(404, "credit-policy-not-found", "No such credit policy version"),
    PolicyNotDraft: ProblemType(409, "credit-policy-not-draft", "Only a draft can be activated"),
    PolicyNotValid: ProblemType(422, "invalid-credit-policy", "The policy contradicts itself"),
    DateOutOfRange: ProblemType(422, "date-out-of-range", "The date is out of range"),
    DateInFuture: ProblemType(422, "date-in-future", "The business date is after today"),
    ImpossibleStatement: ProblemType(
        422, "impossible-statement", "No real balance sheet has these figures"
    ),
    ImpossibleReport: ProblemType(422, "impossible-bureau-report", "The score is off its scale"),
    ReportFontMissing: ProblemType(503, "report-font-missing", "The PDF cannot print names"),
    ReviewNotFound: ProblemType(404, "review-not-found", "No such credit review"),
    ReviewNotOpen: ProblemType(409, "review-not-open", "The review was already completed"),
}
