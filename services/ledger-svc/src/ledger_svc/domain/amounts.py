"""Amounts as the ledger accepts them: positive, at the currency's scale, within bounds."""

from decimal import Decimal

from ledgerflow_events import money
from ledgerflow_platform.errors import DomainError

# Far above any real receivable, far below bigint: sums of many amounts stay in range.
MAX_MINOR_UNITS = 10**15


class InvalidAmount(DomainError):
    """An amount that is not a sum of money the ledger can record."""


def parse_amount(text: str, currency: str, *, field: str, allow_zero: bool = False) -> int:
    """Minor units of a decimal string, refusing extra precision, negatives and absurd sums."""
    try:
        minor = money.to_minor(text, currency)
    except money.InvalidAmount as exc:
        raise InvalidAmount(str(exc), field=field) from exc
    if minor < 0 or (minor == 0 and not allow_zero):
        bound = "zero or more" if allow_zero else "more than zero"
        raise InvalidAmount(f"{field} must be {bound}, not {text}.", field=field)
    ensure_within_bounds(minor, currency, field=field)
    return minor


def ensure_within_bounds(minor: int, currency: str, *, field: str) -> None:
    if minor > MAX_MINOR_UNITS:
        limit = money.format_minor(MAX_MINOR_UNITS, currency)
        raise InvalidAmount(f"{field} exceeds the largest amount recorded, {limit}.", field=field)


def format_amount(minor: int, currency: str) -> str:
    return money.format_minor(minor, currency)


def format_quantity(quantity: Decimal) -> str:
    """A quantity without trailing zeros and never in exponent form: "2", "1.5", "100"."""
    return f"{quantity.normalize():f}"
