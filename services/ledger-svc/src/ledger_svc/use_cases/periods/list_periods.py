"""Every period from the first posting's (or the first one closed) to the business date's."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.periods.accounting_period import (
    FIRST_YEAR,
    LAST_YEAR,
    AccountingPeriod,
    next_period,
    open_period,
    period_of,
)


async def list_periods(uow: LedgerUnitOfWork, *, today: date) -> list[AccountingPeriod]:
    states = await uow.periods.states()
    first = await uow.periods.first_posting_date()
    starts = [period_of(today), *states]
    if first is not None:
        starts.append(period_of(first))
    # Within the calendar the ledger keeps, whatever dates reached the journal.
    last = min(max(period_of(today), *states), f"{LAST_YEAR}-12")
    periods, period = [], min(max(min(starts), f"{FIRST_YEAR}-01"), last)
    while True:
        periods.append(states.get(period) or open_period(period))
        # Stop at the last one: the month after 2200-12 is outside the calendar we keep.
        if period >= last:
            return periods
        period = next_period(period)
