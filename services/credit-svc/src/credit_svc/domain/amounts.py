"""Amounts a person or an order system sends, read into the account currency's minor units."""

from datetime import date

from ledgerflow_events.money import InvalidAmount, to_minor
from ledgerflow_platform.errors import DomainError


class AmountNotValid(DomainError):
    """Not a decimal amount at the currency's scale, or not within what is allowed."""


class CurrencyMismatch(DomainError):
    def __init__(self, given: str, account_currency: str) -> None:
        super().__init__(
            f"The customer's credit is kept in {account_currency}, not {given}.", field="currency"
        )


# A trillion in any currency's major unit: beyond any credit decision, well inside BIGINT.
MAX_MINOR = 10**15 * 100


def amount_in(text: str, currency: str, *, field: str = "amount", positive: bool = False) -> int:
    try:
        minor = to_minor(text, currency)
    except InvalidAmount as exc:
        raise AmountNotValid(str(exc), field=field) from exc
    if minor < 0 or (positive and minor == 0):
        raise AmountNotValid(
            f"{field} must be {'more than' if positive else 'at least'} zero.", field=field
        )
    if minor > MAX_MINOR:
        raise AmountNotValid(f"{field} is beyond any credit decision.", field=field)
    return minor


def same_currency(given: str | None, account_currency: str) -> None:
    if given is not None and given != account_currency:
        raise CurrencyMismatch(given, account_currency)


class DateOutOfRange(DomainError):
    """A business date outside the years 1900 to 2200."""


class DateInFuture(DomainError):
    """A run or assessment dated after today: facts of that day are not known yet."""


EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2200, 12, 31)


def business_date(day: date, *, today: date, field: str = "as_of") -> date:
    """A business date a person passed in: within 1900-2200 and not after today."""
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise DateOutOfRange(f"{field} must lie in the years 1900 to 2200.", field=field)
    if day > today:
        raise DateInFuture(f"{field} {day} is after today, {today}.", field=field)
    return day
