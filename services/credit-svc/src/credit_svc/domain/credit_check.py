"""The credit check an order system asks on every order: may this order pass?

Reasons, in the order they are judged (codes are stable; order systems branch on them):
1. on_hold: the customer is held (manual, over limit, overdue, stop supply) → declined.
2. overdue_beyond_tolerance: the oldest overdue invoice is later than the terms tolerate
   → declined.
3. no_credit_limit: no limit is set → referred.
4. over_limit: exposure plus the order exceeds the limit; within the over-limit tolerance
   → referred, beyond it → declined.
5. prepayment_required: the terms ask part of each order up front → referred.
The decision is the worst of its reasons; no reason approves. A credit manager's override of
the order (for at least this amount) approves what would only be referred.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from credit_svc.domain.standing import Standing
from credit_svc.domain.terms import (
    CreditTerms,
    beyond_over_limit_tolerance,
    overdue_beyond_tolerance,
)
from ledgerflow_events.money import format_minor


class Decision(StrEnum):
    APPROVED = "approved"
    REFERRED = "referred"
    DECLINED = "declined"


class ReasonCode(StrEnum):
    NO_CREDIT_LIMIT = "no_credit_limit"
    OVER_LIMIT = "over_limit"
    ON_HOLD = "on_hold"
    OVERDUE_BEYOND_TOLERANCE = "overdue_beyond_tolerance"
    PREPAYMENT_REQUIRED = "prepayment_required"


@dataclass(frozen=True)
class Reason:
    code: ReasonCode
    message: str
    declines: bool


@dataclass(frozen=True)
class CheckOutcome:
    decision: Decision
    reasons: list[Reason]
    exposure: int
    available_before: int | None
    available_after: int | None


def judge_order(
    standing: Standing,
    amount: int,
    *,
    on_hold: bool,
    as_of: date,
    terms: CreditTerms,
    overridden: bool,
) -> CheckOutcome:
    reasons = _reasons(standing, amount, on_hold, as_of, terms)
    if any(r.declines for r in reasons):
        decision = Decision.DECLINED
    elif reasons and not overridden:
        decision = Decision.REFERRED
    else:
        decision = Decision.APPROVED
    before = standing.available
    return CheckOutcome(
        decision=decision,
        reasons=reasons,
        exposure=standing.exposure,
        available_before=before,
        available_after=None if before is None else before - amount,
    )


def _reasons(
    standing: Standing, amount: int, on_hold: bool, as_of: date, terms: CreditTerms
) -> list[Reason]:
    currency, reasons = standing.currency, []
    if on_hold:
        reasons.append(Reason(ReasonCode.ON_HOLD, "The customer is on credit hold.", True))
    if overdue_beyond_tolerance(standing.oldest_overdue_due, as_of, terms):
        reasons.append(
            Reason(
                ReasonCode.OVERDUE_BEYOND_TOLERANCE,
                f"An invoice due {standing.oldest_overdue_due} is more than "
                f"{terms.overdue_tolerance_days} days overdue.",
                True,
            )
        )
    limit = standing.credit_limit
    if limit is None:
        reasons.append(
            Reason(ReasonCode.NO_CREDIT_LIMIT, "No credit limit is set; refer to credit.", False)
        )
    elif standing.exposure + amount > limit:
        beyond = beyond_over_limit_tolerance(standing.exposure + amount, limit, terms)
        after = format_minor(standing.exposure + amount, currency)
        reasons.append(
            Reason(
                ReasonCode.OVER_LIMIT,
                f"Exposure with this order, {after} {currency}, exceeds the limit of "
                f"{format_minor(limit, currency)} {currency}"
                + (f" by more than {terms.over_limit_tolerance_percent}%." if beyond else "."),
                beyond,
            )
        )
    if terms.prepayment_percent > 0:
        reasons.append(
            Reason(
                ReasonCode.PREPAYMENT_REQUIRED,
                f"The terms ask {terms.prepayment_percent}% of each order in advance.",
                False,
            )
        )
    return reasons
