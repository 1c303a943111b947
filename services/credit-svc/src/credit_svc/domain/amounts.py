"""Amounts a person or an order system sends, read into the account currency's minor units."""

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
