"""Money in minor units, with each currency's ISO 4217 scale.

Amounts are stored as integers of the currency's minor unit and travel in JSON as
decimal strings at exactly that scale ("1234.50" EUR, "1200" JPY). Never a float.
"""

from decimal import Decimal, InvalidOperation
from functools import cache

import iso4217


class UnknownCurrency(ValueError):
    """The code is not an active ISO 4217 currency."""


class InvalidAmount(ValueError):
    """The text is not a decimal amount, or has more decimals than its currency allows."""


@cache
def currency_scale(code: str) -> int:
    """Number of decimal places of the currency's minor unit."""
    try:
        exponent = iso4217.Currency(code).exponent
    except ValueError as exc:
        raise UnknownCurrency(f"{code!r} is not an ISO 4217 currency code") from exc
    if exponent is None:  # funds and metals such as XAU have no minor unit
        raise UnknownCurrency(f"{code!r} has no minor unit and cannot be invoiced")
    return int(exponent)


def to_minor(amount: str | Decimal, currency: str) -> int:
    """Parse a decimal amount into minor units, refusing more precision than the currency has."""
    try:
        value = Decimal(amount) if isinstance(amount, str) else amount
    except InvalidOperation as exc:
        raise InvalidAmount(f"{amount!r} is not a decimal amount") from exc
    if not value.is_finite():
        raise InvalidAmount(f"{amount!r} is not a finite amount")
    scale = currency_scale(currency)
    minor = value.scaleb(scale)
    if minor != minor.to_integral_value():
        raise InvalidAmount(f"{amount} has more than {scale} decimal places for {currency}")
    return int(minor)


def format_minor(minor: int, currency: str) -> str:
    """Render minor units as a decimal string at the currency's exact scale."""
    scale = currency_scale(currency)
    return f"{Decimal(minor).scaleb(-scale):.{scale}f}"
