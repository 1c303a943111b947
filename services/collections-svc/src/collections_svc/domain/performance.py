"""Collector performance over a period (issue 11, item 10), per collector:

1. collected: what payments and credit applications dated in the period paid on overdue
   invoices of a case while it was assigned to the collector, per currency;
2. cases closed: cases now assigned to the collector closed in the period;
3. promises made, kept and broken in the period, in cases now assigned to the collector
   (made by made_on, kept by kept_on, broken by broken_on);
4. average days to close: over those closed cases, closed_on - opened_on, to the hundredth.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ledgerflow_platform.errors import DomainError


class PeriodBackwards(DomainError):
    def __init__(self, start: date, end: date) -> None:
        super().__init__(f"The period ends ({end}) before it starts ({start}).", field="to")


@dataclass
class CollectorFigures:
    collector: str
    collected: dict[str, int] = field(default_factory=dict)
    cases_closed: int = 0
    days_to_close: list[int] = field(default_factory=list)
    promises_made: int = 0
    promises_kept: int = 0
    promises_broken: int = 0

    @property
    def average_days_to_close(self) -> Decimal | None:
        if not self.days_to_close:
            return None
        average = Decimal(sum(self.days_to_close)) / len(self.days_to_close)
        return average.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check_period(start: date, end: date) -> None:
    if end < start:
        raise PeriodBackwards(start, end)
