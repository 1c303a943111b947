"""Every period from the first posting's (or the first one closed) to the business date's."""

from datetime import date

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.periods.accounting_period import AccountingPeriod
from ledger_svc.domain.periods.period_list import listed_periods


async def list_periods(uow: LedgerUnitOfWork, *, today: date) -> list[AccountingPeriod]:
    return listed_periods(
        today=today,
        states=await uow.periods.states(),
        first_posting=await uow.periods.first_posting_date(),
    )
