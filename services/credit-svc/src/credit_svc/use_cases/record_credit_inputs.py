"""A credit manager records a customer's financial statement or a bureau's report."""

from datetime import date, datetime

from uuid6 import uuid7

from credit_svc.adapters.credit_inputs import Recorded
from credit_svc.adapters.unit_of_work import CreditUnitOfWork
from credit_svc.domain.amounts import AmountNotValid, DateOutOfRange
from credit_svc.domain.bureau_reports import BureauReport, checked_report
from credit_svc.domain.financial_statements import (
    FinancialStatement,
    ImpossibleStatement,
    checked,
)
from credit_svc.use_cases.credit_standing import account_of
from ledgerflow_events.money import InvalidAmount, UnknownCurrency, to_minor

EARLIEST, LATEST = date(1900, 1, 1), date(2200, 12, 31)
# Statements of the largest groups stay well inside BIGINT minor units.
MAX_MINOR = 10**17


async def record_statement(
    uow: CreditUnitOfWork,
    customer_id: str,
    *,
    period_end: date,
    currency: str,
    amounts: dict[str, str],
    by: str,
    now: datetime,
) -> Recorded[FinancialStatement]:
    await account_of(uow, customer_id)
    _within_years(period_end, "period_end")
    _minor("0", currency, "currency")
    minor = {name: _minor(text, currency, name) for name, text in amounts.items()}
    statement = checked(FinancialStatement(period_end=period_end, currency=currency, **minor))
    recorded = Recorded(str(uuid7()), customer_id, statement, by, now)
    await uow.inputs.add_statement(recorded)
    return recorded


async def record_bureau_report(
    uow: CreditUnitOfWork, customer_id: str, report: BureauReport, *, by: str, now: datetime
) -> Recorded[BureauReport]:
    await account_of(uow, customer_id)
    _within_years(report.reported_on, "reported_on")
    recorded = Recorded(str(uuid7()), customer_id, checked_report(report), by, now)
    await uow.inputs.add_report(recorded)
    return recorded


def _minor(text: str, currency: str, field: str) -> int:
    try:
        minor = to_minor(text, currency)
    except UnknownCurrency as exc:
        raise ImpossibleStatement(str(exc), field="currency") from exc
    except InvalidAmount as exc:
        raise AmountNotValid(str(exc), field=field) from exc
    if abs(minor) > MAX_MINOR:
        raise AmountNotValid(f"{field} is beyond any statement.", field=field)
    return minor


def _within_years(day: date, field: str) -> None:
    if not EARLIEST <= day <= LATEST:
        raise DateOutOfRange(f"{field} must lie in the years 1900 to 2200.", field=field)
