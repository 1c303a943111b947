"""Every period from the first posting's (or the first one closed) to the business date's."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.periods.accounting_period import (
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
    last = max(period_of(today), *states)
    periods, period = [], min(starts)
    while period <= last:
        periods.append(states.get(period) or open_period(period))
        period = next_period(period)
    return periods
