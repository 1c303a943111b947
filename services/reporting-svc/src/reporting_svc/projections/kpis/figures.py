"""DSO (standard, best possible, countback), ADD and CEI from their inputs, exactly as the
report conventions define them; figures rounded half up to two places. Pure rules, no I/O."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

COUNTBACK_CAP = 24
HUNDREDTH = Decimal("0.01")


def two_places(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP))


def dso(receivables: int, sales: int, days: int) -> Decimal | None:
    """Receivables / credit sales x days; None without credit sales."""
    if sales == 0:
        return None
    return Decimal(receivables) / Decimal(sales) * days


@dataclass(frozen=True)
class Countback:
    days: Decimal
    months_used: int
    cap_reached: bool


def countback(receivables: int, sales: Sequence[int], days: Sequence[int]) -> Countback:
    """Walk back month by month while receivables remain: a month whose sales they cover adds
    its days, the month that covers the rest adds its share; a month without sales adds its
    days. `sales` and `days` are months 1, 2, ... up to the cap."""
    left = Decimal(receivables)
    total = Decimal(0)
    used = 0
    for month_sales, month_days in zip(sales[:COUNTBACK_CAP], days, strict=False):
        if left <= 0:
            break
        used += 1
        if month_sales > 0 and left < month_sales:
            total += left / Decimal(month_sales) * month_days
            left = Decimal(0)
            break
        total += month_days
        left -= month_sales
    return Countback(total, used, left > 0 and used >= COUNTBACK_CAP)


def cei(opening: int, sales: Decimal, closing: int, closing_current: int) -> Decimal | None:
    """(opening + sales - closing) / (opening + sales - current at close) x 100."""
    denominator = opening + sales - closing_current
    if denominator == 0:
        return None
    return (opening + sales - closing) / denominator * 100
