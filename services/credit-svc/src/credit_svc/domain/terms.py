"""The terms credit control holds a customer to until a policy grades it.

A customer never assessed is ungraded: its checks use the limit set by hand, ask no
prepayment and no guarantee, and these tolerances decide when an order is referred rather
than declined and when lateness stops supply.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class CreditTerms:
    # Exposure may exceed the limit by this percent and the order is referred, not declined.
    over_limit_tolerance_percent: Decimal
    # Days past due of the oldest overdue invoice after which new orders are held.
    overdue_tolerance_days: int
    prepayment_percent: Decimal
    guarantee_required: bool


# The ungraded terms of the default policy (version 1), as its migration installs them.
UNGRADED = CreditTerms(
    over_limit_tolerance_percent=Decimal(10),
    overdue_tolerance_days=30,
    prepayment_percent=Decimal(0),
    guarantee_required=False,
)


def beyond_over_limit_tolerance(exposure: int, credit_limit: int, terms: CreditTerms) -> bool:
    """Exposure above the limit by more than the tolerance: decline, and hold."""
    return exposure * 100 > credit_limit * (100 + terms.over_limit_tolerance_percent)


def overdue_beyond_tolerance(oldest_due: date | None, as_of: date, terms: CreditTerms) -> bool:
    """The oldest invoice still owed and past due is later than the terms tolerate."""
    return oldest_due is not None and (as_of - oldest_due).days > terms.overdue_tolerance_days
