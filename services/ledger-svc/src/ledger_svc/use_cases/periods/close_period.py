"""Close an accounting period once its checks pass; reopen one, for a reason (admins only)."""

from calendar import monthrange
from datetime import date, datetime

from ledger_svc.adapters.unit_of_work import LedgerUnitOfWork
from ledger_svc.domain.periods.accounting_period import AccountingPeriod, PeriodNotOver, first_day
from ledger_svc.domain.periods.period_close import PeriodNotReady, close_checks
from ledger_svc.use_cases.books.check_integrity import check_integrity

# Enough failures to act on; the checks' own endpoints list the rest.
FAILURES_SHOWN = 100


async def close_period(
    uow: LedgerUnitOfWork, *, period: str, closed_by: str, closed_at: datetime, today: date
) -> AccountingPeriod:
    start = first_day(period)
    last = date(start.year, start.month, monthrange(start.year, start.month)[1])
    if last >= today:
        raise PeriodNotOver(period, today)
    # Postings wait from here until commit: the checks see the books the close covers.
    await uow.periods.lock_for_change()
    standing = await uow.periods.get(period)
    integrity = await check_integrity(uow, violations_shown=FAILURES_SHOWN, snapshot=False)
    bank_lines = await uow.periods.unexplained_bank_lines(start, last, FAILURES_SHOWN)
    checks = close_checks(integrity, bank_lines)
    if not all(c.ok for c in checks):
        raise PeriodNotReady(period, checks)
    closed = standing.close(by=closed_by, at=closed_at)
    await uow.periods.record(closed)
    return closed


async def reopen_period(
    uow: LedgerUnitOfWork, *, period: str, reopened_by: str, reopened_at: datetime, reason: str
) -> AccountingPeriod:
    first_day(period)
    await uow.periods.lock_for_change()
    reopened = (await uow.periods.get(period)).reopen(by=reopened_by, at=reopened_at, reason=reason)
    await uow.periods.record(reopened)
    return reopened
