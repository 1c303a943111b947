"""Which months the period list shows: from the earliest of the first posting's, the first
closed one's and the business date's, to the latest closed one's or the business date's, all
inside the calendar the ledger keeps (1900-01 to 2200-12)."""

from collections.abc import Mapping
from datetime import date

from ledger_svc.domain.periods.accounting_period import (
    FIRST_YEAR,
    LAST_YEAR,
    AccountingPeriod,
    next_period,
    open_period,
    period_of,
)


def listed_periods(
    *, today: date, states: Mapping[str, AccountingPeriod], first_posting: date | None
) -> list[AccountingPeriod]:
    """Every month of the list in order, each as `states` has it, else open."""
    starts = [period_of(today), *states]
    if first_posting is not None:
        starts.append(period_of(first_posting))
    # Within the calendar the ledger keeps, whatever dates reached the journal.
    # A list to max(): max() of one string would pick its largest character.
    last = min(max([period_of(today), *states]), f"{LAST_YEAR}-12")
    periods, period = [], min(max(min(starts), f"{FIRST_YEAR}-01"), last)
    while True:
        periods.append(states.get(period) or open_period(period))
        # Stop at the last one: the month after 2200-12 is outside the calendar we keep.
        if period >= last:
            return periods
        period = next_period(period)
