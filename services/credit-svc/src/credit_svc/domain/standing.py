"""A customer's credit standing: exposure against the limit, in minor units.

1. Exposure is what the customer owes now (open receivables) plus what live reservations
   hold back for orders in flight: both are credit already spoken for.
2. Available is the limit less exposure; it goes negative when the customer is over limit.
3. Without a limit nothing is available and utilisation is unknown: every order is referred.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from credit_svc.domain.exposure import Exposure


@dataclass(frozen=True)
class Standing:
    customer_id: str
    currency: str
    credit_limit: int | None
    open_receivables: int
    overdue_amount: int
    reserved: int
    oldest_overdue_due: date | None = None

    @property
    def exposure(self) -> int:
        return self.open_receivables + self.reserved

    @property
    def available(self) -> int | None:
        return None if self.credit_limit is None else self.credit_limit - self.exposure

    @property
    def utilisation_percent(self) -> Decimal | None:
        """Exposure as a percent of the limit, to the hundredth; unknown against a zero limit."""
        if not self.credit_limit:
            return None
        ratio = Decimal(self.exposure * 100) / Decimal(self.credit_limit)
        return ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def standing_of(exposure: Exposure, credit_limit: int | None, reserved: int) -> Standing:
    return Standing(
        customer_id=exposure.customer_id,
        currency=exposure.currency,
        credit_limit=credit_limit,
        open_receivables=exposure.open_amount,
        overdue_amount=exposure.overdue_amount,
        reserved=reserved,
        oldest_overdue_due=exposure.oldest_overdue_due,
    )
