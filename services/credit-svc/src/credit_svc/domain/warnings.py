"""Early warnings: signs of trouble before a loss, each per the policy's thresholds.

1. large_debt: exposure above the amount, or above the percent of the limit.
2. long_unpaid: the oldest invoice still owed is more than N days past due.
3. behaviour_drift: average days beyond terms over the last 90 days exceeds the 12-month
   figure by more than N days (both known).
4. returned_payment: at least N payments returned in the last 12 months.
A warning is raised once when crossed and not again until it has cleared and recurs.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum
from typing import Any

from credit_svc.domain.behaviour import Behaviour
from credit_svc.domain.standing import Standing
from ledgerflow_events.money import currency_scale, format_minor


class WarningKind(StrEnum):
    LARGE_DEBT = "large_debt"
    LONG_UNPAID = "long_unpaid"
    BEHAVIOUR_DRIFT = "behaviour_drift"
    RETURNED_PAYMENT = "returned_payment"


@dataclass(frozen=True)
class CreditWarning:
    id: str
    customer_id: str
    kind: WarningKind
    detail: str
    raised_on: date
    cleared_on: date | None = None


def warnings_due(
    standing: Standing, behaviour: Behaviour, thresholds: dict[str, Any]
) -> dict[WarningKind, str]:
    """Each warning the customer crosses now, with what crossed it."""
    found: dict[WarningKind, str] = {}
    currency = standing.currency
    amount = Decimal(str(thresholds["large_debt_exposure"])).scaleb(currency_scale(currency))
    percent = Decimal(str(thresholds["large_debt_utilisation_percent"]))
    utilisation = standing.utilisation_percent
    exposure = format_minor(standing.exposure, currency)
    if standing.exposure > amount.to_integral_value(ROUND_DOWN):
        found[WarningKind.LARGE_DEBT] = f"Exposure {exposure} {currency} is above the threshold."
    elif utilisation is not None and utilisation > percent:
        found[WarningKind.LARGE_DEBT] = f"Exposure is {utilisation}% of the limit."
    days = int(thresholds["long_unpaid_days"])
    if behaviour.longest_days_past_due > days:
        found[WarningKind.LONG_UNPAID] = (
            f"The oldest invoice owed is {behaviour.longest_days_past_due} days past due."
        )
    recent, year = behaviour.days_beyond_terms_90d, behaviour.days_beyond_terms
    drift = int(thresholds["behaviour_drift_days"])
    if recent is not None and year is not None and recent - year > drift:
        found[WarningKind.BEHAVIOUR_DRIFT] = (
            f"Paying {recent:.2f} days beyond terms over 90 days against {year:.2f} over 12 months."
        )
    returned = int(thresholds["returned_payments"])
    if returned > 0 and behaviour.returned_payments >= returned:
        found[WarningKind.RETURNED_PAYMENT] = (
            f"{behaviour.returned_payments} payment(s) returned in the last 12 months."
        )
    return found
