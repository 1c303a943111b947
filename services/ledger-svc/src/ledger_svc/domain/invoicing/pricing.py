"""Pricing an invoice line: quantity x unit price, less its discount, plus its tax.

Rounding happens per line, half-up to the currency's minor unit, at three points only:
the extended amount (quantity x unit price), a percentage discount, and the tax. The
invoice's net, tax and gross totals are exact sums of the rounded lines, so a printed
invoice always adds up.
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

from ledger_svc.domain.amounts import ensure_within_bounds, parse_amount
from ledgerflow_platform.errors import DomainError

QUANTITY_DECIMALS = 4
MAX_QUANTITY = Decimal(10) ** 10
PERCENT_DECIMALS = 4
HUNDRED = Decimal(100)
# Wide enough that every product below is exact before the one rounding we intend.
_EXACT = Context(prec=60)


class InvalidQuantity(DomainError):
    """A line quantity that is not a positive number with at most four decimals."""


class InvalidDiscount(DomainError):
    """A line discount that is negative, over 100 %, or more than the line is worth."""


class InvalidTaxRate(DomainError):
    """A tax rate outside 0-100 % or finer than four decimals."""


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_EXACT))


def share_of(amount: int, percent: Decimal, *, round_up_halves: bool = True) -> int:
    """`percent` % of `amount` minor units, rounded half-up (or down, for instalment shares)."""
    exact = _EXACT.divide(_EXACT.multiply(Decimal(amount), percent), HUNDRED)
    if round_up_halves:
        return round_half_up(exact)
    return int(exact.quantize(Decimal(1), rounding=ROUND_DOWN, context=_EXACT))


def check_percent(
    value: Decimal, *, field: str, error: type[DomainError], above_zero: bool = False
) -> Decimal:
    """A percentage from 0 (or above 0) to 100 with at most four decimals."""
    low_ok = value > 0 if above_zero else value >= 0
    if not value.is_finite() or not low_ok or value > HUNDRED:
        bound = "above 0" if above_zero else "from 0"
        raise error(f"{field} must be {bound} to 100 percent, not {value}.", field=field)
    if value != round(value, PERCENT_DECIMALS):
        raise error(f"{field} {value} has more than {PERCENT_DECIMALS} decimals.", field=field)
    return value


@dataclass(frozen=True)
class DiscountRequest:
    """A line discount as asked for: a percentage of the line or a fixed amount, not both."""

    percent: Decimal | None = None
    amount: str | None = None


@dataclass(frozen=True)
class LineRequest:
    """One line as the biller asked for it, before pricing."""

    description: str
    quantity: Decimal
    unit_price: str
    discount: DiscountRequest | None = None
    tax_rate: Decimal | None = None


@dataclass(frozen=True)
class InvoiceLine:
    """A priced line: extended amount, discount taken off it, and tax on what remains."""

    description: str
    quantity: Decimal
    unit_price: int
    amount: int
    discount_amount: int = 0
    discount_percent: Decimal | None = None
    tax_rate: Decimal = Decimal(0)
    tax_amount: int = 0

    @property
    def net(self) -> int:
        return self.amount - self.discount_amount

    @property
    def gross(self) -> int:
        return self.net + self.tax_amount


def _check_quantity(quantity: Decimal, field: str) -> None:
    if not quantity.is_finite() or quantity <= 0 or quantity >= MAX_QUANTITY:
        raise InvalidQuantity(
            f"Quantity must be more than 0 and below {MAX_QUANTITY}, not {quantity}.", field=field
        )
    if quantity != round(quantity, QUANTITY_DECIMALS):
        raise InvalidQuantity(
            f"Quantity {quantity} has more than {QUANTITY_DECIMALS} decimal places.", field=field
        )


def _discount(
    discount: DiscountRequest | None, amount: int, currency: str, field: str
) -> tuple[int, Decimal | None]:
    """(minor units off the line, the percentage if it was one)."""
    if discount is None:
        return 0, None
    if (discount.percent is None) == (discount.amount is None):
        raise InvalidDiscount("Give a discount as either a percent or an amount.", field=field)
    if discount.percent is not None:
        percent = check_percent(discount.percent, field=f"{field}.percent", error=InvalidDiscount)
        return share_of(amount, percent), percent
    assert discount.amount is not None
    off = parse_amount(discount.amount, currency, field=f"{field}.amount", allow_zero=True)
    if off > amount:
        raise InvalidDiscount(
            f"The discount {discount.amount} is more than the line's amount.",
            field=f"{field}.amount",
        )
    return off, None


def price_line(line: LineRequest, currency: str, *, index: int) -> InvoiceLine:
    field = f"lines.{index}"
    _check_quantity(line.quantity, f"{field}.quantity")
    unit_price = parse_amount(
        line.unit_price, currency, field=f"{field}.unit_price", allow_zero=True
    )
    amount = round_half_up(_EXACT.multiply(line.quantity, Decimal(unit_price)))
    ensure_within_bounds(amount, currency, field=f"{field}.amount")
    off, percent = _discount(line.discount, amount, currency, f"{field}.discount")
    rate = Decimal(0)
    if line.tax_rate is not None:
        rate = check_percent(line.tax_rate, field=f"{field}.tax_rate", error=InvalidTaxRate)
    tax = share_of(amount - off, rate)
    priced = InvoiceLine(
        line.description, line.quantity, unit_price, amount, off, percent, rate, tax
    )
    ensure_within_bounds(priced.gross, currency, field=f"{field}.amount")
    return priced
